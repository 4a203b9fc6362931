using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ClearanceWorkflow.Application.Features.Timers;
using ClearanceWorkflow.Application.Features.Vetting;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.Infrastructure.Jobs;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ClearanceWorkflow.IntegrationTests.Background;

/// <summary>
/// The reinvestigation sweep under a hand-moved business clock: a reminder at 180, 90 and 30 days before
/// the due date, each once however often the sweep runs; one PeriodicReinvestigation case at the due
/// date; expiry after the grace period (Reinvestigation:GraceDays, 60 here).
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class ReinvestigationTests(DatabaseKind kind) : BackgroundTest(kind)
{
    private const int GraceDays = 60;

    private readonly FakeTimeProvider _clock = new(TimeProvider.System.GetUtcNow());

    protected override ApiFactory CreateFactory(TestDatabase database) =>
        new(database, settings =>
        {
            ShortIntervals(settings);
            settings["Reinvestigation:GraceDays"] = GraceDays.ToString(CultureInfo.InvariantCulture);
        }, services => services.UseClock(_clock));

    /// <summary>Each test grants at the wall clock's time.</summary>
    [SetUp]
    public void ResetClock() => _clock.AdjustTime(TimeProvider.System.GetUtcNow());

    private sealed record Granted(Guid CaseId, Guid ClearanceId, DateOnly DueOn, string SubjectId);

    /// <summary>A Secret clearance granted today through the API, with every check recorded by hand.</summary>
    private async Task<Granted> GrantAsync()
    {
        using var alice = NewApplicant(out var aliceId);
        var id = await Driver.CaseInDecisionAsync(alice, Investigator, Adjudicator);
        await Driver.ActOkAsync(Adjudicator, id, "grant", CaseDriver.GrantBody());
        var clearance = await Driver.GetJsonAsync(alice, "/api/v1/me/clearance");
        var dueOn = DateOnly.Parse(clearance.GetProperty("reinvestigationDueOn").GetString()!, CultureInfo.InvariantCulture);
        Assert.That(dueOn, Is.EqualTo(DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime).AddYears(10)), "Secret: reinvestigation due after ten years");
        return new Granted(id, clearance.GetProperty("id").GetGuid(), dueOn, aliceId);
    }

    private void SetToday(DateOnly day) => _clock.AdjustTime(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));

    private Task<ReinvestigationSweep.Result> SweepAsync() => AsSystemAsync(new ReinvestigationSweep.Run());

    /// <summary>The threshold of every reminder the clearance got, from the audit trail.</summary>
    private async Task<int[]> RemindersAuditedAsync(Granted granted) =>
        [.. (await AuditAsync(granted.CaseId))
            .Where(e => ActionOf(e) == "clearance.reinvestigation-reminder")
            .Select(DetailOf)
            .Where(d => d.GetProperty("clearanceId").GetGuid() == granted.ClearanceId)
            .Select(d => d.GetProperty("thresholdDays").GetInt32())];

    /// <summary>The threshold of every reminder notification queued for the clearance.</summary>
    private async Task<int[]> RemindersNotifiedAsync(Granted granted) =>
        [.. (await PayloadsAsync("clearance.reinvestigation-due"))
            .Where(p => p.GetProperty("clearanceId").GetGuid() == granted.ClearanceId)
            .Select(p => p.GetProperty("thresholdDays").GetInt32())];

    private async Task<IReadOnlyList<JsonElement>> PayloadsAsync(string type) =>
        [.. (await InDatabaseAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Type == type).Select(m => m.Payload).ToListAsync()))
            .Select(p => JsonDocument.Parse(p).RootElement.Clone())];

    private async Task<JsonElement[]> ReinvestigationCasesAsync(Granted granted)
    {
        using var subject = Factory.ClientFor(granted.SubjectId, ApplicantRole);
        var cases = await Driver.GetJsonAsync(subject, "/api/v1/me/cases");
        return [.. cases.EnumerateArray().Where(c => c.GetProperty("type").GetString() == "PeriodicReinvestigation")];
    }

    [Test]
    public async Task Sweep_TwiceAtEachThreshold_OneReminderPerThreshold()
    {
        var granted = await GrantAsync();

        var seen = new List<int[]>();
        foreach (var days in new[] { 180, 90, 30 })
        {
            SetToday(granted.DueOn.AddDays(-days));
            await SweepAsync();
            await SweepAsync();
            seen.Add(await RemindersAuditedAsync(granted));
        }

        Assert.That(seen[0], Is.EqualTo(new[] { 180 }));
        Assert.That(seen[1], Is.EqualTo(new[] { 180, 90 }));
        Assert.That(seen[2], Is.EqualTo(new[] { 180, 90, 30 }));
        Assert.That(await RemindersNotifiedAsync(granted), Is.EquivalentTo(new[] { 180, 90, 30 }));
        var payload = (await PayloadsAsync("clearance.reinvestigation-due")).First(p => p.GetProperty("clearanceId").GetGuid() == granted.ClearanceId);
        Assert.That(payload.GetProperty("dueOn").GetString(), Is.EqualTo(granted.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Assert.That(await ReinvestigationCasesAsync(granted), Is.Empty, "no case before the due date");
    }

    [Test]
    public async Task SweepJob_RunTwiceByHangfire_OneReminderAndOneNotification()
    {
        var granted = await GrantAsync();
        SetToday(granted.DueOn.AddDays(-90));

        await Factory.SucceededAsync(Factory.TriggerRecurring(ReinvestigationSweepJob.RecurringId));
        await Factory.SucceededAsync(Factory.TriggerRecurring(ReinvestigationSweepJob.RecurringId));

        Assert.That(await RemindersAuditedAsync(granted), Is.EqualTo(new[] { 90 }));
        Assert.That(await RemindersNotifiedAsync(granted), Is.EqualTo(new[] { 90 }));
    }

    [Test]
    public async Task Sweep_BetweenThresholds_SendsNothingNew()
    {
        var granted = await GrantAsync();
        SetToday(granted.DueOn.AddDays(-181));
        await SweepAsync();
        Assert.That(await RemindersAuditedAsync(granted), Is.Empty, "181 days before: not yet");

        SetToday(granted.DueOn.AddDays(-150));
        await SweepAsync();
        SetToday(granted.DueOn.AddDays(-120));
        await SweepAsync();

        Assert.That(await RemindersAuditedAsync(granted), Is.EqualTo(new[] { 180 }), "the first sweep inside 180 days sends the 180-day reminder, later ones nothing until 90");
    }

    [Test]
    public async Task Sweep_ClearanceFirstSeenTwentyDaysBeforeDue_OnlyTheThirtyDayReminder()
    {
        var granted = await GrantAsync();
        SetToday(granted.DueOn.AddDays(-20));

        await SweepAsync();
        await SweepAsync();

        Assert.That(await RemindersAuditedAsync(granted), Is.EqualTo(new[] { 30 }));
        Assert.That(await RemindersNotifiedAsync(granted), Is.EqualTo(new[] { 30 }));
    }

    [Test]
    public async Task Sweep_TwiceAtTheDueDate_OpensOneReinvestigationCase()
    {
        var granted = await GrantAsync();
        SetToday(granted.DueOn);

        await SweepAsync();
        await SweepAsync();

        var cases = await ReinvestigationCasesAsync(granted);
        Assert.That(cases, Has.Length.EqualTo(1));
        Assert.That(Stage(cases[0]), Is.EqualTo("application"));
        Assert.That(cases[0].GetProperty("requestedLevel").GetString(), Is.EqualTo("Secret"));
        Assert.That(cases[0].GetProperty("subjectId").GetString(), Is.EqualTo(granted.SubjectId));
        var opened = (await PayloadsAsync("case.reinvestigation-opened")).Where(p => p.GetProperty("clearanceId").GetGuid() == granted.ClearanceId).ToList();
        Assert.That(opened, Has.Count.EqualTo(1));
        Assert.That(opened[0].GetProperty("caseId").GetGuid(), Is.EqualTo(IdOf(cases[0])));
        var events = (await Driver.GetCaseAsync(Adjudicator, IdOf(cases[0]))).GetProperty("events").EnumerateArray().ToList();
        Assert.That(events[0].GetProperty("action").GetString(), Is.EqualTo("open-reinvestigation"));
        Assert.That(events[0].GetProperty("actor").GetString(), Is.EqualTo("system"), "the sweep opened it, not the holder");

        SetToday(granted.DueOn.AddDays(1));
        await SweepAsync();
        Assert.That(await ReinvestigationCasesAsync(granted), Has.Length.EqualTo(1), "not on the day after either");
        using var subject = Factory.ClientFor(granted.SubjectId, ApplicantRole);
        Assert.That((await Driver.GetJsonAsync(subject, "/api/v1/me/clearance")).GetProperty("status").GetString(), Is.EqualTo("Active"), "still valid during the grace period");
    }

    [Test]
    public async Task Sweep_SeveralClearancesDueTheSameDay_OpensOneCaseForEach()
    {
        var granted = new[] { await GrantAsync(), await GrantAsync(), await GrantAsync() };
        Assert.That(granted.Select(g => g.DueOn).Distinct().Count(), Is.EqualTo(1));
        SetToday(granted[0].DueOn);

        await SweepAsync();

        var references = new List<string>();
        foreach (var g in granted)
        {
            var cases = await ReinvestigationCasesAsync(g);
            Assert.That(cases, Has.Length.EqualTo(1), g.SubjectId);
            references.Add(cases[0].GetProperty("reference").GetString()!);
        }

        Assert.That(references, Is.Unique);
    }

    /// <summary>The overdue days of every escalation notified for the clearance.</summary>
    private async Task<int[]> EscalationsNotifiedAsync(Granted granted) =>
        [.. (await PayloadsAsync("clearance.reinvestigation-overdue"))
            .Where(p => p.GetProperty("clearanceId").GetGuid() == granted.ClearanceId)
            .Select(p => p.GetProperty("overdueDays").GetInt32())];

    [Test]
    public async Task Sweep_ReinvestigationOverdue_EscalatedAtThirtyAndSixtyDaysOnceEach()
    {
        var granted = await GrantAsync();
        SetToday(granted.DueOn);
        await SweepAsync();
        var reinvestigation = IdOf((await ReinvestigationCasesAsync(granted)).Single());

        SetToday(granted.DueOn.AddDays(29));
        Assert.That((await SweepAsync()).Escalations, Is.Zero);
        SetToday(granted.DueOn.AddDays(30));
        Assert.That((await SweepAsync()).Escalations, Is.EqualTo(1));
        Assert.That((await SweepAsync()).Escalations, Is.Zero, "once however often the sweep runs");
        SetToday(granted.DueOn.AddDays(59));
        await SweepAsync();
        Assert.That(await EscalationsNotifiedAsync(granted), Is.EqualTo(new[] { 30 }));
        SetToday(granted.DueOn.AddDays(GraceDays));
        await SweepAsync();
        await SweepAsync();

        Assert.That(await EscalationsNotifiedAsync(granted), Is.EqualTo(new[] { 30, 60 }));
        var payload = (await PayloadsAsync("clearance.reinvestigation-overdue")).First(p => p.GetProperty("clearanceId").GetGuid() == granted.ClearanceId);
        Assert.That(payload.GetProperty("reinvestigationCaseId").GetGuid(), Is.EqualTo(reinvestigation));
        Assert.That(payload.GetProperty("dueOn").GetString(), Is.EqualTo(granted.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var audited = (await AuditAsync(granted.CaseId)).Where(e => ActionOf(e) == "clearance.reinvestigation-overdue").Select(DetailOf).ToList();
        Assert.That(audited.Select(d => d.GetProperty("overdueDays").GetInt32()), Is.EqualTo(new[] { 30, 60 }));
        using var subject = Factory.ClientFor(granted.SubjectId, ApplicantRole);
        Assert.That((await Driver.GetJsonAsync(subject, "/api/v1/me/clearance")).GetProperty("status").GetString(), Is.EqualTo("Active"), "escalated, not yet expired");
    }

    [Test]
    public async Task Sweep_FirstRunLongOverdue_OnlyTheLatestEscalation()
    {
        var granted = await GrantAsync();
        SetToday(granted.DueOn.AddDays(GraceDays));

        await SweepAsync();

        Assert.That(await ReinvestigationCasesAsync(granted), Has.Length.EqualTo(1));
        Assert.That(await EscalationsNotifiedAsync(granted), Is.EqualTo(new[] { 60 }));
    }

    /// <summary>A holder who withdraws their reinvestigation is not sent another: the clearance runs out at the end of the grace.</summary>
    [Test]
    public async Task Sweep_ReinvestigationWithdrawnByTheHolder_NoSecondCase_TheClearanceExpiresAfterTheGrace()
    {
        var granted = await GrantAsync();
        using var subject = Factory.ClientFor(granted.SubjectId, ApplicantRole);
        SetToday(granted.DueOn);
        await SweepAsync();
        var reinvestigation = IdOf((await ReinvestigationCasesAsync(granted)).Single());

        var withdrawn = await Driver.ActOkAsync(subject, reinvestigation, "withdraw", new { reason = "Leaving the post." });
        SetToday(granted.DueOn.AddDays(GraceDays));
        await SweepAsync();
        var onLastDay = (await Driver.GetJsonAsync(subject, "/api/v1/me/clearance")).GetProperty("status").GetString();
        SetToday(granted.DueOn.AddDays(GraceDays + 1));
        await SweepAsync();

        Assert.That((Stage(withdrawn), Status(withdrawn)), Is.EqualTo(("closed", "Withdrawn")));
        Assert.That(await ReinvestigationCasesAsync(granted), Has.Length.EqualTo(1), "the withdrawn one only");
        Assert.That(onLastDay, Is.EqualTo("Active"));
        Assert.That((await Driver.GetJsonAsync(subject, "/api/v1/me/clearance")).GetProperty("status").GetString(), Is.EqualTo("Expired"));
    }

    [Test]
    public async Task Sweep_PastDuePlusGrace_ClearanceExpiresOnce()
    {
        var granted = await GrantAsync();
        using var subject = Factory.ClientFor(granted.SubjectId, ApplicantRole);

        SetToday(granted.DueOn.AddDays(GraceDays));
        await SweepAsync();
        var onLastDay = (await Driver.GetJsonAsync(subject, "/api/v1/me/clearance")).GetProperty("status").GetString();
        SetToday(granted.DueOn.AddDays(GraceDays + 1));
        await SweepAsync();
        await SweepAsync();
        var after = (await Driver.GetJsonAsync(subject, "/api/v1/me/clearance")).GetProperty("status").GetString();

        Assert.That(onLastDay, Is.EqualTo("Active"), "the last day of the grace period");
        Assert.That(after, Is.EqualTo("Expired"));
        Assert.That((await AuditAsync(granted.CaseId)).Count(e => ActionOf(e) == "clearance.expired"), Is.EqualTo(1));
        Assert.That((await PayloadsAsync("clearance.expired")).Count(p => p.GetProperty("clearanceId").GetGuid() == granted.ClearanceId), Is.EqualTo(1));
    }

    /// <summary>A suspension ends in reinstatement or revocation, never in expiry: past due and grace it stays Suspended; reinstated, it expires at the next sweep.</summary>
    [Test]
    public async Task Sweep_PastDuePlusGrace_SuspendedClearanceStaysSuspended_UntilReinstatedThenExpires()
    {
        var granted = await GrantAsync();
        using var subject = Factory.ClientFor(granted.SubjectId, ApplicantRole);
        using var officer = Factory.ClientFor("sweep-officer", "security-officer");
        var incident = await officer.PostAsJsonAsync($"/api/v1/clearances/{granted.ClearanceId}/incidents", new { guideline = "G", summary = "Arrested for driving under the influence.", suspend = true });
        Assert.That(incident.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Created));
        var evaluation = (await incident.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        SetToday(granted.DueOn.AddDays(GraceDays + 1));
        var swept = await SweepAsync();
        Assert.That(swept.Expired, Is.Zero);
        Assert.That((await Driver.GetJsonAsync(subject, "/api/v1/me/clearance")).GetProperty("status").GetString(), Is.EqualTo("Suspended"));

        await Driver.ActOkAsync(Adjudicator, evaluation, "claim");
        await Driver.ActOkAsync(Adjudicator, evaluation, "reinstate", new { rationale = "The charge was dropped." });
        Assert.That((await Driver.GetJsonAsync(subject, "/api/v1/me/clearance")).GetProperty("status").GetString(), Is.EqualTo("Active"));
        Assert.That((await SweepAsync()).Expired, Is.EqualTo(1));
        Assert.That((await Driver.GetJsonAsync(subject, "/api/v1/me/clearance")).GetProperty("status").GetString(), Is.EqualTo("Expired"));
    }

    /// <summary>
    /// Vetting turned off (as it is in these tests) after it enrolled a clearance: nothing vets the clearance any more, so
    /// the sweep takes it like any other. It used to leave it out for good: no reminder, no case, never expired.
    /// </summary>
    [Test]
    public async Task Sweep_ClearanceEnrolledWhileVettingWasOn_VettingNowOff_RemindedReinvestigatedAndExpired()
    {
        var granted = await GrantAsync();
        Assert.That(await AsSystemAsync(new ContinuousVetting.EnrollAll()), Is.GreaterThanOrEqualTo(1), "what a vetting run did while vetting was on");
        Assert.That(await InDatabaseAsync(db => db.Clearances.AsNoTracking().Where(c => c.Id == granted.ClearanceId).Select(c => c.VettingEnrolled).SingleAsync()), Is.True);
        using var subject = Factory.ClientFor(granted.SubjectId, ApplicantRole);
        using var officer = Factory.ClientFor(NewUser("sofia"), "security-officer");

        SetToday(granted.DueOn.AddDays(-30));
        await SweepAsync();
        SetToday(granted.DueOn);
        await SweepAsync();
        SetToday(granted.DueOn.AddDays(GraceDays + 1));
        await SweepAsync();

        Assert.That(await RemindersAuditedAsync(granted), Is.EqualTo(new[] { 30 }));
        Assert.That(await ReinvestigationCasesAsync(granted), Has.Length.EqualTo(1));
        Assert.That((await Driver.GetJsonAsync(subject, "/api/v1/me/clearance")).GetProperty("status").GetString(), Is.EqualTo("Expired"));
        var vetting = (await Driver.GetJsonAsync(officer, $"/api/v1/clearances/{granted.ClearanceId}")).GetProperty("vetting");
        Assert.That((vetting.GetProperty("enrolled").GetBoolean(), vetting.GetProperty("nextRunAt").ValueKind), Is.EqualTo((false, JsonValueKind.Null)),
            "with vetting off nothing is enrolled, whatever the row kept");
    }

    /// <summary>
    /// Vetting never moves the due date, so a clearance vetted for years is long past it when vetting is turned off. It
    /// gets its reinvestigation case at once, and its grace counts from its last vetting run: it used to expire in the
    /// same sweep.
    /// </summary>
    [Test]
    public async Task Sweep_VettedLongAfterItsDueDate_VettingNowOff_CaseAtOnceAndTheGraceFromItsLastRun()
    {
        var granted = await GrantAsync();
        await AsSystemAsync(new ContinuousVetting.EnrollAll());
        var lastRun = granted.DueOn.AddDays(400);
        SetToday(lastRun);
        var recorded = await AsSystemAsync(new ContinuousVetting.Record(
            granted.ClearanceId, 1, _clock.GetUtcNow().UtcDateTime, [new ContinuousVetting.Answer("criminal", CheckOutcome.Clear, "nothing found", null)]));
        Assert.That(recorded.Done, Is.True);
        using var subject = Factory.ClientFor(granted.SubjectId, ApplicantRole);
        async Task<string?> StatusOnAsync(DateOnly day)
        {
            SetToday(day);
            await SweepAsync();
            return (await Driver.GetJsonAsync(subject, "/api/v1/me/clearance")).GetProperty("status").GetString();
        }

        Assert.That(await StatusOnAsync(lastRun.AddDays(1)), Is.EqualTo("Active"));
        Assert.That(await ReinvestigationCasesAsync(granted), Has.Length.EqualTo(1), "past due: its reinvestigation case at once");
        Assert.That(await StatusOnAsync(lastRun.AddDays(GraceDays)), Is.EqualTo("Active"), "the last day of the grace after the last run");
        Assert.That(await StatusOnAsync(lastRun.AddDays(GraceDays + 1)), Is.EqualTo("Expired"));
    }
}
