using System.Net;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>
/// Two services on the same database: the first with <c>Workflows:Active:clearance=1</c>, the second
/// with version 2 active. Both load a temporary workflows folder holding the repository's
/// clearance.v1.json and the fixture clearance.v2.json (the repository's version 2), in which <c>withdraw</c> is no longer allowed
/// from <c>decision</c>. A case stays on the version it started on. Two services on one database need a
/// server database: the service refuses a second process on a SQLite data folder.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.Servers))]
public sealed class WorkflowVersionTests(DatabaseKind kind) : LifecycleTest(kind)
{
    private string _workflows = null!;
    private ApiFactory _v2 = null!;
    private CaseDriver _v2Driver = null!;
    private HttpClient _v2Investigator = null!;
    private HttpClient _v2Adjudicator = null!;

    protected override ApiFactory CreateFactory(TestDatabase database)
    {
        _workflows = Path.Combine(database.Directory, "workflows");
        Directory.CreateDirectory(_workflows);
        // The build copies the repository's workflows/*.json next to the service (see the Api project).
        File.Copy(Path.Combine(AppContext.BaseDirectory, "workflows", "clearance.v1.json"), Path.Combine(_workflows, "clearance.v1.json"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "clearance.v2.json"), Path.Combine(_workflows, "clearance.v2.json"));
        return Service(database, activeVersion: 1, keys: null);
    }

    private ApiFactory Service(TestDatabase database, int activeVersion, TestKeys? keys) => new(
        database,
        settings =>
        {
            settings["Workflows:Path"] = _workflows;
            settings["Workflows:Active:clearance"] = activeVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        },
        keys: keys);

    [OneTimeSetUp]
    public void StartSecondService()
    {
        _v2 = Service(Database, activeVersion: 2, keys: Factory.Keys);
        _ = _v2.Server;
        _v2Driver = new CaseDriver(_v2);
        _v2Investigator = _v2.ClientFor(NewUser("ivy"), InvestigatorRole);
        _v2Adjudicator = _v2.ClientFor(NewUser("abe"), AdjudicatorRole);
    }

    [OneTimeTearDown]
    public async Task StopSecondServiceAsync()
    {
        _v2Investigator?.Dispose();
        _v2Adjudicator?.Dispose();
        if (_v2 is not null)
        {
            await _v2.DisposeAsync();
        }
    }

    private static int VersionOf(System.Text.Json.JsonElement c)
    {
        var workflow = c.GetProperty("workflow");
        Assert.That(workflow.GetProperty("name").GetString(), Is.EqualTo("clearance"));
        return workflow.GetProperty("version").GetInt32();
    }

    [Test]
    public async Task OldCase_AfterVersionTwoIsActive_StaysOnVersionOneAndMayStillBeWithdrawnInDecision()
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
        var inDecision = await _v2Driver.ActOkAsync(_v2Adjudicator, id, "refer-to-decision");
        Assert.That(Stage(inDecision), Is.EqualTo("decision"));
        Assert.That(VersionOf(inDecision), Is.EqualTo(1));

        var applicantView = await _v2Driver.GetCaseAsync(alice, id);
        Assert.That(Actions(applicantView), Is.EqualTo(new[] { "withdraw" }), "version 1 allows withdraw from decision");
        var withdrawn = await _v2Driver.ActOkAsync(alice, id, "withdraw", new { reason = "Changed my mind." });

        Assert.That(Stage(withdrawn), Is.EqualTo("closed"));
        Assert.That(Status(withdrawn), Is.EqualTo("Withdrawn"));
        Assert.That(VersionOf(withdrawn), Is.EqualTo(1));
    }

    [Test]
    public async Task NewCase_AfterVersionTwoIsActive_PinnedToVersionTwoAndCannotBeWithdrawnInDecision()
    {
        using var alice = _v2.ClientFor(NewUser("alice"), ApplicantRole);
        var created = await _v2Driver.ApplyAsync(alice);
        var id = IdOf(created);
        Assert.That(VersionOf(created), Is.EqualTo(2));
        await _v2Driver.FillQuestionnaireAsync(alice, id, CaseDriver.Questionnaire(6));
        await _v2Driver.ActOkAsync(alice, id, "submit", new { attestation = true });
        await _v2Driver.CompleteChecksAsync(_v2Investigator, id);
        await _v2Driver.ActOkAsync(_v2Adjudicator, id, "claim");
        Assert.That(Actions(await _v2Driver.GetCaseAsync(alice, id)), Is.EqualTo(new[] { "withdraw" }), "version 2 still allows withdraw from review");
        await _v2Driver.ActOkAsync(_v2Adjudicator, id, "refer-to-decision");

        var applicantView = await _v2Driver.GetCaseAsync(alice, id);
        var problem = await CaseDriver.ExpectProblem(await _v2Driver.ActAsync(alice, id, "withdraw", new { reason = "Changed my mind." }), HttpStatusCode.Conflict);

        Assert.That(Actions(applicantView), Is.Empty);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("decision"));
        var still = await _v2Driver.GetCaseAsync(_v2Adjudicator, id);
        Assert.That(Stage(still), Is.EqualTo("decision"));
        Assert.That(VersionOf(still), Is.EqualTo(2));
        var granted = await _v2Driver.ActOkAsync(_v2Adjudicator, id, "grant", CaseDriver.GrantBody());
        Assert.That(Status(granted), Is.EqualTo("Granted"));
        Assert.That(VersionOf(granted), Is.EqualTo(2));
    }

    [Test]
    public async Task NewCase_ReadThroughTheVersionOneService_StillFollowsVersionTwo()
    {
        var aliceId = NewUser("alice");
        using var aliceOnV2 = _v2.ClientFor(aliceId, ApplicantRole);
        var id = await _v2Driver.CaseInDecisionAsync(aliceOnV2, _v2Investigator, _v2Adjudicator);
        using var alice = Factory.ClientFor(aliceId, ApplicantRole);

        var viaV1 = await Driver.GetCaseAsync(alice, id);

        Assert.That(VersionOf(viaV1), Is.EqualTo(2));
        Assert.That(Actions(viaV1), Is.Empty);
        await CaseDriver.ExpectProblem(await Driver.ActAsync(alice, id, "withdraw", new { reason = "Changed my mind." }), HttpStatusCode.Conflict);
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
    public async Task Diagram_PerVersion_ShowsWithdrawFromDecisionOnlyInVersionOne()
    {
        var active = await (await _v2Adjudicator.GetAsync("/api/v1/workflows/clearance/diagram")).Content.ReadAsStringAsync();
        var versionOne = await (await _v2Adjudicator.GetAsync("/api/v1/workflows/clearance/diagram?version=1")).Content.ReadAsStringAsync();

        Assert.That(active, Does.Contain("decision --> closed: grant (Granted), concur (Denied)"));
        Assert.That(versionOne, Does.Contain("decision --> closed: withdraw (Withdrawn), grant (Granted), concur (Denied)"));
        await CaseDriver.ExpectProblem(await _v2Adjudicator.GetAsync("/api/v1/workflows/clearance/diagram?version=3"), HttpStatusCode.NotFound);
    }
}
