using System.Net;
using System.Net.Http.Json;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class SmokeTests(DatabaseKind kind) : IntegrationTest(kind)
{
    [Test]
    public async Task Ready_DatabaseAndJobServerUp_Answers200()
    {
        using var client = Factory.CreateClient();
        var response = await Readiness.ReadyAsync(client);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(body, Does.Contain("database").And.Contain("hangfire"));
    }

    [Test]
    public async Task Apply_ValidApplication_Returns201WithLocationAndStageApplication()
    {
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        using var response = await applicant.PostAsJsonAsync("/api/v1/applications", new { requestedLevel = "Secret", sponsor = "Ministry of Tests", subject = CaseDriver.Subject() });
        var created = await CaseDriver.Json(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        Assert.That(created.GetProperty("stage").GetString(), Is.EqualTo("application"));
        Assert.That(created.GetProperty("reference").GetString(), Does.Match(@"^CW-\d{4}-\d{6}$"));
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo($"/api/v1/cases/{created.GetProperty("id").GetGuid()}"));
        using var followed = await applicant.GetAsync(response.Headers.Location);
        Assert.That(followed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the location is the applicant's case");
    }
}
