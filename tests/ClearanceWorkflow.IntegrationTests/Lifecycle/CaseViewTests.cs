using System.Net;
using System.Text.Json;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>What each caller sees of a case, and the applicant's own lists.</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class CaseViewTests(DatabaseKind kind) : LifecycleTest(kind)
{
    private static readonly string[] StaffOnly = ["findings", "checks", "subject", "events", "questionnaire", "interview", "decisionRationale"];

    private static string[] Properties(JsonElement c) => [.. c.EnumerateObject().Select(p => p.Name)];

    /// <summary>A case in decision with a finding, a flagged check and an interview: everything an applicant must not see.</summary>
    private async Task<Guid> SensitiveCaseAsync(HttpClient alice)
    {
        var id = await Driver.SubmittedCaseAsync(alice, "TopSecret");
        await Driver.CompleteChecksAsync(Investigator, id, "Flagged");
        await Driver.ActOkAsync(Adjudicator, id, "claim");
        await Driver.RecordFindingOkAsync(Adjudicator, id, "B", "Serious", mitigated: false);
        await Driver.ActOkAsync(Adjudicator, id, "schedule-interview", new { scheduledAt = TimeProvider.System.GetUtcNow().AddDays(1), location = "Secure room" });
        await Driver.ActOkAsync(Adjudicator, id, "complete-interview", new { summary = "Close ties to a foreign official." });
        return id;
    }

    [Test]
    public async Task GetCase_AsApplicant_HasNoFindingsChecksSubjectOrEvents()
    {
        using var alice = NewApplicant();
        var id = await SensitiveCaseAsync(alice);

        var view = await Driver.GetCaseAsync(alice, id);
        var raw = await (await alice.GetAsync($"/api/v1/cases/{id}")).Content.ReadAsStringAsync();

        Assert.That(Properties(view), Has.None.AnyOf(StaffOnly));
        Assert.That(Properties(view), Is.SupersetOf(new[] { "id", "reference", "type", "requestedLevel", "stage", "status", "workflow", "subjectId", "history", "availableActions" }));
        Assert.That(raw, Does.Not.Contain("foreign official").And.Not.Contain("Serious").And.Not.Contain("Flagged").And.Not.Contain("Secure room"));
        Assert.That(raw, Does.Not.Contain("AB123456").And.Not.Contain("jane.doe@example.org"));
    }

    [Test]
    public async Task GetCase_AsAdjudicator_HasFindingsChecksSubjectAndEvents()
    {
        using var alice = NewApplicant();
        var id = await SensitiveCaseAsync(alice);

        var view = await Driver.GetCaseAsync(Adjudicator, id);

        Assert.That(Properties(view), Is.SupersetOf(new[] { "findings", "checks", "subject", "events" }));
        Assert.That(view.GetProperty("findings").GetArrayLength(), Is.EqualTo(1));
        Assert.That(view.GetProperty("checks").GetArrayLength(), Is.EqualTo(9));
        Assert.That(view.GetProperty("subject").GetProperty("familyName").GetString(), Is.EqualTo("Doe"));
        Assert.That(view.GetProperty("subject").GetProperty("nationalId").GetString(), Is.EqualTo("AB123456"));
        Assert.That(view.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("action").GetString()),
            Is.SupersetOf(new[] { "apply", "submit", "complete-investigation", "claim", "schedule-interview", "complete-interview" }));
        Assert.That(view.GetProperty("interview").GetProperty("summary").GetString(), Is.EqualTo("Close ties to a foreign official."));
    }

    [Test]
    public async Task MyCases_TwoApplicants_EachListsOnlyTheirOwnCasesWithTheApplicantView()
    {
        using var alice = NewApplicant(out var aliceId);
        using var bob = NewApplicant(out var bobId);
        var aliceFirst = IdOf(await Driver.ApplyAsync(alice));
        var aliceSecond = await SensitiveCaseAsync(alice);
        var bobs = IdOf(await Driver.ApplyAsync(bob, "Confidential"));

        var aliceCases = await Driver.GetJsonAsync(alice, "/api/v1/me/cases");
        var bobCases = await Driver.GetJsonAsync(bob, "/api/v1/me/cases");

        Assert.That(aliceCases.EnumerateArray().Select(IdOf), Is.EquivalentTo(new[] { aliceFirst, aliceSecond }));
        Assert.That(aliceCases.EnumerateArray().Select(c => c.GetProperty("subjectId").GetString()), Is.All.EqualTo(aliceId));
        Assert.That(aliceCases.EnumerateArray().SelectMany(Properties), Has.None.AnyOf(StaffOnly));
        Assert.That(bobCases.EnumerateArray().Select(IdOf), Is.EqualTo(new[] { bobs }));
        Assert.That(bobCases[0].GetProperty("subjectId").GetString(), Is.EqualTo(bobId));
    }

    [Test]
    public async Task MyCases_NoCases_ReturnsEmptyList()
    {
        using var carol = NewApplicant();

        var cases = await Driver.GetJsonAsync(carol, "/api/v1/me/cases");

        Assert.That(cases.ValueKind, Is.EqualTo(JsonValueKind.Array));
        Assert.That(cases.GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task MyClearance_BeforeAnyGrant_Returns404()
    {
        using var alice = NewApplicant();
        await Driver.CaseInDecisionAsync(alice, Investigator, Adjudicator);

        await CaseDriver.ExpectProblem(await alice.GetAsync("/api/v1/me/clearance"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task MyClearance_AnotherApplicantsGrant_StillReturns404()
    {
        using var alice = NewApplicant();
        using var bob = NewApplicant();
        var id = await Driver.CaseInDecisionAsync(alice, Investigator, Adjudicator);
        await Driver.ActOkAsync(Adjudicator, id, "grant", CaseDriver.GrantBody());

        await CaseDriver.Expect(await alice.GetAsync("/api/v1/me/clearance"), HttpStatusCode.OK);
        await CaseDriver.ExpectProblem(await bob.GetAsync("/api/v1/me/clearance"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task MyCasesAndMyClearance_StaffToken_Returns403()
    {
        await CaseDriver.ExpectProblem(await Adjudicator.GetAsync("/api/v1/me/cases"), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await Adjudicator.GetAsync("/api/v1/me/clearance"), HttpStatusCode.Forbidden);
    }
}
