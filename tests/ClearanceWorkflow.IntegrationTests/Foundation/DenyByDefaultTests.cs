using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

/// <summary>
/// Every endpoint under /api, as the running service has mapped it (not a hand-kept list), refuses an
/// anonymous caller with 401 and a caller without roles with 403. An endpoint added without
/// authorization fails here. The one public endpoint, certificate verification, is named below and must be rate-limited.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed partial class DenyByDefaultTests(DatabaseKind kind) : IntegrationTest(kind)
{
    /// <summary>Endpoints anyone may call, without a token.</summary>
    private static readonly string[] Public = ["GET /api/v1/certificates/{code}"];

    [Test]
    public void PublicEndpoints_OnlyCertificateVerification_AndRateLimited()
    {
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.TrimStart('/').StartsWith("api", StringComparison.OrdinalIgnoreCase))
            .ToList();
        var anonymous = endpoints.Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null).ToList();
        Assert.That(anonymous.Select(e => $"GET {Normalize(e.RoutePattern.RawText!)}"), Is.EquivalentTo(Public));
        Assert.That(anonymous.Select(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>()), Has.All.Not.Null);
    }

    [Test]
    public void ApiEndpoints_Enumerated_CoverTheContract()
    {
        var routes = ApiEndpoints(includePublic: true).Select(e => $"{e.Method} {Normalize(e.Pattern)}").ToList();
        Assert.That(routes, Is.Unique);
        Assert.That(routes, Is.SupersetOf(new[]
        {
            "POST /api/v1/applications",
            "PUT /api/v1/applications/{id}/questionnaire",
            "GET /api/v1/me/cases",
            "GET /api/v1/me/clearance",
            "GET /api/v1/cases/{id}",
            "POST /api/v1/cases/{id}/actions/{action}",
            "GET /api/v1/cases/{id}/investigation",
            "POST /api/v1/cases/{id}/investigation/checks/{kind}/result",
            "POST /api/v1/cases/{id}/findings",
            "GET /api/v1/adjudication/queue",
            "GET /api/v1/workflows",
            "GET /api/v1/workflows/{name}/diagram",
            "GET /api/v1/audit",
            "GET /api/v1/audit/verify",
            "POST /api/v1/reciprocity/queries",
            "POST /api/v1/reciprocity/queries/batch",
            "POST /api/v1/partners",
            "GET /api/v1/partners",
            "GET /api/v1/partners/{partnerId}",
            "PUT /api/v1/partners/{partnerId}",
            "POST /api/v1/partners/{partnerId}/deactivate",
            "GET /api/v1/clearances",
            "GET /api/v1/clearances/{id}",
            "GET /api/v1/clearances/{id}/certificate",
            "GET /api/v1/me/clearance/certificate",
            "GET /api/v1/certificates/{code}",
        }));
    }

    [Test]
    public async Task EveryApiEndpoint_Anonymous_Returns401()
    {
        using var client = Factory.CreateClient();
        var failures = new List<string>();
        foreach (var endpoint in ApiEndpoints())
        {
            using var response = await client.SendAsync(Request(endpoint));
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{endpoint.Method} {endpoint.Pattern}: {(int)response.StatusCode}");
            }
        }

        Assert.That(failures, Is.Empty, "endpoints that do not refuse anonymous callers with 401");
    }

    [Test]
    public async Task EveryApiEndpoint_TokenWithoutRoles_Returns403()
    {
        using var client = Factory.WithToken(Factory.Keys.Token(NewUser("nobody")));
        var failures = new List<string>();
        foreach (var endpoint in ApiEndpoints())
        {
            using var response = await client.SendAsync(Request(endpoint));
            if (response.StatusCode != HttpStatusCode.Forbidden)
            {
                failures.Add($"{endpoint.Method} {endpoint.Pattern}: {(int)response.StatusCode}");
            }
        }

        Assert.That(failures, Is.Empty, "endpoints that do not refuse a token without roles with 403");
    }

    [TestCase("/api/v1/nope")]
    [TestCase("/api/v1/cases")]
    [TestCase("/no-such-thing/at/all")]
    public async Task UnmappedRoute_AnonymousOrWithToken_Returns404(string path)
    {
        using var anonymous = Factory.CreateClient();
        using var withToken = Factory.ClientFor(NewUser("adam"), "admin");

        await Problems.AssertProblemAsync(await anonymous.GetAsync(path), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await withToken.GetAsync(path), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await anonymous.PostAsync(path, new StringContent("{}", Encoding.UTF8, "application/json")), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Root_AnyClient_RedirectedToTheWorkspace_OtherMethods404()
    {
        using var anonymous = Factory.CreateClient(new() { AllowAutoRedirect = false });
        using var withToken = Factory.CreateClient(new() { AllowAutoRedirect = false });
        withToken.DefaultRequestHeaders.Authorization = new("Bearer", Factory.Keys.Token(NewUser("adam"), ["admin"]));

        foreach (var client in new[] { anonymous, withToken })
        {
            using var get = await client.GetAsync("/");
            Assert.That((get.StatusCode, get.Headers.Location?.ToString()), Is.EqualTo((HttpStatusCode.Redirect, "/workspace")));
        }

        await Problems.AssertProblemAsync(await anonymous.PostAsync("/", new StringContent("{}", Encoding.UTF8, "application/json")), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task MappedRoute_Anonymous_StillReturns401()
    {
        using var client = Factory.CreateClient();
        await Problems.AssertProblemAsync(await client.GetAsync($"/api/v1/cases/{Guid.NewGuid()}"), HttpStatusCode.Unauthorized);
        await Problems.AssertProblemAsync(await client.GetAsync("/api/v1/partners"), HttpStatusCode.Unauthorized);
    }

    private List<(string Method, string Pattern)> ApiEndpoints(bool includePublic = false)
    {
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.TrimStart('/').StartsWith("api", StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, e.RoutePattern.RawText!)))
            .ToList();
        Assert.That(endpoints, Has.Count.GreaterThanOrEqualTo(14), "the service's endpoints could not be enumerated");
        return [.. endpoints.Where(e => includePublic || !Public.Contains($"{e.Item1} {Normalize(e.Item2)}"))];
    }

    private static HttpRequestMessage Request((string Method, string Pattern) endpoint)
    {
        var path = RouteParameter().Replace(endpoint.Pattern, m => m.Groups["name"].Value switch
        {
            "id" or "caseId" => Guid.NewGuid().ToString(),
            "name" => "clearance",
            "kind" => "identity",
            "action" => "claim",
            _ when m.Value.Contains(":guid", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
            _ => "x",
        });
        path = "/" + path.Trim('/');
        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), path);
        if (endpoint.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }

    private static string Normalize(string pattern) => "/" + RouteParameter().Replace(pattern, m => "{" + m.Groups["name"].Value + "}").Trim('/');

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
