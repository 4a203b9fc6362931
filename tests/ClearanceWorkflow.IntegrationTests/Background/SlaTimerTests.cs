using System.Globalization;
using System.Text.Json;
using ClearanceWorkflow.Application.Features.Timers;
using ClearanceWorkflow.Infrastructure.Jobs;
using ClearanceWorkflow.Infrastructure.Notifications;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Hangfire;

namespace ClearanceWorkflow.IntegrationTests.Background;

/// <summary>
/// Stage SLAs from the active workflow, clearance.v2.json (application P30D, background-check P40D, review P20D)
/// under a fake clock that keeps running and that the test moves forward. Each timer is a Hangfire
/// scheduled job at the stage's due time; Hangfire keeps the wall clock, so once the test has moved the
/// business clock past the due time it runs the timer's job now, as the scheduler would at that time.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class SlaTimerTests(DatabaseKind kind) : BackgroundTest(kind)
{
    private readonly ShiftedClock _clock = new();

    protected override ApiFactory CreateFactory(TestDatabase database) =>
        new(database, ShortIntervals, services => services.UseClock(_clock));

    private async Task<Guid> ApplyAsync(HttpClient applicant) => IdOf(await Driver.ApplyAsync(applicant));

    /// <summary>Waits until the case's timer job is scheduled for <paramref name="stage"/>; returns it (its EnqueueAt is when it fires).</summary>
    private async Task<JobRecord> TimerArmedAsync(Guid id, string stage) =>
        (await Eventually.Until(
            () => Task.FromResult(Factory.SlaTimer(id)),
            job => job is { State: "Scheduled" } && job.Job!.Type == typeof(SlaBreachJob) && (string)job.Job.Args[1] == stage,
            $"the SLA timer of case {id} armed for '{stage}'"))!;

    /// <summary>Moves the clock to one second past <paramref name="dueAt"/>.</summary>
    private void MovePast(DateTime dueAt) =>
        _clock.Advance(dueAt - _clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(1));

    /// <summary>Moves the clock just past the case's due time, runs its timer and waits for the case to be overdue; returns the case and the timer's job.</summary>
    private async Task<(JsonElement Case, string TimerJob)> LetTimerFireAsync(Guid id)
    {
        var timer = (await TimerArmedAsync(id, Stage(await Driver.GetCaseAsync(Adjudicator, id)))).Id;
        var dueAt = DueAtOf(await Driver.GetCaseAsync(Adjudicator, id))!.Value;
        MovePast(dueAt);
        Assert.That(Factory.JobClient().Requeue(timer), Is.True, "the timer was still scheduled");
        var overdue = await Eventually.Until(() => Driver.GetCaseAsync(Adjudicator, id), c => c.GetProperty("overdue").GetBoolean(), $"the timer of case {id} to fire");
        return (overdue, timer);
    }

    private async Task<IReadOnlyList<JsonElement>> OverdueNotificationsAsync(Guid id) =>
        await InDatabaseAsync(async db => (await db.OutboxMessages.AsNoTracking().Where(m => m.Type == "case.overdue").ToListAsync())
            .Select(m => JsonDocument.Parse(m.Payload).RootElement.Clone())
            .Where(p => p.GetProperty("caseId").GetGuid() == id)
            .ToList());

    [Test]
    public async Task Apply_ApplicationStageSla_CaseShowsDueAtThirtyDaysOnAndTheTimerIsArmedForIt()
    {
        using var alice = NewApplicant();
        var created = await Driver.ApplyAsync(alice);
        var id = IdOf(created);

        var createdAt = DateTime.Parse(created.GetProperty("createdAt").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        Assert.That(DueAtOf(created), Is.EqualTo(createdAt.AddDays(30)));
        Assert.That(created.GetProperty("overdue").GetBoolean(), Is.False);
        Assert.That(DueAtOf(await Driver.GetCaseAsync(alice, id)), Is.EqualTo(createdAt.AddDays(30)), "the applicant sees it too");
        var timer = await TimerArmedAsync(id, "application");
        Assert.That(timer.EnqueueAt, Is.EqualTo(SlaTimers.FireTime(createdAt.AddDays(30)).UtcDateTime), "the due time, rounded up to Hangfire's whole seconds");
        Assert.That(timer.EnqueueAt, Is.GreaterThanOrEqualTo(createdAt.AddDays(30)).And.LessThan(createdAt.AddDays(30).AddSeconds(1)));
        Assert.That(timer.Job!.Args[0], Is.EqualTo(id), "the job's arguments are ids, the stage and a time only");
    }

    [Test]
    public async Task Timer_ClockPastDueAt_FiresOnceAndTheCaseIsOverdueAuditedAndNotified()
    {
        using var alice = NewApplicant();
        var id = await ApplyAsync(alice);
        await TimerArmedAsync(id, "application");

        var (overdue, timer) = await LetTimerFireAsync(id);
        await Eventually.Until(() => Task.FromResult(Factory.StateOf(timer)), s => s == "Succeeded", "the fired timer to be done");
        // The same timer again, as a recovered or repeated job would: nothing more.
        var again = await AsSystemAsync(new SlaBreach.Command(id, "application", await StageEnteredAtAsync(id)));
        Factory.JobClient().Requeue(timer);
        await Eventually.Until(() => Task.FromResult(Factory.StateOf(timer)), s => s == "Succeeded", "the timer's job to run a second time");

        Assert.That(overdue.GetProperty("overdue").GetBoolean(), Is.True);
        Assert.That(Stage(overdue), Is.EqualTo("application"));
        Assert.That(again, Is.False);
        var breaches = (await AuditAsync(id)).Where(e => ActionOf(e) == "case.sla-breached").ToList();
        Assert.That(breaches, Has.Count.EqualTo(1));
        Assert.That(breaches[0].GetProperty("actor").GetString(), Is.EqualTo("system"));
        Assert.That(DetailOf(breaches[0]).GetProperty("stage").GetString(), Is.EqualTo("application"));
        var notifications = await OverdueNotificationsAsync(id);
        Assert.That(notifications, Has.Count.EqualTo(1));
        Assert.That(notifications[0].GetProperty("stage").GetString(), Is.EqualTo("application"));
    }

    [Test]
    public async Task SlaBreach_ClockBeforeDueAt_DoesNothingAndTheTimerStaysArmed()
    {
        using var alice = NewApplicant();
        var id = await ApplyAsync(alice);
        var timer = await TimerArmedAsync(id, "application");
        _clock.Advance(TimeSpan.FromDays(29));

        var breached = await AsSystemAsync(new SlaBreach.Command(id, "application", await StageEnteredAtAsync(id)));

        Assert.That(breached, Is.False);
        Assert.That((await Driver.GetCaseAsync(Adjudicator, id)).GetProperty("overdue").GetBoolean(), Is.False);
        Assert.That((await AuditAsync(id)).Select(ActionOf), Has.None.EqualTo("case.sla-breached"));
        var still = await TimerArmedAsync(id, "application");
        Assert.That(still.EnqueueAt, Is.EqualTo(timer.EnqueueAt), "armed for the same due time");
    }

    [Test]
    public async Task Timer_FiringBeforeTheDueTimeOnTheServicesClock_IsArmedAgainAndTheBreachIsNotLost()
    {
        // The scheduler fires on the polling node's clock; one ahead of the service's runs the timer early.
        using var alice = NewApplicant();
        var id = await ApplyAsync(alice);
        var timer = await TimerArmedAsync(id, "application");

        Assert.That(Factory.JobClient().Requeue(timer.Id), Is.True);
        var again = (await Eventually.Until(
            () => Task.FromResult(Factory.SlaTimer(id)),
            job => job is { State: "Scheduled" } && job.Id != timer.Id,
            $"the SLA timer of case {id} armed again"))!;
        Assert.That(again.EnqueueAt, Is.EqualTo(timer.EnqueueAt));
        Assert.That((await Driver.GetCaseAsync(Adjudicator, id)).GetProperty("overdue").GetBoolean(), Is.False);

        var (overdue, _) = await LetTimerFireAsync(id);
        Assert.That(overdue.GetProperty("overdue").GetBoolean(), Is.True);
    }

    [Test]
    public async Task NextStage_AfterABreach_RearmsTheTimerClearsOverdueAndTheOldTimerDoesNothing()
    {
        using var alice = NewApplicant();
        var id = await ApplyAsync(alice);
        await TimerArmedAsync(id, "application");
        var applicationEnteredAt = await StageEnteredAtAsync(id);
        var (overdue, _) = await LetTimerFireAsync(id);

        await Driver.FillQuestionnaireAsync(alice, id, CaseDriver.Questionnaire(6, DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime)));
        var submitted = await Driver.ActOkAsync(alice, id, "submit", new { attestation = true });
        var timer = await TimerArmedAsync(id, "background-check");
        var stale = await AsSystemAsync(new SlaBreach.Command(id, "application", applicationEnteredAt));

        Assert.That(Stage(submitted), Is.EqualTo("background-check"));
        Assert.That(submitted.GetProperty("overdue").GetBoolean(), Is.False);
        var enteredAt = Visit(submitted, "background-check").GetProperty("enteredAt").GetDateTime().ToUniversalTime();
        Assert.That(DueAtOf(submitted), Is.EqualTo(enteredAt.AddDays(40)));
        Assert.That(DueAtOf(submitted), Is.Not.EqualTo(DueAtOf(overdue)));
        Assert.That(timer.EnqueueAt, Is.EqualTo(SlaTimers.FireTime(DueAtOf(submitted)!.Value).UtcDateTime), "the timer is re-armed for the new stage");
        Assert.That(stale, Is.False, "a late timer for the earlier stage does nothing");
        Assert.That((await Driver.GetCaseAsync(Adjudicator, id)).GetProperty("overdue").GetBoolean(), Is.False);
        Assert.That((await AuditAsync(id)).Count(e => ActionOf(e) == "case.sla-breached"), Is.EqualTo(1));
    }

    [Test]
    public async Task Queue_CaseInReviewPastItsSla_ShowsDueAtAndOverdue()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);
        var inReview = await Driver.GetCaseAsync(Adjudicator, id);
        await TimerArmedAsync(id, "review");

        var before = await QueueItemAsync(id);
        await LetTimerFireAsync(id);
        var after = await QueueItemAsync(id);

        Assert.That(DueAtOf(before), Is.EqualTo(DueAtOf(inReview)));
        Assert.That(DueAtOf(before), Is.EqualTo(Visit(inReview, "review").GetProperty("enteredAt").GetDateTime().ToUniversalTime().AddDays(20)));
        Assert.That(before.GetProperty("overdue").GetBoolean(), Is.False);
        Assert.That(after.GetProperty("overdue").GetBoolean(), Is.True);
        Assert.That(DueAtOf(after), Is.EqualTo(DueAtOf(before)));
    }

    private async Task<JsonElement> QueueItemAsync(Guid id)
    {
        var page = await Driver.GetJsonAsync(Adjudicator, "/api/v1/adjudication/queue?assignedTo=me&stage=review&pageSize=200");
        return page.GetProperty("items").EnumerateArray().Single(i => IdOf(i) == id);
    }

    [Test]
    public async Task Close_CaseWithAnArmedTimer_CancelsTheTimerAndShowsNoDueAt()
    {
        using var alice = NewApplicant();
        var id = await ApplyAsync(alice);
        var timer = await TimerArmedAsync(id, "application");

        var withdrawn = await Driver.ActOkAsync(alice, id, "withdraw", new { reason = "No longer needed." });

        await Eventually.Until(() => Task.FromResult(Factory.SlaTimer(id)), t => t is null, $"the SLA timer of case {id} to be cancelled");
        Assert.That(Factory.StateOf(timer.Id), Is.EqualTo("Deleted"));
        Assert.That(Stage(withdrawn), Is.EqualTo("closed"));
        Assert.That(DueAtOf(withdrawn), Is.Null);
        Assert.That(withdrawn.GetProperty("overdue").GetBoolean(), Is.False);
    }

    [Test]
    public async Task Notification_NoWebhookConfigured_LoggedWithoutPersonalData()
    {
        using var alice = NewApplicant();
        var family = Family("Loggable");
        var created = await Driver.ApplyAsync(alice, subject: CaseDriver.Subject(family, "NI-LOG-4242", "log.me@example.org"));
        var id = IdOf(created);
        await TimerArmedAsync(id, "application");
        await LetTimerFireAsync(id);
        var notification = (await InDatabaseAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Type == "case.overdue").ToListAsync()))
            .Single(m => m.Payload.Contains(id.ToString(), StringComparison.Ordinal));

        Factory.JobClient().Enqueue<OutboxDispatchJob>(j => j.RunAsync(CancellationToken.None));
        await Eventually.Until(
            () => InDatabaseAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Id == notification.Id).Select(m => m.DeliveredAt).SingleAsync()),
            at => at is not null,
            "the notification to be handled");

        var lines = Factory.Logs.Lines.Where(l => l.Contains(notification.Id.ToString(), StringComparison.Ordinal)).ToList();
        Assert.That(lines, Has.Some.Contain("no webhook configured"));
        Assert.That(Factory.Logs.Lines, Has.None.Contain(family).And.None.Contain("NI-LOG-4242").And.None.Contain("log.me@example.org"));
    }

    private Task<DateTime> StageEnteredAtAsync(Guid id) =>
        InDatabaseAsync(db => db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => c.StageEnteredAt).SingleAsync());
}
