using System.Net;
using System.Net.Http.Json;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Security;

/// <summary>A user who holds staff roles and is also a case's subject never acts on, or sees the staff view of, their own case.</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class ConflictOfInterestTests(DatabaseKind kind) : IntegrationTest(kind)
{
    private const string Dual = "dual-role-user";

    [Test]
    public async Task OwnCase_StaffRolesHeldBySubject_RefusedAndShownTheApplicantView()
    {
        var driver = new CaseDriver(Factory);
        using var dual = Factory.ClientFor(Dual, "applicant", "investigator", "adjudicator", "senior-adjudicator");
        using var investigator = Factory.ClientFor("independent-investigator", "investigator");
        var id = await driver.SubmittedCaseAsync(dual);

        var checkResult = await dual.PostAsJsonAsync($"/api/v1/cases/{id}/investigation/checks/identity/result", new { outcome = "Clear", summary = "self-cleared" });
        Assert.That(checkResult.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "no result on one's own checks");
        Assert.That((await dual.GetAsync($"/api/v1/cases/{id}/investigation")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await driver.ActAsync(dual, id, "complete-investigation")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        await driver.CompleteChecksAsync(investigator, id);
        var view = await driver.GetCaseAsync(dual, id);
        Assert.That(view.GetProperty("stage").GetString(), Is.EqualTo("review"));
        Assert.That(view.TryGetProperty("checks", out _), Is.False, "the applicant's view, not the staff view");
        Assert.That(view.TryGetProperty("subject", out _), Is.False);
        Assert.That(CaseDriver.Strings(view.GetProperty("availableActions")), Does.Not.Contain("claim"));
        Assert.That(CaseDriver.Strings(view.GetProperty("availableActions")), Does.Contain("withdraw"), "applicant actions stay available");

        var claim = await driver.ActAsync(dual, id, "claim");
        Assert.That(claim.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await claim.Content.ReadAsStringAsync(), Does.Contain("conflict of interest"));

        using var senior = Factory.ClientFor("other-senior", "senior-adjudicator");
        var assign = await driver.ActAsync(senior, id, "assign", new { adjudicatorId = Dual });
        Assert.That(assign.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the subject cannot be assigned their own case");
    }
}
