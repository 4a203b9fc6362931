using System.Text.Json;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Cases;
using ClearanceWorkflow.Application.Features.Timers;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.Infrastructure.Jobs;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
        AutomatedChecks(settings, Provider.BaseUrl);
        settings["Jobs:DispatchInterval"] = "01:00:00";
        settings["Reinvestigation:BatchSize"] = "1";
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

    [Test]
    public async Task Sweep_OneCasePerBatch_EveryBatchsTimerIsHandedOverRightAfterItsCommit()
    {
        using (var client = Factory.CreateClient())
        {
            await Readiness.ReadyAsync(client);
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        var now = Clock.Truncate(TimeProvider.System.GetUtcNow().UtcDateTime);
        var clearances = new List<Guid>();
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ClearanceDbContext>();
            var protector = scope.ServiceProvider.GetRequiredService<IDataProtector>();
            for (var i = 0; i < 6; i++)
            {
                var data = new SubjectData("Di", Family("Due"), new DateOnly(1980, 1, 1), "GB", $"DU{Guid.NewGuid():N}"[..12].ToUpperInvariant(), "di@example.org");
                var c = ClearanceCase.Open(
                    $"CW-D-{Guid.NewGuid():N}"[..17], CaseType.Initial, ClearanceLevel.Secret, "Ministry of Tests", NewUser("di"),
                    protector.Protect(JsonSerializer.Serialize(data, Json.Options)), $"idx-due-{Guid.NewGuid():N}", "clearance", 2, Stages.Decision, CaseStatuses.InProgress, null, now);
                var clearance = c.Grant(
                    ClearanceLevel.Secret, protector.Protect("Seeded."), null, null, "ClearanceWorkflow", DateOnly.FromDateTime(now).AddDays(-1), [],
                    new StageChange("grant", "seed", Stages.Closed, CaseStatuses.Granted, null, now));
                db.Cases.Add(c);
                db.Clearances.Add(clearance);
                clearances.Add(clearance.Id);
            }

            await db.SaveChangesAsync();
        }

        // Six batches of one, each its own transaction in the sweep's one scope.
        var result = await AsSystemAsync(new ReinvestigationSweep.Run());

        var opened = await InDatabaseAsync(db => db.Clearances.AsNoTracking().Where(c => clearances.Contains(c.Id)).Select(c => c.ReinvestigationCaseId!.Value).ToListAsync());
        Assert.That(result.CasesOpened, Is.EqualTo(6));
        Assert.That(opened, Has.Count.EqualTo(6));
        await Eventually.Until(
            () => InDatabaseAsync(db => db.ScheduledWork.CountAsync(w => opened.Contains(w.CaseId))), left => left == 0,
            "every reinvestigation case's timer to be handed over, well within the hour", TimeSpan.FromSeconds(30));
        Assert.That(opened.Select(id => SlaTimers.JobId(Factory.Storage(), id)), Has.All.Not.Null, "each case's application timer is armed");
    }
}
