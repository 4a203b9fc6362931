using System.Net;
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
        var driver = new CaseDriver(Factory);
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        var created = await driver.ApplyAsync(applicant);
        Assert.That(created.GetProperty("stage").GetString(), Is.EqualTo("application"));
        Assert.That(created.GetProperty("reference").GetString(), Does.Match(@"^CW-\d{4}-\d{6}$"));
    }
}
