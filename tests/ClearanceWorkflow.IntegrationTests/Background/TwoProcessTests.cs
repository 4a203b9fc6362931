using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.IntegrationTests.Foundation;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.IntegrationTests.Background;

/// <summary>
/// Two service processes (<c>dotnet ClearanceWorkflow.Api.dll</c>, as operators run it) on one server database,
/// with the same settings and a job server each, against one loopback provider that is sometimes slow and
/// sometimes answers 503. Checks and the reinvestigation sweep (every 2 s, registered by both) run on both nodes,
/// and both hand SLA timers (the review SLA cut to seconds in a copy of the workflow) over to Hangfire; the
/// database must hold each check result, each timer action and each reminder once. The reminder threshold (4000 days) is past a new
/// clearance's ten years, so a clearance granted now is due for it.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.Servers))]
public sealed class TwoProcessTests(DatabaseKind kind)
{
    private const int CaseCount = 24;
    private const int GrantCount = 6;
    private const string ReviewSla = "PT4S";
    private const string ReminderDays = "4000";
    private const string CheckJob = "VerificationCheckJob";
    private const string TimerJob = "SlaBreachJob";
    private const string SweepJob = "ReinvestigationSweepJob";

    private readonly TestKeys _keys = new();
    private readonly List<RunningService> _nodes = [];
    private readonly CaseDriver _driver = new();
    private TestDatabase _database = null!;
#pragma warning disable NUnit1032 // Started in OneTimeSetUp and stopped in OneTimeTearDown.
    private FakeProvider _provider = null!;
#pragma warning restore NUnit1032

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _database = await TestDatabase.CreateAsync(kind);
        _provider = FakeProvider.Start();
        var workflows = Path.Combine(_database.Directory, "workflows");
        Directory.CreateDirectory(workflows);
        // Every version (the highest is active), each with the short review SLA.
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "workflows"), "clearance.v*.json"))
        {
            var definition = await File.ReadAllTextAsync(file);
            const string review = """{ "name": "review", "sla": "P20D" }""";
            Assert.That(definition, Does.Contain(review));
            await File.WriteAllTextAsync(Path.Combine(workflows, Path.GetFileName(file)), definition.Replace(review, $$"""{ "name": "review", "sla": "{{ReviewSla}}" }""", StringComparison.Ordinal));
        }

        // One after the other, so the second finds the schemas in place.
        foreach (var node in new[] { "node1", "node2" })
        {
            _nodes.Add(await ServiceProcess.StartAsync(_database.Directory, Settings(workflows, Path.Combine(_database.Directory, node)), LoopbackServer.NothingListening()));
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        await _provider.DisposeAsync();
        await _database.DisposeAsync();
    }

    [TearDown]
    public async Task ReportNodesAsync()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            foreach (var (node, i) in _nodes.Select((n, i) => (n, i + 1)))
            {
                await TestContext.Out.WriteLineAsync($"node {i} (pid {node.Process.Id}, exited: {node.Process.HasExited}):\n{node.Output}");
            }
        }
    }

    /// <summary>The settings of both nodes, but for each one's data folder.</summary>
    private Dictionary<string, string?> Settings(string workflows, string dataPath)
    {
        Directory.CreateDirectory(dataPath);
        return new Dictionary<string, string?>(_keys.Settings())
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Database:Provider"] = kind.ToString(),
            ["ConnectionStrings:Clearance"] = _database.ConnectionString,
            ["DataPath"] = dataPath,
            ["Workflows:Path"] = workflows,
            ["Verification:Automated"] = "true",
            ["Verification:BaseUrl"] = _provider.BaseUrl.ToString(),
            ["Verification:AttemptTimeout"] = "00:00:02",
            ["Verification:Retries"] = "1",
            ["Verification:RetryDelay"] = "00:00:00.05",
            ["Verification:JobRetries"] = "3",
            ["Verification:JobRetryDelay"] = "00:00:01",
            ["Verification:JobRetryMaxDelay"] = "00:00:02",
            ["Jobs:PollInterval"] = "00:00:00.2",
            ["Jobs:SchedulePollInterval"] = "00:00:01",
            ["Jobs:DispatchInterval"] = "00:00:01",
            // Seconds first: both nodes' recurring-job schedulers take turns enqueuing it.
            ["Jobs:ReinvestigationCron"] = "*/2 * * * * *",
            ["Notifications:DispatchInterval"] = "00:00:01",
            ["Reinvestigation:ReminderDays:0"] = ReminderDays,
            // The reminders this test counts are for clearances not enrolled in continuous vetting.
            ["Vetting:Enabled"] = "false",
        };
    }

    private HttpClient Client(RunningService node, string subject, string role)
    {
        var client = new HttpClient { BaseAddress = node.Url, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _keys.Token(subject, role));
        return client;
    }

    private async Task<Guid> SubmitAsync(RunningService node, string familyName)
    {
        using var applicant = Client(node, $"alice-{Guid.NewGuid():N}"[..19], "applicant");
        return await _driver.SubmittedCaseAsync(applicant, "Secret", CaseDriver.Subject(familyName));
    }

    private async Task<Guid> GrantAsync(RunningService node, Guid id)
    {
        using var adjudicator = Client(node, "adam-two-process", "adjudicator");
        await _driver.ActOkAsync(adjudicator, id, "claim");
        await _driver.ActOkAsync(adjudicator, id, "refer-to-decision");
        await _driver.ActOkAsync(adjudicator, id, "grant", CaseDriver.GrantBody());
        return id;
    }

    private async Task<T> InDatabaseAsync<T>(Func<ClearanceDbContext, Task<T>> query)
    {
        await using var db = new ClearanceDbContext(SchemaTests.Settings(_database).Options());
        return await query(db);
    }

    private Task<List<(string Action, Guid? CaseId, JsonElement Detail)>> AuditAsync(params string[] actions) =>
        InDatabaseAsync(async db => (await db.AuditEvents.AsNoTracking().Where(e => actions.Contains(e.Action)).Select(e => new { e.Action, e.CaseId, e.Detail }).ToListAsync())
            .Select(e => (e.Action, e.CaseId, JsonDocument.Parse(e.Detail).RootElement.Clone())).ToList());

    private Task<List<JsonElement>> OutboxAsync(string type) =>
        InDatabaseAsync(async db => (await db.OutboxMessages.AsNoTracking().Where(m => m.Type == type).Select(m => m.Payload).ToListAsync())
            .Select(p => JsonDocument.Parse(p).RootElement.Clone()).ToList());

    /// <summary>Every run Hangfire started, from its state history: the job's class, and the process whose job server ran it.</summary>
    private async Task<List<(string Job, int ProcessId)>> JobRunsAsync()
    {
        var runs = new List<(string, int)>();
        await using var connection = RawDatabase.Open(_database);
        await using var command = connection.CreateCommand();
        // Unquoted, so the same text names Hangfire's tables on PostgreSQL (lower case) and SQL Server.
        command.CommandText = "SELECT j.invocationdata, s.data FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid WHERE s.name = 'Processing'";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var type = JsonDocument.Parse(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!).RootElement.GetProperty("Type").GetString()!;
            var server = JsonDocument.Parse(Convert.ToString(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)!).RootElement.GetProperty("ServerId").GetString()!;
            // The job server is named clearance-{process id}-{guid} (JobServerName).
            runs.Add((type.Split(',')[0].Split('.')[^1], int.Parse(server.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture)));
        }

        return runs;
    }

    private static Dictionary<int, int> PerProcess(IEnumerable<(string Job, int ProcessId)> runs, string job) =>
        runs.Where(r => r.Job == job).GroupBy(r => r.ProcessId).ToDictionary(g => g.Key, g => g.Count());

    [Test]
    public async Task TwoProcesses_ChecksOnBothTimersAndSweepsOnEither_EachResultTimerActionAndReminderOnce()
    {
        var clock = Stopwatch.StartNew();
        string[] profiles = ["Steady", "Slow", "Flaky", "Relapse"];
        // Slow: every answer after 300 ms. Flaky: each check's first request 503 with Retry-After, retried in the run.
        // Relapse: the identity check's first run fails twice, so Hangfire retries the job (on either node).
        _provider.Respond = call => call.FamilyName switch
        {
            { } f when f.StartsWith("Slow", StringComparison.Ordinal) => new ProviderReply { Delay = TimeSpan.FromMilliseconds(300) },
            { } f when f.StartsWith("Flaky", StringComparison.Ordinal) && call.KeyAttempt == 1 => ProviderReply.Failure(503, retryAfter: "1"),
            { } f when f.StartsWith("Relapse", StringComparison.Ordinal) && call.Kind == "identity" && call.KeyAttempt <= 2 => ProviderReply.Failure(503),
            _ => ProviderReply.Clear(),
        };

        var ids = await Task.WhenAll(Enumerable.Range(0, CaseCount).Select(i => SubmitAsync(_nodes[i % 2], $"{profiles[i % profiles.Length]}{Guid.NewGuid():N}"[..(profiles[i % profiles.Length].Length + 8)])));

        // Every case's checks end, the case moves to review, and its review SLA runs out.
        await Eventually.Until(
            () => AuditAsync("case.sla-breached"),
            breaches => ids.All(id => breaches.Any(b => b.CaseId == id)),
            "every case's review timer to fire",
            TimeSpan.FromSeconds(120));

        var timersFired = clock.Elapsed;
        var clearanceCases = await Task.WhenAll(ids.Take(GrantCount).Select((id, i) => GrantAsync(_nodes[i % 2], id)));
        var clearances = await InDatabaseAsync(db => db.Clearances.AsNoTracking().Where(c => clearanceCases.Contains(c.CaseId)).Select(c => c.Id).ToListAsync());
        Assert.That(clearances, Has.Count.EqualTo(GrantCount));

        // Reminders go out, and the sweep then runs some more times on whichever node.
        await Eventually.Until(
            () => AuditAsync("clearance.reinvestigation-reminder"),
            reminders => clearances.All(c => reminders.Any(r => r.Detail.GetProperty("clearanceId").GetGuid() == c)),
            "a reminder for every clearance",
            TimeSpan.FromSeconds(60));
        var remindersSent = clock.Elapsed;
        var sweepsBefore = PerProcess(await JobRunsAsync(), SweepJob).Values.Sum();
        await Eventually.Until(async () => PerProcess(await JobRunsAsync(), SweepJob).Values.Sum() >= sweepsBefore + 4, "four more sweeps", TimeSpan.FromSeconds(60));

        var checks = await InDatabaseAsync(db => db.Checks.AsNoTracking().Where(c => ids.Contains(c.CaseId)).Select(c => new { c.CaseId, c.Kind, c.Status }).ToListAsync());
        var results = (await AuditAsync("check.result")).Where(r => ids.Contains(r.CaseId!.Value)).ToList();
        var resultsPerCheck = results.GroupBy(r => (r.CaseId, Kind: r.Detail.GetProperty("kind").GetString())).ToDictionary(g => g.Key, g => g.Count());
        var breaches = await AuditAsync("case.sla-breached");
        var overdue = await OutboxAsync("case.overdue");
        var reminders = await AuditAsync("clearance.reinvestigation-reminder");
        var due = await OutboxAsync("clearance.reinvestigation-due");
        var expected = clearances.Select(c => (c, int.Parse(ReminderDays, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        using (Assert.EnterMultipleScope())
        {
            // Checks: all ended, each result recorded once.
            Assert.That(checks, Has.Count.EqualTo(CaseCount * BackgroundTest.Tier3Kinds.Length));
            Assert.That(checks.Where(c => !c.Status.IsTerminal()), Is.Empty, "every check ended");
            Assert.That(resultsPerCheck.Keys, Is.EquivalentTo(checks.Select(c => ((Guid?)c.CaseId, (string?)c.Kind))), "a result for every check");
            Assert.That(resultsPerCheck.Where(r => r.Value != 1), Is.Empty, "no check result recorded twice");

            // Timers: one breach per case (its review visit), one overdue notification.
            Assert.That(breaches.Select(b => b.CaseId!.Value), Is.EquivalentTo(ids), "one breach per case");
            Assert.That(breaches.Select(b => b.Detail.GetProperty("stage").GetString()), Is.All.EqualTo("review"));
            Assert.That(overdue.Select(n => n.GetProperty("caseId").GetGuid()), Is.EquivalentTo(ids), "one overdue notification per case");

            // Reminders: one per clearance and threshold, in the audit trail and in the outbox.
            Assert.That(reminders.Select(r => (r.Detail.GetProperty("clearanceId").GetGuid(), r.Detail.GetProperty("thresholdDays").GetInt32())), Is.EquivalentTo(expected), "one audited reminder per clearance and threshold");
            Assert.That(due.Select(r => (r.GetProperty("clearanceId").GetGuid(), r.GetProperty("thresholdDays").GetInt32())), Is.EquivalentTo(expected), "one reminder notification per clearance and threshold");
        }

        // Both processes ran checks.
        var runs = await JobRunsAsync();
        var nodes = _nodes.Select(n => n.Process.Id).ToList();
        await TestContext.Out.WriteLineAsync(
            $"every check ended and every timer fired after {timersFired.TotalSeconds:0} s, every reminder sent after {remindersSent.TotalSeconds:0} s, done after {clock.Elapsed.TotalSeconds:0} s; job runs per process {string.Join(" and ", nodes)}: " +
            string.Join("; ", new[] { CheckJob, TimerJob, SweepJob }.Select(job => $"{job} {string.Join("/", nodes.Select(n => PerProcess(runs, job).GetValueOrDefault(n)))}")) +
            $"; provider calls {_provider.Calls.Count}, results {results.Count}");
        Assert.That(PerProcess(runs, CheckJob).Keys, Is.EquivalentTo(nodes), "both processes ran checks");
        // Timers and sweeps may all run on one node: the node whose scheduler moves due jobs to the queue wakes its
        // own workers at once, and the other finds them only by polling. Each timer action and reminder happened
        // once (above), whichever node ran it and however many nodes scheduled it.
        Assert.That(runs.Select(r => r.ProcessId).Distinct(), Is.SubsetOf(nodes));
        Assert.That(_nodes.Select(n => n.Process.HasExited), Is.All.False);
    }
}
