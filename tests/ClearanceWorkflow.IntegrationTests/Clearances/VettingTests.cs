using System.Globalization;
using System.Text.Json;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Cases;
using ClearanceWorkflow.Application.Features.Timers;
using ClearanceWorkflow.Application.Features.Vetting;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.Infrastructure.Jobs;
using ClearanceWorkflow.IntegrationTests.Background;
using ClearanceWorkflow.IntegrationTests.Support;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ClearanceWorkflow.IntegrationTests.Clearances;

/// <summary>
/// Continuous vetting (<c>Vetting:Enabled</c>, every 30 days) under a hand-moved business clock, against a verification
/// provider on a real loopback HTTP server: a Clear run moves the next run on, a Flagged answer opens exactly one
/// ContinuousEvaluation case however often the job runs, an Unable answer is a vetting gap, and an enrolled clearance
/// gets no periodic-reinvestigation reminder.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class VettingTests(DatabaseKind kind) : BackgroundTest(kind)
{
    private const int IntervalDays = 30;

    private readonly FakeTimeProvider _clock = new(TimeProvider.System.GetUtcNow());
    private HttpClient _officer = null!;

    protected override ApiFactory CreateFactory(TestDatabase database)
    {
        return new(database, settings =>
        {
            ShortIntervals(settings);
            VettingSettings(settings, Provider.BaseUrl);
        }, services => services.UseClock(_clock));
    }

    /// <summary>Vetting on, against <paramref name="provider"/>, fired by the tests only; checks of new cases are still recorded by hand.</summary>
    public static void VettingSettings(IDictionary<string, string?> settings, Uri provider)
    {
        settings["Vetting:Enabled"] = "true";
        // Vetting:IntervalDays left at its default, which the contract fixes at 30 (IntervalDays).
        settings["Vetting:Cron"] = Cron.Never();
        settings["Vetting:Parallelism"] = "8";
        settings["Verification:BaseUrl"] = provider.ToString();
        settings["Verification:AttemptTimeout"] = "00:00:02";
        // No in-run retry: its backoff waits on the business clock, which these tests move by hand.
        settings["Verification:Retries"] = "0";
    }

    [OneTimeSetUp]
    public void CreateOfficer() => _officer = Factory.ClientFor(NewUser("sofia"), "security-officer");

    [OneTimeTearDown]
    public void DisposeOfficer() => _officer?.Dispose();

    [SetUp]
    public void ResetProvider()
    {
        _clock.AdjustTime(TimeProvider.System.GetUtcNow());
        Provider.Respond = _ => ProviderReply.Clear();
    }

    private sealed record Granted(Guid ClearanceId, string SubjectId, string FamilyName, DateTime GrantedAt);

    private async Task<Granted> GrantAsync()
    {
        var family = Family("Vera");
        using var applicant = NewApplicant(out var subjectId);
        var grantedAt = _clock.GetUtcNow().UtcDateTime;
        return new Granted(await GrantClearanceAsync(applicant, family), subjectId, family, grantedAt);
    }

    private Task<ContinuousVettingRunner.Result> RunAsync() =>
        Factory.Services.GetRequiredService<ContinuousVettingRunner>().RunAsync(CancellationToken.None);

    private void AdvanceDays(int days) => _clock.Advance(TimeSpan.FromDays(days));

    private Task<JsonElement> VettingAsync(Guid clearanceId) =>
        Driver.GetJsonAsync(_officer, $"/api/v1/clearances/{clearanceId}").ContinueWith(t => t.Result.GetProperty("vetting"), TaskScheduler.Default);

    private static DateTime? Time(JsonElement vetting, string name) =>
        vetting.GetProperty(name).ValueKind == JsonValueKind.Null
            ? null
            : DateTime.Parse(vetting.GetProperty(name).GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static DateTime StartOfDay(DateTime at) => DateOnly.FromDateTime(at).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    private IReadOnlyList<ProviderCall> CallsFor(Guid clearanceId) =>
        [.. Provider.Calls.Where(c => c.IdempotencyKey?.StartsWith($"vetting:{clearanceId}:", StringComparison.Ordinal) == true)];

    private async Task<JsonElement[]> EvaluationCasesAsync(string subjectId)
    {
        using var subject = Factory.ClientFor(subjectId, ApplicantRole);
        var cases = await Driver.GetJsonAsync(subject, "/api/v1/me/cases");
        return [.. cases.EnumerateArray().Where(c => c.GetProperty("type").GetString() == "ContinuousEvaluation")];
    }

    [Test]
    public async Task Run_ClearAnswers_ChecksOnlyWhenDue_NextRunAtAdvancesByTheInterval()
    {
        var granted = await GrantAsync();
        var enrolled = await VettingAsync(granted.ClearanceId);

        AdvanceDays(IntervalDays - 1);
        await RunAsync();
        var callsBeforeDue = CallsFor(granted.ClearanceId).Count;
        AdvanceDays(2);
        var runAt = _clock.GetUtcNow().UtcDateTime;
        await RunAsync();
        await RunAsync();
        var after = await VettingAsync(granted.ClearanceId);

        Assert.That(enrolled.GetProperty("enrolled").GetBoolean(), Is.True);
        Assert.That(Time(enrolled, "lastRunAt"), Is.Null);
        Assert.That(Time(enrolled, "nextRunAt"), Is.EqualTo(StartOfDay(granted.GrantedAt.AddDays(IntervalDays))), "whole days after the grant");
        Assert.That(callsBeforeDue, Is.Zero, "not due yet");
        var calls = CallsFor(granted.ClearanceId);
        Assert.That(calls.Select(c => c.Kind), Is.EquivalentTo(new[] { "identity", "criminal", "credit" }), "one call per kind, once, though the run went twice");
        Assert.That(calls.Select(c => c.IdempotencyKey), Is.All.Contains($":{granted.ClearanceId}:1:"));
        Assert.That(calls.Select(c => c.FamilyName), Is.All.EqualTo(granted.FamilyName));
        Assert.That(Time(after, "lastRunAt"), Is.EqualTo(runAt).Within(TimeSpan.FromSeconds(1)));
        Assert.That(Time(after, "nextRunAt"), Is.EqualTo(StartOfDay(runAt.AddDays(IntervalDays))));
        Assert.That(after.GetProperty("gaps").GetArrayLength(), Is.Zero);
        Assert.That(await EvaluationCasesAsync(granted.SubjectId), Is.Empty);
    }

    [Test]
    public async Task Run_DailyAtThreeWhileTheProviderTakesTime_TheRunAnIntervalLaterFindsTheClearanceDue()
    {
        var granted = await GrantAsync();
        var firstRun = StartOfDay(granted.GrantedAt.AddDays(IntervalDays + 1)).AddHours(3);
        _clock.AdjustTime(new DateTimeOffset(firstRun, TimeSpan.Zero));
        Provider.Respond = call =>
        {
            // Each answer for this clearance takes a second of business time, so the run records it after it started. Only
            // its own: the clearances of earlier tests are due too, and their calls would push the clock past its timeout.
            if (call.FamilyName == granted.FamilyName)
            {
                _clock.Advance(TimeSpan.FromSeconds(1));
            }

            return ProviderReply.Clear();
        };

        await RunAsync();
        var afterFirst = CallsFor(granted.ClearanceId).Count;
        // The same cron time an interval later, and a start a little earlier in the minute than the first.
        _clock.AdjustTime(new DateTimeOffset(firstRun.AddDays(IntervalDays).AddSeconds(-2), TimeSpan.Zero));
        await RunAsync();

        Assert.That(afterFirst, Is.EqualTo(3));
        Assert.That(CallsFor(granted.ClearanceId), Has.Count.EqualTo(6), "vetted again after the interval, not a day later (it used to slip a day each cycle)");
        Assert.That(Time(await VettingAsync(granted.ClearanceId), "nextRunAt"), Is.EqualTo(StartOfDay(firstRun.AddDays(2 * IntervalDays))));
    }

    [Test]
    public async Task Job_FlaggedAnswer_RunTwiceByHangfireAndRedelivered_ExactlyOneContinuousEvaluationCase()
    {
        var granted = await GrantAsync();
        const string summary = "criminal records: arrest warrant issued 2026-11-02";
        Provider.Respond = call => call.FamilyName == granted.FamilyName && call.Kind == "criminal" ? ProviderReply.With("Flagged", summary) : ProviderReply.Clear();
        AdvanceDays(IntervalDays + 1);

        await Factory.SucceededAsync(Factory.TriggerRecurring(ContinuousVettingJob.RecurringId));
        await Factory.SucceededAsync(Factory.TriggerRecurring(ContinuousVettingJob.RecurringId));
        var redelivered = await AsSystemAsync(new ContinuousVetting.Record(
            granted.ClearanceId, 1, _clock.GetUtcNow().UtcDateTime, [new ContinuousVetting.Answer("criminal", CheckOutcome.Flagged, summary, "FAKE-again")]));

        var cases = await EvaluationCasesAsync(granted.SubjectId);
        Assert.That(cases, Has.Length.EqualTo(1));
        Assert.That(redelivered.Done, Is.False, "a run already recorded is not recorded again");
        var c = await Driver.GetCaseAsync(Adjudicator, IdOf(cases[0]));
        Assert.That((Stage(c), Status(c)), Is.EqualTo(("review", "InProgress")));
        Assert.That(c.GetProperty("incident").GetProperty("clearanceId").GetGuid(), Is.EqualTo(granted.ClearanceId));
        Assert.That(c.GetProperty("incident").GetProperty("guideline").GetString(), Is.EqualTo("J"));
        Assert.That(c.GetProperty("incident").GetProperty("summary").GetString(), Does.Contain(summary));
        Assert.That((await Driver.GetJsonAsync(_officer, $"/api/v1/clearances/{granted.ClearanceId}")).GetProperty("status").GetString(), Is.EqualTo("Active"),
            "an alert opens a case; suspending is the adjudicator's call");
        Assert.That(CallsFor(granted.ClearanceId).Count(k => k.Kind == "criminal"), Is.EqualTo(1));
    }

    /// <summary>A case of the applicant's granted: a new clearance, which supersedes any the applicant held.</summary>
    private async Task<Guid> GrantClearanceAsync(HttpClient applicant, string family)
    {
        var id = await Driver.SubmittedCaseAsync(applicant, subject: CaseDriver.Subject(familyName: family));
        await Driver.CompleteChecksAsync(Investigator, id);
        await Driver.ActOkAsync(Adjudicator, id, "claim");
        await Driver.ActOkAsync(Adjudicator, id, "refer-to-decision");
        await Driver.ActOkAsync(Adjudicator, id, "grant", CaseDriver.GrantBody());
        return (await Driver.GetJsonAsync(applicant, "/api/v1/me/clearance")).GetProperty("id").GetGuid();
    }

    /// <summary>The applicant's first clearance, and the evaluation its first vetting run opened over a criminal alert.</summary>
    private async Task<(Guid Clearance, Guid Evaluation)> AlertEvaluatedAsync(HttpClient applicant, string subjectId, string family)
    {
        var clearance = await GrantClearanceAsync(applicant, family);
        Provider.Respond = call => call.FamilyName == family && call.Kind == "criminal"
            ? ProviderReply.With("Flagged", "criminal records: a conviction in 2019") with { Reference = $"CRIM-{family}" }
            : ProviderReply.Clear();
        AdvanceDays(IntervalDays + 1);
        await RunAsync();
        return (clearance, IdOf((await EvaluationCasesAsync(subjectId)).Single()));
    }

    private Task<List<(Guid ClearanceId, Guid? CaseId)>> CriminalResultsAsync(params Guid[] clearances) =>
        InDatabaseAsync(async db => (await db.VettingResults.AsNoTracking()
            .Where(r => clearances.Contains(r.ClearanceId) && r.Kind == "criminal").Select(r => new { r.ClearanceId, r.CaseId }).ToListAsync())
            .Select(r => (r.ClearanceId, r.CaseId)).ToList());

    [Test]
    public async Task Run_AlertAlreadyEvaluated_SeenAgainOnTheSubjectsNextClearance_OpensNoSecondCase()
    {
        var family = Family("Vera");
        using var applicant = NewApplicant(out var subjectId);
        var (first, evaluation) = await AlertEvaluatedAsync(applicant, subjectId, family);
        await Driver.ActOkAsync(Adjudicator, evaluation, "claim");
        await Driver.ActOkAsync(Adjudicator, evaluation, "reinstate", new { rationale = "An old conviction, mitigated." });

        // A new grant (a reinvestigation, an upgrade) is a new clearance, vetted on its own schedule.
        var second = await GrantClearanceAsync(applicant, family);
        AdvanceDays(IntervalDays + 1);
        await RunAsync();

        Assert.That(second, Is.Not.EqualTo(first));
        Assert.That((await EvaluationCasesAsync(subjectId)).Select(IdOf), Is.EqualTo(new[] { evaluation }), "the alert was evaluated: no second case");
        Assert.That(await CriminalResultsAsync(first, second), Is.EquivalentTo(new[] { (first, (Guid?)evaluation), (second, (Guid?)evaluation) }));
    }

    [Test]
    public async Task Run_AlertUnderEvaluationOnASupersededClearance_SeenOnTheNextClearance_OpensACaseForIt()
    {
        var family = Family("Vera");
        using var applicant = NewApplicant(out var subjectId);
        var (first, open) = await AlertEvaluatedAsync(applicant, subjectId, family);

        // Granted again while that evaluation is open: it can act only on the clearance it was opened for.
        var second = await GrantClearanceAsync(applicant, family);
        AdvanceDays(IntervalDays + 1);
        await RunAsync();

        var cases = await EvaluationCasesAsync(subjectId);
        Assert.That(cases, Has.Length.EqualTo(2));
        var opened = cases.Single(c => IdOf(c) != open);
        var view = await Driver.GetCaseAsync(Adjudicator, IdOf(opened));
        Assert.That(view.GetProperty("incident").GetProperty("clearanceId").GetGuid(), Is.EqualTo(second));
        Assert.That(await CriminalResultsAsync(first, second), Is.EquivalentTo(new[] { (first, (Guid?)open), (second, (Guid?)IdOf(opened)) }));
    }

    [Test]
    public async Task Run_FlaggedWithoutAProviderReference_EveryRunWhileItsEvaluationIsOpen_OneCase()
    {
        var granted = await GrantAsync();
        Provider.Respond = call => call.FamilyName == granted.FamilyName && call.Kind == "credit"
            ? ProviderReply.With("Flagged", "credit: default judgment") with { NoReference = true }
            : ProviderReply.Clear();
        AdvanceDays(IntervalDays + 1);
        await RunAsync();
        AdvanceDays(IntervalDays + 1);
        await RunAsync();

        var cases = await EvaluationCasesAsync(granted.SubjectId);
        Assert.That(cases, Has.Length.EqualTo(1), "the second run's alert may be the same one: it joins the open evaluation");
        var linked = await InDatabaseAsync(db => db.VettingResults.AsNoTracking()
            .Where(r => r.ClearanceId == granted.ClearanceId && r.Kind == "credit").OrderBy(r => r.Run).Select(r => new { r.Run, r.CaseId, r.ProviderReference }).ToListAsync());
        Assert.That(linked.Select(r => (r.Run, r.CaseId, r.ProviderReference)), Is.EqualTo(new[]
        {
            (1, (Guid?)IdOf(cases[0]), (string?)null), (2, (Guid?)IdOf(cases[0]), (string?)null),
        }));
    }

    [Test]
    public async Task Run_UnableAnswerAndProviderDown_RecordedAsVettingGapsVisibleToStaff_NoCase()
    {
        var granted = await GrantAsync();
        Provider.Respond = call => call.FamilyName != granted.FamilyName
            ? ProviderReply.Clear()
            : call.Kind switch
            {
                "identity" => ProviderReply.With("Unable", "identity registry: record sealed"),
                "credit" => ProviderReply.Failure(503),
                _ => ProviderReply.Clear(),
            };
        AdvanceDays(IntervalDays + 1);

        var result = await RunAsync();
        var vetting = await VettingAsync(granted.ClearanceId);

        var gaps = vetting.GetProperty("gaps").EnumerateArray().ToDictionary(g => g.GetProperty("kind").GetString()!, g => g.GetProperty("summary").GetString()!);
        Assert.That(gaps.Keys, Is.EquivalentTo(new[] { "identity", "credit" }));
        Assert.That(gaps["identity"], Is.EqualTo("identity registry: record sealed"));
        Assert.That(gaps["credit"], Does.Contain("no answer"));
        Assert.That(result.Gaps, Is.GreaterThanOrEqualTo(2));
        Assert.That(Time(vetting, "lastRunAt"), Is.Not.Null, "a gap does not hold the run back");
        Assert.That(await EvaluationCasesAsync(granted.SubjectId), Is.Empty);
    }

    [Test]
    public async Task Sweep_EnrolledClearance_NoReinvestigationReminderCaseOrExpiry()
    {
        var granted = await GrantAsync();
        var dueOn = DateOnly.FromDateTime(granted.GrantedAt).AddYears(10);
        _clock.AdjustTime(new DateTimeOffset(dueOn.AddDays(-30).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        await AsSystemAsync(new ReinvestigationSweep.Run());
        _clock.AdjustTime(new DateTimeOffset(dueOn.AddDays(200).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        await AsSystemAsync(new ReinvestigationSweep.Run());

        var events = await InDatabaseAsync(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == "clearance.reinvestigation-reminder" || e.Action == "clearance.expired").Select(e => e.Detail).ToListAsync());
        Assert.That(events, Has.None.Contains(granted.ClearanceId.ToString()));
        using var subject = Factory.ClientFor(granted.SubjectId, ApplicantRole);
        var cases = await Driver.GetJsonAsync(subject, "/api/v1/me/cases");
        Assert.That(cases.EnumerateArray().Select(c => c.GetProperty("type").GetString()), Has.None.EqualTo("PeriodicReinvestigation"));
        Assert.That((await Driver.GetJsonAsync(subject, "/api/v1/me/clearance")).GetProperty("status").GetString(), Is.EqualTo("Active"));
    }
}

/// <summary>
/// 1,200 enrolled clearances, seeded through the domain and all due, with batches of 500: one run checks each once,
/// in three batches, and adds no scheduler entry per clearance (the one recurring job is all there is).
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class VettingBatchTests(DatabaseKind kind) : BackgroundTest(kind)
{
    private const int Enrolled = 1200;
    private const int BatchSize = 500;

    protected override ApiFactory CreateFactory(TestDatabase database)
    {
        return new(database, settings =>
        {
            ShortIntervals(settings);
            VettingTests.VettingSettings(settings, Provider.BaseUrl);
            settings["Vetting:BatchSize"] = BatchSize.ToString(CultureInfo.InvariantCulture);
        });
    }

    private async Task SeedAsync(DateTime now)
    {
        for (var chunk = 0; chunk < Enrolled / 200; chunk++)
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClearanceDbContext>();
            var protector = scope.ServiceProvider.GetRequiredService<IDataProtector>();
            for (var i = 0; i < 200; i++)
            {
                var data = new SubjectData("Bo", $"Batch{chunk:D2}{i:D3}", new DateOnly(1980, 1, 1), "GB", $"ZZ{chunk:D2}{i:D4}", "bo@example.org");
                var c = ClearanceCase.Open(
                    $"CW-B-{Guid.NewGuid():N}"[..17], CaseType.Initial, ClearanceLevel.Secret, "Ministry of Tests", NewUser("bo"),
                    protector.Protect(JsonSerializer.Serialize(data, Json.Options)), $"idx-{chunk}-{i}", "clearance", 1, Stages.Decision, CaseStatuses.InProgress, null, now);
                var clearance = c.Grant(
                    ClearanceLevel.Secret, protector.Protect("Seeded."), null, null, "ClearanceWorkflow", DateOnly.FromDateTime(now).AddYears(10), [],
                    new StageChange("grant", "seed", Stages.Closed, CaseStatuses.Granted, null, now));
                clearance.EnrollInVetting(now, now);
                db.Cases.Add(c);
                db.Clearances.Add(clearance);
            }

            await db.SaveChangesAsync();
        }
    }

    [Test]
    public async Task Run_1200DueEnrolments_ThreeBatchesEachCheckedOnce_NoSchedulerEntryPerClearance()
    {
        var now = Clock.Truncate(TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(-1));
        await SeedAsync(now);
        var statistics = Factory.Storage().GetMonitoringApi().GetStatistics();
        var scheduledWorkBefore = await InDatabaseAsync(db => db.ScheduledWork.CountAsync());

        var result = await Factory.Services.GetRequiredService<ContinuousVettingRunner>().RunAsync(CancellationToken.None);

        Assert.That(result.Clearances, Is.EqualTo(Enrolled));
        Assert.That(result.Batches, Is.EqualTo(3), "1,200 due enrolments read 500 at a time");
        Assert.That(Provider.Calls, Has.Count.EqualTo(Enrolled * 3));
        Assert.That(Provider.Calls.Select(c => c.IdempotencyKey), Is.Unique);
        Assert.That(await InDatabaseAsync(db => db.Clearances.CountAsync(c => c.VettingRuns == 1 && c.VettingNextRunAt > now)), Is.EqualTo(Enrolled));
        Assert.That(await InDatabaseAsync(db => db.VettingResults.CountAsync()), Is.EqualTo(Enrolled * 3));

        var after = Factory.Storage().GetMonitoringApi().GetStatistics();
        Assert.That(after.Scheduled, Is.EqualTo(statistics.Scheduled), "no scheduled job per clearance");
        Assert.That(after.Enqueued, Is.EqualTo(statistics.Enqueued), "no enqueued job per clearance");
        Assert.That(await InDatabaseAsync(db => db.ScheduledWork.CountAsync()), Is.EqualTo(scheduledWorkBefore));
        using var connection = Factory.Storage().GetConnection();
        Assert.That(connection.GetRecurringJobs().Count(r => r.Id == ContinuousVettingJob.RecurringId), Is.EqualTo(1));
    }
}
