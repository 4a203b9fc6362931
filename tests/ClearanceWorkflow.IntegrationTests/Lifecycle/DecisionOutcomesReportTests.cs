using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>
/// The timeliness report's denial and revocation rates, over cases driven through the API to their ends today:
/// four initial grants (two of them evaluated later) and one initial denial through due process, a continuous
/// evaluation that reinstates its clearance and one that revokes it through due process, and a Confidential grant.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class DecisionOutcomesReportTests(DatabaseKind kind) : LifecycleTest(kind)
{
    private HttpClient _auditor = null!;
    private HttpClient _senior = null!;
    private HttpClient _officer = null!;

    [OneTimeSetUp]
    public async Task DriveCasesAsync()
    {
        _auditor = Staff("audrey", out _, AuditorRole);
        _senior = Staff("sam", out _, SeniorRole);
        _officer = Staff("sofia", out _, "security-officer");

        await GrantAsync("Secret");
        await GrantAsync("Secret");
        await GrantAsync("Confidential");

        using (var applicant = NewApplicant(out var subject))
        {
            var denied = await Driver.CaseInReviewAsync(applicant, Investigator, Adjudicator);
            await DenyThroughDueProcessAsync(denied, subject);
        }

        var reinstated = await EvaluationAsync(await GrantAsync("Secret"));
        await Driver.ActOkAsync(Adjudicator, reinstated.CaseId, "reinstate", new { rationale = "Charges dropped; mitigated under G." });

        var revoked = await EvaluationAsync(await GrantAsync("Secret"));
        await DenyThroughDueProcessAsync(revoked.CaseId, revoked.Subject);
        Assert.That((await Driver.GetJsonAsync(_officer, $"/api/v1/clearances/{revoked.ClearanceId}")).GetProperty("status").GetString(), Is.EqualTo("Revoked"));
    }

    [OneTimeTearDown]
    public void DisposeClients()
    {
        _auditor?.Dispose();
        _senior?.Dispose();
        _officer?.Dispose();
    }

    private sealed record Evaluation(Guid CaseId, Guid ClearanceId, string Subject);

    private async Task<(Guid ClearanceId, string Subject)> GrantAsync(string level)
    {
        using var applicant = NewApplicant(out var subject);
        var id = await Driver.CaseInDecisionAsync(applicant, Investigator, Adjudicator, level);
        await Driver.ActOkAsync(Adjudicator, id, "grant", CaseDriver.GrantBody(level));
        return ((await Driver.GetJsonAsync(applicant, "/api/v1/me/clearance")).GetProperty("id").GetGuid(), subject);
    }

    /// <summary>An incident that suspends the clearance opens a ContinuousEvaluation case, claimed by the adjudicator.</summary>
    private async Task<Evaluation> EvaluationAsync((Guid ClearanceId, string Subject) held)
    {
        using var response = await _officer.PostAsJsonAsync($"/api/v1/clearances/{held.ClearanceId}/incidents",
            new { guideline = "G", summary = "Arrested for a DUI; reported by the site security office.", suspend = true });
        await CaseDriver.Expect(response, HttpStatusCode.Created);
        var caseId = IdOf(await CaseDriver.Json(response));
        await Driver.ActOkAsync(Adjudicator, caseId, "claim");
        return new Evaluation(caseId, held.ClearanceId, held.Subject);
    }

    /// <summary>From review: a finding, the referral, deny, concur, the subject's answer, a second adjudicator's final denial, the appeal, and a board that upholds it.</summary>
    private async Task DenyThroughDueProcessAsync(Guid caseId, string subject)
    {
        using var holder = Factory.ClientFor(subject, ApplicantRole);
        using var second = Staff("eve", out _, AdjudicatorRole);
        using var member1 = Staff("mona", out _, SeniorRole);
        using var member2 = Staff("max", out _, SeniorRole);
        await Driver.RecordFindingOkAsync(Adjudicator, caseId);
        await Driver.ActOkAsync(Adjudicator, caseId, "refer-to-decision");
        await Driver.ActOkAsync(Adjudicator, caseId, "deny", new { rationale = "Unmitigated." });
        await Driver.ActOkAsync(_senior, caseId, "concur");
        await Driver.ActOkAsync(holder, caseId, "answer", new { response = "It was a single incident.", requestHearing = false });
        await Driver.ActOkAsync(second, caseId, "claim");
        await Driver.ActOkAsync(second, caseId, "deny", new { rationale = "The answer does not mitigate it." });
        await Driver.ActOkAsync(holder, caseId, "appeal", new { grounds = "The answer was not weighed." });
        await Driver.ActOkAsync(member1, caseId, "board-vote", new { vote = "Uphold", rationale = "Recent and serious." });
        var closed = await Driver.ActOkAsync(member2, caseId, "board-vote", new { vote = "Uphold", rationale = "Recent and serious." });
        Assert.That((Stage(closed), Status(closed)), Is.EqualTo(("closed", "Denied")));
    }

    private async Task<JsonElement> OutcomesAsync(string query = "") =>
        (await Driver.GetJsonAsync(_auditor, "/api/v1/reports/timeliness" + query)).GetProperty("outcomes");

    private static (int, int, decimal?, int, int, decimal?) Figures(JsonElement o)
    {
        static decimal? Rate(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDecimal();
        return (o.GetProperty("granted").GetInt32(), o.GetProperty("denied").GetInt32(), Rate(o.GetProperty("denialRate")),
            o.GetProperty("retained").GetInt32(), o.GetProperty("revoked").GetInt32(), Rate(o.GetProperty("revocationRate")));
    }

    [Test]
    public async Task Outcomes_InitialDecisionsAndEvaluations_CountedApartWithTheirRates()
    {
        // Initial: 5 granted (2 Secret, 1 Confidential, the 2 evaluated later), 1 denied: 1 / 6 = 0.1667 -> 0.167.
        // Evaluations: 1 reinstated (retained), 1 revoked: 0.5.
        Assert.That(Figures(await OutcomesAsync()), Is.EqualTo((5, 1, 0.167m, 1, 1, 0.5m)));
    }

    [Test]
    public async Task Outcomes_LevelFilter_OnlyThatLevelsCases()
    {
        Assert.That(Figures(await OutcomesAsync("?level=Confidential")), Is.EqualTo((1, 0, 0m, 0, 0, (decimal?)null)));
        Assert.That(Figures(await OutcomesAsync("?level=TopSecret")), Is.EqualTo((0, 0, (decimal?)null, 0, 0, (decimal?)null)));
    }

    [Test]
    public async Task Outcomes_WindowBeforeTheDecisions_NoneCountedAndNoRates()
    {
        var yesterday = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.That(Figures(await OutcomesAsync($"?from=2020-01-01&to={yesterday}")), Is.EqualTo((0, 0, (decimal?)null, 0, 0, (decimal?)null)));
    }
}
