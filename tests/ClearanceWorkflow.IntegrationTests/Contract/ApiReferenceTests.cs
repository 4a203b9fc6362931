using System.Net;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Contract;

/// <summary>The interactive API reference at /docs: on by default in Development only, switched by <c>ApiReference__Enabled</c>.</summary>
public sealed class ApiReferenceTests
{
    private TestDatabase _database = null!;

    [SetUp]
    public async Task CreateDatabaseAsync() => _database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);

    [TearDown]
    public async Task DropDatabaseAsync() => await _database.DisposeAsync();

    [Test]
    public async Task Docs_Development_ServesTheReferenceOverTheDocument()
    {
        await using var factory = new ApiFactory(_database) { EnvironmentName = "Development" };
        using var client = factory.CreateClient();

        var page = await client.GetAsync("/docs/");
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(html, Does.Contain("openapi/v1.json"));
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = System.Text.RegularExpressions.Regex.Match(html, "nonce=\"([^\"]+)\"").Groups[1].Value;
        Assert.That(nonce, Is.Not.Empty, html);
        Assert.That(csp, Does.Contain($"script-src 'self' 'nonce-{nonce}'").And.Not.Contain("unsafe-eval"), csp);
        var script = await client.GetAsync("/docs/scalar.js");
        Assert.That(script.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the reference's script is served by the service itself");
    }

    [Test]
    public async Task Docs_Production_Returns404()
    {
        await using var factory = new ApiFactory(_database) { EnvironmentName = "Production" };
        using var client = factory.CreateClient();

        Assert.That((await client.GetAsync("/docs/")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await client.GetAsync("/docs")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Docs_ProductionWithApiReferenceEnabled_Serves()
    {
        await using var factory = new ApiFactory(_database, s => s["ApiReference:Enabled"] = "true") { EnvironmentName = "Production" };
        using var client = factory.CreateClient();

        Assert.That((await client.GetAsync("/docs/")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Docs_DevelopmentWithApiReferenceDisabled_Returns404()
    {
        await using var factory = new ApiFactory(_database, s => s["ApiReference:Enabled"] = "false") { EnvironmentName = "Development" };
        using var client = factory.CreateClient();

        Assert.That((await client.GetAsync("/docs/")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
