using System.Collections.Concurrent;
using System.Text.Json;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.IntegrationTests.Background;

/// <summary>
/// Two service instances on one server database (PostgreSQL, or SQL Server when configured), sharing one
/// Hangfire storage, one verification provider. The workflows are the repository's clearance.v*.json
/// with the review SLA cut to seconds, so every case's review timer falls due during the test.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.Servers))]
public sealed class ClusterTests(DatabaseKind kind) : BackgroundTest(kind)
{
    private const string ReviewSla = "PT4S";

#pragma warning disable NUnit1032 // Started with the service in CreateFactory (OneTimeSetUp) and stopped in OneTimeTearDown.
    private FakeProvider _provider = null!;
#pragma warning restore NUnit1032
    private string _workflows = null!;
    private ApiFactory _second = null!;

    protected override ApiFactory CreateFactory(TestDatabase database)
    {
        _provider = FakeProvider.Start();
        _workflows = Path.Combine(database.Directory, "workflows");
        Directory.CreateDirectory(_workflows);
        // Every version (the highest is active), each with the short review SLA.
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "workflows"), "clearance.v*.json"))
        {
            var definition = File.ReadAllText(file);
            const string review = """{ "name": "review", "sla": "P20D" }""";
            Assert.That(definition, Does.Contain(review));
            File.WriteAllText(Path.Combine(_workflows, Path.GetFileName(file)), definition.Replace(review, $$"""{ "name": "review", "sla": "{{ReviewSla}}" }""", StringComparison.Ordinal));
        }
        return Node(database, keys: null);
    }

    private ApiFactory Node(TestDatabase database, TestKeys? keys) => new(
        database,
        settings =>
        {
            AutomatedChecks(settings, _provider.BaseUrl);
            // Two nodes share the machine: a call slowed past the short test timeout would be sent twice.
            settings["Verification:AttemptTimeout"] = "00:00:10";
            settings["Workflows:Path"] = _workflows;
        },
        keys: keys);

    [OneTimeSetUp]
    public void StartSecondNode()
    {
        _second = Node(Database, Factory.Keys);
        _ = _second.Server;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_second is not null)
        {
            await _second.DisposeAsync();
        }

        await _provider.DisposeAsync();
    }

    /// <summary>Submits <paramref name="count"/> cases, alternating between the two nodes, all at once.</summary>
    private Task<Guid[]> SubmitThroughBothAsync(int count, string prefix) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(i => SubmitAsync(Family(prefix), on: i % 2 == 0 ? Factory : _second)));

    private static int Recorded(ApiFactory node) =>
        node.Logs.Lines.Count(l => l.Contains("(recorded now: True)", StringComparison.Ordinal));

    [Test]
    public async Task TwoNodes_TenCasesSubmittedThroughBoth_EveryCheckReachesTheProviderOnceAndEveryCaseReachesReview()
    {
        var ids = await SubmitThroughBothAsync(10, "Cluster");

        foreach (var id in ids)
        {
            await WaitForStageAsync(id, "review", TimeSpan.FromSeconds(90));
        }

        var keys = ids.SelectMany(id => Tier3Kinds.Select(k => $"{id}:{k}")).ToList();
        var calls = _provider.Calls.Where(c => keys.Contains(c.IdempotencyKey!)).ToList();
        var perKey = calls.GroupBy(c => c.IdempotencyKey!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Assert.That(perKey.Keys, Is.EquivalentTo(keys));
        Assert.That(perKey.Where(p => p.Value != 1), Is.Empty, "no check reached the provider twice");
        foreach (var id in ids)
        {
            Assert.That((await ChecksAsync(id)).Values.Select(StatusOf), Is.All.EqualTo("Clear"));
            Assert.That(await CheckResultEventsAsync(id), Is.EquivalentTo(Tier3Kinds.ToDictionary(k => k, _ => 1)), $"case {id}");
        }

        await TestContext.Out.WriteLineAsync($"check results recorded by node 1: {Recorded(Factory)}, by node 2: {Recorded(_second)}");
    }

    [Test]
    public async Task TwoNodes_ReviewTimersFallDue_EachFiresOnce()
    {
        var ids = await SubmitThroughBothAsync(6, "Timer");

        foreach (var id in ids)
        {
            await WaitForStageAsync(id, "review", TimeSpan.FromSeconds(90));
            await Eventually.Until(() => Driver.GetCaseAsync(Adjudicator, id), c => c.GetProperty("overdue").GetBoolean(), $"case {id} overdue in review");
            await Eventually.Until(() => Factory.SlaTimer(id) is { State: "Succeeded" }, $"the review timer of case {id} to be done");
        }

        var overdueNotifications = new ConcurrentBag<Guid>();
        foreach (var payload in await InDatabaseAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Type == "case.overdue").Select(m => m.Payload).ToListAsync()))
        {
            overdueNotifications.Add(JsonDocument.Parse(payload).RootElement.GetProperty("caseId").GetGuid());
        }

        foreach (var id in ids)
        {
            var breaches = (await AuditAsync(id)).Where(e => ActionOf(e) == "case.sla-breached").Select(DetailOf).ToList();
            Assert.That(breaches, Has.Count.EqualTo(1), $"case {id}");
            Assert.That(breaches[0].GetProperty("stage").GetString(), Is.EqualTo("review"));
            Assert.That(overdueNotifications.Count(n => n == id), Is.EqualTo(1), $"case {id}");
        }
    }
}
