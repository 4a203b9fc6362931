using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClearanceWorkflow.IntegrationTests.Background;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using ClearanceWorkflow.Domain;

namespace ClearanceWorkflow.IntegrationTests.Clearances;

/// <summary>
/// Clearances after the grant, through the API: an incident opens a ContinuousEvaluation case in review (and
/// suspends the clearance when asked); on that case <c>suspend</c> and <c>reinstate</c>, a grant that keeps the
/// clearance, and a concurred denial that revokes it. The clearance's history, a partner's reciprocity answer and
/// a certificate's verification follow each change.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class IncidentTests(DatabaseKind kind) : BackgroundTest(kind)
{
    private const string Purpose = "employment";

    private HttpClient _officer = null!;
    private string _officerId = null!;
    private HttpClient _senior = null!;
    private string _seniorId = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public void CreateClients()
    {
        _officer = Staff("sofia", out _officerId, "security-officer");
        _senior = Staff("sam", out _seniorId, SeniorRole);
        _admin = Factory.ClientFor(NewUser("root"), "admin");
    }

    [OneTimeTearDown]
    public void DisposeClients()
    {
        _officer?.Dispose();
        _senior?.Dispose();
        _admin?.Dispose();
    }

    private sealed record Granted(Guid CaseId, Guid ClearanceId, string SubjectId, string FamilyName);

    private async Task<Granted> GrantAsync()
    {
        var family = Family("Ines");
        using var applicant = NewApplicant(out var subjectId);
        var id = await Driver.SubmittedCaseAsync(applicant, subject: CaseDriver.Subject(familyName: family));
        await Driver.CompleteChecksAsync(Investigator, id);
        await Driver.ActOkAsync(Adjudicator, id, "claim");
        await Driver.ActOkAsync(Adjudicator, id, "refer-to-decision");
        await Driver.ActOkAsync(Adjudicator, id, "grant", CaseDriver.GrantBody());
        var clearance = await Driver.GetJsonAsync(applicant, "/api/v1/me/clearance");
        return new Granted(id, clearance.GetProperty("id").GetGuid(), subjectId, family);
    }

    /// <summary>Claimed, a finding, referred, denied and concurred: the evaluation enters due process.</summary>
    private async Task ConcurredDenialAsync(Guid caseId)
    {
        await Driver.ActOkAsync(Adjudicator, caseId, "claim");
        await Driver.RecordFindingOkAsync(Adjudicator, caseId);
        await Driver.ActOkAsync(Adjudicator, caseId, "refer-to-decision");
        await Driver.ActOkAsync(Adjudicator, caseId, "deny", new { rationale = "Pattern of alcohol-related incidents." });
        await Driver.ActOkAsync(_senior, caseId, "concur");
    }

    /// <summary>
    /// After a concurred denial, version 2's due process to its unfavourable end: the holder answers, an adjudicator who
    /// took no part denies again, the holder appeals, and two board members uphold. Returns the closed case.
    /// </summary>
    private async Task<JsonElement> DueProcessToFinalDenialAsync(Guid caseId, string subjectId, Guid clearanceId)
    {
        Assert.That(StatusOfClearance(await ClearanceAsync(clearanceId)), Is.Not.EqualTo("Revoked"), "due process revokes nothing before its end");
        using var holder = Factory.ClientFor(subjectId, ApplicantRole);
        using var second = Staff("eve", out _, AdjudicatorRole);
        using var member1 = Staff("mona", out _, SeniorRole);
        using var member2 = Staff("max", out _, SeniorRole);
        await Driver.ActOkAsync(holder, caseId, "answer", new { response = "It was a single incident.", requestHearing = false });
        await Driver.ActOkAsync(second, caseId, "claim");
        await Driver.ActOkAsync(second, caseId, "deny", new { rationale = "The answer does not mitigate it." });
        await Driver.ActOkAsync(holder, caseId, "appeal", new { grounds = "The answer was not weighed." });
        await Driver.ActOkAsync(member1, caseId, "board-vote", new { vote = "Uphold", rationale = "Recent and serious." });
        Assert.That(StatusOfClearance(await ClearanceAsync(clearanceId)), Is.Not.EqualTo("Revoked"), "one vote decides nothing");
        return await Driver.ActOkAsync(member2, caseId, "board-vote", new { vote = "Uphold", rationale = "Recent and serious." });
    }

    private static object IncidentBody(bool suspend, string summary = "Arrested for a DUI on 2026-11-20; reported by the site security office.", string guideline = "G") =>
        new { guideline, summary, suspend };

    private Task<HttpResponseMessage> ReportAsync(Guid clearanceId, object body, HttpClient? by = null) =>
        (by ?? _officer).PostAsJsonAsync($"/api/v1/clearances/{clearanceId}/incidents", body);

    private async Task<JsonElement> ReportOkAsync(Guid clearanceId, bool suspend, HttpClient? by = null)
    {
        using var response = await ReportAsync(clearanceId, IncidentBody(suspend), by);
        await CaseDriver.Expect(response, HttpStatusCode.Created);
        var c = await CaseDriver.Json(response);
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/cases/{IdOf(c)}"));
        return c;
    }

    private Task<JsonElement> ClearanceAsync(Guid clearanceId) => Driver.GetJsonAsync(_officer, $"/api/v1/clearances/{clearanceId}");

    private static string StatusOfClearance(JsonElement view) => view.GetProperty("status").GetString()!;

    private static List<(string Status, string Actor, string Reason)> History(JsonElement view) =>
        [.. view.GetProperty("history").EnumerateArray().Select(h => (h.GetProperty("status").GetString()!, h.GetProperty("actor").GetString()!, h.GetProperty("reason").GetString()!))];

    [Test]
    public async Task Incident_WithoutSuspend_OpensContinuousEvaluationInReviewOnTheActiveWorkflow_ClearanceStaysActive()
    {
        var granted = await GrantAsync();
        const string summary = "Undisclosed foreign bank account reported by a colleague.";

        using var response = await ReportAsync(granted.ClearanceId, IncidentBody(suspend: false, summary, "F"));
        await CaseDriver.Expect(response, HttpStatusCode.Created);
        var opened = await CaseDriver.Json(response);

        Assert.That(opened.GetProperty("type").GetString(), Is.EqualTo("ContinuousEvaluation"));
        Assert.That(Stage(opened), Is.EqualTo("review"));
        Assert.That(Status(opened), Is.EqualTo("InProgress"));
        Assert.That(opened.GetProperty("workflow").GetProperty("version").GetInt32(), Is.EqualTo(2), "pinned to the active definition");
        Assert.That(opened.GetProperty("subjectId").GetString(), Is.EqualTo(granted.SubjectId));
        Assert.That(opened.GetProperty("requestedLevel").GetString(), Is.EqualTo("Secret"));
        var first = opened.GetProperty("events")[0];
        Assert.That((first.GetProperty("action").GetString(), first.GetProperty("actor").GetString()), Is.EqualTo(("open-continuous-evaluation", _officerId)));
        var incident = opened.GetProperty("incident");
        Assert.That(incident.GetProperty("clearanceId").GetGuid(), Is.EqualTo(granted.ClearanceId));
        Assert.That(incident.GetProperty("guideline").GetString(), Is.EqualTo("F"));
        Assert.That(incident.GetProperty("summary").GetString(), Is.EqualTo(summary));
        Assert.That(StatusOfClearance(await ClearanceAsync(granted.ClearanceId)), Is.EqualTo("Active"));
        Assert.That(await RawDatabase.EverythingStoredAsync(Database), Does.Not.Contain(summary), "the summary is encrypted at rest");

        var audited = (await AuditAsync(IdOf(opened))).Select(ActionOf).ToList();
        Assert.That(audited, Does.Contain("case.open-continuous-evaluation").And.Contain("clearance.incident"));
        var claimed = await Driver.ActOkAsync(Adjudicator, IdOf(opened), "claim");
        Assert.That(Actions(claimed), Does.Contain("suspend").And.Contain("reinstate"), "the assigned adjudicator may suspend or reinstate");
    }

    [Test]
    public async Task Incident_WithSuspend_ClearanceSuspendedAtOnce_HistoryNamesActorAndReason()
    {
        var granted = await GrantAsync();

        var opened = await ReportOkAsync(granted.ClearanceId, suspend: true);

        var view = await ClearanceAsync(granted.ClearanceId);
        Assert.That(StatusOfClearance(view), Is.EqualTo("Suspended"));
        var history = History(view);
        Assert.That(history.Select(h => h.Status), Is.EqualTo(new[] { "Active", "Suspended" }));
        Assert.That(history[1].Actor, Is.EqualTo(_officerId));
        Assert.That(history[1].Reason, Does.Contain("incident").And.Contain(opened.GetProperty("reference").GetString()!));
    }

    [Test]
    public async Task SuspendThenReinstate_ClearanceSuspendedThenActive_EachChangeInHistoryWithActorAndReason()
    {
        var granted = await GrantAsync();
        var caseId = IdOf(await ReportOkAsync(granted.ClearanceId, suspend: false));
        await Driver.ActOkAsync(Adjudicator, caseId, "claim");
        const string reason = "Pending the outcome of the criminal proceedings.";

        var suspended = await Driver.ActOkAsync(Adjudicator, caseId, "suspend", new { reason });
        var whileSuspended = await ClearanceAsync(granted.ClearanceId);
        using var again = await Driver.ActAsync(Adjudicator, caseId, "suspend", new { reason });
        var reinstated = await Driver.ActOkAsync(Adjudicator, caseId, "reinstate", new { rationale = "Charges dropped; mitigated under G." });
        var after = await ClearanceAsync(granted.ClearanceId);

        Assert.That((Stage(suspended), Status(suspended)), Is.EqualTo(("review", "InProgress")), "suspend leaves the case where it is");
        Assert.That(StatusOfClearance(whileSuspended), Is.EqualTo("Suspended"));
        Assert.That(Actions(suspended), Does.Not.Contain("suspend").And.Contain("reinstate"), "a suspended clearance cannot be suspended again");
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await again.Content.ReadAsStringAsync(), Does.Contain("only an active clearance can be suspended"));
        Assert.That((Stage(reinstated), Status(reinstated)), Is.EqualTo(("closed", "Granted")));
        Assert.That(StatusOfClearance(after), Is.EqualTo("Active"));
        var history = History(after);
        Assert.That(history.Select(h => h.Status), Is.EqualTo(new[] { "Active", "Suspended", "Active" }));
        Assert.That(history.Skip(1).Select(h => h.Actor), Is.All.EqualTo(AdjudicatorId));
        Assert.That(history[1].Reason, Does.Contain(reason), "the reason given, decrypted for staff");
        Assert.That(history[2].Reason, Does.Contain("reinstated"));
        Assert.That(await RawDatabase.EverythingStoredAsync(Database), Does.Not.Contain(reason), "the reason is encrypted at rest");
        Assert.That((await AuditAsync(caseId)).Select(ActionOf), Does.Contain("case.suspend").And.Contain("case.reinstate"));
    }

    [Test]
    public async Task Reinstate_WithAnUnmitigatedSeriousFinding_NotBeforeTheInterview()
    {
        // The interview is required on an unmitigated Moderate or Serious finding; reinstate used to close the case without it.
        var granted = await GrantAsync();
        var caseId = IdOf(await ReportOkAsync(granted.ClearanceId, suspend: true));
        await Driver.ActOkAsync(Adjudicator, caseId, "claim");
        await Driver.RecordFindingOkAsync(Adjudicator, caseId, guideline: "J", severity: "Serious");

        var offered = Actions(await Driver.GetCaseAsync(Adjudicator, caseId));
        var refused = await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, caseId, "reinstate", new { rationale = "Cleared." }), HttpStatusCode.Conflict);
        await Driver.ActOkAsync(Adjudicator, caseId, "schedule-interview", new { scheduledAt = TimeProvider.System.GetUtcNow().AddDays(7), location = "Room 101" });
        var inInterview = await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, caseId, "reinstate", new { rationale = "Cleared." }), HttpStatusCode.Conflict);
        await Driver.ActOkAsync(Adjudicator, caseId, "complete-interview", new { summary = "A single incident, charges dropped." });
        var reinstated = await Driver.ActOkAsync(Adjudicator, caseId, "reinstate", new { rationale = "Mitigated at the interview." });

        Assert.That(offered, Does.Not.Contain("reinstate"));
        Assert.That(refused.GetProperty("detail").GetString(), Does.Contain("interview is required"));
        Assert.That(inInterview.GetProperty("detail").GetString(), Does.Contain("interview is required"));
        Assert.That((Stage(reinstated), Status(reinstated)), Is.EqualTo(("closed", "Granted")));
        Assert.That(StatusOfClearance(await ClearanceAsync(granted.ClearanceId)), Is.EqualTo("Active"));
    }

    [Test]
    public async Task DeniedThroughDueProcess_ContinuousEvaluation_RevokesTheClearance_ThenAnIncidentOnItIsConflict()
    {
        var granted = await GrantAsync();
        var caseId = IdOf(await ReportOkAsync(granted.ClearanceId, suspend: true));
        await Driver.ActOkAsync(Adjudicator, caseId, "claim");
        await Driver.RecordFindingOkAsync(Adjudicator, caseId);
        await Driver.ActOkAsync(Adjudicator, caseId, "refer-to-decision");
        await Driver.ActOkAsync(Adjudicator, caseId, "deny", new { rationale = "Pattern of alcohol-related incidents." });
        Assert.That(StatusOfClearance(await ClearanceAsync(granted.ClearanceId)), Is.EqualTo("Suspended"), "a denial awaiting concurrence revokes nothing yet");

        var concurred = await Driver.ActOkAsync(_senior, caseId, "concur");
        Assert.That((Stage(concurred), Status(concurred)), Is.EqualTo(("due-process", "AwaitingAnswer")));
        var closed = await DueProcessToFinalDenialAsync(caseId, granted.SubjectId, granted.ClearanceId);

        Assert.That((Stage(closed), Status(closed)), Is.EqualTo(("closed", "Denied")));
        var view = await ClearanceAsync(granted.ClearanceId);
        Assert.That(StatusOfClearance(view), Is.EqualTo("Revoked"));
        var history = History(view);
        Assert.That(history.Select(h => h.Status), Is.EqualTo(new[] { "Active", "Suspended", "Revoked" }));
        Assert.That(history[2].Actor, Is.EqualTo("system"), "the board's deciding vote closes the case through the automatic uphold-denial");
        Assert.That(history[2].Reason, Does.Contain("revoked"));
        Assert.That(view.GetProperty("vetting").GetProperty("nextRunAt").ValueKind, Is.EqualTo(JsonValueKind.Null), "a revoked clearance is not vetted");

        await CaseDriver.ExpectProblem(await ReportAsync(granted.ClearanceId, IncidentBody(suspend: false)), HttpStatusCode.Conflict);
    }

    [Test]
    public async Task DeniedThroughDueProcess_SubjectGrantedANewerClearanceWhileTheEvaluationWasOpen_RevokesTheNewerOne()
    {
        // The newer grant superseded the evaluated clearance; the evaluation's unfavourable end must still reach what the subject holds.
        var granted = await GrantAsync();
        var caseId = IdOf(await ReportOkAsync(granted.ClearanceId, suspend: false));
        using var holder = Factory.ClientFor(granted.SubjectId, ApplicantRole);
        var newer = await Driver.SubmittedCaseAsync(holder, subject: CaseDriver.Subject(familyName: granted.FamilyName));
        await Driver.CompleteChecksAsync(Investigator, newer);
        await Driver.ActOkAsync(Adjudicator, newer, "claim");
        await Driver.ActOkAsync(Adjudicator, newer, "refer-to-decision");
        await Driver.ActOkAsync(Adjudicator, newer, "grant", CaseDriver.GrantBody());
        var newerId = (await Driver.GetJsonAsync(holder, "/api/v1/me/clearance")).GetProperty("id").GetGuid();
        Assert.That(StatusOfClearance(await ClearanceAsync(granted.ClearanceId)), Is.EqualTo("Expired"), "superseded by the newer grant");
        var partnerId = NewUser("agency");
        await CaseDriver.Expect(await _admin.PostAsJsonAsync("/api/v1/partners", new
        {
            partnerId, name = "Partner agency", country = "DE", purposes = new[] { Purpose }, maxLevel = "TopSecret",
            agreementExpiresOn = CaseDriver.Today.AddYears(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), active = true,
        }), HttpStatusCode.Created);
        using var partner = Factory.PartnerClient(NewUser("pat"), partnerId);
        var query = new { subject = new { nationalId = "AB-123456", familyName = granted.FamilyName, dateOfBirth = "1988-02-14" }, purpose = Purpose, requiredLevel = "Secret" };

        var whileOpen = (await CaseDriver.Json(await partner.PostAsJsonAsync("/api/v1/reciprocity/queries", query))).GetProperty("clearance");
        await ConcurredDenialAsync(caseId);
        var closed = await DueProcessToFinalDenialAsync(caseId, granted.SubjectId, newerId);

        Assert.That((whileOpen.GetProperty("status").GetString(), whileOpen.GetProperty("hasException").GetBoolean()), Is.EqualTo(("Active", true)),
            "the open evaluation of the superseded clearance is an exception on the newer one");
        Assert.That(whileOpen.GetProperty("eligibleForRequiredLevel").GetBoolean(), Is.False);
        Assert.That((Stage(closed), Status(closed)), Is.EqualTo(("closed", "Denied")));
        var newerView = await ClearanceAsync(newerId);
        Assert.That(StatusOfClearance(newerView), Is.EqualTo("Revoked"));
        Assert.That(History(newerView)[^1].Reason, Does.Contain(closed.GetProperty("reference").GetString()!));
        Assert.That(StatusOfClearance(await ClearanceAsync(granted.ClearanceId)), Is.EqualTo("Expired"), "the superseded one stays as it ended");
        var onFirst = (await AuditAsync(granted.CaseId)).Where(e => ActionOf(e) == "clearance.expired").ToList();
        Assert.That(onFirst, Has.Count.EqualTo(1), "the supersession, under the case that holds the clearance");
        Assert.That(DetailOf(onFirst[0]).GetProperty("clearanceId").GetGuid(), Is.EqualTo(granted.ClearanceId));
        var onNewer = (await AuditAsync(newer)).Where(e => ActionOf(e) == "clearance.revoked").ToList();
        Assert.That(onNewer, Has.Count.EqualTo(1), "the revocation by the evaluation, under the case that granted the newer clearance");
        Assert.That(DetailOf(onNewer[0]).GetProperty("byCase").GetString(), Is.EqualTo(closed.GetProperty("reference").GetString()));
    }

    [Test]
    public async Task DeniedThroughDueProcess_WithdrawsTheSubjectsInterimEligibilityOnAnotherCase()
    {
        // Otherwise the interim would stand in for the revoked clearance: to the subject, in a certificate, to a partner.
        var granted = await GrantAsync();
        using var holder = Factory.ClientFor(granted.SubjectId, ApplicantRole);
        var upgrade = await Driver.SubmittedCaseAsync(holder, subject: CaseDriver.Subject(familyName: granted.FamilyName));
        await Driver.ActOkAsync(Adjudicator, upgrade, "grant-interim", new { level = "Secret", rationale = "Questionnaire and first checks are clean." });
        var caseId = IdOf(await ReportOkAsync(granted.ClearanceId, suspend: false));
        await ConcurredDenialAsync(caseId);
        Assert.That((await InDatabaseAsync(db => db.Clearances.AsNoTracking().SingleAsync(c => c.CaseId == upgrade))).Status, Is.EqualTo(ClearanceStatus.Interim), "no final denial yet");

        var closed = await DueProcessToFinalDenialAsync(caseId, granted.SubjectId, granted.ClearanceId);

        Assert.That((Stage(closed), Status(closed)), Is.EqualTo(("closed", "Denied")));
        var interim = await InDatabaseAsync(db => db.Clearances.AsNoTracking().Include(c => c.History).SingleAsync(c => c.CaseId == upgrade));
        Assert.That(interim.Status, Is.EqualTo(ClearanceStatus.Withdrawn));
        Assert.That(interim.History.OrderBy(h => h.At).Last().Reason, Does.Contain(closed.GetProperty("reference").GetString()!));
        var held = await Driver.GetJsonAsync(holder, "/api/v1/me/clearance");
        Assert.That((held.GetProperty("id").GetGuid(), held.GetProperty("status").GetString()), Is.EqualTo((granted.ClearanceId, "Revoked")));
        Assert.That(Actions(await Driver.GetCaseAsync(Adjudicator, upgrade)), Does.Not.Contain("withdraw-interim"));
        Assert.That((await AuditAsync(upgrade)).Select(ActionOf), Does.Contain("clearance.interim-withdrawn"));
        Assert.That((await AuditAsync(granted.CaseId)).Select(ActionOf), Does.Contain("clearance.revoked"));
    }

    [Test]
    public async Task GrantInterim_WhileTheSubjectsClearanceIsSuspended_NotOffered_And409()
    {
        var granted = await GrantAsync();
        using var holder = Factory.ClientFor(granted.SubjectId, ApplicantRole);
        var evaluation = IdOf(await ReportOkAsync(granted.ClearanceId, suspend: true));
        var upgrade = await Driver.SubmittedCaseAsync(holder, subject: CaseDriver.Subject(familyName: granted.FamilyName));

        Assert.That(Actions(await Driver.GetCaseAsync(Adjudicator, upgrade)), Does.Not.Contain("grant-interim"));
        var refused = await CaseDriver.ExpectProblem(
            await Driver.ActAsync(Adjudicator, upgrade, "grant-interim", new { level = "Secret", rationale = "Urgent." }), HttpStatusCode.Conflict);
        Assert.That(refused.GetProperty("detail").GetString(), Does.Contain("suspended"));

        await Driver.ActOkAsync(Adjudicator, evaluation, "claim");
        await Driver.ActOkAsync(Adjudicator, evaluation, "reinstate", new { rationale = "Charges dropped; mitigated under G." });
        Assert.That(Actions(await Driver.GetCaseAsync(Adjudicator, upgrade)), Does.Contain("grant-interim"), "offered again once the clearance is reinstated");
        var reinstated = (await AuditAsync(granted.CaseId)).Where(e => ActionOf(e) == "clearance.reinstated").ToList();
        Assert.That(reinstated, Has.Count.EqualTo(1), "the reinstatement, under the case that holds the clearance");
        Assert.That((DetailOf(reinstated[0]).GetProperty("from").GetString(), DetailOf(reinstated[0]).GetProperty("to").GetString()),
            Is.EqualTo(("Suspended", "Active")));
    }

    [Test]
    public async Task Board_TheSeniorWhoReportedTheIncident_Gets403()
    {
        var granted = await GrantAsync();
        using var reporter = Staff("hugo", out _, AdjudicatorRole, SeniorRole);
        var caseId = IdOf(await ReportOkAsync(granted.ClearanceId, suspend: true, reporter));
        await ConcurredDenialAsync(caseId);
        using var holder = Factory.ClientFor(granted.SubjectId, ApplicantRole);
        using var second = Staff("eve", out _, AdjudicatorRole);
        await Driver.ActOkAsync(holder, caseId, "answer", new { response = "It was a single incident.", requestHearing = false });
        await Driver.ActOkAsync(second, caseId, "claim");
        await Driver.ActOkAsync(second, caseId, "deny", new { rationale = "The answer does not mitigate it." });
        await Driver.ActOkAsync(holder, caseId, "appeal", new { grounds = "The answer was not weighed." });

        var refused = await CaseDriver.ExpectProblem(await Driver.ActAsync(reporter, caseId, "board-vote", new { vote = "Uphold", rationale = "r" }), HttpStatusCode.Forbidden);

        Assert.That(refused.GetProperty("detail").GetString(), Does.Contain("'open-continuous-evaluation'"));
        using var outsider = Staff("otto", out _, SeniorRole);
        await Driver.ActOkAsync(outsider, caseId, "board-vote", new { vote = "Uphold", rationale = "Recent and serious." });
    }

    [Test]
    public async Task Reinstate_AnotherEvaluationOfTheClearanceStillOpen_StaysSuspendedUntilTheLastEndsFavourably()
    {
        var granted = await GrantAsync();
        var first = IdOf(await ReportOkAsync(granted.ClearanceId, suspend: true));
        var second = IdOf(await ReportOkAsync(granted.ClearanceId, suspend: true));
        await Driver.ActOkAsync(Adjudicator, first, "claim");
        await Driver.ActOkAsync(Adjudicator, second, "claim");

        var firstEnded = await Driver.ActOkAsync(Adjudicator, first, "reinstate", new { rationale = "The first incident is mitigated." });
        var between = StatusOfClearance(await ClearanceAsync(granted.ClearanceId));
        await Driver.ActOkAsync(Adjudicator, second, "reinstate", new { rationale = "The second incident is mitigated too." });

        Assert.That((Stage(firstEnded), Status(firstEnded)), Is.EqualTo(("closed", "Granted")));
        Assert.That(between, Is.EqualTo("Suspended"), "the second evaluation is still open");
        var after = await ClearanceAsync(granted.ClearanceId);
        Assert.That(StatusOfClearance(after), Is.EqualTo("Active"));
        Assert.That(History(after).Select(h => h.Status), Is.EqualTo(new[] { "Active", "Suspended", "Active" }));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Suspension_WithdrawsTheSubjectsInterimEligibilityOnAnotherCase(bool atTheReport)
    {
        var granted = await GrantAsync();
        using var holder = Factory.ClientFor(granted.SubjectId, ApplicantRole);
        var upgrade = await Driver.SubmittedCaseAsync(holder, subject: CaseDriver.Subject(familyName: granted.FamilyName));
        await Driver.ActOkAsync(Adjudicator, upgrade, "grant-interim", new { level = "Secret", rationale = "Questionnaire and first checks are clean." });
        var evaluation = IdOf(await ReportOkAsync(granted.ClearanceId, suspend: atTheReport));
        if (!atTheReport)
        {
            await Driver.ActOkAsync(Adjudicator, evaluation, "claim");
            await Driver.ActOkAsync(Adjudicator, evaluation, "suspend", new { reason = "Pending the criminal proceedings." });
        }

        var interim = await InDatabaseAsync(db => db.Clearances.AsNoTracking().Include(c => c.History).SingleAsync(c => c.CaseId == upgrade));
        Assert.That(interim.Status, Is.EqualTo(ClearanceStatus.Withdrawn));
        Assert.That(interim.History.OrderBy(h => h.At).Last().Reason, Does.Contain("suspended"));
        Assert.That(StatusOfClearance(await ClearanceAsync(granted.ClearanceId)), Is.EqualTo("Suspended"));
        Assert.That(Actions(await Driver.GetCaseAsync(Adjudicator, upgrade)), Does.Not.Contain("withdraw-interim"));
        Assert.That((await AuditAsync(upgrade)).Select(ActionOf), Does.Contain("clearance.interim-withdrawn"));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Suspension_IsAuditedUnderTheCaseThatHoldsTheClearance_AsItsReinstatementIs(bool atTheReport)
    {
        var granted = await GrantAsync();
        var opened = await ReportOkAsync(granted.ClearanceId, suspend: atTheReport);
        var evaluation = IdOf(opened);
        await Driver.ActOkAsync(Adjudicator, evaluation, "claim");
        if (!atTheReport)
        {
            await Driver.ActOkAsync(Adjudicator, evaluation, "suspend", new { reason = "Pending the criminal proceedings." });
        }

        await Driver.ActOkAsync(Adjudicator, evaluation, "reinstate", new { rationale = "Charges dropped; mitigated under G." });

        var trail = (await AuditAsync(granted.CaseId)).Where(e => ActionOf(e).StartsWith("clearance.", StringComparison.Ordinal)).ToList();
        Assert.That(trail.Select(ActionOf), Is.EquivalentTo(new[] { "clearance.suspended", "clearance.reinstated" }), "each change of the clearance");
        var suspended = DetailOf(trail.Single(e => ActionOf(e) == "clearance.suspended"));
        Assert.That(
            (suspended.GetProperty("clearanceId").GetGuid(), suspended.GetProperty("from").GetString(), suspended.GetProperty("to").GetString(), suspended.GetProperty("byCase").GetString()),
            Is.EqualTo((granted.ClearanceId, "Active", "Suspended", opened.GetProperty("reference").GetString())));
    }

    [Test]
    public async Task Timeliness_AnOpenEvaluation_CountsInTheAgingFromItsOpening()
    {
        var granted = await GrantAsync();
        async Task<(int Under4, int From4To8)> AgingAsync()
        {
            var buckets = (await Driver.GetJsonAsync(_officer, "/api/v1/reports/timeliness")).GetProperty("aging").EnumerateArray()
                .ToDictionary(b => b.GetProperty("bucket").GetString()!, b => b.GetProperty("count").GetInt32());
            return (buckets["under-4-months"], buckets["4-to-8-months"]);
        }

        var before = await AgingAsync();
        var evaluation = IdOf(await ReportOkAsync(granted.ClearanceId, suspend: false));
        Assert.That(await AgingAsync(), Is.EqualTo((before.Under4 + 1, before.From4To8)), "an evaluation is never submitted, but it is open work");

        // Opened five months ago (the clearance and its case are from today): it ages from its own opening.
        var fiveMonthsAgo = TimeProvider.System.GetUtcNow().UtcDateTime.AddMonths(-5);
        Assert.That(await InDatabaseAsync(db => db.Cases.Where(c => c.Id == evaluation).ExecuteUpdateAsync(u => u.SetProperty(c => c.CreatedAt, fiveMonthsAgo))), Is.EqualTo(1));
        Assert.That(await AgingAsync(), Is.EqualTo((before.Under4, before.From4To8 + 1)));
    }

    [Test]
    public async Task Grant_ContinuousEvaluation_KeepsTheSuspendedClearanceAndReinstatesIt_NoSecondClearance()
    {
        var granted = await GrantAsync();
        var caseId = IdOf(await ReportOkAsync(granted.ClearanceId, suspend: true));
        await Driver.ActOkAsync(Adjudicator, caseId, "claim");
        await Driver.ActOkAsync(Adjudicator, caseId, "refer-to-decision");

        await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, caseId, "grant", CaseDriver.GrantBody("Confidential")), HttpStatusCode.BadRequest);
        var closed = await Driver.ActOkAsync(Adjudicator, caseId, "grant", CaseDriver.GrantBody());

        Assert.That((Stage(closed), Status(closed)), Is.EqualTo(("closed", "Granted")));
        Assert.That(StatusOfClearance(await ClearanceAsync(granted.ClearanceId)), Is.EqualTo("Active"));
        var ofSubject = await InDatabaseAsync(db => db.Clearances.AsNoTracking().Where(c => c.SubjectId == granted.SubjectId).Select(c => c.Id).ToListAsync());
        Assert.That(ofSubject, Is.EqualTo(new[] { granted.ClearanceId }));
    }

    [Test]
    public async Task Grant_ContinuousEvaluationWithACondition_RecordsItOnTheKeptClearance_AuditedAndPartnersLearnOfIt()
    {
        // The evaluation's grant used to drop the exception it was given: the clearance came back with none.
        var granted = await GrantAsync();
        var opened = await ReportOkAsync(granted.ClearanceId, suspend: false);
        var caseId = IdOf(opened);
        await Driver.ActOkAsync(Adjudicator, caseId, "claim");
        await Driver.ActOkAsync(Adjudicator, caseId, "refer-to-decision");
        var before = await ClearanceAsync(granted.ClearanceId);

        await Driver.ActOkAsync(Adjudicator, caseId, "grant", new
        {
            level = "Secret", rationale = "Eligible, with monitoring.", exception = new { type = "Condition", details = "Monthly financial counselling for a year." },
        });

        var after = await ClearanceAsync(granted.ClearanceId);
        Assert.That(before.GetProperty("exception").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That((StatusOfClearance(after), after.GetProperty("exception").GetString()), Is.EqualTo(("Active", "Condition")));
        var recorded = DetailOf((await AuditAsync(granted.CaseId)).Single(e => ActionOf(e) == "clearance.exception-recorded"));
        Assert.That(
            (recorded.GetProperty("clearanceId").GetGuid(), recorded.GetProperty("exception").GetString(), recorded.GetProperty("byCase").GetString()),
            Is.EqualTo((granted.ClearanceId, "Condition", opened.GetProperty("reference").GetString())));
        var answer = await ReciprocityAnswerAsync(granted);
        Assert.That((answer.GetProperty("hasException").GetBoolean(), answer.GetProperty("eligibleForRequiredLevel").GetBoolean()), Is.EqualTo((true, false)));
    }

    [Test]
    public async Task Grant_ContinuousEvaluationOfAClearanceAnotherEvaluationRevoked_RecordsNoExceptionOnIt()
    {
        var granted = await GrantAsync();
        var later = IdOf(await ReportOkAsync(granted.ClearanceId, suspend: false));
        var revoking = IdOf(await ReportOkAsync(granted.ClearanceId, suspend: true));
        await ConcurredDenialAsync(revoking);
        await DueProcessToFinalDenialAsync(revoking, granted.SubjectId, granted.ClearanceId);
        Assert.That(StatusOfClearance(await ClearanceAsync(granted.ClearanceId)), Is.EqualTo("Revoked"));

        using var other = Staff("olga", out _, AdjudicatorRole);
        await Driver.ActOkAsync(other, later, "claim");
        await Driver.ActOkAsync(other, later, "refer-to-decision");
        await Driver.ActAsync(other, later, "grant", new
        {
            level = "Secret", rationale = "Eligible, with monitoring.", exception = new { type = "Condition", details = "Monthly counselling." },
        });

        var view = await ClearanceAsync(granted.ClearanceId);
        Assert.That((StatusOfClearance(view), view.GetProperty("exception").ValueKind), Is.EqualTo(("Revoked", JsonValueKind.Null)), "a revoked clearance is left alone");
        Assert.That((await AuditAsync(granted.CaseId)).Select(ActionOf), Does.Not.Contain("clearance.exception-recorded"));
    }

    [Test]
    public async Task Reinstate_DespiteAnUnmitigatedSeriousFinding_RecordsAWaiverOnTheClearance_ANamelessFavourableEndKeepsNone()
    {
        var waived = await GrantAsync();
        var withFinding = IdOf(await ReportOkAsync(waived.ClearanceId, suspend: true));
        await Driver.ActOkAsync(Adjudicator, withFinding, "claim");
        await Driver.RecordFindingOkAsync(Adjudicator, withFinding, guideline: "J", severity: "Serious");
        await Driver.ActOkAsync(Adjudicator, withFinding, "schedule-interview", new { scheduledAt = TimeProvider.System.GetUtcNow().AddDays(7), location = "Room 101" });
        await Driver.ActOkAsync(Adjudicator, withFinding, "complete-interview", new { summary = "Recent, but the holder reported it." });
        await Driver.ActOkAsync(Adjudicator, withFinding, "reinstate", new { rationale = "Eligible despite the finding." });

        var clean = await GrantAsync();
        var withoutFinding = IdOf(await ReportOkAsync(clean.ClearanceId, suspend: true));
        await Driver.ActOkAsync(Adjudicator, withoutFinding, "claim");
        await Driver.ActOkAsync(Adjudicator, withoutFinding, "reinstate", new { rationale = "The report was mistaken." });

        var view = await ClearanceAsync(waived.ClearanceId);
        Assert.That((StatusOfClearance(view), view.GetProperty("exception").GetString()), Is.EqualTo(("Active", "Waiver")));
        Assert.That((await AuditAsync(waived.CaseId)).Select(ActionOf), Does.Contain("clearance.exception-recorded"));
        Assert.That((await ReciprocityAnswerAsync(waived)).GetProperty("hasException").GetBoolean(), Is.True);
        Assert.That((await ClearanceAsync(clean.ClearanceId)).GetProperty("exception").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That((await AuditAsync(clean.CaseId)).Select(ActionOf), Does.Not.Contain("clearance.exception-recorded"));
    }

    private async Task<JsonElement> ReciprocityAnswerAsync(Granted granted)
    {
        var partnerId = NewUser("agency");
        await CaseDriver.Expect(await _admin.PostAsJsonAsync("/api/v1/partners", new
        {
            partnerId, name = "Partner agency", country = "DE", purposes = new[] { Purpose }, maxLevel = "TopSecret",
            agreementExpiresOn = CaseDriver.Today.AddYears(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), active = true,
        }), HttpStatusCode.Created);
        using var partner = Factory.PartnerClient(NewUser("pat"), partnerId);
        var query = new { subject = new { nationalId = "AB-123456", familyName = granted.FamilyName, dateOfBirth = "1988-02-14" }, purpose = Purpose, requiredLevel = "Secret" };
        var answer = await CaseDriver.Json(await partner.PostAsJsonAsync("/api/v1/reciprocity/queries", query));
        Assert.That(answer.GetProperty("match").GetBoolean(), Is.True);
        return answer.GetProperty("clearance");
    }

    [Test]
    public async Task Grant_TheSubjectsOtherCaseWhileTheirClearanceIsSuspended_Conflict_TheSuspensionStands()
    {
        // A suspension ends in reinstatement or revocation: a grant on another case used to put an active clearance beside it.
        var granted = await GrantAsync();
        await ReportOkAsync(granted.ClearanceId, suspend: true);
        var newer = await NewerCaseInDecisionAsync(granted);

        var refused = await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, newer, "grant", CaseDriver.GrantBody()), HttpStatusCode.Conflict);

        Assert.That(refused.GetProperty("detail").GetString(), Does.Contain("suspended"));
        var c = await Driver.GetCaseAsync(Adjudicator, newer);
        Assert.That((Stage(c), Status(c)), Is.EqualTo(("decision", "InProgress")));
        var statuses = await InDatabaseAsync(db => db.Clearances.AsNoTracking().Where(x => x.SubjectId == granted.SubjectId)
            .Select(x => new { x.Id, Status = x.Status.ToString() }).ToListAsync());
        Assert.That(statuses.Select(x => (x.Id, x.Status)), Is.EqualTo(new[] { (granted.ClearanceId, "Suspended") }));
    }

    [TestCase("reinstate")]
    [TestCase("grant")]
    public async Task FavourableEnd_ADatabaseWithANewerClearanceGrantedDuringTheSuspension_TheSuspendedOneIsSupersededNotReinstated(string action)
    {
        // Before grants were refused during a suspension, a newer clearance could be granted beside the suspended one;
        // reinstating the suspended one then would leave two active. That state is rebuilt here as such a database holds it.
        var granted = await GrantAsync();
        var caseId = IdOf(await ReportOkAsync(granted.ClearanceId, suspend: true));
        var newer = await NewerCaseInDecisionAsync(granted);
        await SetStatusAsync(granted.ClearanceId, ClearanceStatus.Active);
        await Driver.ActOkAsync(Adjudicator, newer, "grant", CaseDriver.GrantBody());
        await SetStatusAsync(granted.ClearanceId, ClearanceStatus.Suspended);

        await Driver.ActOkAsync(Adjudicator, caseId, "claim");
        if (action == "grant")
        {
            await Driver.ActOkAsync(Adjudicator, caseId, "refer-to-decision");
        }

        var closed = await Driver.ActOkAsync(Adjudicator, caseId, action, action == "grant" ? CaseDriver.GrantBody() : new { rationale = "Cleared." });

        Assert.That((Stage(closed), Status(closed)), Is.EqualTo(("closed", "Granted")));
        var statuses = await InDatabaseAsync(db => db.Clearances.AsNoTracking().Where(c => c.SubjectId == granted.SubjectId)
            .ToDictionaryAsync(c => c.Id, c => c.Status.ToString()));
        Assert.That(statuses[granted.ClearanceId], Is.EqualTo("Expired"));
        Assert.That(statuses.Values.Count(v => v == "Active"), Is.EqualTo(1), string.Join(", ", statuses.Values));
    }

    private async Task<Guid> NewerCaseInDecisionAsync(Granted granted)
    {
        using var holder = Factory.ClientFor(granted.SubjectId, ApplicantRole);
        var newer = await Driver.SubmittedCaseAsync(holder, subject: CaseDriver.Subject(familyName: granted.FamilyName));
        await Driver.CompleteChecksAsync(Investigator, newer);
        await Driver.ActOkAsync(Adjudicator, newer, "claim");
        await Driver.ActOkAsync(Adjudicator, newer, "refer-to-decision");
        return newer;
    }

    private Task<int> SetStatusAsync(Guid clearanceId, ClearanceStatus status) =>
        InDatabaseAsync(db => db.Clearances.Where(c => c.Id == clearanceId).ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, status)));

    [Test]
    public async Task SuspendAndReinstate_InitialCase_ConflictAndNotOffered()
    {
        using var applicant = NewApplicant();
        var id = await Driver.CaseInReviewAsync(applicant, Investigator, Adjudicator);

        var c = await Driver.GetCaseAsync(Adjudicator, id);
        var suspend = await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "suspend", new { reason = "no" }), HttpStatusCode.Conflict);
        await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "reinstate", new { rationale = "no" }), HttpStatusCode.Conflict);

        Assert.That(Actions(c), Has.None.EqualTo("suspend").And.None.EqualTo("reinstate"));
        Assert.That(suspend.GetProperty("detail").GetString(), Does.Contain("ContinuousEvaluation"));
    }

    [Test]
    public async Task GrantInterim_ContinuousEvaluationOfASuspendedClearance_ConflictAndNotOffered()
    {
        // An interim clearance would stand in for the suspended one: a certificate in force, "Interim" to partners.
        var granted = await GrantAsync();
        var caseId = IdOf(await ReportOkAsync(granted.ClearanceId, suspend: true));
        await Driver.ActOkAsync(Adjudicator, caseId, "claim");

        var c = await Driver.GetCaseAsync(Adjudicator, caseId);
        var refused = await CaseDriver.ExpectProblem(
            await Driver.ActAsync(Adjudicator, caseId, "grant-interim", new { level = "Secret", rationale = "Needed on site." }), HttpStatusCode.Conflict);

        Assert.That(Actions(c), Has.None.EqualTo("grant-interim"));
        Assert.That(refused.GetProperty("detail").GetString(), Does.Contain("ContinuousEvaluation"));
        using var holder = Factory.ClientFor(granted.SubjectId, ApplicantRole);
        var mine = await Driver.GetJsonAsync(holder, "/api/v1/me/clearance");
        Assert.That((mine.GetProperty("id").GetGuid(), StatusOfClearance(mine)), Is.EqualTo((granted.ClearanceId, "Suspended")));
    }

    [Test]
    public async Task Withdraw_ContinuousEvaluationBySubject_Conflict()
    {
        var granted = await GrantAsync();
        var caseId = IdOf(await ReportOkAsync(granted.ClearanceId, suspend: true));
        using var subject = Factory.ClientFor(granted.SubjectId, ApplicantRole);

        await CaseDriver.ExpectProblem(await Driver.ActAsync(subject, caseId, "withdraw", new { reason = "I would rather not." }), HttpStatusCode.Conflict);
        Assert.That(StatusOfClearance(await ClearanceAsync(granted.ClearanceId)), Is.EqualTo("Suspended"));
    }

    [Test]
    public async Task Reciprocity_SuspendedClearance_AnsweredSuspendedAndNotEligible()
    {
        var granted = await GrantAsync();

        var before = await ReciprocityAnswerAsync(granted);
        await ReportOkAsync(granted.ClearanceId, suspend: true);
        var after = await ReciprocityAnswerAsync(granted);

        Assert.That((before.GetProperty("status").GetString(), before.GetProperty("eligibleForRequiredLevel").GetBoolean()), Is.EqualTo(("Active", true)));
        Assert.That((after.GetProperty("status").GetString(), after.GetProperty("eligibleForRequiredLevel").GetBoolean()), Is.EqualTo(("Suspended", false)));
    }

    [Test]
    public async Task Certificate_VerifiedBeforeAndAfterSuspensionAndRevocation_ValidOnlyWhileActive()
    {
        var granted = await GrantAsync();
        using var applicant = Factory.ClientFor(granted.SubjectId, ApplicantRole);
        using var pdf = await applicant.GetAsync("/api/v1/me/clearance/certificate");
        await CaseDriver.Expect(pdf, HttpStatusCode.OK);
        var code = PdfText.Extract(await pdf.Content.ReadAsByteArrayAsync()).Split('\n').SkipWhile(l => l != "Verification code").Skip(1).First();
        using var anonymous = Factory.CreateClient();
        async Task<(bool Valid, string Status)> VerifyAsync()
        {
            var answer = await Driver.GetJsonAsync(anonymous, $"/api/v1/certificates/{code}");
            return (answer.GetProperty("valid").GetBoolean(), answer.GetProperty("status").GetString()!);
        }

        var active = await VerifyAsync();
        var caseId = IdOf(await ReportOkAsync(granted.ClearanceId, suspend: true));
        var suspended = await VerifyAsync();
        await ConcurredDenialAsync(caseId);
        await DueProcessToFinalDenialAsync(caseId, granted.SubjectId, granted.ClearanceId);
        var revoked = await VerifyAsync();

        Assert.That(active, Is.EqualTo((true, "Active")));
        Assert.That(suspended, Is.EqualTo((false, "Suspended")));
        Assert.That(revoked, Is.EqualTo((false, "Revoked")));
    }

    [TestCase("""{ "guideline": "N", "summary": "x", "suspend": false }""")]
    [TestCase("""{ "guideline": "G", "summary": "", "suspend": false }""")]
    [TestCase("""{ "guideline": "G", "summary": "x" }""")]
    [TestCase("""{ "guideline": "G", "summary": "x", "suspend": "yes" }""")]
    [TestCase("""[]""")]
    public async Task Incident_BadBody_BadRequest(string body)
    {
        var granted = await GrantAsync();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        await CaseDriver.ExpectProblem(await _officer.PostAsync($"/api/v1/clearances/{granted.ClearanceId}/incidents", content), HttpStatusCode.BadRequest);
        Assert.That(StatusOfClearance(await ClearanceAsync(granted.ClearanceId)), Is.EqualTo("Active"));
    }

    [Test]
    public async Task Incident_UnknownClearance_NotFound_OwnClearance_Forbidden()
    {
        await CaseDriver.ExpectProblem(await ReportAsync(Guid.NewGuid(), IncidentBody(suspend: true)), HttpStatusCode.NotFound);

        var granted = await GrantAsync();
        using var holder = Factory.ClientFor(granted.SubjectId, "security-officer");
        await CaseDriver.ExpectProblem(await ReportAsync(granted.ClearanceId, IncidentBody(suspend: true), holder), HttpStatusCode.Forbidden);
    }
}
