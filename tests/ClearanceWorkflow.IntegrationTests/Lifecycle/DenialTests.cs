using System.Net;
using System.Text.Json;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>Findings, and a denial that needs a second senior adjudicator's concurrence (due process after it: DueProcessTests).</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class DenialTests(DatabaseKind kind) : LifecycleTest(kind)
{
    private static readonly object DenyBody = new { rationale = "Unmitigated financial considerations." };

    [Test]
    public async Task RecordFinding_AssignedAdjudicator_Returns201AndCaseListsIt()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);

        var finding = await Driver.RecordFindingOkAsync(Adjudicator, id, "F", "Moderate", mitigated: false);

        Assert.That(finding.GetProperty("guideline").GetString(), Is.EqualTo("F"));
        Assert.That(finding.GetProperty("severity").GetString(), Is.EqualTo("Moderate"));
        Assert.That(finding.GetProperty("recordedBy").GetString(), Is.EqualTo(AdjudicatorId));
        var findings = (await Driver.GetCaseAsync(Adjudicator, id)).GetProperty("findings");
        Assert.That(findings.GetArrayLength(), Is.EqualTo(1));
        Assert.That(findings[0].GetProperty("id").GetGuid(), Is.EqualTo(finding.GetProperty("id").GetGuid()));
        Assert.That(findings[0].GetProperty("summary").GetString(), Is.EqualTo("Moderate F finding"));
    }

    [TestCase("N")]
    [TestCase("Z")]
    [TestCase("a1")]
    public async Task RecordFinding_GuidelineOutsideAToM_Returns400AndRecordsNothing(string guideline)
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);

        var problem = await CaseDriver.ExpectProblem(await Driver.RecordFindingAsync(Adjudicator, id, guideline, "Minor"), HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name), Has.Some.Contains("guideline"), problem.ToString());
        Assert.That((await Driver.GetCaseAsync(Adjudicator, id)).GetProperty("findings").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task RecordFinding_UnmitigatedWithAMitigationOrUnknownSeverity_Returns400_MitigationItselfOptional()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);

        var unmitigated = await CaseDriver.ExpectProblem(
            await Driver.RecordFindingAsync(Adjudicator, id, "F", "Serious", mitigated: false, mitigation: "Debts repaid."), HttpStatusCode.BadRequest);
        await CaseDriver.ExpectProblem(await Driver.RecordFindingAsync(Adjudicator, id, "F", "Catastrophic"), HttpStatusCode.BadRequest);

        Assert.That(unmitigated.GetProperty("errors").GetProperty("mitigation")[0].GetString(), Does.Contain("not mitigated"), unmitigated.ToString());
        Assert.That((await Driver.GetCaseAsync(Adjudicator, id)).GetProperty("findings").GetArrayLength(), Is.Zero);

        // The contract's mitigation is optional: a mitigated finding may be recorded without one.
        await Driver.RecordFindingOkAsync(Adjudicator, id, "F", "Minor", mitigated: true);
        var finding = (await Driver.GetCaseAsync(Adjudicator, id)).GetProperty("findings")[0];
        Assert.That(finding.GetProperty("mitigated").GetBoolean(), Is.True);
        Assert.That(finding.GetProperty("mitigation").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task RecordFinding_ClosedCase_Returns409()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInDecisionAsync(alice, Investigator, Adjudicator);
        await Driver.ActOkAsync(Adjudicator, id, "grant", CaseDriver.GrantBody());

        await CaseDriver.ExpectProblem(await Driver.RecordFindingAsync(Adjudicator, id, "F", "Minor"), HttpStatusCode.Conflict);

        Assert.That((await Driver.GetCaseAsync(Adjudicator, id)).GetProperty("findings").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Deny_WithoutFindings_Returns409AndIsNotOffered()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInDecisionAsync(alice, Investigator, Adjudicator);

        var decision = await Driver.GetCaseAsync(Adjudicator, id);
        var problem = await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "deny", DenyBody), HttpStatusCode.Conflict);

        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("finding"));
        Assert.That(Actions(decision), Does.Contain("grant").And.Not.Contain("deny"));
        Assert.That(Status(await Driver.GetCaseAsync(Adjudicator, id)), Is.EqualTo("InProgress"));
    }

    [Test]
    public async Task Deny_WithFindings_PendingConcurrenceThenAnotherSeniorConcursAndAStatementOfReasonsIsIssued()
    {
        using var denier = Staff("dora", out var denierId, AdjudicatorRole, SeniorRole);
        using var other = Staff("otto", out var otherId, SeniorRole);
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, denier);
        await Driver.RecordFindingOkAsync(denier, id, "F", "Serious", mitigated: false);
        await Driver.ActOkAsync(denier, id, "schedule-interview", new { scheduledAt = TimeProvider.System.GetUtcNow().AddDays(1), location = "Room 4" });
        await Driver.ActOkAsync(denier, id, "complete-interview", new { summary = "Could not explain the debts." });

        var denied = await Driver.ActOkAsync(denier, id, "deny", DenyBody);
        Assert.That(Stage(denied), Is.EqualTo("decision"));
        Assert.That(Status(denied), Is.EqualTo("DenialPendingConcurrence"));
        Assert.That(Actions(denied), Does.Not.Contain("concur").And.Not.Contain("grant").And.Not.Contain("deny"));

        var selfConcur = await CaseDriver.ExpectProblem(await Driver.ActAsync(denier, id, "concur"), HttpStatusCode.Forbidden);
        Assert.That(selfConcur.GetProperty("detail").GetString(), Does.Contain("deny"));
        await CaseDriver.ExpectProblem(await Driver.ActAsync(denier, id, "grant", CaseDriver.GrantBody()), HttpStatusCode.Conflict);
        await CaseDriver.ExpectProblem(await Driver.ActAsync(denier, id, "deny", DenyBody), HttpStatusCode.Conflict);
        await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "concur"), HttpStatusCode.Forbidden);
        var pending = await Driver.GetCaseAsync(other, id);
        Assert.That(Status(pending), Is.EqualTo("DenialPendingConcurrence"));
        Assert.That(Actions(pending), Does.Contain("concur"));

        var concurred = await Driver.ActOkAsync(other, id, "concur");

        // Version 2: the concurred denial is not final; due process follows.
        Assert.That(Stage(concurred), Is.EqualTo("due-process"));
        Assert.That(Status(concurred), Is.EqualTo("AwaitingAnswer"));
        var events = concurred.GetProperty("events").EnumerateArray().ToList();
        Assert.That(events.Single(e => e.GetProperty("action").GetString() == "deny").GetProperty("actor").GetString(), Is.EqualTo(denierId));
        Assert.That(events.Single(e => e.GetProperty("action").GetString() == "concur").GetProperty("actor").GetString(), Is.EqualTo(otherId));
        await CaseDriver.ExpectProblem(await alice.GetAsync("/api/v1/me/clearance"), HttpStatusCode.NotFound);
        var late = await CaseDriver.ExpectProblem(await Driver.ActAsync(denier, id, "grant", CaseDriver.GrantBody()), HttpStatusCode.Forbidden);
        Assert.That(late.GetProperty("detail").GetString(), Does.Contain("assignee"), "in due process the denier no longer holds the case");
    }

    /// <summary>The second person may say no: the denial is not made, and the case is back with its adjudicator to decide again.</summary>
    [Test]
    public async Task DeclineConcurrence_ByAnotherSenior_BackToTheAdjudicatorInDecision_WhoMayGrantOrDenyAgain()
    {
        using var other = Staff("otto", out var otherId, SeniorRole);
        using var third = Staff("tess", out _, SeniorRole);
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);
        await Driver.RecordFindingOkAsync(Adjudicator, id, "F", "Minor");
        await Driver.ActOkAsync(Adjudicator, id, "refer-to-decision");
        await Driver.ActOkAsync(Adjudicator, id, "deny", DenyBody);
        var asked = await Driver.GetCaseAsync(other, id);
        Assert.That(Actions(asked), Does.Contain("decline-concurrence"));
        Assert.That(asked.GetProperty("decisionRationale").GetString(), Is.EqualTo("Unmitigated financial considerations."), "the senior reads the denial they are asked to concur with");

        var noReason = await CaseDriver.ExpectProblem(await Driver.ActAsync(other, id, "decline-concurrence"), HttpStatusCode.BadRequest);
        Assert.That(noReason.GetProperty("errors").TryGetProperty("rationale", out _), Is.True, noReason.ToString());
        await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "decline-concurrence", new { rationale = "r" }), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await Driver.ActAsync(alice, id, "decline-concurrence", new { rationale = "r" }), HttpStatusCode.Forbidden);

        var declined = await Driver.ActOkAsync(other, id, "decline-concurrence", new { rationale = "A single minor finding does not outweigh the whole person." });
        Assert.That((Stage(declined), Status(declined), declined.GetProperty("assignedAdjudicator").GetString()), Is.EqualTo(("decision", "InProgress", AdjudicatorId)));
        Assert.That(declined.GetProperty("dueProcess").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null), "no Statement of Reasons");
        Assert.That(declined.GetProperty("events").EnumerateArray().Last().GetProperty("actor").GetString(), Is.EqualTo(otherId));
        await CaseDriver.ExpectProblem(await Driver.ActAsync(third, id, "concur"), HttpStatusCode.Conflict);
        var back = await Driver.GetCaseAsync(Adjudicator, id);
        Assert.That(Actions(back), Does.Contain("grant").And.Contain("deny"));
        Assert.That(back.GetProperty("decisionRationale").GetString(), Is.EqualTo("A single minor finding does not outweigh the whole person."), "the adjudicator reads why");
        Assert.That((await Driver.GetCaseAsync(alice, id)).TryGetProperty("decisionRationale", out _), Is.False, "staff only");

        // A second denial needs a concurrence of its own; the senior who declined the first may give it.
        await Driver.ActOkAsync(Adjudicator, id, "deny", new { rationale = "The debts are recent and repeated." });
        var concurred = await Driver.ActOkAsync(other, id, "concur");
        Assert.That((Stage(concurred), Status(concurred)), Is.EqualTo(("due-process", "AwaitingAnswer")));
        Assert.That(concurred.GetProperty("dueProcess").GetProperty("statementOfReasons").GetProperty("reasons").GetString(), Is.EqualTo("The debts are recent and repeated."));
    }

    /// <summary>A senior who denied the case once does not concur with a later denial of it, which would be their own a second time.</summary>
    [Test]
    public async Task Concur_ByASeniorWhoDeniedTheCaseEarlier_Returns403()
    {
        using var sam = Staff("sam", out _, SeniorRole);
        using var sue = Staff("sue", out _, SeniorRole);
        using var alice = NewApplicant();
        var id = await Driver.SubmittedCaseAsync(alice);
        await Driver.CompleteChecksAsync(Investigator, id);
        await Driver.ActOkAsync(sam, id, "claim");
        await Driver.RecordFindingOkAsync(sam, id, "F", "Minor");
        await Driver.ActOkAsync(sam, id, "refer-to-decision");
        await Driver.ActOkAsync(sam, id, "deny", DenyBody);
        await Driver.ActOkAsync(sue, id, "decline-concurrence", new { rationale = "Not on this record." });
        await Driver.ActOkAsync(sue, id, "assign", new { adjudicatorId = AdjudicatorId });
        await Driver.ActOkAsync(Adjudicator, id, "deny", new { rationale = "The debts are recent and repeated." });

        Assert.That(Actions(await Driver.GetCaseAsync(sam, id)), Does.Not.Contain("concur").And.Not.Contain("decline-concurrence"));
        var concur = await CaseDriver.ExpectProblem(await Driver.ActAsync(sam, id, "concur"), HttpStatusCode.Forbidden);
        var decline = await CaseDriver.ExpectProblem(await Driver.ActAsync(sam, id, "decline-concurrence", new { rationale = "r" }), HttpStatusCode.Forbidden);

        Assert.That(new[] { concur.GetProperty("detail").GetString(), decline.GetProperty("detail").GetString() }, Has.All.Contain("'deny'"));
        var concurred = await Driver.ActOkAsync(sue, id, "concur");
        Assert.That((Stage(concurred), Status(concurred)), Is.EqualTo(("due-process", "AwaitingAnswer")));
    }

    [Test]
    public async Task Deny_WithoutRationale_Returns400AndStatusUnchanged()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);
        await Driver.RecordFindingOkAsync(Adjudicator, id, "E", "Minor");
        await Driver.ActOkAsync(Adjudicator, id, "refer-to-decision");

        var problem = await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "deny"), HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("errors").TryGetProperty("rationale", out _), Is.True, problem.ToString());
        Assert.That(Status(await Driver.GetCaseAsync(Adjudicator, id)), Is.EqualTo("InProgress"));
    }

    [Test]
    public async Task RecordFinding_WhileDenialPendingConcurrence_Returns409()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);
        await Driver.RecordFindingOkAsync(Adjudicator, id, "E", "Minor");
        await Driver.ActOkAsync(Adjudicator, id, "refer-to-decision");
        await Driver.ActOkAsync(Adjudicator, id, "deny", DenyBody);

        await CaseDriver.ExpectProblem(await Driver.RecordFindingAsync(Adjudicator, id, "F", "Minor"), HttpStatusCode.Conflict);
    }
}
