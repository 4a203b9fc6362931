using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>
/// Interim eligibility (workflow version 2): <c>grant-interim</c> by any adjudicator in background-check and only by
/// the assigned one in review, the clearance it issues as reciprocity partners, certificates and staff see it, and
/// how it ends: <c>withdraw-interim</c>, the final grant (the same record becomes Active), a concurred denial and the
/// applicant's withdrawal of the case.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class InterimTests(DatabaseKind kind) : LifecycleTest(kind)
{
    private const string Rationale = "Questionnaire and the first checks raise no concern; the sponsor needs access now.";

    private HttpClient _officer = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public void CreateClients()
    {
        _officer = Factory.ClientFor(NewUser("sofia"), "security-officer");
        _admin = Factory.ClientFor(NewUser("root"), "admin");
    }

    [OneTimeTearDown]
    public void DisposeClients()
    {
        _officer?.Dispose();
        _admin?.Dispose();
    }

    private static object Interim(string level = "Secret") => new { level, rationale = Rationale };

    private static object WithdrawInterim(string rationale = "New information came to light.") => new { rationale };

    private Task<JsonElement> MyClearanceAsync(HttpClient applicant) => Driver.GetJsonAsync(applicant, "/api/v1/me/clearance");

    private Task<JsonElement> ClearanceViewAsync(Guid clearanceId) => Driver.GetJsonAsync(_officer, $"/api/v1/clearances/{clearanceId}");

    private static List<(string? Status, string? Actor, string? Reason)> History(JsonElement view) =>
        [.. view.GetProperty("history").EnumerateArray().Select(h => (h.GetProperty("status").GetString(), h.GetProperty("actor").GetString(), h.GetProperty("reason").GetString()))];

    private async Task<int> ClearanceCountAsync(string subjectId)
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ClearanceDbContext>().Clearances.CountAsync(c => c.SubjectId == subjectId);
    }

    private async Task<string> CertificateCodeAsync(HttpClient applicant)
    {
        using var response = await applicant.GetAsync("/api/v1/me/clearance/certificate");
        await CaseDriver.Expect(response, HttpStatusCode.OK);
        var text = PdfText.Extract(await response.Content.ReadAsByteArrayAsync());
        return text.Split('\n').SkipWhile(l => l != "Verification code").Skip(1).First();
    }

    private async Task<JsonElement> VerifyAsync(string code)
    {
        using var anonymous = Factory.CreateClient();
        return await Driver.GetJsonAsync(anonymous, $"/api/v1/certificates/{code}");
    }

    /// <summary>A partner with an agreement up to TopSecret, and the reciprocity query for the applicant the tests create.</summary>
    private async Task<HttpClient> PartnerAsync()
    {
        var partnerId = NewUser("agency");
        var created = await _admin.PostAsJsonAsync("/api/v1/partners", new
        {
            partnerId, name = "Partner agency", country = "DE", purposes = new[] { "employment" }, maxLevel = "TopSecret",
            agreementExpiresOn = CaseDriver.Today.AddYears(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), active = true,
        });
        await CaseDriver.Expect(created, HttpStatusCode.Created);
        return Factory.PartnerClient(NewUser("pat"), partnerId);
    }

    private static async Task<JsonElement> ReciprocityAsync(HttpClient partner, string nationalId, string familyName)
    {
        var response = await partner.PostAsJsonAsync("/api/v1/reciprocity/queries", new
        {
            subject = new { nationalId, familyName, dateOfBirth = "1988-02-14" }, purpose = "employment", requiredLevel = "Confidential",
        });
        await CaseDriver.Expect(response, HttpStatusCode.OK);
        var answer = await CaseDriver.Json(response);
        Assert.That(answer.GetProperty("match").GetBoolean(), Is.True, answer.ToString());
        return answer.GetProperty("clearance");
    }

    [Test]
    public async Task GrantInterim_InBackgroundCheckByAnUnassignedAdjudicator_InterimClearanceAndTheCaseGoesOn()
    {
        using var alice = NewApplicant(out var aliceId);
        var id = await Driver.SubmittedCaseAsync(alice);

        var after = await Driver.ActOkAsync(Adjudicator, id, "grant-interim", Interim("Confidential"));

        Assert.That((Stage(after), Status(after)), Is.EqualTo(("background-check", "InProgress")));
        Assert.That(after.GetProperty("assignedAdjudicator").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(Actions(after), Does.Contain("withdraw-interim").And.Not.Contain("grant-interim"));
        var mine = await MyClearanceAsync(alice);
        Assert.That(mine.GetProperty("status").GetString(), Is.EqualTo("Interim"));
        Assert.That(mine.GetProperty("level").GetString(), Is.EqualTo("Confidential"));
        Assert.That(mine.GetProperty("caseId").GetGuid(), Is.EqualTo(id));
        Assert.That(mine.GetProperty("investigationClosedOn").ValueKind, Is.EqualTo(JsonValueKind.Null), "the investigation is still running");
        var view = await ClearanceViewAsync(mine.GetProperty("id").GetGuid());
        Assert.That(view.GetProperty("status").GetString(), Is.EqualTo("Interim"));
        Assert.That(History(view), Is.EqualTo(new[] { ("Interim", AdjudicatorId, $"interim eligibility granted: {Rationale}") }));
        Assert.That(mine.GetRawText(), Does.Not.Contain(Rationale), "staff see the rationale; the holder does not");
        using (var scope = Factory.Services.CreateScope())
        {
            var rationale = await scope.ServiceProvider.GetRequiredService<ClearanceDbContext>().ClearanceStatusChanges
                .Where(h => h.ClearanceId == mine.GetProperty("id").GetGuid()).Select(h => h.RationaleCipher).SingleAsync();
            Assert.That(rationale, Is.Not.Null.And.Not.Contain("sponsor"), "the rationale is kept, encrypted");
        }

        var second = await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "grant-interim", Interim()), HttpStatusCode.Conflict);
        Assert.That(second.GetProperty("detail").GetString(), Does.Contain("already in force"));
        Assert.That(await ClearanceCountAsync(aliceId), Is.EqualTo(1));
    }

    [Test]
    public async Task GrantInterim_InReview_OnlyTheAssignedAdjudicator()
    {
        using var other = Staff("olga", out _, AdjudicatorRole);
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);

        var refused = await CaseDriver.ExpectProblem(await Driver.ActAsync(other, id, "grant-interim", Interim()), HttpStatusCode.Forbidden);
        Assert.That(Actions(await Driver.GetCaseAsync(other, id)), Does.Not.Contain("grant-interim"));
        Assert.That(refused.GetProperty("detail").GetString(), Does.Contain("assignee"));
        await CaseDriver.Expect(await alice.GetAsync("/api/v1/me/clearance"), HttpStatusCode.NotFound);

        var granted = await Driver.ActOkAsync(Adjudicator, id, "grant-interim", Interim());

        Assert.That(Stage(granted), Is.EqualTo("review"));
        Assert.That((await MyClearanceAsync(alice)).GetProperty("status").GetString(), Is.EqualTo("Interim"));
    }

    [Test]
    public async Task WithdrawInterim_OnceTheCaseIsClaimed_TheAssignedAdjudicatorOrASenior()
    {
        using var other = Staff("olga", out _, AdjudicatorRole);
        using var senior = Staff("sara", out _, SeniorRole);
        using var alice = NewApplicant();
        var id = await Driver.SubmittedCaseAsync(alice);
        await Driver.ActOkAsync(other, id, "grant-interim", Interim());
        await Driver.CompleteChecksAsync(Investigator, id);
        await Driver.ActOkAsync(Adjudicator, id, "claim");

        var refused = await CaseDriver.ExpectProblem(await Driver.ActAsync(other, id, "withdraw-interim", WithdrawInterim()), HttpStatusCode.Forbidden);
        Assert.That(refused.GetProperty("detail").GetString(), Does.Contain("assignee"));
        Assert.That(Actions(await Driver.GetCaseAsync(other, id)), Does.Not.Contain("withdraw-interim"));
        Assert.That((await MyClearanceAsync(alice)).GetProperty("status").GetString(), Is.EqualTo("Interim"), "still in force");

        await Driver.ActOkAsync(Adjudicator, id, "withdraw-interim", WithdrawInterim());
        await Driver.ActOkAsync(Adjudicator, id, "grant-interim", Interim());
        await Driver.ActOkAsync(senior, id, "withdraw-interim", WithdrawInterim());
        Assert.That((await MyClearanceAsync(alice)).GetProperty("status").GetString(), Is.EqualTo("Withdrawn"));
    }

    [Test]
    public async Task GrantInterim_LevelAboveTheRequestedOne_BadRequestAndNoClearance()
    {
        using var alice = NewApplicant(out var aliceId);
        var id = await Driver.SubmittedCaseAsync(alice, level: "Secret");

        var problem = await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "grant-interim", Interim("TopSecret")), HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("errors").GetProperty("level")[0].GetString(), Does.Contain("requested level (Secret)"));
        Assert.That(await ClearanceCountAsync(aliceId), Is.Zero);
    }

    [Test]
    public async Task WithdrawInterim_InterimInForce_WithdrawnForPartnersAndCertificatesWithActorAndReason()
    {
        using var senior = Staff("sara", out var seniorId, SeniorRole);
        var partner = await PartnerAsync();
        var family = "Interim" + Guid.NewGuid().ToString("N")[..6];
        var nationalId = "NI-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        using var alice = NewApplicant();
        var id = await Driver.SubmittedCaseAsync(alice, subject: CaseDriver.Subject(familyName: family, nationalId: nationalId));
        await Driver.ActOkAsync(Adjudicator, id, "grant-interim", Interim());
        var code = await CertificateCodeAsync(alice);

        var interim = await ReciprocityAsync(partner, nationalId, family);
        var verifiedInterim = await VerifyAsync(code);
        var withdrawn = await Driver.ActOkAsync(senior, id, "withdraw-interim", WithdrawInterim());
        var afterwards = await ReciprocityAsync(partner, nationalId, family);
        var verifiedAfter = await VerifyAsync(code);

        Assert.That(interim.GetProperty("status").GetString(), Is.EqualTo("Interim"));
        Assert.That(interim.GetProperty("level").GetString(), Is.EqualTo("Secret"));
        Assert.That(interim.GetProperty("investigationClosedOn").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(interim.GetProperty("eligibleForRequiredLevel").GetBoolean(), Is.False, "interim eligibility is not a final adjudication partners must accept");
        Assert.That((verifiedInterim.GetProperty("valid").GetBoolean(), verifiedInterim.GetProperty("status").GetString()), Is.EqualTo((true, "Interim")));
        Assert.That((Stage(withdrawn), Status(withdrawn)), Is.EqualTo(("background-check", "InProgress")));
        Assert.That(afterwards.GetProperty("status").GetString(), Is.EqualTo("Withdrawn"));
        Assert.That(afterwards.GetProperty("eligibleForRequiredLevel").GetBoolean(), Is.False);
        Assert.That((verifiedAfter.GetProperty("valid").GetBoolean(), verifiedAfter.GetProperty("status").GetString()), Is.EqualTo((false, "Withdrawn")));
        var mine = await MyClearanceAsync(alice);
        Assert.That(History(await ClearanceViewAsync(mine.GetProperty("id").GetGuid())), Is.EqualTo(new[]
        {
            ("Interim", AdjudicatorId, $"interim eligibility granted: {Rationale}"),
            ("Withdrawn", seniorId, "interim eligibility withdrawn: New information came to light."),
        }));
        await CaseDriver.ExpectProblem(await Driver.ActAsync(senior, id, "withdraw-interim", WithdrawInterim()), HttpStatusCode.Conflict);
    }

    [Test]
    public async Task WithdrawInterim_NoInterimInForce_Conflict()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);

        var problem = await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "withdraw-interim", WithdrawInterim()), HttpStatusCode.Conflict);

        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("no interim clearance in force"));
    }

    [Test]
    public async Task GrantInterim_AfterTheFirstWasWithdrawn_TheSameRecordIsInterimAgain()
    {
        using var alice = NewApplicant(out var aliceId);
        var id = await Driver.SubmittedCaseAsync(alice);
        await Driver.ActOkAsync(Adjudicator, id, "grant-interim", Interim());
        await Driver.ActOkAsync(Adjudicator, id, "withdraw-interim", WithdrawInterim());

        await Driver.ActOkAsync(Adjudicator, id, "grant-interim", Interim("Confidential"));

        var mine = await MyClearanceAsync(alice);
        Assert.That((mine.GetProperty("status").GetString(), mine.GetProperty("level").GetString()), Is.EqualTo(("Interim", "Confidential")));
        Assert.That(History(await ClearanceViewAsync(mine.GetProperty("id").GetGuid())).Select(h => h.Status), Is.EqualTo(new[] { "Interim", "Withdrawn", "Interim" }));
        Assert.That(await ClearanceCountAsync(aliceId), Is.EqualTo(1));
    }

    [Test]
    public async Task Grant_AfterInterim_TheSameClearanceBecomesActiveAtTheGrantedLevelAndTheInterimCertificateNoLongerHolds()
    {
        using var alice = NewApplicant(out var aliceId);
        var id = await Driver.SubmittedCaseAsync(alice);
        await Driver.ActOkAsync(Adjudicator, id, "grant-interim", Interim("Secret"));
        var interim = await MyClearanceAsync(alice);
        var code = await CertificateCodeAsync(alice);
        await Driver.CompleteChecksAsync(Investigator, id);
        await Driver.ActOkAsync(Adjudicator, id, "claim");
        await Driver.ActOkAsync(Adjudicator, id, "refer-to-decision");

        var granted = await Driver.ActOkAsync(Adjudicator, id, "grant", CaseDriver.GrantBody("Confidential"));

        Assert.That((Stage(granted), Status(granted)), Is.EqualTo(("closed", "Granted")));
        var mine = await MyClearanceAsync(alice);
        Assert.That(mine.GetProperty("id").GetGuid(), Is.EqualTo(interim.GetProperty("id").GetGuid()), "one clearance record, not two");
        Assert.That((mine.GetProperty("status").GetString(), mine.GetProperty("level").GetString()), Is.EqualTo(("Active", "Confidential")));
        Assert.That(mine.GetProperty("investigationClosedOn").GetString(), Is.Not.Null);
        Assert.That(await ClearanceCountAsync(aliceId), Is.EqualTo(1));
        Assert.That(History(await ClearanceViewAsync(mine.GetProperty("id").GetGuid())), Is.EqualTo(new[]
        {
            ("Interim", AdjudicatorId, $"interim eligibility granted: {Rationale}"),
            ("Active", AdjudicatorId, "granted"),
        }));
        var interimCertificate = await VerifyAsync(code);
        Assert.That((interimCertificate.GetProperty("valid").GetBoolean(), interimCertificate.GetProperty("status").GetString(), interimCertificate.GetProperty("level").GetString()),
            Is.EqualTo((false, "Active", "Secret")), "the interim certificate names Secret and the interim dates: the grant calls for a new one");
        // Its answer is what it printed, not the level and dates of the grant that followed.
        Assert.That((interimCertificate.GetProperty("natoEquivalent").GetString(), interimCertificate.GetProperty("validUntil").GetString()),
            Is.EqualTo(("NATO SECRET", interim.GetProperty("reinvestigationDueOn").GetString())));
        Assert.That((await VerifyAsync(await CertificateCodeAsync(alice))).GetProperty("valid").GetBoolean(), Is.True, "a certificate of the grant is valid");
    }

    [Test]
    public async Task Upgrade_ACertificateIssuedBeforeItsTermsWereKept_AnsweredWithItsClearancesLevelAndDueDate()
    {
        using var alice = NewApplicant(out _);
        var id = await Driver.SubmittedCaseAsync(alice);
        await Driver.ActOkAsync(Adjudicator, id, "grant-interim", Interim("Secret"));
        var interim = await MyClearanceAsync(alice);
        var code = await CertificateCodeAsync(alice);

        // Back to the schema before the migration that keeps them (its columns dropped), then up again with the row in place.
        await InDatabaseAsync(async db =>
        {
            var migrations = db.Database.GetMigrations().ToList();
            var added = migrations.FindIndex(m => m.EndsWith("_CertificatePrintedTerms", StringComparison.Ordinal));
            var migrator = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
            await migrator.MigrateAsync(migrations[added - 1]);
            await migrator.MigrateAsync();
            return added;
        });

        var answer = await VerifyAsync(code);
        Assert.That((answer.GetProperty("valid").GetBoolean(), answer.GetProperty("level").GetString(), answer.GetProperty("validUntil").GetString()),
            Is.EqualTo((true, "Secret", interim.GetProperty("reinvestigationDueOn").GetString())));
    }

    /// <summary>A Secret case with an interim clearance in force, denied in decision on a finding (awaiting concurrence).</summary>
    private async Task<Guid> DeniedWithInterimAsync(HttpClient applicant)
    {
        var id = await Driver.SubmittedCaseAsync(applicant);
        await Driver.ActOkAsync(Adjudicator, id, "grant-interim", Interim());
        await Driver.CompleteChecksAsync(Investigator, id);
        await Driver.ActOkAsync(Adjudicator, id, "claim");
        await Driver.RecordFindingOkAsync(Adjudicator, id, "F", "Minor");
        await Driver.ActOkAsync(Adjudicator, id, "refer-to-decision");
        await Driver.ActOkAsync(Adjudicator, id, "deny", new { rationale = "Unmitigated financial concerns." });
        return id;
    }

    /// <summary>After the concurrence: the applicant answers, and <paramref name="second"/>, who took no part, denies again (the final denial).</summary>
    private async Task<JsonElement> FinalDenialAsync(HttpClient applicant, Guid id, HttpClient second)
    {
        await Driver.ActOkAsync(applicant, id, "answer", new { response = "The debts are settled.", requestHearing = false });
        await Driver.ActOkAsync(second, id, "claim");
        return await Driver.ActOkAsync(second, id, "deny", new { rationale = "The answer does not mitigate the debts." });
    }

    /// <summary>The applicant appeals and two board members vote <paramref name="vote"/>; returns the closed case.</summary>
    private async Task<JsonElement> BoardDecidesAsync(HttpClient applicant, Guid id, string vote)
    {
        using var member1 = Staff("mona", out _, SeniorRole);
        using var member2 = Staff("max", out _, SeniorRole);
        await Driver.ActOkAsync(applicant, id, "appeal", new { grounds = "The settlement was not weighed." });
        await Driver.ActOkAsync(member1, id, "board-vote", new { vote, rationale = "Weighed on the record." });
        return await Driver.ActOkAsync(member2, id, "board-vote", new { vote, rationale = "Weighed on the record." });
    }

    [Test]
    public async Task FinalDenial_AfterInterim_WithdrawsTheInterimClearance_NotTheConcurrence()
    {
        using var senior = Staff("sara", out _, SeniorRole);
        using var second = Staff("eve", out var secondId, AdjudicatorRole);
        using var alice = NewApplicant();
        var id = await DeniedWithInterimAsync(alice);
        Assert.That((await MyClearanceAsync(alice)).GetProperty("status").GetString(), Is.EqualTo("Interim"), "a denial awaiting concurrence leaves it in force");

        var concurred = await Driver.ActOkAsync(senior, id, "concur");
        Assert.That((Stage(concurred), Status(concurred)), Is.EqualTo(("due-process", "AwaitingAnswer")));
        Assert.That((await MyClearanceAsync(alice)).GetProperty("status").GetString(), Is.EqualTo("Interim"), "due process is not the final denial");
        var finalDenial = await FinalDenialAsync(alice, id, second);
        Assert.That((Stage(finalDenial), Status(finalDenial)), Is.EqualTo(("appeal", "AwaitingAppeal")));
        Assert.That((await MyClearanceAsync(alice)).GetProperty("status").GetString(), Is.EqualTo("Withdrawn"), "the final denial withdraws it, appeal or not");
        var denied = await BoardDecidesAsync(alice, id, "Uphold");

        Assert.That((Stage(denied), Status(denied)), Is.EqualTo(("closed", "Denied")));
        var mine = await MyClearanceAsync(alice);
        Assert.That(mine.GetProperty("status").GetString(), Is.EqualTo("Withdrawn"));
        var history = History(await ClearanceViewAsync(mine.GetProperty("id").GetGuid()));
        Assert.That(history.Select(h => h.Status), Is.EqualTo(new[] { "Interim", "Withdrawn" }));
        Assert.That(history.Last(), Is.EqualTo(("Withdrawn", secondId, "the final denial")));
    }

    [Test]
    public async Task BoardReversal_AfterTheFinalDenialWithdrewTheInterim_SameRecordActiveAndTheInterimCertificateNoLongerValid()
    {
        using var senior = Staff("sara", out _, SeniorRole);
        using var second = Staff("eve", out _, AdjudicatorRole);
        using var alice = NewApplicant(out var aliceId);
        var id = await DeniedWithInterimAsync(alice);
        var interimCode = await CertificateCodeAsync(alice);
        await Driver.ActOkAsync(senior, id, "concur");
        await FinalDenialAsync(alice, id, second);
        Assert.That((await VerifyAsync(interimCode)).GetProperty("valid").GetBoolean(), Is.False, "withdrawn");

        var reversed = await BoardDecidesAsync(alice, id, "Reverse");

        Assert.That((Stage(reversed), Status(reversed)), Is.EqualTo(("closed", "Granted")));
        var mine = await MyClearanceAsync(alice);
        Assert.That(mine.GetProperty("status").GetString(), Is.EqualTo("Active"));
        Assert.That(await ClearanceCountAsync(aliceId), Is.EqualTo(1), "the same record");
        var old = await VerifyAsync(interimCode);
        Assert.That((old.GetProperty("valid").GetBoolean(), old.GetProperty("status").GetString()), Is.EqualTo((false, "Active")),
            "a certificate from before the withdrawal does not come back with the grant");
        Assert.That((await VerifyAsync(await CertificateCodeAsync(alice))).GetProperty("valid").GetBoolean(), Is.True, "a new certificate is valid");
    }

    [Test]
    public async Task GrantInterim_SubjectsClearanceSuspended_Conflict()
    {
        using var alice = NewApplicant();
        var first = await Driver.CaseInDecisionAsync(alice, Investigator, Adjudicator);
        await Driver.ActOkAsync(Adjudicator, first, "grant", CaseDriver.GrantBody());
        var held = await MyClearanceAsync(alice);
        var incident = await _officer.PostAsJsonAsync($"/api/v1/clearances/{held.GetProperty("id").GetGuid()}/incidents", new
        {
            guideline = "G", summary = "Arrested for a DUI; reported by the site security office.", suspend = true,
        });
        await CaseDriver.Expect(incident, HttpStatusCode.Created);
        var upgrade = await Driver.SubmittedCaseAsync(alice, "TopSecret");

        var problem = await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, upgrade, "grant-interim", Interim("TopSecret")), HttpStatusCode.Conflict);

        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("suspended"));
        var mine = await MyClearanceAsync(alice);
        Assert.That((mine.GetProperty("id").GetGuid(), mine.GetProperty("status").GetString()), Is.EqualTo((held.GetProperty("id").GetGuid(), "Suspended")));
    }

    [Test]
    public async Task UpgradeInterimWithdrawn_TheSubjectStillSeesAndCertifiesTheActiveClearance()
    {
        using var alice = NewApplicant();
        var first = await Driver.CaseInDecisionAsync(alice, Investigator, Adjudicator);
        await Driver.ActOkAsync(Adjudicator, first, "grant", CaseDriver.GrantBody());
        var held = (await MyClearanceAsync(alice)).GetProperty("id").GetGuid();
        var upgrade = await Driver.SubmittedCaseAsync(alice, "TopSecret");
        await Driver.ActOkAsync(Adjudicator, upgrade, "grant-interim", Interim("TopSecret"));
        Assert.That((await MyClearanceAsync(alice)).GetProperty("status").GetString(), Is.EqualTo("Active"), "the clearance held comes before interim eligibility");

        await Driver.ActOkAsync(alice, upgrade, "withdraw", new { reason = "The post was filled." });

        var mine = await MyClearanceAsync(alice);
        Assert.That((mine.GetProperty("id").GetGuid(), mine.GetProperty("status").GetString(), mine.GetProperty("level").GetString()), Is.EqualTo((held, "Active", "Secret")),
            "not the newer interim record, which ended");
        Assert.That((await VerifyAsync(await CertificateCodeAsync(alice))).GetProperty("valid").GetBoolean(), Is.True, "the certificate is for the clearance held");
    }

    [Test]
    public async Task Withdraw_ByTheApplicantAfterInterim_WithdrawsTheInterimClearance()
    {
        using var alice = NewApplicant(out var aliceId);
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);
        await Driver.ActOkAsync(Adjudicator, id, "grant-interim", Interim());

        var withdrawn = await Driver.ActOkAsync(alice, id, "withdraw", new { reason = "I took another job." });

        Assert.That((Stage(withdrawn), Status(withdrawn)), Is.EqualTo(("closed", "Withdrawn")));
        var mine = await MyClearanceAsync(alice);
        Assert.That(mine.GetProperty("status").GetString(), Is.EqualTo("Withdrawn"));
        Assert.That(History(await ClearanceViewAsync(mine.GetProperty("id").GetGuid())).Last(), Is.EqualTo(("Withdrawn", aliceId, "the case was withdrawn")));
    }
}
