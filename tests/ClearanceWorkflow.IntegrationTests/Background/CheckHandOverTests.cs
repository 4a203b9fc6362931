using ClearanceWorkflow.Infrastructure.Jobs;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.IntegrationTests.Background;

/// <summary>
/// The scheduler outbox is handed to Hangfire right after the commit that fills it, in both lanes (checks and
/// timers), not at the next <c>Jobs:DispatchInterval</c>, which is an hour here.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class CheckHandOverTests(DatabaseKind kind) : BackgroundTest(kind)
{
    protected override ApiFactory CreateFactory(TestDatabase database) => new(database, settings =>
    {
        AutomatedChecks(settings, provider: null);
        settings["Jobs:DispatchInterval"] = "01:00:00";
    });

    [Test]
    public async Task Submit_DispatchIntervalAnHour_ChecksStartAndTheTimerIsArmedRightAfterTheCommit()
    {
        using (var client = Factory.CreateClient())
        {
            await Readiness.ReadyAsync(client);
        }

        // Past the dispatcher's first pass at startup: from here on only the signal after a commit wakes it.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var id = await SubmitAsync(Family("Prompt"));
        var submitted = TimeProvider.System.GetUtcNow().UtcDateTime;

        await WaitForStageAsync(id, "review", TimeSpan.FromSeconds(30));
        var started = await InDatabaseAsync(db => db.Checks.AsNoTracking().Where(c => c.CaseId == id).Select(c => c.StartedAt!.Value).ToListAsync());
        // The timers of both visits (background-check at the submit, review after the last check) are handed over too.
        await Eventually.Until(() => InDatabaseAsync(db => db.ScheduledWork.AnyAsync(w => w.CaseId == id)), any => !any, "every outbox row of the case to be handed over", TimeSpan.FromSeconds(30));

        Assert.That(started, Has.Count.EqualTo(Tier3Kinds.Length));
        Assert.That(started.Max() - submitted, Is.LessThan(TimeSpan.FromSeconds(10)), "well within the hour");
        Assert.That(SlaTimers.JobId(Factory.Storage(), id), Is.Not.Null, "the review timer is armed");
    }
}
