using System.Globalization;
using System.Text.Json;
using ClearanceWorkflow.Infrastructure.Jobs;
using ClearanceWorkflow.IntegrationTests.Support;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Background;

/// <summary>
/// A due-process deadline fired on two nodes of one server database, three times on each at once (the job run directly
/// on each node) and three times more through Hangfire on either, as a recovered or duplicated job would: the case
/// closes once, with one audit event and one notification. Both nodes share a clock the test moves past the appeal's due time.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.Servers))]
public sealed class TwoNodeDeadlineTests(DatabaseKind kind) : BackgroundTest(kind)
{
    private readonly ShiftedClock _clock = new();
    private ApiFactory _second = null!;

    protected override ApiFactory CreateFactory(TestDatabase database) => Node(database, keys: null);

    private ApiFactory Node(TestDatabase database, TestKeys? keys) => new(database, ShortIntervals, services => services.UseClock(_clock), keys: keys);

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
    public async Task AppealDeadline_FiredThreeTimesOnEachNodeAtOnceAndThroughHangfire_ClosesTheCaseOnce()
    {
        using var alice = NewApplicant();
        using var senior = Staff("sam", out _, SeniorRole);
        using var second = Staff("eve", out _, AdjudicatorRole);
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);
        await Driver.RecordFindingOkAsync(Adjudicator, id, "F", "Minor");
        await Driver.ActOkAsync(Adjudicator, id, "refer-to-decision");
        await Driver.ActOkAsync(Adjudicator, id, "deny", new { rationale = "Unmitigated financial considerations." });
        await Driver.ActOkAsync(senior, id, "concur");
        await Driver.ActOkAsync(alice, id, "answer", new { response = "Settled.", requestHearing = false });
        await Driver.ActOkAsync(second, id, "claim");
        var denied = await Driver.ActOkAsync(second, id, "deny", new { rationale = "Not mitigated." });
        var appealDue = DateTime.Parse(denied.GetProperty("dueProcess").GetProperty("appealDueAt").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        await Eventually.Until(
            () => Task.FromResult(Factory.AllJobs().Any(j => j.State == "Scheduled" && j.Job?.Type == typeof(DeadlineJob) && (Guid)j.Job.Args[0] == id)),
            armed => armed,
            $"the appeal deadline of case {id} to be armed");
        _clock.Advance(appealDue - _clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(1));

        var nodes = Enumerable.Range(0, 3).SelectMany(_ => new[] { Factory, _second }).ToList();
        await Task.WhenAll(nodes.Select(node => ActivatorUtilities.CreateInstance<DeadlineJob>(node.Services).RunAsync(id, "appeal-period-ends", CancellationToken.None)));
        var jobs = nodes.Select(node => (node, job: node.JobClient().Enqueue<DeadlineJob>(j => j.RunAsync(id, "appeal-period-ends", CancellationToken.None)))).ToList();
        foreach (var (node, job) in jobs)
        {
            await node.SucceededAsync(job);
        }

        var closed = await Driver.GetCaseAsync(Adjudicator, id);
        Assert.That((Stage(closed), Status(closed)), Is.EqualTo(("closed", "Denied")));
        var audited = await InDatabaseAsync(db => db.AuditEvents.AsNoTracking().CountAsync(e => e.CaseId == id && e.Action == "case.appeal-period-ends"));
        Assert.That(audited, Is.EqualTo(1));
        var decided = (await InDatabaseAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Type == "case.decided").Select(m => m.Payload).ToListAsync()))
            .Count(p => JsonDocument.Parse(p).RootElement.GetProperty("caseId").GetGuid() == id);
        Assert.That(decided, Is.EqualTo(1));
        Assert.That(closed.GetProperty("events").EnumerateArray().Count(e => e.GetProperty("action").GetString() == "appeal-period-ends"), Is.EqualTo(1));
    }
}
