using System.Globalization;
using System.Net;
using System.Text.Json;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>
/// The timeliness report over cases driven through the API under a hand-moved clock, so every phase has a
/// known length. Every case opens at T0 (the first of next month, 09:00 UTC): Secret and Confidential cases
/// run to a grant; one TopSecret case is withdrawn after its investigation; TopSecret and one Confidential
/// case stay open in background-check for the aging. The expected figures are worked out by hand below.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class TimelinessReportTests(DatabaseKind kind) : LifecycleTest(kind)
{
    private static readonly DateTimeOffset T0 = FirstOfNextMonth();

    /// <summary>"Now" for the aging: 15 calendar months after T0.</summary>
    private static readonly DateTimeOffset AgingNow = T0.AddMonths(15);

    private readonly FakeTimeProvider _clock = new(T0);

    private HttpClient _auditor = null!;

    private static DateTimeOffset FirstOfNextMonth()
    {
        var now = TimeProvider.System.GetUtcNow();
        return new DateTimeOffset(now.Year, now.Month, 1, 9, 0, 0, TimeSpan.Zero).AddMonths(1);
    }

    protected override ApiFactory CreateFactory(TestDatabase database) =>
        new(database, settings => settings["Timeliness:TargetDays:end-to-end"] = "70", services => services.UseClock(_clock));

    /// <summary>
    /// Secret case i (1..12): application i days, investigation 30 + i days (case 12: 200), adjudication
    /// 5,5,6,6,7,7,8,8,9,9,10 days (case 12: 90). Confidential: (2, 20, 3) and (4, 22, 5). TopSecret: 5 days of
    /// application, 10 of investigation, withdrawn 3 days later.
    /// </summary>
    [OneTimeSetUp]
    public async Task DriveCasesAsync()
    {
        _auditor = Staff("audrey", out _, AuditorRole);
        int[] adjudication = [5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 90];
        for (var i = 1; i <= 12; i++)
        {
            await DriveAsync("Secret", i, i == 12 ? 200 : 30 + i, adjudication[i - 1]);
        }

        await DriveAsync("Confidential", 2, 20, 3);
        await DriveAsync("Confidential", 4, 22, 5);
        await DriveAsync("TopSecret", 5, 10, null, withdrawAfterDays: 3);

        // Open, submitted at these times (the ages are taken at AgingNow).
        await OpenAsync("Confidential", AgingNow.AddDays(-1));       // under 4 months
        await OpenAsync("TopSecret", AgingNow.AddMonths(-4).AddHours(1)); // an hour short of 4 months: under 4
        await OpenAsync("TopSecret", AgingNow.AddMonths(-4));        // exactly 4 months: 4 to 8
        await OpenAsync("TopSecret", AgingNow.AddMonths(-8).AddDays(1)); // 4 to 8
        await OpenAsync("TopSecret", AgingNow.AddMonths(-8).AddDays(-1)); // 8 to 12
        await OpenAsync("TopSecret", AgingNow.AddMonths(-12).AddHours(-1)); // over 12
        await OpenAsync("TopSecret", T0.AddMonths(1));              // 14 months: over 12

        // Opened, not submitted: pending initiation, aged from its opening.
        _clock.AdjustTime(AgingNow.AddMonths(-5));
        using var undecided = NewApplicant();
        await Driver.ApplyAsync(undecided, "Confidential");          // 4 to 8
    }

    [OneTimeTearDown]
    public void DisposeAuditor() => _auditor?.Dispose();

    [SetUp]
    public void ClockAtAgingNow() => _clock.AdjustTime(AgingNow);

    private async Task DriveAsync(string level, int applicationDays, int investigationDays, int? adjudicationDays, int? withdrawAfterDays = null)
    {
        using var applicant = NewApplicant();
        _clock.AdjustTime(T0);
        var id = IdOf(await Driver.ApplyAsync(applicant, level));
        await Driver.FillQuestionnaireAsync(applicant, id, CaseDriver.Questionnaire(8, DateOnly.FromDateTime(T0.UtcDateTime)));
        var at = T0.AddDays(applicationDays);
        _clock.AdjustTime(at);
        await Driver.ActOkAsync(applicant, id, "submit", new { attestation = true });
        at = at.AddDays(investigationDays);
        _clock.AdjustTime(at);
        await Driver.CompleteChecksAsync(Investigator, id);
        Assert.That(Stage(await Driver.GetCaseAsync(applicant, id)), Is.EqualTo("review"), "the last clear check ends the investigation");
        if (withdrawAfterDays is { } w)
        {
            _clock.AdjustTime(at.AddDays(w));
            await Driver.ActOkAsync(applicant, id, "withdraw", new { reason = "I accepted a position elsewhere." });
        }

        if (adjudicationDays is { } d)
        {
            _clock.AdjustTime(at.AddDays(d));
            await Driver.ActOkAsync(Adjudicator, id, "claim");
            await Driver.ActOkAsync(Adjudicator, id, "refer-to-decision");
            await Driver.ActOkAsync(Adjudicator, id, "grant", CaseDriver.GrantBody(level));
        }
    }

    private async Task OpenAsync(string level, DateTimeOffset submittedAt)
    {
        using var applicant = NewApplicant();
        _clock.AdjustTime(submittedAt);
        var id = IdOf(await Driver.ApplyAsync(applicant, level));
        await Driver.FillQuestionnaireAsync(applicant, id, CaseDriver.Questionnaire(8, DateOnly.FromDateTime(submittedAt.UtcDateTime)));
        await Driver.ActOkAsync(applicant, id, "submit", new { attestation = true });
    }

    private static string Day(int daysAfterT0) => T0.AddDays(daysAfterT0).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private Task<JsonElement> ReportAsync(string query, HttpClient? client = null) =>
        Driver.GetJsonAsync(client ?? _auditor, "/api/v1/reports/timeliness" + query);

    private static JsonElement PhaseOf(JsonElement report, string phase) =>
        report.GetProperty("phases").EnumerateArray().Single(p => p.GetProperty("phase").GetString() == phase);

    private static decimal? Number(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDecimal();

    private static void AssertPhase(JsonElement report, string phase, int count, decimal? average, decimal? p50, decimal? p90)
    {
        var p = PhaseOf(report, phase);
        Assert.Multiple(() =>
        {
            Assert.That(p.GetProperty("count").GetInt32(), Is.EqualTo(count), $"{phase}: count");
            Assert.That(Number(p.GetProperty("averageDaysFastest90")), Is.EqualTo(average), $"{phase}: fastest-90% average");
            Assert.That(Number(p.GetProperty("p50Days")), Is.EqualTo(p50), $"{phase}: p50");
            Assert.That(Number(p.GetProperty("p90Days")), Is.EqualTo(p90), $"{phase}: p90");
        });
    }

    private static Dictionary<string, int> Aging(JsonElement report) =>
        report.GetProperty("aging").EnumerateArray().ToDictionary(b => b.GetProperty("bucket").GetString()!, b => b.GetProperty("count").GetInt32());

    [Test]
    public async Task Report_SecretCases_FastestNinetyPercentAveragesAndNearestRankPercentiles()
    {
        var report = await ReportAsync($"?from={Day(0)}&to={Day(400)}&level=Secret");

        Assert.That(report.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("phase").GetString()),
            Is.EqualTo(new[] { "application", "investigation", "adjudication", "end-to-end" }));
        // n = 12: the fastest ceil(0.9 * 12) = 11 count; p50 is rank ceil(0.5 * 12) = 6, p90 rank ceil(0.9 * 12) = 11.
        // application 1..12: (1 + .. + 11) / 11 = 66 / 11 = 6.0; rank 6 = 6; rank 11 = 11.
        AssertPhase(report, "application", 12, 6.0m, 6m, 11m);
        // investigation 31..41 and 200: (31 + .. + 41) / 11 = 396 / 11 = 36.0 (all 12 would give 49.7); rank 6 = 36; rank 11 = 41.
        AssertPhase(report, "investigation", 12, 36.0m, 36m, 41m);
        // adjudication 5,5,6,6,7,7,8,8,9,9,10,90: 80 / 11 = 7.27 -> 7.3; rank 6 = 7; rank 11 = 10.
        AssertPhase(report, "adjudication", 12, 7.3m, 7m, 10m);
        // end-to-end = application + investigation + adjudication, the span the default target (74 = 14 + 40 + 20) is for:
        // 37,39,42,44,47,49,52,54,57,59,62,302: 542 / 11 = 49.27 -> 49.3; rank 6 = 49; rank 11 = 62.
        AssertPhase(report, "end-to-end", 12, 49.3m, 49m, 62m);
    }

    [Test]
    public async Task Report_Targets_DefaultsAndTheConfiguredOverride()
    {
        var report = await ReportAsync($"?from={Day(0)}&to={Day(400)}");
        var targets = report.GetProperty("phases").EnumerateArray()
            .ToDictionary(p => p.GetProperty("phase").GetString()!, p => p.GetProperty("targetDays").GetInt32());
        Assert.That(targets, Is.EqualTo(new Dictionary<string, int>
        {
            ["application"] = 14, ["investigation"] = 40, ["adjudication"] = 20, ["end-to-end"] = 70, // end-to-end set to 70 by this fixture
        }));
    }

    [Test]
    public async Task Report_LevelFilter_OnlyThatLevelsCases()
    {
        var confidential = await ReportAsync($"?from={Day(0)}&to={Day(400)}&level=Confidential");
        // n = 2: the fastest ceil(1.8) = 2, p50 rank 1, p90 rank 2.
        AssertPhase(confidential, "application", 2, 3.0m, 2m, 4m);     // (2 + 4) / 2
        AssertPhase(confidential, "investigation", 2, 21.0m, 20m, 22m); // (20 + 22) / 2
        AssertPhase(confidential, "adjudication", 2, 4.0m, 3m, 5m);     // (3 + 5) / 2
        AssertPhase(confidential, "end-to-end", 2, 28.0m, 25m, 31m);     // 2 + 20 + 3 = 25, 4 + 22 + 5 = 31: (25 + 31) / 2

        // A level in any case, as enum strings in bodies and the clearances' status filter are read.
        Assert.That((await ReportAsync($"?from={Day(0)}&to={Day(400)}&level=confidential")).GetRawText(), Is.EqualTo(confidential.GetRawText()));
    }

    [Test]
    public async Task Report_WithdrawnCase_CountsItsApplicationAndInvestigationOnly()
    {
        var report = await ReportAsync($"?from={Day(0)}&to={Day(20)}&level=TopSecret");
        AssertPhase(report, "application", 1, 5.0m, 5m, 5m);
        AssertPhase(report, "investigation", 1, 10.0m, 10m, 10m);
        AssertPhase(report, "adjudication", 0, null, null, null);
        AssertPhase(report, "end-to-end", 0, null, null, null);
    }

    [Test]
    public async Task Report_AllLevels_EveryCaseWhosePhaseEndedInTheWindow()
    {
        // Days 0..20: every application ends there (Secret 1..12, Confidential 2 and 4, TopSecret 5); only the
        // TopSecret investigation (ended on day 15) does; no decision does.
        var report = await ReportAsync($"?from={Day(0)}&to={Day(20)}");
        // n = 15: 1,2,2,3,4,4,5,5,6,7,8,9,10,11,12; the fastest ceil(13.5) = 14 sum to 89 - 12 = 77: 77 / 14 = 5.5;
        // p50 rank ceil(7.5) = 8 -> 5; p90 rank ceil(13.5) = 14 -> 11.
        AssertPhase(report, "application", 15, 5.5m, 5m, 11m);
        AssertPhase(report, "investigation", 1, 10.0m, 10m, 10m);
        AssertPhase(report, "adjudication", 0, null, null, null);
    }

    [Test]
    public async Task Report_FromTo_InclusiveDaysOnTheDateThePhaseEnded()
    {
        // Secret investigations end on day i + 30 + i = 30 + 2i: days 46, 48 and 50 (i = 8, 9, 10), lengths 38, 39, 40.
        // Decisions end on day i + (30 + i) + adjudication: 47 (i = 5, 35 + 7 days) and 49 (i = 6, 36 + 7); Confidential
        // ones end on days 25 and 31. Applications all end by day 12.
        var report = await ReportAsync($"?from={Day(46)}&to={Day(50)}&level=Secret");
        AssertPhase(report, "application", 0, null, null, null);
        AssertPhase(report, "investigation", 3, 39.0m, 39m, 40m); // (38 + 39 + 40) / 3; p50 rank 2, p90 rank 3
        AssertPhase(report, "adjudication", 2, 7.0m, 7m, 7m);
        AssertPhase(report, "end-to-end", 2, 48.0m, 47m, 49m);     // 5 + 35 + 7 = 47, 6 + 36 + 7 = 49

        var narrower = await ReportAsync($"?from={Day(47)}&to={Day(49)}&level=Secret");
        AssertPhase(narrower, "investigation", 1, 39.0m, 39m, 39m); // only day 48
    }

    [Test]
    public async Task Report_Aging_OpenCasesByCalendarMonthsSinceSubmissionOrOpening()
    {
        var all = await ReportAsync("");
        Assert.That(all.GetProperty("aging").EnumerateArray().Select(b => b.GetProperty("bucket").GetString()),
            Is.EqualTo(new[] { "under-4-months", "4-to-8-months", "8-to-12-months", "over-12-months" }));
        Assert.That(Aging(all), Is.EqualTo(new Dictionary<string, int>
        {
            ["under-4-months"] = 2, ["4-to-8-months"] = 3, ["8-to-12-months"] = 1, ["over-12-months"] = 2,
        }), "closed cases (granted, withdrawn) are not counted; the application not submitted is");
        Assert.That(Aging(await ReportAsync("?level=TopSecret")), Is.EqualTo(new Dictionary<string, int>
        {
            ["under-4-months"] = 1, ["4-to-8-months"] = 2, ["8-to-12-months"] = 1, ["over-12-months"] = 2,
        }));
        Assert.That(Aging(await ReportAsync("?level=Secret")).Values, Is.All.EqualTo(0));

        _clock.AdjustTime(AgingNow.AddMonths(1));
        Assert.That(Aging(await ReportAsync("")), Is.EqualTo(new Dictionary<string, int>
        {
            ["under-4-months"] = 1, ["4-to-8-months"] = 3, ["8-to-12-months"] = 2, ["over-12-months"] = 2,
        }), "a month later the case an hour short of 4 months and the one a day short of 8 move up a bucket");
    }

    [TestCase("security-officer")]
    [TestCase("senior-adjudicator")]
    public async Task Report_OtherAllowedRoles_SeeTheSameFigures(string role)
    {
        using var client = Staff("rita", out _, role);
        var query = $"?from={Day(0)}&to={Day(400)}&level=Secret";
        Assert.That((await ReportAsync(query, client)).GetRawText(), Is.EqualTo((await ReportAsync(query)).GetRawText()));
    }

    [TestCase("?from=2026-03-02&to=2026-03-01", "to")]
    [TestCase("?level=Ultra", "level")]
    [TestCase("?level=2", "level")]
    [TestCase("?from=1899-12-31", "from")]
    [TestCase("?to=9999-12-31", "to")]
    [TestCase("?from=2100-01-01", "from")]
    [TestCase("?from=2026-02-30", "from")] // not a date: the binder refuses it
    [TestCase("?to=yesterday", "to")]
    public async Task Report_BadQuery_400Problem(string query, string field)
    {
        var response = await _auditor.GetAsync("/api/v1/reports/timeliness" + query);
        var problem = await CaseDriver.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name),
            Has.Some.Matches<string>(n => n.Equals(field, StringComparison.OrdinalIgnoreCase)));
    }

    [Test]
    public async Task Report_DateOutOfRange_NamesTheRangeAsTheQueryWritesDates()
    {
        var problem = await CaseDriver.ExpectProblem(await _auditor.GetAsync("/api/v1/reports/timeliness?from=1999-12-31"), HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("errors").GetProperty("from")[0].GetString(), Is.EqualTo("must be between 2000-01-01 and 2100-12-31"));
    }
}
