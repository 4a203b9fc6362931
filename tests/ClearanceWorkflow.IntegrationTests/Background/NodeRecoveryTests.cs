using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Background;

/// <summary>
/// A node killed in the middle of a job: node A, the service as its own process
/// (<c>dotnet ClearanceWorkflow.Api.dll</c>), starts a case's checks and is killed (SIGKILL) while the
/// provider holds every first request; node B, started afterwards on the same server database, runs A's
/// jobs again once Hangfire's invisibility timeout (10 s here) has passed since A's last heartbeat.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.Servers))]
public sealed class NodeRecoveryTests(DatabaseKind kind)
{
    private const string ApplicantRole = "applicant";

    private readonly TestKeys _keys = new();
    private readonly ConcurrentQueue<string> _nodeAOutput = new();
    private TestDatabase _database = null!;
#pragma warning disable NUnit1032 // Started by OneTimeSetUp or the test, and stopped in OneTimeTearDown or TearDown.
    private FakeProvider _provider = null!;
    private TaskCompletionSource _firstRequests = null!;
    private Process? _nodeA;
    private ApiFactory? _nodeB;
#pragma warning restore NUnit1032

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _database = await TestDatabase.CreateAsync(kind);
        _provider = FakeProvider.Start();
        _firstRequests = _provider.NewGate();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _provider.DisposeAsync();
        await _database.DisposeAsync();
    }

    [TearDown]
    public async Task StopNodesAsync()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            foreach (var line in _nodeAOutput.TakeLast(80))
            {
                await TestContext.Out.WriteLineAsync("node A: " + line);
            }
        }

        StopNodeA();
        if (_nodeB is not null)
        {
            await _nodeB.DisposeAsync();
            _nodeB = null;
        }
    }

    /// <summary>The settings both nodes share, in configuration-key form.</summary>
    private Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>(_keys.Settings())
        {
            ["Database:Provider"] = kind.ToString(),
            ["ConnectionStrings:Clearance"] = _database.ConnectionString,
            ["DataPath"] = _database.Directory,
            ["Verification:Automated"] = "true",
            ["Verification:BaseUrl"] = _provider.BaseUrl.ToString(),
            // Long enough that a held request is still waiting when its node is killed.
            ["Verification:AttemptTimeout"] = "00:05:00",
            ["Verification:Retries"] = "1",
            ["Verification:RetryDelay"] = "00:00:00.05",
            ["Verification:JobRetries"] = "2",
            ["Verification:JobRetryDelay"] = "00:00:01",
            ["Verification:JobRetryMaxDelay"] = "00:00:02",
            ["Jobs:PollInterval"] = "00:00:00.2",
            ["Jobs:SchedulePollInterval"] = "00:00:01",
            ["Jobs:DispatchInterval"] = "00:00:01",
            // A dead node's jobs become visible to the other node this long after its last heartbeat.
            ["Jobs:InvisibilityTimeout"] = "00:00:10",
            ["Notifications:DispatchInterval"] = "00:00:01",
        };
        return settings;
    }

    private async Task<Uri> StartNodeAAsync()
    {
        var url = LoopbackServer.NothingListening();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _database.Directory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ClearanceWorkflow.Api.dll"));
        string[] inherited = ["Auth__", "Database__", "ConnectionStrings__", "Encryption__", "BlindIndex__", "Limits__", "Verification__", "Jobs__", "Notifications__", "Logging__", "ASPNETCORE_", "DOTNET_ENVIRONMENT", "DataPath"];
        foreach (var name in start.Environment.Keys.Where(k => inherited.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (key, value) in Settings())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/');
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        _nodeA = Process.Start(start)!;
        _nodeA.OutputDataReceived += (_, e) => Keep(e.Data);
        _nodeA.ErrorDataReceived += (_, e) => Keep(e.Data);
        _nodeA.BeginOutputReadLine();
        _nodeA.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.Until(
            async () =>
            {
                Assert.That(_nodeA.HasExited, Is.False, "node A stopped while starting");
                try
                {
                    return (await probe.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            "node A to be ready",
            TimeSpan.FromSeconds(90));
        return url;

        void Keep(string? line)
        {
            if (line is not null)
            {
                _nodeAOutput.Enqueue(line);
            }
        }
    }

    private void StopNodeA()
    {
        if (_nodeA is { HasExited: false })
        {
            _nodeA.Kill(entireProcessTree: true);
            _nodeA.WaitForExit(10_000);
        }

        _nodeA?.Dispose();
        _nodeA = null;
    }

    /// <summary>
    /// Node A submits a case and is killed while the provider holds the first request of each of its five
    /// checks; node B then starts. Returns the case and node B's view of its checks once they have all ended.
    /// </summary>
    private async Task<(Guid Id, CaseDriver Driver, List<JsonElement> Checks)> KillNodeAMidJobAsync(string familyName)
    {
        var nodeA = await StartNodeAAsync();
        // Node B exists (for its driver) but does not start until node A is dead.
        _nodeB = new ApiFactory(_database, settings =>
        {
            foreach (var (key, value) in Settings())
            {
                settings[key] = value;
            }
        }, keys: _keys);
        var driver = new CaseDriver(_nodeB);
        var subjectId = $"alice-{Guid.NewGuid():N}"[..19];
        Guid id;
        using (var alice = new HttpClient { BaseAddress = nodeA })
        {
            alice.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _keys.Token(subjectId, ApplicantRole));
            id = await driver.SubmittedCaseAsync(alice, "Secret", CaseDriver.Subject(familyName));
        }

        await Eventually.Until(() => _provider.CallsFor(id).Count == BackgroundTest.Tier3Kinds.Length && _provider.Waiting >= BackgroundTest.Tier3Kinds.Length, "node A's five check requests to be held by the provider", TimeSpan.FromSeconds(60));
        Assert.That(_provider.CallsFor(id).Select(c => c.Kind), Is.EquivalentTo(BackgroundTest.Tier3Kinds), "node A had all five checks in flight when it died");
        StopNodeA();
        var killedAt = Stopwatch.StartNew();

        _ = _nodeB.Server;
        using var investigator = _nodeB.ClientFor("ivan-recovery", "investigator");
        var checks = await Eventually.Until(
            async () => (await driver.GetInvestigationAsync(investigator, id)).GetProperty("checks").EnumerateArray().Select(c => c.Clone()).ToList(),
            all => all.All(c => c.GetProperty("status").GetString() is "Clear" or "Flagged" or "Unable"),
            "node B to recover and finish every check",
            TimeSpan.FromSeconds(90));
        await TestContext.Out.WriteLineAsync($"every check ended {killedAt.Elapsed.TotalSeconds:0.0} s after node A was killed (invisibility timeout {Settings()["Jobs:InvisibilityTimeout"]})");
        return (id, driver, checks);
    }

    private async Task AssertReviewWithOneResultPerCheckAsync(Guid id, CaseDriver driver)
    {
        using (var adjudicator = _nodeB!.ClientFor("adam-recovery", "adjudicator"))
        {
            var c = await Eventually.Until(() => driver.GetCaseAsync(adjudicator, id), x => x.GetProperty("stage").GetString() == "review", "the case to reach review");
            Assert.That(c.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("stage").GetString() == "background-check").GetProperty("actor").GetString(), Is.EqualTo("system"));
        }

        using var auditor = _nodeB.ClientFor("audrey-recovery", "auditor");
        var audit = await driver.GetJsonAsync(auditor, $"/api/v1/audit?caseId={id}&pageSize=500");
        var results = audit.GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() == "check.result")
            .Select(e => JsonDocument.Parse(e.GetProperty("detail").GetString()!).RootElement.GetProperty("kind").GetString())
            .ToList();
        Assert.That(results, Is.EquivalentTo(BackgroundTest.Tier3Kinds), "each result recorded exactly once");
    }

    [Test]
    public async Task NodeKilledMidJob_TheOtherNodeRecoversIt_CaseReachesReviewWithEachResultOnce()
    {
        var family = "Recovered" + Guid.NewGuid().ToString("N")[..6];
        // The first request for each check is held until its node dies; any later one is answered Clear.
        _provider.Respond = call => call.FamilyName == family && call.KeyAttempt == 1 ? new ProviderReply { Gate = _firstRequests.Task } : ProviderReply.Clear();

        var (id, driver, checks) = await KillNodeAMidJobAsync(family);

        Assert.That(checks.Select(c => c.GetProperty("status").GetString()), Is.All.EqualTo("Clear"));
        Assert.That(checks.Select(c => c.GetProperty("attempts").GetInt32()), Is.All.EqualTo(2), "one run on node A, one recovered on node B");
        await AssertReviewWithOneResultPerCheckAsync(id, driver);
        var perKey = _provider.CallsFor(id).GroupBy(c => c.IdempotencyKey).ToDictionary(g => g.Key!, g => g.Count());
        Assert.That(perKey.Values, Is.All.EqualTo(2), "the held request from node A, and node B's recovered one with the same Idempotency-Key");
    }

    [Test]
    public async Task NodeKilledMidJob_RecoveredRunFailsToo_HangfiresRetriesStillApply()
    {
        var family = "Relapse" + Guid.NewGuid().ToString("N")[..6];
        // Held until node A dies; then both in-run attempts of the identity check's recovered run fail
        // (one check only, so the provider's circuit stays closed); then Clear.
        _provider.Respond = call => call.FamilyName != family
            ? ProviderReply.Clear()
            : call.KeyAttempt switch
            {
                1 => new ProviderReply { Gate = _firstRequests.Task },
                2 or 3 when call.Kind == "identity" => ProviderReply.Failure(503),
                _ => ProviderReply.Clear(),
            };

        var (id, driver, checks) = await KillNodeAMidJobAsync(family);

        var byKind = checks.ToDictionary(c => c.GetProperty("kind").GetString()!, c => c);
        Assert.That(byKind.Values.Select(c => c.GetProperty("status").GetString()), Is.All.EqualTo("Clear"), string.Join(", ", checks));
        Assert.That(byKind["identity"].GetProperty("attempts").GetInt32(), Is.EqualTo(3), "node A's run, the recovered run that failed, and Hangfire's retry");
        Assert.That(byKind.Where(c => c.Key != "identity").Select(c => c.Value.GetProperty("attempts").GetInt32()), Is.All.EqualTo(2));
        await AssertReviewWithOneResultPerCheckAsync(id, driver);
    }
}
