using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>A clean Secret case from application to a granted clearance, through HTTP only.</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class GrantLifecycleTests(DatabaseKind kind) : LifecycleTest(kind)
{
    private static readonly string[] Tier3Kinds = ["identity", "criminal", "credit", "employment", "education"];

    [Test]
    public async Task Submit_WithoutAttestation_Returns400AndStaysInApplication()
    {
        using var alice = NewApplicant();
        var id = IdOf(await Driver.ApplyAsync(alice));
        await Driver.FillQuestionnaireAsync(alice, id, CaseDriver.Questionnaire(6));

        var missing = await CaseDriver.ExpectProblem(await Driver.ActAsync(alice, id, "submit"), HttpStatusCode.BadRequest);
        var refused = await CaseDriver.ExpectProblem(await Driver.ActAsync(alice, id, "submit", new { attestation = false }), HttpStatusCode.BadRequest);

        Assert.That(missing.GetProperty("errors").TryGetProperty("attestation", out _), Is.True, missing.ToString());
        Assert.That(refused.GetProperty("errors").TryGetProperty("attestation", out _), Is.True, refused.ToString());
        var c = await Driver.GetCaseAsync(alice, id);
        Assert.That(Stage(c), Is.EqualTo("application"));
        Assert.That(Actions(c), Does.Contain("submit"));
        Assert.That((await Driver.GetInvestigationAsync(Investigator, id)).GetProperty("checks").GetArrayLength(), Is.Zero, "no checks before submission");
    }

    [Test]
    public async Task Submit_CompleteQuestionnaireWithAttestation_BackgroundCheckWithFiveTier3ChecksPending()
    {
        using var alice = NewApplicant(out var aliceId);
        var id = IdOf(await Driver.ApplyAsync(alice));
        await Driver.FillQuestionnaireAsync(alice, id, CaseDriver.Questionnaire(6));

        var submitted = await Driver.ActOkAsync(alice, id, "submit", new { attestation = true });

        Assert.That(Stage(submitted), Is.EqualTo("background-check"));
        Assert.That(Status(submitted), Is.EqualTo("InProgress"));
        var history = submitted.GetProperty("history");
        Assert.That(history[0].GetProperty("stage").GetString(), Is.EqualTo("application"));
        Assert.That(history[0].GetProperty("action").GetString(), Is.EqualTo("submit"));
        Assert.That(history[0].GetProperty("actor").GetString(), Is.EqualTo(aliceId));
        var investigation = await Driver.GetInvestigationAsync(Investigator, id);
        Assert.That(investigation.GetProperty("tier").GetString(), Is.EqualTo("Tier3"));
        var checks = investigation.GetProperty("checks").EnumerateArray().ToList();
        Assert.That(checks.Select(k => k.GetProperty("kind").GetString()), Is.EquivalentTo(Tier3Kinds));
        Assert.That(checks.Select(k => k.GetProperty("status").GetString()), Is.All.EqualTo("Pending"));
    }

    [Test]
    public async Task RecordCheckResult_EveryCheckClear_SystemCompletesInvestigationIntoReviewAfterTheLastOnly()
    {
        using var alice = NewApplicant();
        var id = await Driver.SubmittedCaseAsync(alice);

        for (var i = 0; i < Tier3Kinds.Length; i++)
        {
            var response = await Investigator.PostAsJsonAsync(
                $"/api/v1/cases/{id}/investigation/checks/{Tier3Kinds[i]}/result", new { outcome = "Clear", summary = "nothing found" });
            await CaseDriver.Expect(response, HttpStatusCode.OK);
            var check = await CaseDriver.Json(response);
            Assert.That(check.GetProperty("status").GetString(), Is.EqualTo("Clear"));
            var c = await Driver.GetCaseAsync(Adjudicator, id);
            Assert.That(Stage(c), Is.EqualTo(i < Tier3Kinds.Length - 1 ? "background-check" : "review"), $"after check {i + 1} of {Tier3Kinds.Length}");
        }

        var reviewed = await Driver.GetCaseAsync(Adjudicator, id);
        var left = reviewed.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("stage").GetString() == "background-check");
        Assert.That(left.GetProperty("action").GetString(), Is.EqualTo("complete-investigation"));
        Assert.That(left.GetProperty("actor").GetString(), Is.EqualTo("system"));
        Assert.That(Status(reviewed), Is.EqualTo("InProgress"));
        Assert.That(reviewed.GetProperty("assignedAdjudicator").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var investigation = await Driver.GetInvestigationAsync(Adjudicator, id);
        Assert.That(investigation.GetProperty("checks").EnumerateArray().Select(k => k.GetProperty("status").GetString()), Is.All.EqualTo("Clear"));
    }

    [Test]
    public async Task Grant_CleanSecretCase_ClosedGrantedAndActiveSecretClearanceDueInTenYears()
    {
        using var alice = NewApplicant(out var aliceId);
        var id = await Driver.SubmittedCaseAsync(alice);
        await Driver.CompleteChecksAsync(Investigator, id);

        var claimed = await Driver.ActOkAsync(Adjudicator, id, "claim");
        Assert.That(claimed.GetProperty("assignedAdjudicator").GetString(), Is.EqualTo(AdjudicatorId));
        var referred = await Driver.ActOkAsync(Adjudicator, id, "refer-to-decision");
        Assert.That(Stage(referred), Is.EqualTo("decision"));
        var before = CaseDriver.Today;
        var granted = await Driver.ActOkAsync(Adjudicator, id, "grant", CaseDriver.GrantBody("Secret"));
        var after = CaseDriver.Today;

        Assert.That(Stage(granted), Is.EqualTo("closed"));
        Assert.That(Status(granted), Is.EqualTo("Granted"));
        Assert.That(Actions(granted), Is.Empty);
        var stages = granted.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("stage").GetString()).ToList();
        Assert.That(stages, Is.EqualTo(new[] { "application", "background-check", "review", "decision", "closed" }));

        var clearance = await Driver.GetJsonAsync(alice, "/api/v1/me/clearance");
        Assert.That(clearance.GetProperty("level").GetString(), Is.EqualTo("Secret"));
        Assert.That(clearance.GetProperty("status").GetString(), Is.EqualTo("Active"));
        Assert.That(clearance.GetProperty("caseId").GetGuid(), Is.EqualTo(id));
        Assert.That(clearance.GetProperty("hasException").GetBoolean(), Is.False);
        var grantedOn = DateOnly.Parse(clearance.GetProperty("grantedOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(grantedOn, Is.InRange(before, after));
        Assert.That(clearance.GetProperty("reinvestigationDueOn").GetString(), Is.EqualTo(grantedOn.AddYears(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Assert.That((await Driver.GetCaseAsync(alice, id)).GetProperty("subjectId").GetString(), Is.EqualTo(aliceId));
    }

    [Test]
    public async Task Grant_ConfidentialOnSecretRequest_ClearanceIsConfidentialDueInFifteenYears()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInDecisionAsync(alice, Investigator, Adjudicator, "Secret");

        var granted = await Driver.ActOkAsync(Adjudicator, id, "grant", CaseDriver.GrantBody("Confidential"));

        Assert.That(Status(granted), Is.EqualTo("Granted"));
        var clearance = await Driver.GetJsonAsync(alice, "/api/v1/me/clearance");
        Assert.That(clearance.GetProperty("level").GetString(), Is.EqualTo("Confidential"));
        var grantedOn = DateOnly.Parse(clearance.GetProperty("grantedOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(clearance.GetProperty("reinvestigationDueOn").GetString(), Is.EqualTo(grantedOn.AddYears(15).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task Grant_WithException_ClearanceFlagsTheException()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInDecisionAsync(alice, Investigator, Adjudicator, "Secret");

        await Driver.ActOkAsync(Adjudicator, id, "grant", new
        {
            level = "Secret",
            rationale = "Eligible with monitoring.",
            exception = new { type = "Condition", details = "Quarterly financial monitoring." },
        });

        var clearance = await Driver.GetJsonAsync(alice, "/api/v1/me/clearance");
        Assert.That(clearance.GetProperty("hasException").GetBoolean(), Is.True);
        Assert.That(clearance.GetProperty("exceptionType").GetString(), Is.EqualTo("Condition"));
    }

    /// <summary>A grant over a gap in the investigation is a deviation, and one despite a serious finding not mitigated a waiver, named or not.</summary>
    [Test]
    public async Task Grant_WithoutANamedException_OverAGapIsADeviation_DespiteASeriousFindingAWaiver()
    {
        using var alice = NewApplicant();
        var gap = await Driver.SubmittedCaseAsync(alice);
        await Driver.CompleteChecksAsync(Investigator, gap, "Unable");
        await Driver.ActOkAsync(Adjudicator, gap, "claim");
        await Driver.ActOkAsync(Adjudicator, gap, "refer-to-decision");
        await Driver.ActOkAsync(Adjudicator, gap, "grant", CaseDriver.GrantBody());
        var deviation = await Driver.GetJsonAsync(alice, "/api/v1/me/clearance");

        using var bob = NewApplicant();
        var serious = await Driver.CaseInReviewAsync(bob, Investigator, Adjudicator);
        await Driver.RecordFindingOkAsync(Adjudicator, serious, "F", "Serious");
        await Driver.ActOkAsync(Adjudicator, serious, "schedule-interview", new { scheduledAt = TimeProvider.System.GetUtcNow().AddDays(1), location = "Room 4" });
        await Driver.ActOkAsync(Adjudicator, serious, "complete-interview", new { summary = "Explained the debts; no plan to repay them." });
        await Driver.ActOkAsync(Adjudicator, serious, "grant", CaseDriver.GrantBody());
        var waiver = await Driver.GetJsonAsync(bob, "/api/v1/me/clearance");

        using var carol = NewApplicant();
        var minor = await Driver.CaseInReviewAsync(carol, Investigator, Adjudicator);
        await Driver.RecordFindingOkAsync(Adjudicator, minor, "F", "Minor");
        await Driver.ActOkAsync(Adjudicator, minor, "refer-to-decision");
        await Driver.ActOkAsync(Adjudicator, minor, "grant", CaseDriver.GrantBody());
        var none = await Driver.GetJsonAsync(carol, "/api/v1/me/clearance");

        Assert.That((deviation.GetProperty("hasException").GetBoolean(), deviation.GetProperty("exceptionType").GetString()), Is.EqualTo((true, "Deviation")));
        Assert.That((waiver.GetProperty("hasException").GetBoolean(), waiver.GetProperty("exceptionType").GetString()), Is.EqualTo((true, "Waiver")));
        Assert.That(none.GetProperty("hasException").GetBoolean(), Is.False, "a minor finding is no substantial issue information");
    }

    [Test]
    public async Task Grant_LevelAboveRequested_Returns400AndCaseStaysInDecision()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInDecisionAsync(alice, Investigator, Adjudicator, "Confidential");

        var problem = await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "grant", CaseDriver.GrantBody("Secret")), HttpStatusCode.BadRequest);
        var topSecret = await Driver.ActAsync(Adjudicator, id, "grant", CaseDriver.GrantBody("TopSecret"));

        Assert.That(problem.GetProperty("errors").TryGetProperty("level", out _), Is.True, problem.ToString());
        await CaseDriver.ExpectProblem(topSecret, HttpStatusCode.BadRequest);
        var c = await Driver.GetCaseAsync(Adjudicator, id);
        Assert.That(Stage(c), Is.EqualTo("decision"));
        Assert.That(Status(c), Is.EqualTo("InProgress"));
        await CaseDriver.ExpectProblem(await alice.GetAsync("/api/v1/me/clearance"), HttpStatusCode.NotFound);
    }

    [TestCase("\"yes\"")]
    [TestCase("[true]")]
    [TestCase("{\"attestation\": \"yes\"}")]
    [TestCase("{\"attestation\": 1}")]
    [TestCase("{\"attestation\": tru")]
    public async Task Submit_MalformedBody_Returns400NotServerError(string body)
    {
        using var alice = NewApplicant();
        var id = IdOf(await Driver.ApplyAsync(alice));
        await Driver.FillQuestionnaireAsync(alice, id, CaseDriver.Questionnaire(6));

        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var problem = await CaseDriver.ExpectProblem(await alice.PostAsync($"/api/v1/cases/{id}/actions/submit", content), HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("errors").EnumerateObject(), Is.Not.Empty, problem.ToString());
        Assert.That(problem.ToString(), Does.Not.Contain("ClearanceWorkflow").And.Not.Contain("System."), "no .NET type names in the answer");
        Assert.That(Stage(await Driver.GetCaseAsync(alice, id)), Is.EqualTo("application"));
    }

    [TestCase(2)]
    [TestCase("Ultra")]
    public async Task Grant_LevelNotANamedLevel_Returns400AndCaseStaysInDecision(object level)
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInDecisionAsync(alice, Investigator, Adjudicator, "Secret");

        await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "grant", new { level, rationale = "fine" }), HttpStatusCode.BadRequest);

        Assert.That(Stage(await Driver.GetCaseAsync(Adjudicator, id)), Is.EqualTo("decision"));
    }

    [Test]
    public async Task Grant_WithoutRationale_Returns400()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInDecisionAsync(alice, Investigator, Adjudicator, "Secret");

        var problem = await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "grant", new { level = "Secret" }), HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("errors").TryGetProperty("rationale", out _), Is.True, problem.ToString());
        Assert.That(Stage(await Driver.GetCaseAsync(Adjudicator, id)), Is.EqualTo("decision"));
    }
}

/// <summary>The reinvestigation intervals come from configuration (<c>Clearance:ReinvestigationYears*</c>).</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class ReinvestigationIntervalTests(DatabaseKind kind) : LifecycleTest(kind)
{
    protected override ApiFactory CreateFactory(TestDatabase database) =>
        new(database, settings => settings["Clearance:ReinvestigationYearsSecret"] = "3");

    [Test]
    public async Task Grant_SecretWithConfiguredInterval_DueAfterConfiguredYears()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInDecisionAsync(alice, Investigator, Adjudicator, "Secret");

        await Driver.ActOkAsync(Adjudicator, id, "grant", CaseDriver.GrantBody("Secret"));

        var clearance = await Driver.GetJsonAsync(alice, "/api/v1/me/clearance");
        var grantedOn = DateOnly.Parse(clearance.GetProperty("grantedOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(clearance.GetProperty("reinvestigationDueOn").GetString(), Is.EqualTo(grantedOn.AddYears(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task Grant_ConfidentialWithOnlySecretOverridden_KeepsFifteenYearDefault()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInDecisionAsync(alice, Investigator, Adjudicator, "Confidential");

        await Driver.ActOkAsync(Adjudicator, id, "grant", CaseDriver.GrantBody("Confidential"));

        var clearance = await Driver.GetJsonAsync(alice, "/api/v1/me/clearance");
        var grantedOn = DateOnly.Parse(clearance.GetProperty("grantedOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(clearance.GetProperty("reinvestigationDueOn").GetString(), Is.EqualTo(grantedOn.AddYears(15).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }
}
