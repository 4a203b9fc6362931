using System.Net;
using System.Net.Http.Json;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>The applicant may withdraw at any stage before the decision, not once a denial is recorded; a reason is required and a closed case takes no more actions.</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class WithdrawTests(DatabaseKind kind) : LifecycleTest(kind)
{
    private static readonly object Reason = new { reason = "I accepted a position elsewhere." };

    /// <summary>A case of a new applicant in the stage given, Secret (TopSecret for interview).</summary>
    private async Task<Guid> CaseInStageAsync(HttpClient alice, string stage)
    {
        switch (stage)
        {
            case "application":
                var id = IdOf(await Driver.ApplyAsync(alice));
                await Driver.FillQuestionnaireAsync(alice, id, CaseDriver.Questionnaire(6));
                return id;
            case "background-check":
                return await Driver.SubmittedCaseAsync(alice);
            case "review":
                return await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);
            case "interview":
                var inReview = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator, "TopSecret");
                await Driver.ActOkAsync(Adjudicator, inReview, "schedule-interview", new { scheduledAt = TimeProvider.System.GetUtcNow().AddDays(5), location = "Room 9" });
                return inReview;
            default:
                return await Driver.CaseInDecisionAsync(alice, Investigator, Adjudicator);
        }
    }

    [TestCase("application")]
    [TestCase("background-check")]
    [TestCase("review")]
    [TestCase("interview")]
    [TestCase("decision")]
    public async Task Withdraw_FromStage_ClosedWithdrawnAndFurtherActionsReturn409(string stage)
    {
        using var alice = NewApplicant(out var aliceId);
        var id = await CaseInStageAsync(alice, stage);
        Assert.That(Stage(await Driver.GetCaseAsync(alice, id)), Is.EqualTo(stage));

        var withdrawn = await Driver.ActOkAsync(alice, id, "withdraw", Reason);

        Assert.That(Stage(withdrawn), Is.EqualTo("closed"));
        Assert.That(Status(withdrawn), Is.EqualTo("Withdrawn"));
        Assert.That(Actions(withdrawn), Is.Empty);
        var last = withdrawn.GetProperty("history").EnumerateArray().Reverse().Skip(1).First();
        Assert.That(last.GetProperty("stage").GetString(), Is.EqualTo(stage));
        Assert.That(last.GetProperty("action").GetString(), Is.EqualTo("withdraw"));
        Assert.That(last.GetProperty("actor").GetString(), Is.EqualTo(aliceId));

        await CaseDriver.ExpectProblem(await Driver.ActAsync(alice, id, "withdraw", Reason), HttpStatusCode.Conflict);
        await CaseDriver.ExpectProblem(await Driver.ActAsync(alice, id, "submit", new { attestation = true }), HttpStatusCode.Conflict);
        await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "claim"), HttpStatusCode.Conflict);
        await CaseDriver.ExpectProblem(await Driver.ActAsync(Investigator, id, "complete-investigation"), HttpStatusCode.Conflict);
        if (stage is "review" or "decision" or "interview")
        {
            await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "grant", CaseDriver.GrantBody(stage == "interview" ? "TopSecret" : "Secret")), HttpStatusCode.Conflict);
            await CaseDriver.ExpectProblem(await Driver.RecordFindingAsync(Adjudicator, id), HttpStatusCode.Conflict);
        }

        await CaseDriver.ExpectProblem(await alice.PutAsJsonAsync($"/api/v1/applications/{id}/questionnaire", CaseDriver.Questionnaire(6)), HttpStatusCode.Conflict);
        var investigation = await Driver.GetInvestigationAsync(Investigator, id);
        Assert.That(investigation.GetProperty("checks").EnumerateArray().Select(k => k.GetProperty("status").GetString()), Is.All.AnyOf("Clear", "Unable"));
        await CaseDriver.ExpectProblem(await alice.GetAsync("/api/v1/me/clearance"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Withdraw_InBackgroundCheck_PendingChecksEndUnableAndCompletedOnesKeepTheirResult()
    {
        using var alice = NewApplicant();
        var id = await Driver.SubmittedCaseAsync(alice);
        await CaseDriver.Expect(
            await Investigator.PostAsJsonAsync($"/api/v1/cases/{id}/investigation/checks/credit/result", new { outcome = "Flagged", summary = "Two defaults." }),
            HttpStatusCode.OK);

        await Driver.ActOkAsync(alice, id, "withdraw", Reason);

        var checks = (await Driver.GetInvestigationAsync(Investigator, id)).GetProperty("checks").EnumerateArray()
            .ToDictionary(k => k.GetProperty("kind").GetString()!, k => k);
        Assert.That(checks, Has.Count.EqualTo(5));
        Assert.That(checks["credit"].GetProperty("status").GetString(), Is.EqualTo("Flagged"));
        Assert.That(checks["credit"].GetProperty("summary").GetString(), Is.EqualTo("Two defaults."));
        foreach (var kind in new[] { "identity", "criminal", "employment", "education" })
        {
            Assert.That(checks[kind].GetProperty("status").GetString(), Is.EqualTo("Unable"), kind);
            Assert.That(checks[kind].GetProperty("completedAt").GetString(), Is.Not.Null, kind);
        }

        await CaseDriver.ExpectProblem(
            await Investigator.PostAsJsonAsync($"/api/v1/cases/{id}/investigation/checks/identity/result", new { outcome = "Clear", summary = "late" }),
            HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Withdraw_WithoutReason_Returns400AndCaseUnchanged()
    {
        using var alice = NewApplicant();
        var id = await Driver.SubmittedCaseAsync(alice);

        var empty = await CaseDriver.ExpectProblem(await Driver.ActAsync(alice, id, "withdraw"), HttpStatusCode.BadRequest);
        await CaseDriver.ExpectProblem(await Driver.ActAsync(alice, id, "withdraw", new { reason = "" }), HttpStatusCode.BadRequest);

        Assert.That(empty.GetProperty("errors").TryGetProperty("reason", out _), Is.True, empty.ToString());
        var c = await Driver.GetCaseAsync(Adjudicator, id);
        Assert.That(Stage(c), Is.EqualTo("background-check"));
        Assert.That(Status(c), Is.EqualTo("InProgress"));
        Assert.That(c.GetProperty("checks").EnumerateArray().Select(k => k.GetProperty("status").GetString()), Is.All.EqualTo("Pending"));
    }

    [Test]
    public async Task Withdraw_OnceADenialIsRecorded_Returns409UntilDueProcessEndsIt()
    {
        using var senior = Staff("sara", out _, SeniorRole);
        using var second = Staff("eve", out _, AdjudicatorRole);
        using var alice = NewApplicant();
        var id = await Driver.CaseInDecisionAsync(alice, Investigator, Adjudicator);
        await Driver.RecordFindingOkAsync(Adjudicator, id, "F", "Minor");
        await Driver.ActOkAsync(Adjudicator, id, "deny", new { rationale = "Unmitigated financial concerns." });

        var pending = await CaseDriver.ExpectProblem(await Driver.ActAsync(alice, id, "withdraw", Reason), HttpStatusCode.Conflict);
        await Driver.ActOkAsync(senior, id, "concur");
        await CaseDriver.ExpectProblem(await Driver.ActAsync(alice, id, "withdraw", Reason), HttpStatusCode.Conflict);
        await Driver.ActOkAsync(alice, id, "answer", new { response = "The debts are settled.", requestHearing = false });
        await CaseDriver.ExpectProblem(await Driver.ActAsync(alice, id, "withdraw", Reason), HttpStatusCode.Conflict);
        await Driver.ActOkAsync(second, id, "claim");
        var denied = await Driver.ActOkAsync(second, id, "deny", new { rationale = "The answer does not mitigate the debts." });
        Assert.That(Actions(await Driver.GetCaseAsync(alice, id)), Does.Not.Contain("withdraw"));
        await CaseDriver.ExpectProblem(await Driver.ActAsync(alice, id, "withdraw", Reason), HttpStatusCode.Conflict);

        Assert.That(pending.GetProperty("detail").GetString(), Does.Contain("DenialPendingConcurrence"), pending.ToString());
        Assert.That((Stage(denied), Status(denied)), Is.EqualTo(("appeal", "AwaitingAppeal")));
        Assert.That(Status(await Driver.GetCaseAsync(alice, id)), Is.EqualTo("AwaitingAppeal"), "the case goes on to its appeal, not Withdrawn");
    }

    [Test]
    public async Task Withdraw_ByStaff_Returns403()
    {
        using var senior = Staff("sara", out _, AdjudicatorRole, SeniorRole);
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);

        await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "withdraw", Reason), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await Driver.ActAsync(senior, id, "withdraw", Reason), HttpStatusCode.Forbidden);

        Assert.That(Stage(await Driver.GetCaseAsync(Adjudicator, id)), Is.EqualTo("review"));
    }
}
