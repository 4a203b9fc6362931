using System.Net;
using System.Net.Http.Json;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>Manual check results and closing an investigation early, with gaps.</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class InvestigationTests(DatabaseKind kind) : LifecycleTest(kind)
{
    private Task<HttpResponseMessage> RecordAsync(HttpClient client, Guid id, string kind, string outcome = "Clear") =>
        client.PostAsJsonAsync($"/api/v1/cases/{id}/investigation/checks/{kind}/result", new { outcome, summary = $"{outcome} by hand" });

    [Test]
    public async Task CompleteInvestigation_InvestigatorFiresEarly_ReviewWithRemainingChecksUnable()
    {
        using var alice = NewApplicant();
        var investigatorId = NewUser("inga");
        using var investigator = Factory.ClientFor(investigatorId, InvestigatorRole);
        var id = await Driver.SubmittedCaseAsync(alice);
        await CaseDriver.Expect(await RecordAsync(investigator, id, "identity"), HttpStatusCode.OK);
        await CaseDriver.Expect(await RecordAsync(investigator, id, "criminal", "Flagged"), HttpStatusCode.OK);
        Assert.That(Actions(await Driver.GetCaseAsync(investigator, id)), Is.EqualTo(new[] { "complete-investigation" }));

        var completed = await Driver.ActOkAsync(investigator, id, "complete-investigation");

        Assert.That(Stage(completed), Is.EqualTo("review"));
        var left = completed.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("stage").GetString() == "background-check");
        Assert.That(left.GetProperty("action").GetString(), Is.EqualTo("complete-investigation"));
        Assert.That(left.GetProperty("actor").GetString(), Is.EqualTo(investigatorId));
        var investigation = (await Driver.GetInvestigationAsync(Adjudicator, id)).GetProperty("checks").EnumerateArray().ToList();
        var checks = investigation.ToDictionary(k => k.GetProperty("kind").GetString()!, k => k.GetProperty("status").GetString());
        Assert.That(checks, Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["identity"] = "Clear", ["criminal"] = "Flagged", ["credit"] = "Unable", ["employment"] = "Unable", ["education"] = "Unable",
        }));
        var gaps = investigation.Where(k => k.GetProperty("status").GetString() == "Unable").Select(k => k.GetProperty("summary").GetString());
        Assert.That(gaps, Is.All.Contain("gap"));
        Assert.That(investigation.Single(k => k.GetProperty("kind").GetString() == "criminal").GetProperty("summary").GetString(), Is.EqualTo("Flagged by hand"));
    }

    [Test]
    public async Task CompleteInvestigation_AdjudicatorOrApplicant_Returns403()
    {
        using var alice = NewApplicant();
        var id = await Driver.SubmittedCaseAsync(alice);

        await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "complete-investigation"), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await Driver.ActAsync(alice, id, "complete-investigation"), HttpStatusCode.Forbidden);

        Assert.That(Stage(await Driver.GetCaseAsync(Adjudicator, id)), Is.EqualTo("background-check"));
    }

    [Test]
    public async Task RecordCheckResult_UnknownKind_Returns404()
    {
        using var alice = NewApplicant();
        var id = await Driver.SubmittedCaseAsync(alice);

        await CaseDriver.ExpectProblem(await RecordAsync(Investigator, id, "horoscope"), HttpStatusCode.NotFound);
        await CaseDriver.ExpectProblem(await RecordAsync(Investigator, id, "foreign-travel"), HttpStatusCode.NotFound);
        await CaseDriver.ExpectProblem(await RecordAsync(Investigator, Guid.NewGuid(), "identity"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task RecordCheckResult_CheckAlreadyComplete_Returns409AndKeepsTheFirstResult()
    {
        using var alice = NewApplicant();
        var id = await Driver.SubmittedCaseAsync(alice);
        await CaseDriver.Expect(await RecordAsync(Investigator, id, "credit", "Flagged"), HttpStatusCode.OK);

        var problem = await CaseDriver.ExpectProblem(await RecordAsync(Investigator, id, "credit", "Clear"), HttpStatusCode.Conflict);

        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("already complete"));
        var credit = (await Driver.GetInvestigationAsync(Investigator, id)).GetProperty("checks").EnumerateArray()
            .Single(k => k.GetProperty("kind").GetString() == "credit");
        Assert.That(credit.GetProperty("status").GetString(), Is.EqualTo("Flagged"));
    }

    [Test]
    public async Task RecordCheckResult_CaseInReview_Returns409()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);

        var problem = await CaseDriver.ExpectProblem(await RecordAsync(Investigator, id, "identity", "Flagged"), HttpStatusCode.Conflict);

        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("background-check"));
    }

    [Test]
    public async Task RecordCheckResult_InvalidOutcomeOrNoSummary_Returns400()
    {
        using var alice = NewApplicant();
        var id = await Driver.SubmittedCaseAsync(alice);

        await CaseDriver.ExpectProblem(
            await Investigator.PostAsJsonAsync($"/api/v1/cases/{id}/investigation/checks/identity/result", new { outcome = "Maybe", summary = "?" }),
            HttpStatusCode.BadRequest);
        await CaseDriver.ExpectProblem(
            await Investigator.PostAsJsonAsync($"/api/v1/cases/{id}/investigation/checks/identity/result", new { outcome = "Clear" }),
            HttpStatusCode.BadRequest);

        var identity = (await Driver.GetInvestigationAsync(Investigator, id)).GetProperty("checks").EnumerateArray()
            .Single(k => k.GetProperty("kind").GetString() == "identity");
        Assert.That(identity.GetProperty("status").GetString(), Is.EqualTo("Pending"));
    }

    [Test]
    public async Task RecordCheckResult_AdjudicatorOrApplicant_Returns403()
    {
        using var alice = NewApplicant();
        var id = await Driver.SubmittedCaseAsync(alice);

        await CaseDriver.ExpectProblem(await RecordAsync(Adjudicator, id, "identity"), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await RecordAsync(alice, id, "identity"), HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task GetInvestigation_Applicant_Returns403()
    {
        using var alice = NewApplicant();
        var id = await Driver.SubmittedCaseAsync(alice);

        await CaseDriver.ExpectProblem(await alice.GetAsync($"/api/v1/cases/{id}/investigation"), HttpStatusCode.Forbidden);
    }
}
