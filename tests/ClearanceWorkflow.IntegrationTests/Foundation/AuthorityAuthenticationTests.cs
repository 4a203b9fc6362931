using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

/// <summary>
/// <c>Auth__Authority</c>: the service reads an identity provider's OIDC discovery document and JWKS over
/// real HTTP (a Kestrel server on 127.0.0.1) and accepts tokens signed by the published key.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class AuthorityAuthenticationTests(DatabaseKind kind)
{
    private const string Audience = "clearance-workflow-oidc";

    private OidcTestServer _provider = null!;
    private TestDatabase _database = null!;
    private ApiFactory _service = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _provider = await OidcTestServer.StartAsync();
        _database = await TestDatabase.CreateAsync(kind);
        _service = new ApiFactory(_database, s =>
        {
            s.Remove("Auth:SigningKey");
            s["Auth:Authority"] = _provider.Authority;
            s["Auth:Issuer"] = _provider.Authority;
            s["Auth:Audience"] = Audience;
        });
        _ = _service.Server;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    [Test]
    public async Task GetMyCases_SignedByTheJwksKey_Returns200AndJwksWasFetched()
    {
        var response = await GetAsync(Token(new SigningCredentials(_provider.Key, SecurityAlgorithms.RsaSha256)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(_provider.DiscoveryRequests, Is.GreaterThan(0), "the discovery document was read");
        Assert.That(_provider.JwksRequests, Is.GreaterThan(0), "the JWKS was read");
    }

    [Test]
    public async Task GetMyCases_SignedByAnotherRsaKeyWithTheSameKid_Returns401()
    {
        using var other = RSA.Create(2048);
        var response = await GetAsync(Token(new SigningCredentials(new RsaSecurityKey(other) { KeyId = _provider.Key.KeyId }, SecurityAlgorithms.RsaSha256)));
        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task GetMyCases_JwksKeyButWrongIssuer_Returns401()
    {
        var token = Jwt.Sign(new SigningCredentials(_provider.Key, SecurityAlgorithms.RsaSha256), "https://elsewhere.test", Audience, Jwt.Claims($"alice-{Guid.NewGuid():N}", "applicant"));
        await Problems.AssertProblemAsync(await GetAsync(token), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task GetMyCases_SharedTestKeyNotConfigured_Returns401()
    {
        await Problems.AssertProblemAsync(await GetAsync(_service.Keys.Token("alice", "applicant")), HttpStatusCode.Unauthorized);
    }

    private string Token(SigningCredentials credentials) =>
        Jwt.Sign(credentials, _provider.Authority, Audience, Jwt.Claims($"alice-{Guid.NewGuid():N}", "applicant"));

    private async Task<HttpResponseMessage> GetAsync(string token)
    {
        using var client = _service.WithToken(token);
        return await client.GetAsync("/api/v1/me/cases");
    }
}

/// <summary>A minimal OpenID provider: a discovery document and the JWKS of one RSA key, over plain HTTP on 127.0.0.1.</summary>
internal sealed class OidcTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RSA _rsa;
    private int _discoveryRequests;
    private int _jwksRequests;

    private OidcTestServer(WebApplication app, RSA rsa, RsaSecurityKey key)
    {
        _app = app;
        _rsa = rsa;
        Key = key;
    }

    public RsaSecurityKey Key { get; }

    public string Authority { get; private set; } = string.Empty;

    public int DiscoveryRequests => Volatile.Read(ref _discoveryRequests);

    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    public static async Task<OidcTestServer> StartAsync()
    {
        var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = "oidc-test-" + Guid.NewGuid().ToString("N")[..8] };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new OidcTestServer(app, rsa, key);
        app.MapGet("/.well-known/openid-configuration", (HttpContext context) =>
        {
            Interlocked.Increment(ref server._discoveryRequests);
            var authority = $"{context.Request.Scheme}://{context.Request.Host}";
            return Results.Text(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["issuer"] = authority,
                ["jwks_uri"] = authority + "/jwks",
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            }), "application/json");
        });
        app.MapGet("/jwks", () =>
        {
            Interlocked.Increment(ref server._jwksRequests);
            var parameters = rsa.ExportParameters(includePrivateParameters: false);
            return Results.Text(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["keys"] = new[]
                {
                    new Dictionary<string, string>
                    {
                        ["kty"] = "RSA",
                        ["use"] = "sig",
                        ["alg"] = "RS256",
                        ["kid"] = key.KeyId,
                        ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                        ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                    },
                },
            }), "application/json");
        });
        await app.StartAsync();
        server.Authority = app.Urls.Single(u => u.StartsWith("http://", StringComparison.Ordinal)).TrimEnd('/');
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _rsa.Dispose();
    }
}
