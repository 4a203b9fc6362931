using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>Who may see and act on a case: ownership, assignment, roles, and what each caller is offered.</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class AccessTests(DatabaseKind kind) : LifecycleTest(kind)
{
    [Test]
    public async Task GetCase_OtherApplicantsCase_Returns404()
    {
        using var alice = NewApplicant();
        using var bob = NewApplicant();
        var id = IdOf(await Driver.ApplyAsync(alice));

        var problem = await CaseDriver.ExpectProblem(await bob.GetAsync($"/api/v1/cases/{id}"), HttpStatusCode.NotFound);
        var unknown = await CaseDriver.ExpectProblem(await bob.GetAsync($"/api/v1/cases/{Guid.NewGuid()}"), HttpStatusCode.NotFound);

        Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo(unknown.GetProperty("title").GetString()), "another's case looks like an unknown one");
    }

    [Test]
    public async Task Actions_OtherApplicantsCase_Returns404AndChangesNothing()
    {
        using var alice = NewApplicant();
        using var bob = NewApplicant();
        var id = IdOf(await Driver.ApplyAsync(alice));
        await Driver.FillQuestionnaireAsync(alice, id, CaseDriver.Questionnaire(6));

        await CaseDriver.ExpectProblem(await Driver.ActAsync(bob, id, "submit", new { attestation = true }), HttpStatusCode.NotFound);
        await CaseDriver.ExpectProblem(await Driver.ActAsync(bob, id, "withdraw", new { reason = "not mine" }), HttpStatusCode.NotFound);

        var c = await Driver.GetCaseAsync(alice, id);
        Assert.That(Stage(c), Is.EqualTo("application"));
        Assert.That(Status(c), Is.EqualTo("InProgress"));
    }

    [Test]
    public async Task PutQuestionnaire_OtherApplicantsCase_Returns404()
    {
        using var alice = NewApplicant();
        using var bob = NewApplicant();
        var id = IdOf(await Driver.ApplyAsync(alice));

        var response = await bob.PutAsJsonAsync($"/api/v1/applications/{id}/questionnaire", CaseDriver.Questionnaire(6));

        await CaseDriver.ExpectProblem(response, HttpStatusCode.NotFound);
        await CaseDriver.ExpectProblem(await Driver.ActAsync(alice, id, "submit", new { attestation = true }), HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Grant_AdjudicatorNotAssigned_Returns403()
    {
        using var other = Staff("olga", out _, AdjudicatorRole);
        using var alice = NewApplicant();
        var id = await Driver.CaseInDecisionAsync(alice, Investigator, Adjudicator);

        await CaseDriver.ExpectProblem(await Driver.ActAsync(other, id, "grant", CaseDriver.GrantBody()), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await Driver.ActAsync(other, id, "deny", new { rationale = "no" }), HttpStatusCode.Forbidden);

        Assert.That(Stage(await Driver.GetCaseAsync(Adjudicator, id)), Is.EqualTo("decision"));
    }

    [Test]
    public async Task RecordFinding_AdjudicatorNotAssigned_Returns403()
    {
        using var other = Staff("olga", out _, AdjudicatorRole);
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);

        await CaseDriver.ExpectProblem(await Driver.RecordFindingAsync(other, id, "F", "Serious"), HttpStatusCode.Forbidden);

        Assert.That((await Driver.GetCaseAsync(Adjudicator, id)).GetProperty("findings").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task RecordFinding_ApplicantOrInvestigator_Returns403()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);

        await CaseDriver.ExpectProblem(await Driver.RecordFindingAsync(alice, id), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await Driver.RecordFindingAsync(Investigator, id), HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Claim_AlreadyAssignedCase_Returns409AndKeepsTheAssignee()
    {
        using var other = Staff("olga", out _, AdjudicatorRole);
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);

        var problem = await CaseDriver.ExpectProblem(await Driver.ActAsync(other, id, "claim"), HttpStatusCode.Conflict);

        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("assigned"));
        Assert.That((await Driver.GetCaseAsync(other, id)).GetProperty("assignedAdjudicator").GetString(), Is.EqualTo(AdjudicatorId));
    }

    [Test]
    public async Task Claim_Applicant_Returns403()
    {
        using var alice = NewApplicant();
        var id = await Driver.SubmittedCaseAsync(alice);
        await Driver.CompleteChecksAsync(Investigator, id);

        await CaseDriver.ExpectProblem(await Driver.ActAsync(alice, id, "claim"), HttpStatusCode.Forbidden);

        Assert.That((await Driver.GetCaseAsync(Adjudicator, id)).GetProperty("assignedAdjudicator").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Assign_BySeniorToAnotherAdjudicator_NewAssigneeActsAndFormerOneCannot()
    {
        using var senior = Staff("sara", out _, SeniorRole);
        using var other = Staff("olga", out var otherId, AdjudicatorRole);
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);

        await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "assign", new { adjudicatorId = otherId }), HttpStatusCode.Forbidden);
        var missing = await CaseDriver.ExpectProblem(await Driver.ActAsync(senior, id, "assign"), HttpStatusCode.BadRequest);
        Assert.That(missing.GetProperty("errors").TryGetProperty("adjudicatorId", out _), Is.True, missing.ToString());
        var assigned = await Driver.ActOkAsync(senior, id, "assign", new { adjudicatorId = otherId });
        Assert.That(assigned.GetProperty("assignedAdjudicator").GetString(), Is.EqualTo(otherId));

        await CaseDriver.ExpectProblem(await Driver.RecordFindingAsync(Adjudicator, id), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "refer-to-decision"), HttpStatusCode.Forbidden);
        await Driver.RecordFindingOkAsync(other, id, "E", "Minor");
        await Driver.ActOkAsync(other, id, "refer-to-decision");
        var granted = await Driver.ActOkAsync(other, id, "grant", CaseDriver.GrantBody());

        Assert.That(Status(granted), Is.EqualTo("Granted"));
    }

    [Test]
    public async Task Assign_ToTheSubjectOrAPaddedId_Returns400()
    {
        using var senior = Staff("sara", out _, SeniorRole);
        using var alice = NewApplicant(out var aliceId);
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);

        await CaseDriver.ExpectProblem(await Driver.ActAsync(senior, id, "assign", new { adjudicatorId = aliceId }), HttpStatusCode.BadRequest);
        // No user id ends in a space (the bearer scheme refuses one), and SQL Server would read "alice " as alice.
        var padded = await CaseDriver.ExpectProblem(await Driver.ActAsync(senior, id, "assign", new { adjudicatorId = aliceId + " " }), HttpStatusCode.BadRequest);
        Assert.That(padded.GetProperty("errors").TryGetProperty("adjudicatorId", out _), Is.True, padded.ToString());

        Assert.That((await Driver.GetCaseAsync(senior, id)).GetProperty("assignedAdjudicator").GetString(), Is.EqualTo(AdjudicatorId));
    }

    [Test]
    public async Task Act_UnknownAction_Returns404()
    {
        using var alice = NewApplicant();
        var id = IdOf(await Driver.ApplyAsync(alice));

        var problem = await CaseDriver.ExpectProblem(await Driver.ActAsync(alice, id, "approve"), HttpStatusCode.NotFound);

        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("approve"));
        await CaseDriver.ExpectProblem(await Driver.ActAsync(alice, Guid.NewGuid(), "withdraw", new { reason = "x" }), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Submit_ByStaff_Returns403()
    {
        using var alice = NewApplicant();
        var id = IdOf(await Driver.ApplyAsync(alice));
        await Driver.FillQuestionnaireAsync(alice, id, CaseDriver.Questionnaire(6));

        await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "submit", new { attestation = true }), HttpStatusCode.Forbidden);

        Assert.That(Stage(await Driver.GetCaseAsync(alice, id)), Is.EqualTo("application"));
    }

    [Test]
    public async Task GetCase_PartnerToken_Returns403()
    {
        using var alice = NewApplicant();
        using var partner = Factory.PartnerClient(NewUser("pat"), "partner-1");
        var id = IdOf(await Driver.ApplyAsync(alice));

        await CaseDriver.ExpectProblem(await partner.GetAsync($"/api/v1/cases/{id}"), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await Driver.ActAsync(partner, id, "withdraw", new { reason = "x" }), HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task GetCase_WithoutToken_Returns401()
    {
        using var alice = NewApplicant();
        using var anonymous = Factory.CreateClient();
        var id = IdOf(await Driver.ApplyAsync(alice));

        await CaseDriver.Expect(await anonymous.GetAsync($"/api/v1/cases/{id}"), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task AvailableActions_PerCaller_OfferWhatEachMayDoNow()
    {
        using var other = Staff("olga", out _, AdjudicatorRole);
        using var senior = Staff("sara", out _, SeniorRole);
        using var alice = NewApplicant();
        var id = await Driver.SubmittedCaseAsync(alice);
        await Driver.CompleteChecksAsync(Investigator, id);

        // review, unassigned
        Assert.That(Actions(await Driver.GetCaseAsync(alice, id)), Is.EqualTo(new[] { "withdraw" }));
        Assert.That(Actions(await Driver.GetCaseAsync(other, id)), Is.EqualTo(new[] { "claim" }));
        Assert.That(Actions(await Driver.GetCaseAsync(Investigator, id)), Is.Empty);
        Assert.That(Actions(await Driver.GetCaseAsync(senior, id)), Is.EquivalentTo(new[] { "claim", "assign" }));

        // review, assigned
        await Driver.ActOkAsync(Adjudicator, id, "claim");
        Assert.That(Actions(await Driver.GetCaseAsync(other, id)), Is.Empty);
        Assert.That(Actions(await Driver.GetCaseAsync(Adjudicator, id)), Is.EquivalentTo(new[] { "request-information", "schedule-interview", "refer-to-decision", "grant-interim" }));

        // decision, with a finding so that deny is possible
        await Driver.RecordFindingOkAsync(Adjudicator, id, "E", "Minor");
        await Driver.ActOkAsync(Adjudicator, id, "refer-to-decision");
        Assert.That(Actions(await Driver.GetCaseAsync(alice, id)), Is.EqualTo(new[] { "withdraw" }));
        Assert.That(Actions(await Driver.GetCaseAsync(Adjudicator, id)), Is.EquivalentTo(new[] { "schedule-interview", "grant", "deny" }));
        Assert.That(Actions(await Driver.GetCaseAsync(other, id)), Is.Empty);
        Assert.That(Actions(await Driver.GetCaseAsync(senior, id)), Is.EqualTo(new[] { "assign" }));
    }

    [Test]
    public async Task AvailableActions_ApplicantInApplication_SubmitOfferedOnlyOnceTheQuestionnaireIsComplete()
    {
        using var alice = NewApplicant();
        var created = await Driver.ApplyAsync(alice);
        var id = IdOf(created);

        var filled = await Driver.FillQuestionnaireAsync(alice, id, CaseDriver.Questionnaire(6));

        Assert.That(Actions(created), Is.EqualTo(new[] { "withdraw" }));
        Assert.That(Actions(filled), Is.EquivalentTo(new[] { "submit", "withdraw" }));
        Assert.That(Actions(await Driver.GetCaseAsync(Adjudicator, id)), Is.Empty);
    }
}
