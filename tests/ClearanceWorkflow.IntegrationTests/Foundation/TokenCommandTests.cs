using System.Net;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

/// <summary>
/// The <c>token</c> CLI verb, run as operators run it (the built service as a child process, Development,
/// only a data folder configured), prints a token the service in Development accepts.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class TokenCommandTests(DatabaseKind kind)
{
    private TestDatabase _database = null!;

    [SetUp]
    public async Task CreateDatabaseAsync() => _database = await TestDatabase.CreateAsync(kind);

    [TearDown]
    public async Task DropDatabaseAsync() => await _database.DisposeAsync();

    [Test]
    public async Task Token_DevelopmentLocalKey_ServiceAcceptsIt()
    {
        var (exitCode, stdout, stderr) = await RunAsync("token", "--sub", "alice", "--role", "applicant", "--minutes", "5");
        Assert.That(exitCode, Is.EqualTo(0), stderr);
        var token = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();

        var jwt = new JsonWebToken(token);
        Assert.That(jwt.Subject, Is.EqualTo("alice"));
        Assert.That(jwt.GetPayloadValue<string[]>("roles"), Is.EqualTo(new[] { "applicant" }));
        Assert.That(jwt.ValidTo, Is.EqualTo(TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(5)).Within(TimeSpan.FromMinutes(1)));
        Assert.That(Path.Combine(_database.Directory, "keys", "signing.key"), Does.Exist, "the verb created the local key in the data folder");

        await using var factory = new ApiFactory(_database) { EnvironmentName = "Development", WithTestKeys = false };
        using var client = factory.WithToken(token);
        var response = await client.GetAsync("/api/v1/me/cases");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());

        using var sameToken = factory.WithToken(token);
        Assert.That((await sameToken.GetAsync("/api/v1/audit")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the token carries only the role asked for");
    }

    [Test]
    public async Task Token_PartnerWithPartnerId_ServiceAuthenticatesIt()
    {
        var (exitCode, stdout, stderr) = await RunAsync("token", "--sub", "agency-user", "--role", "partner", "--partner-id", "agency-1");
        Assert.That(exitCode, Is.EqualTo(0), stderr);
        var jwt = new JsonWebToken(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last());
        Assert.That(jwt.GetPayloadValue<string>("partner_id"), Is.EqualTo("agency-1"));

        await using var factory = new ApiFactory(_database) { EnvironmentName = "Development", WithTestKeys = false };
        using var client = factory.WithToken(jwt.EncodedToken);
        var response = await client.GetAsync("/api/v1/me/cases");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "authenticated (not 401), but a partner is not an applicant");
    }

    [Test]
    public async Task Token_UnknownRole_ExitsNonZeroNamingTheRole()
    {
        var (exitCode, stdout, stderr) = await RunAsync("token", "--sub", "alice", "--role", "wizard");
        Assert.That(exitCode, Is.Not.EqualTo(0));
        Assert.That(stderr, Does.Contain("wizard"));
        Assert.That(stdout.Trim(), Is.Empty, "no token is printed");
    }

    [TestCase("--sub", "system", "--role", "applicant")]
    [TestCase("--sub", "bob", "--role", "partner", "--partner-id", "-no-such-id")]
    public async Task Token_TheServiceWouldRefuse_ExitsNonZeroSayingWhy(params string[] options)
    {
        var (exitCode, stdout, stderr) = await RunAsync(["token", .. options]);
        Assert.That(exitCode, Is.Not.EqualTo(0));
        Assert.That(stderr, Does.Contain("the service would refuse this token"));
        Assert.That(stdout.Trim(), Is.Empty, "no token is printed");
    }

    [TestCase("token", "--role", "applicant")]
    [TestCase("token", "--sub", "alice")]
    [TestCase("token", "--sub", "alice", "--role", "applicant", "--minutes", "abc")]
    [TestCase("token", "--sub", "alice", "--role", "applicant", "--bogus")]
    [TestCase("migrate", "extra")]
    public async Task Verb_UsageError_Exits2WithTheErrorOnStderrAndNothingOnStdout(params string[] args)
    {
        // A script reading a token from stdout must never take help text for one.
        var (exitCode, stdout, stderr) = await RunAsync(args);
        Assert.That(exitCode, Is.EqualTo(2), stderr);
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Is.Not.Empty);
    }

    [Test]
    public async Task Token_ProductionWithoutKey_ExitsNonZeroNamingTheSettingWithoutStackTrace()
    {
        var (exitCode, stdout, stderr) = await ServiceProcess.RunAsync(
            _database.Directory,
            new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DataPath"] = _database.Directory },
            ["token", "--sub", "alice", "--role", "applicant"]);
        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("Auth__SigningKey"));
        Assert.That(stderr, Does.Not.Contain(" at "), "no stack trace");
        Assert.That(stdout, Does.Not.Contain("eyJ"), "no token is printed");
    }

    [TestCase("0")]
    [TestCase("-5")]
    [TestCase("43201")]
    [TestCase("2147483647")]
    public async Task Token_LifetimeBelowAMinuteOrAboveThirtyDays_ExitsNonZeroWithoutAToken(string minutes)
    {
        var (exitCode, stdout, stderr) = await RunAsync("token", "--sub", "alice", "--role", "applicant", "--minutes", minutes);
        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--minutes"));
        Assert.That(stdout, Does.Not.Contain("eyJ"), "no token is printed");
    }

    [Test]
    public async Task Token_DataFolderUnusable_ExitsNonZeroSayingWhyWithoutStackTrace()
    {
        var file = Path.Combine(_database.Directory, "not-a-folder");
        await File.WriteAllTextAsync(file, "a file where the data folder should be");
        var (exitCode, stdout, stderr) = await ServiceProcess.RunAsync(
            _database.Directory,
            new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["DataPath"] = file },
            ["token", "--sub", "alice", "--role", "applicant"]);
        Assert.That(exitCode, Is.EqualTo(1), stderr);
        Assert.That(stderr, Does.Contain("not-a-folder"));
        Assert.That(stderr, Does.Not.Contain(" at "), "no stack trace");
        Assert.That(stdout, Does.Not.Contain("eyJ"));
    }

    [TestCase("not a url")]
    [TestCase("http://[::1")]
    [TestCase("ftp://127.0.0.1/")]
    [TestCase("file:///etc/passwd")]
    public async Task Healthcheck_UrlNotHttp_ExitsNonZeroWithoutStackTrace(string url)
    {
        var (exitCode, _, stderr) = await RunAsync("healthcheck", "--url", url);
        Assert.That(exitCode, Is.EqualTo(2), stderr);
        Assert.That(stderr, Does.Contain("--url").And.Not.Contain(" at "));
    }

    [TestCase("", "http://+:{0}")]
    [TestCase("{0}", "")]
    [TestCase(null, "http://*:{0};https://+:1")]
    [TestCase("", "http://0.0.0.0:{0}/")]
    [TestCase("", "https://+:1;http://+:{0}")]
    public async Task Healthcheck_WithoutUrl_AsksTheLocalPortTheServiceListensOn(string? httpPorts, string urls)
    {
        var asked = new List<string>();
        await using var ready = LoopbackServer.Start(context =>
        {
            lock (asked)
            {
                asked.Add(context.Request.Path);
            }

            return Task.CompletedTask;
        });
        string? Port(string? format) => format is null ? null : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, ready.Root.Port);

        // As in the image: ASPNETCORE_HTTP_PORTS cleared, ASPNETCORE_URLS deciding (or the other way round).
        var (exitCode, _, stderr) = await ServiceProcess.RunAsync(
            _database.Directory,
            new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["DataPath"] = _database.Directory, ["ASPNETCORE_HTTP_PORTS"] = Port(httpPorts), ["ASPNETCORE_URLS"] = Port(urls) },
            ["healthcheck"]);

        Assert.That(exitCode, Is.Zero, stderr);
        Assert.That(asked, Is.EqualTo(new[] { "/health/ready" }));
    }

    [Test]
    public async Task Healthcheck_ServiceOnHttpsOnly_AsksItThroughItsCertificateForAnotherName()
    {
        using var certificate = LoopbackServer.ForeignCertificate();
        await using var ready = LoopbackServer.Start(_ => Task.CompletedTask, certificate);

        var (exitCode, _, stderr) = await ServiceProcess.RunAsync(
            _database.Directory,
            new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development", ["DataPath"] = _database.Directory, ["ASPNETCORE_HTTP_PORTS"] = "",
                ["ASPNETCORE_URLS"] = $"https://+:{ready.Root.Port}",
            },
            ["healthcheck"]);

        Assert.That(ready.Root.Scheme, Is.EqualTo("https"));
        Assert.That(exitCode, Is.Zero, stderr);
    }

    [Test]
    public async Task Migrate_NewDatabase_LogsWhatItApplied()
    {
        var (exitCode, stdout, stderr) = await ServiceProcess.RunAsync(
            _database.Directory,
            new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development", ["DataPath"] = Path.Combine(_database.Directory, "migrate-verb"),
            },
            ["migrate"]);

        Assert.That(exitCode, Is.Zero, stderr);
        Assert.That(stdout, Does.Match(@"Database on Sqlite is up to date \(\d+ migrations applied now\)"));
        Assert.That(stdout.TrimEnd(), Does.EndWith("migrated"));
    }

    [Test]
    public async Task UnknownVerb_ExitsNonZeroNamingTheVerbsInsteadOfStartingTheService()
    {
        var (exitCode, stdout, stderr) = await RunAsync("tokn", "--sub", "alice");
        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("unknown verb 'tokn'").And.Contain("token"));
    }

    [TestCase("--migrate")]
    [TestCase("--", "migrate")]
    public async Task VerbWrittenAsAnOption_ExitsNonZeroNamingTheVerbInsteadOfStartingTheService(params string[] args)
    {
        // The service would start and never exit, in a job meant to migrate.
        var (exitCode, _, stderr) = await RunAsync(args);
        Assert.That(exitCode, Is.EqualTo(2), stderr);
        Assert.That(stderr, Does.Contain("did you mean 'migrate'"));
    }

    [TestCase(503)]
    [TestCase(null)]
    public async Task Healthcheck_NotReady_SaysWhyInOneLine(int? status)
    {
        await using var notReady = LoopbackServer.Start(context =>
        {
            context.Response.StatusCode = status ?? 200;
            return Task.CompletedTask;
        });
        var url = status is null ? LoopbackServer.NothingListening() : new Uri(notReady.Root, "/health/ready");

        var (exitCode, stdout, stderr) = await RunAsync("healthcheck", "--url", url.ToString());

        Assert.That(exitCode, Is.EqualTo(1), stdout);
        Assert.That(stderr, Does.StartWith("not ready: ").And.Contain(status is null ? url.Authority : "answered 503"));
        Assert.That(stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
    }

    /// <summary><c>dotnet ClearanceWorkflow.Api.dll args</c> with only ASPNETCORE_ENVIRONMENT=Development and DataPath set among the service's settings.</summary>
    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) =>
        ServiceProcess.RunAsync(
            _database.Directory,
            new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["DataPath"] = _database.Directory },
            args);
}
