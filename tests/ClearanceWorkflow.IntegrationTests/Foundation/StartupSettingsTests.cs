using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

/// <summary>
/// A setting the service cannot work with stops it at start, naming the setting, exit code 1 and no stack trace,
/// rather than failing every request or job later (or looping).
/// </summary>
[TestFixture]
public sealed class StartupSettingsTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("clearance-settings-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [TestCase("Clearance__ReinvestigationYearsSecret", "abc", "ReinvestigationYearsSecret")]
    [TestCase("Clearance__ReinvestigationYearsSecret", "-5", "Clearance:ReinvestigationYears")]
    [TestCase("Reinvestigation__BatchSize", "0", "Reinvestigation:BatchSize")]
    [TestCase("Reinvestigation__GraceDays", "-1", "Reinvestigation:GraceDays")]
    [TestCase("Verification__BaseUrl", "not-a-url", "Verification__BaseUrl")]
    [TestCase("Verification__BaseUrl", "http://svc:secret@127.0.0.1:9/v1/", "Verification__BaseUrl must be an absolute http or https URL, without a user name")] // it names the pipeline in logs
    [TestCase("Verification__Kinds__criminal__BaseUrl", "not-a-url", "Verification__Kinds__criminal__BaseUrl")]
    [TestCase("Verification__Kinds__Criminal__BaseUrl", "http://127.0.0.1:1/", "Verification__Kinds__Criminal")]
    [TestCase("Verification__AttemptTimeout", "00:00:00", "Verification__AttemptTimeout")]
    [TestCase("Verification__Retries", "-1", "Verification__Retries")]
    [TestCase("Notifications__Timeout", "00:00:00", "Notifications__Timeout")]
    [TestCase("Notifications__BatchSize", "0", "Notifications__BatchSize")]
    [TestCase("Notifications__DispatchInterval", "00:00:00", "Notifications__DispatchInterval")]
    [TestCase("Jobs__InvisibilityTimeout", "00:00:00", "Jobs__InvisibilityTimeout")]
    [TestCase("Jobs__DispatchInterval", "-00:00:05", "Jobs__DispatchInterval")]
    [TestCase("Auth__Authority", "not-a-url", "Auth__Authority")]
    [TestCase("Workflows__Active__clearance", "abc", "Workflows__Active__clearance")]
    [TestCase("Limits__MaxRequestBodyBytes", "0", "Limits__MaxRequestBodyBytes")]
    [TestCase("Workspace__SessionTimeout", "-00:10:00", "Workspace__SessionTimeout")]
    [TestCase("Metrics__GaugeInterval", "-00:00:01", "Metrics__GaugeInterval")]
    [TestCase("Database__Provider", "1", "Database__Provider")]
    [TestCase("Vetting__Cron", "0 0 3 ? * 2 2030", "Vetting__Cron: a year field", "Vetting__Enabled")]
    [TestCase("Timeliness__TargetDays__application", "abc", "Timeliness__TargetDays__application")] // the binder skips it without a word
    [TestCase("Timeliness__TargetDays__bogus", "5", "Timeliness__TargetDays__bogus")]
    [TestCase("Reinvestigation__ReminderDays__0", "x", "Reinvestigation__ReminderDays__0")]
    [TestCase("Reinvestigation__EscalationDays__0", "x", "Reinvestigation__EscalationDays__0")]
    [TestCase("Reinvestigation__EscalationDays__0", "91", "Reinvestigation:EscalationDays")]
    [TestCase("Jobs__PollInterval", "00:00:00", "Jobs__PollInterval")]
    [TestCase("RateLimiting__HolderCertificatePermits", "0", "RateLimiting__HolderCertificatePermits")]
    [TestCase("ASPNETCORE_URLS", "garbage", "Invalid url: 'garbage'")]
    [TestCase("Jobs__SchedulePollInterval", "-00:00:01", "Jobs__SchedulePollInterval")]
    [TestCase("Ledger__SealInterval", "99999.00:00:00", "Ledger__SealInterval")]
    [TestCase("Notifications__DispatchInterval", "99999.00:00:00", "Notifications__DispatchInterval")]
    [TestCase("Vetting__IntervalDays", "3000000", "Vetting:IntervalDays")] // once passed a grant's next run beyond year 9999: a 500 on every grant
    [TestCase("DueProcess__AnswerDays", "3000000", "DueProcess:AnswerDays")] // the same on every concurrence
    [TestCase("DueProcess__AppealDays", "3651", "DueProcess:AnswerDays and DueProcess:AppealDays")]
    [TestCase("Notifications__RetryDelay", "200.00:00:00", "Notifications__RetryDelay")]
    [TestCase("Verification__RetryDelay", "2.00:00:00", "Verification__RetryDelay")]
    [TestCase("Verification__MaxRetryAfter", "2.00:00:00", "Verification__MaxRetryAfter")]
    [TestCase("Verification__JobRetryMaxDelay", "30.00:00:00", "Verification__JobRetryMaxDelay")]
    [TestCase("Verification__JobRetryMaxDelay", "00:00:00.5", "Verification__JobRetryMaxDelay")]
    [TestCase("ConnectionStrings__Clearance", "Data Sorce=x", "ConnectionStrings__Clearance is not a valid Sqlite connection string")]
    public async Task Service_SettingItCannotWorkWith_RefusesToStartNamingIt(string setting, string value, string named, string? enabledBy = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DataPath"] = _folder,
            ["ASPNETCORE_URLS"] = LoopbackServer.NothingListening().ToString().TrimEnd('/'),
            ["Notifications__WebhookSecret"] = "a secret",
            [setting] = value,
        };
        if (enabledBy is not null)
        {
            // A setting read only when its feature is on.
            environment[enabledBy] = "true";
        }

        var (exitCode, stdout, stderr) = await ServiceProcess.RunAsync(_folder, environment);

        Assert.That(exitCode, Is.EqualTo(1), stdout + stderr);
        Assert.That(stderr, Does.Contain(named));
        Assert.That(stderr, Does.Not.Contain("   at ").And.Not.Contain("Unhandled exception"), "the cause, not a stack trace");
    }

    [Test]
    public async Task Notifications_WebhookUrlNotAbsolute_RefusesToStartNamingIt()
    {
        var (exitCode, _, stderr) = await ServiceProcess.RunAsync(
            _folder,
            new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development", ["DataPath"] = _folder,
                ["Notifications__WebhookUrl"] = "not-a-url", ["Notifications__WebhookSecret"] = "a secret",
            });

        Assert.That(exitCode, Is.EqualTo(1), stderr);
        Assert.That(stderr, Does.Contain("Notifications__WebhookUrl"));
    }

    /// <summary>A database the service cannot use, or a workflow definition it cannot read: one line and exit code 1, as for a setting.</summary>
    [TestCase("service", "not a database", null)]
    [TestCase("migrate", "not a database", null)]
    [TestCase("service", "the database cannot be used", "postgres")]
    [TestCase("migrate", "the database cannot be used", "postgres")]
    [TestCase("service", "Invalid workflow definition", "workflow")]
    public async Task Service_DatabaseOrDefinitionItCannotUse_RefusesInOneLine(string verb, string named, string? what)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DataPath"] = _folder,
            ["ASPNETCORE_URLS"] = LoopbackServer.NothingListening().ToString().TrimEnd('/'),
        };
        switch (what)
        {
            case "postgres":
                environment["Database__Provider"] = "Postgres";
                environment["ConnectionStrings__Clearance"] = $"Host=127.0.0.1;Port={LoopbackServer.NothingListening().Port};Username=x;Password=y;Timeout=2";
                break;
            case "workflow":
                var definitions = Directory.CreateDirectory(Path.Combine(_folder, "workflows")).FullName;
                foreach (var file in Directory.EnumerateFiles(Path.Combine(Tools.RepositoryRoot, "workflows"), "*.json"))
                {
                    File.Copy(file, Path.Combine(definitions, Path.GetFileName(file)));
                }

                var v2 = Path.Combine(definitions, "clearance.v2.json");
                await File.WriteAllTextAsync(v2, (await File.ReadAllTextAsync(v2)).Replace("\"stages\"", "\"stagez\"", StringComparison.Ordinal));
                environment["Workflows__Path"] = definitions;
                break;
            default:
                await File.WriteAllTextAsync(Path.Combine(_folder, "clearance.db"), "this is not a SQLite database, it is long enough to be read as one");
                break;
        }

        var (exitCode, stdout, stderr) = verb == "service"
            ? await ServiceProcess.RunAsync(_folder, environment)
            : await ServiceProcess.RunAsync(_folder, environment, verb);

        Assert.That(exitCode, Is.EqualTo(1), stdout + stderr);
        Assert.That(stderr, Does.Contain(named));
        Assert.That(stderr, Does.Not.Contain("   at ").And.Not.Contain("Unhandled exception"), "the cause, not a stack trace");
    }

    [TestCase("--help", @"Commands:[\s\S]*\bmigrate\b")]
    [TestCase("--version", @"^\d+\.\d+\.\d+")]
    public async Task HelpOrVersion_AnswersWithoutStartingTheServiceOrTouchingTheDatabase(string option, string answer)
    {
        var (exitCode, stdout, stderr) = await ServiceProcess.RunAsync(
            _folder, new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["DataPath"] = _folder }, option);

        Assert.That(exitCode, Is.Zero, stderr);
        Assert.That(stdout, Does.Match(answer), "the help lists the verbs; the version is the assembly's");
        Assert.That(Directory.EnumerateFileSystemEntries(_folder), Is.Empty, "no database, no keys");
    }
}
