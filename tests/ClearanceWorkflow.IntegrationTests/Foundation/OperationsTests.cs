using System.Net;
using System.Text.Json;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

/// <summary>Health endpoints, the OpenAPI document, and the security headers on API responses.</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class OperationsTests(DatabaseKind kind) : IntegrationTest(kind)
{
    [Test]
    public async Task HealthLive_Anonymous_Returns200()
    {
        using var client = Factory.CreateClient();
        var response = await client.GetAsync("/health/live");
        var body = await ReadJsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task HealthReady_Anonymous_Returns200WithDatabaseAndJobServerHealthy()
    {
        using var client = Factory.CreateClient();
        var response = await Readiness.ReadyAsync(client);
        var body = await ReadJsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        var checks = body.GetProperty("checks").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetProperty("status").GetString());
        Assert.That(checks, Does.ContainKey("database"));
        Assert.That(checks.Keys, Has.Some.Contains("hangfire").IgnoreCase);
        Assert.That(checks.Values, Is.All.EqualTo("Healthy"));
    }

    [Test]
    public async Task HealthReady_WithInvalidToken_StillReturns200()
    {
        using var client = Factory.WithToken("not-a-token");
        var response = await Readiness.ReadyAsync(client);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task OpenApi_Anonymous_Returns200ListingTheContractRoutes()
    {
        using var client = Factory.CreateClient();
        var response = await client.GetAsync("/openapi/v1.json");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Does.Contain("json"));
        var paths = JsonDocument.Parse(text).RootElement.GetProperty("paths");
        var names = paths.EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(names, Does.Contain("/api/v1/applications"));
        Assert.That(names, Does.Contain("/api/v1/cases/{id}/actions/submit"));
        Assert.That(names, Does.Contain("/api/v1/applications/{id}/questionnaire"));
        Assert.That(names, Does.Contain("/api/v1/me/cases"));
        Assert.That(names, Does.Contain("/api/v1/cases/{id}"));
        Assert.That(paths.GetProperty("/api/v1/applications").TryGetProperty("post", out _), Is.True);
        Assert.That(paths.GetProperty("/api/v1/cases/{id}/actions/grant").TryGetProperty("post", out _), Is.True);
    }

    [Test]
    public async Task ApiResponse_Ok_CarriesSecurityHeaders()
    {
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        var response = await applicant.GetAsync("/api/v1/me/cases");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        AssertSecurityHeaders(response);
    }

    [Test]
    public async Task ApiResponse_Unauthorized_CarriesSecurityHeaders()
    {
        using var client = Factory.CreateClient();
        var response = await client.GetAsync("/api/v1/me/cases");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        AssertSecurityHeaders(response);
    }

    [Test]
    public async Task ApiResponse_ValidationProblem_CarriesSecurityHeaders()
    {
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        using var content = new StringContent("{", System.Text.Encoding.UTF8, "application/json");
        var response = await applicant.PostAsync("/api/v1/applications", content);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        AssertSecurityHeaders(response);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
        Assert.That(response.Headers.GetValues("X-Frame-Options"), Is.EqualTo(new[] { "DENY" }));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True, response.Headers.CacheControl?.ToString());
    }
}
