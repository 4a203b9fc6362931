using System.Net;
using System.Net.Http.Json;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>
/// Two services on the same database, both loading the repository's workflows (clearance.v1.json and
/// clearance.v2.json): the first with <c>Workflows:Active:clearance=1</c>, the second with version 2 active (the
/// default, the highest). In version 1 a concurred denial closes the case; in version 2 due process follows. A case
/// stays on the version it started on. Two services on one database need a server database: the service refuses a
/// second process on a SQLite data folder.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.Servers))]
public sealed class WorkflowVersionTests(DatabaseKind kind) : LifecycleTest(kind)
{
    private ApiFactory _v2 = null!;
    private CaseDriver _v2Driver = null!;
    private HttpClient _v2Investigator = null!;
    private HttpClient _v2Adjudicator = null!;
    private HttpClient _v2Senior = null!;

    protected override ApiFactory CreateFactory(TestDatabase database) =>
        new(database, settings => settings["Workflows:Active:clearance"] = "1");

    [OneTimeSetUp]
    public void StartSecondService()
    {
        _v2 = new ApiFactory(Database, keys: Factory.Keys);
        _ = _v2.Server;
        _v2Driver = new CaseDriver(_v2);
        _v2Investigator = _v2.ClientFor(NewUser("ivy"), InvestigatorRole);
        _v2Adjudicator = _v2.ClientFor(NewUser("abe"), AdjudicatorRole);
        _v2Senior = _v2.ClientFor(NewUser("sam"), SeniorRole);
    }

    [OneTimeTearDown]
    public async Task StopSecondServiceAsync()
    {
        _v2Investigator?.Dispose();
        _v2Adjudicator?.Dispose();
        _v2Senior?.Dispose();
        if (_v2 is not null)
        {
            await _v2.DisposeAsync();
        }
    }

    /// <summary>Records a finding, refers the case to decision and denies it: the denial awaits concurrence.</summary>
    private async Task DenyAsync(CaseDriver driver, Guid id)
    {
        await driver.RecordFindingOkAsync(_v2Adjudicator, id, "F", "Minor");
        await driver.ActOkAsync(_v2Adjudicator, id, "refer-to-decision");
        await driver.ActOkAsync(_v2Adjudicator, id, "deny", new { rationale = "Unmitigated financial considerations." });
    }

    private static int VersionOf(System.Text.Json.JsonElement c)
    {
        var workflow = c.GetProperty("workflow");
        Assert.That(workflow.GetProperty("name").GetString(), Is.EqualTo("clearance"));
        return workflow.GetProperty("version").GetInt32();
    }

    /// <summary>Version 1 has no suspend, reinstate or guard against withdrawal: a continuous evaluation opens on version 2.</summary>
    [Test]
    public async Task Incident_WithVersionOneActive_EvaluationOpensOnVersionTwo_TheSubjectCannotWithdrawIt()
    {
        using var alice = NewApplicant(out _);
        var id = await Driver.CaseInDecisionAsync(alice, Investigator, Adjudicator);
        Assert.That(VersionOf(await Driver.GetCaseAsync(alice, id)), Is.EqualTo(1));
        await Driver.ActOkAsync(Adjudicator, id, "grant", CaseDriver.GrantBody());
        var clearanceId = (await Driver.GetJsonAsync(alice, "/api/v1/me/clearance")).GetProperty("id").GetGuid();
        using var officer = Staff("sofia", out _, "security-officer");

        using var reported = await officer.PostAsJsonAsync($"/api/v1/clearances/{clearanceId}/incidents", new { guideline = "G", summary = "Arrested for drink-driving.", suspend = true });

        await CaseDriver.Expect(reported, HttpStatusCode.Created);
        var evaluation = IdOf(await CaseDriver.Json(reported));
        Assert.That(VersionOf(await Driver.GetCaseAsync(alice, evaluation)), Is.EqualTo(2));
        Assert.That(Actions(await Driver.GetCaseAsync(alice, evaluation)), Does.Not.Contain("withdraw"));
        await CaseDriver.ExpectProblem(await Driver.ActAsync(alice, evaluation, "withdraw", new { reason = "I would rather not." }), HttpStatusCode.Conflict);
        Assert.That(Actions(await Driver.ActOkAsync(Adjudicator, evaluation, "claim")), Does.Contain("reinstate"));
    }

    [Test]
    public async Task OldCase_AfterVersionTwoIsActive_StaysOnVersionOneAndItsConcurredDenialIsFinal()
    {
        string aliceId;
        Guid id;
        using (var aliceOnV1 = NewApplicant(out aliceId))
        {
            var created = await Driver.ApplyAsync(aliceOnV1);
            id = IdOf(created);
            Assert.That(VersionOf(created), Is.EqualTo(1));
            await Driver.FillQuestionnaireAsync(aliceOnV1, id, CaseDriver.Questionnaire(6));
        }

        using var alice = _v2.ClientFor(aliceId, ApplicantRole);
        Assert.That(VersionOf(await _v2Driver.GetCaseAsync(alice, id)), Is.EqualTo(1));
        await _v2Driver.ActOkAsync(alice, id, "submit", new { attestation = true });
        await _v2Driver.CompleteChecksAsync(_v2Investigator, id);
        await _v2Driver.ActOkAsync(_v2Adjudicator, id, "claim");
        await DenyAsync(_v2Driver, id);

        var concurred = await _v2Driver.ActOkAsync(_v2Senior, id, "concur");

        Assert.That((Stage(concurred), Status(concurred)), Is.EqualTo(("closed", "Denied")), "version 1 has no due process");
        Assert.That(VersionOf(concurred), Is.EqualTo(1));
        Assert.That(concurred.GetProperty("dueProcess").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        await CaseDriver.ExpectProblem(await _v2Driver.ActAsync(alice, id, "answer", new { response = "r", requestHearing = false }), HttpStatusCode.Conflict);
    }

    [Test]
    public async Task NewCase_AfterVersionTwoIsActive_PinnedToVersionTwoAndItsConcurredDenialOpensDueProcess()
    {
        using var alice = _v2.ClientFor(NewUser("alice"), ApplicantRole);
        var created = await _v2Driver.ApplyAsync(alice);
        var id = IdOf(created);
        Assert.That(VersionOf(created), Is.EqualTo(2));
        await _v2Driver.FillQuestionnaireAsync(alice, id, CaseDriver.Questionnaire(6));
        await _v2Driver.ActOkAsync(alice, id, "submit", new { attestation = true });
        await _v2Driver.CompleteChecksAsync(_v2Investigator, id);
        await _v2Driver.ActOkAsync(_v2Adjudicator, id, "claim");
        await DenyAsync(_v2Driver, id);

        var concurred = await _v2Driver.ActOkAsync(_v2Senior, id, "concur");

        Assert.That((Stage(concurred), Status(concurred)), Is.EqualTo(("due-process", "AwaitingAnswer")));
        Assert.That(VersionOf(concurred), Is.EqualTo(2));
    }

    [Test]
    public async Task NewCase_ConcurredThroughTheVersionOneService_StillFollowsVersionTwo()
    {
        var aliceId = NewUser("alice");
        using var aliceOnV2 = _v2.ClientFor(aliceId, ApplicantRole);
        var id = await _v2Driver.CaseInReviewAsync(aliceOnV2, _v2Investigator, _v2Adjudicator);
        await DenyAsync(_v2Driver, id);
        using var senior = Factory.ClientFor(NewUser("sue"), SeniorRole);

        var viaV1 = await Driver.ActOkAsync(senior, id, "concur");

        Assert.That(VersionOf(viaV1), Is.EqualTo(2));
        Assert.That((Stage(viaV1), Status(viaV1)), Is.EqualTo(("due-process", "AwaitingAnswer")));
    }

    /// <summary>
    /// An action of the contract that came with version 2 is not unknown on a version-1 case: it is not available
    /// there (409) to a role that may perform it, and 403 to one that may not. A name no version has is 404.
    /// </summary>
    [Test]
    public async Task VersionTwoAction_OnAVersionOneCase_409ToItsRoles403ToOthers_UnknownNameStill404()
    {
        using var alice = NewApplicant(out _);
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);
        Assert.That(VersionOf(await Driver.GetCaseAsync(alice, id)), Is.EqualTo(1));

        var later = await CaseDriver.ExpectProblem(
            await Driver.ActAsync(Adjudicator, id, "grant-interim", new { level = "Secret", rationale = "Checks clear." }), HttpStatusCode.Conflict);
        Assert.That(later.GetProperty("detail").GetString(), Does.Contain("v1"));
        await CaseDriver.ExpectProblem(await Driver.ActAsync(alice, id, "grant-interim", new { level = "Secret", rationale = "x" }), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "answer-period-ends"), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "teleport"), HttpStatusCode.NotFound);
        Assert.That(VersionOf(await Driver.GetCaseAsync(alice, id)), Is.EqualTo(1));
    }

    [Test]
    public async Task Apply_OnTheServiceWithVersionOneActive_StillStartsOnVersionOne()
    {
        using var alice = NewApplicant();

        var created = await Driver.ApplyAsync(alice);

        Assert.That(VersionOf(created), Is.EqualTo(1));
    }

    [Test]
    public async Task ListWorkflows_BothVersionsLoaded_ListsVersionsOneAndTwoAndTheActiveOne()
    {
        var onV1 = await Driver.GetJsonAsync(Adjudicator, "/api/v1/workflows");
        var onV2 = await _v2Driver.GetJsonAsync(_v2Adjudicator, "/api/v1/workflows");

        foreach (var (list, active) in new[] { (onV1, 1), (onV2, 2) })
        {
            Assert.That(list.GetArrayLength(), Is.EqualTo(1), list.ToString());
            var clearance = list[0];
            Assert.That(clearance.GetProperty("name").GetString(), Is.EqualTo("clearance"));
            Assert.That(clearance.GetProperty("versions").EnumerateArray().Select(v => v.GetInt32()), Is.EqualTo(new[] { 1, 2 }));
            Assert.That(clearance.GetProperty("activeVersion").GetInt32(), Is.EqualTo(active));
        }
    }

    [Test]
    public async Task Diagram_PerVersion_ShowsDueProcessOnlyInVersionTwo()
    {
        var active = await (await _v2Adjudicator.GetAsync("/api/v1/workflows/clearance/diagram")).Content.ReadAsStringAsync();
        var versionOne = await (await _v2Adjudicator.GetAsync("/api/v1/workflows/clearance/diagram?version=1")).Content.ReadAsStringAsync();

        Assert.That(active, Does.Contain("decision --> due_process: concur (AwaitingAnswer)"));
        Assert.That(active, Does.Contain("due_process --> appeal: deny (AwaitingAppeal)"));
        Assert.That(versionOne, Does.Contain("decision --> closed: withdraw (Withdrawn), grant (Granted), concur (Denied)"));
        Assert.That(versionOne, Does.Not.Contain("due_process"));
        await CaseDriver.ExpectProblem(await _v2Adjudicator.GetAsync("/api/v1/workflows/clearance/diagram?version=3"), HttpStatusCode.NotFound);
    }
}
