using System.Text.Json;
using ClearanceWorkflow.Infrastructure.Jobs;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Background;

/// <summary>
/// The reinvestigation sweep run on two nodes of one server database, three times on each at once (the job run directly
/// on each node, without Hangfire's one-at-a-time filter) and three times more through Hangfire on either: one reminder
/// per clearance. The reminder threshold (4000 days) is past a new clearance's ten years,
/// so a clearance granted now is due for it.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.Servers))]
public sealed class TwoNodeSweepTests(DatabaseKind kind) : BackgroundTest(kind)
{
    private ApiFactory _second = null!;

    protected override ApiFactory CreateFactory(TestDatabase database) => Node(database, keys: null);

    private static ApiFactory Node(TestDatabase database, TestKeys? keys) => new(
        database,
        settings =>
        {
            ShortIntervals(settings);
            settings["Reinvestigation:ReminderDays:0"] = "4000";
        },
        keys: keys);

    [OneTimeSetUp]
    public void StartSecondNode()
    {
        _second = Node(Database, Factory.Keys);
        _ = _second.Server;
    }

    [OneTimeTearDown]
    public async Task StopSecondNodeAsync()
    {
        if (_second is not null)
        {
            await _second.DisposeAsync();
        }
    }

    [Test]
    public async Task SweepJob_ThreeTimesOnEachNodeAtOnceAndThroughHangfire_OneReminderPerClearance()
    {
        var clearances = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            using var alice = NewApplicant();
            var id = await Driver.CaseInDecisionAsync(alice, Investigator, Adjudicator);
            await Driver.ActOkAsync(Adjudicator, id, "grant", CaseDriver.GrantBody());
            clearances.Add((await Driver.GetJsonAsync(alice, "/api/v1/me/clearance")).GetProperty("id").GetGuid());
        }

        var nodes = Enumerable.Range(0, 3).SelectMany(_ => new[] { Factory, _second }).ToList();
        await Task.WhenAll(nodes.Select(node => ActivatorUtilities.CreateInstance<ReinvestigationSweepJob>(node.Services).RunAsync(CancellationToken.None)));
        var jobs = nodes.Select(node => (node, job: node.TriggerRecurring(ReinvestigationSweepJob.RecurringId))).ToList();
        foreach (var (node, job) in jobs)
        {
            await node.SucceededAsync(job);
        }

        var reminders = (await InDatabaseAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Type == "clearance.reinvestigation-due").Select(m => m.Payload).ToListAsync()))
            .Select(p => JsonDocument.Parse(p).RootElement.GetProperty("clearanceId").GetGuid())
            .ToList();
        foreach (var clearance in clearances)
        {
            Assert.That(reminders.Count(r => r == clearance), Is.EqualTo(1), $"clearance {clearance}");
        }

        var audited = await InDatabaseAsync(db => db.AuditEvents.AsNoTracking().CountAsync(e => e.Action == "clearance.reinvestigation-reminder"));
        Assert.That(audited, Is.EqualTo(clearances.Count));
    }
}
