using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

/// <summary>
/// Attacks on bearer-token validation, through HTTP, against a service that trusts all three kinds of key at
/// once: the shared HS256 secret, an EC P-256 public key (<c>Auth__PublicKeyPem</c>) and an authority's JWKS
/// (RSA, served over real HTTP on 127.0.0.1). Tokens are hand-built and really signed; each attack has a control
/// built the same way without the attack, which gets in, so a 401 can only come from the attack.
/// </summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.Postgres)]
public sealed class TokenAttackTests(DatabaseKind kind)
{
    private const string MyCases = "/api/v1/me/cases";
    private const string Audit = "/api/v1/audit";
    private static readonly string[] Applicant = ["applicant"];

    private readonly byte[] _sharedKey = RandomNumberGenerator.GetBytes(32);
    private readonly ECDsa _ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly RSA _attackerRsa = RSA.Create(2048);
    private int _attackerRequests;
    private OidcTestServer _provider = null!;
    private LoopbackServer _attacker = null!;
    private TestDatabase _database = null!;
    private ApiFactory _service = null!;

    private string AttackerJwks => _attacker.Root + "jwks";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _provider = await OidcTestServer.StartAsync();
        _attacker = LoopbackServer.Start(async context =>
        {
            Interlocked.Increment(ref _attackerRequests);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new { keys = new[] { AttackerJwk() } }));
        });
        _database = await TestDatabase.CreateAsync(kind);
        _service = new ApiFactory(_database, s =>
        {
            s["Auth:SigningKey"] = Convert.ToBase64String(_sharedKey);
            s["Auth:PublicKeyPem"] = _ec.ExportSubjectPublicKeyInfoPem();
            s["Auth:Authority"] = _provider.Authority;
            // Debug everywhere, so that the log test sees all the service would ever write about a token.
            s["Logging:LogLevel:Default"] = "Debug";
            s["Logging:LogLevel:Microsoft"] = "Debug";
            s["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug";
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

        if (_attacker is not null)
        {
            await _attacker.DisposeAsync();
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }

        _ec.Dispose();
        _attackerRsa.Dispose();
    }

    /// <summary>The control: hand-built tokens under each trusted key get in.</summary>
    [TestCase("HS256")]
    [TestCase("RS256")]
    [TestCase("ES256")]
    public async Task GetMyCases_HandBuiltWithoutCrit_Returns200(string alg)
    {
        var response = await GetAsync(MyCases, Sign(alg, []));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    /// <summary>RFC 7515 §4.1.11: a critical extension the recipient does not understand makes the JWS invalid.</summary>
    [TestCase("HS256")]
    [TestCase("RS256")]
    [TestCase("ES256")]
    public async Task GetMyCases_CritNamesAnExtensionNotUnderstood_Returns401(string alg)
    {
        var token = Sign(alg, new() { ["crit"] = new[] { "x-must-understand" }, ["x-must-understand"] = true });
        await Problems.AssertProblemAsync(await GetAsync(MyCases, token), HttpStatusCode.Unauthorized);
    }

    /// <summary>RFC 7515 §4.1.11 forbids an empty crit list.</summary>
    [TestCase("HS256")]
    [TestCase("RS256")]
    [TestCase("ES256")]
    public async Task GetMyCases_EmptyCrit_Returns401(string alg)
    {
        var token = Sign(alg, new() { ["crit"] = Array.Empty<string>() });
        await Problems.AssertProblemAsync(await GetAsync(MyCases, token), HttpStatusCode.Unauthorized);
    }

    /// <summary>
    /// RFC 7797 <c>b64:false</c> (unencoded payload) changes what the signature covers. Signed here over the encoded
    /// payload, as a recipient ignoring <c>b64</c> verifies it: only the crit rule can refuse it.
    /// </summary>
    [TestCase("HS256")]
    [TestCase("RS256")]
    [TestCase("ES256")]
    public async Task GetMyCases_CritB64False_Returns401(string alg)
    {
        var token = Sign(alg, new() { ["crit"] = new[] { "b64" }, ["b64"] = false });
        await Problems.AssertProblemAsync(await GetAsync(MyCases, token), HttpStatusCode.Unauthorized);
    }

    /// <summary>
    /// Key confusion: HS256 with a trusted public key's bytes (PEM text or DER) as the HMAC secret, with the
    /// <c>kid</c> of that key where it has one. A validator that made an HMAC key of public key material accepts these.
    /// </summary>
    [TestCase("pem-key", "pem")]
    [TestCase("pem-key", "der")]
    [TestCase("jwks-key", "pem")]
    [TestCase("jwks-key", "der")]
    public async Task GetMyCases_Hs256KeyedWithATrustedPublicKey_Returns401(string key, string encoding)
    {
        AsymmetricAlgorithm publicKey = key == "pem-key" ? _ec : _provider.Key.Rsa;
        var secret = encoding == "pem"
            ? Encoding.ASCII.GetBytes(publicKey.ExportSubjectPublicKeyInfoPem())
            : publicKey.ExportSubjectPublicKeyInfo();
        var header = new Dictionary<string, object> { ["alg"] = "HS256", ["typ"] = "JWT" };
        if (key == "jwks-key")
        {
            header["kid"] = _provider.Key.KeyId;
        }

        var token = Jwt.Raw(JsonSerializer.Serialize(header), Payload(Applicant), data => HMACSHA256.HashData(secret, data));
        await Problems.AssertProblemAsync(await GetAsync(MyCases, token), HttpStatusCode.Unauthorized);
    }

    /// <summary>
    /// An unknown <c>kid</c>, signed by the attacker's key and pointing at it twice: embedded (<c>jwk</c>) and by URL
    /// (<c>jku</c>, a live JWKS). Neither is used, and unknown kids do not make the service refetch the authority's
    /// JWKS on every token.
    /// </summary>
    [Test]
    public async Task GetMyCases_UnknownKidWithAttackerJwkAndJku_Returns401AndFetchesNeither()
    {
        var jwksBefore = _provider.JwksRequests;
        for (var i = 0; i < 5; i++)
        {
            var header = new Dictionary<string, object>
            {
                ["alg"] = "RS256",
                ["typ"] = "JWT",
                ["kid"] = AttackerJwk()["kid"],
                ["jwk"] = AttackerJwk(),
                ["jku"] = AttackerJwks,
            };
            var token = Jwt.Raw(JsonSerializer.Serialize(header), Payload(Applicant), data => _attackerRsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
            await Problems.AssertProblemAsync(await GetAsync(MyCases, token), HttpStatusCode.Unauthorized);
        }

        Assert.That(Volatile.Read(ref _attackerRequests), Is.Zero, "the token's jku was fetched");
        Assert.That(_provider.JwksRequests - jwksBefore, Is.LessThanOrEqualTo(1), "the authority's JWKS was refetched for unknown kids");
    }

    /// <summary>The authority's discovery document names its own issuer; only <c>Auth__Issuer</c> is accepted.</summary>
    [Test]
    public async Task GetMyCases_JwksKeyWithTheDiscoveryIssuer_Returns401()
    {
        var token = Jwt.Raw(
            JsonSerializer.Serialize(new { alg = "RS256", typ = "JWT", kid = _provider.Key.KeyId }),
            Jwt.Payload(_provider.Authority, TestKeys.Audience, User(), "applicant"),
            Signer("RS256"));
        await Problems.AssertProblemAsync(await GetAsync(MyCases, token), HttpStatusCode.Unauthorized);
    }

    /// <summary>Tokens are read up to 16 KiB; a larger one, however well signed, is refused unread.</summary>
    [TestCase(15 * 1024, HttpStatusCode.OK)]
    [TestCase(17 * 1024, HttpStatusCode.Unauthorized)]
    public async Task GetMyCases_TokenSize_LimitIs16KiB(int size, HttpStatusCode expected)
    {
        var payload = JsonSerializer.Deserialize<Dictionary<string, object>>(Payload(Applicant))!;
        payload["padding"] = string.Empty;
        var unpadded = SignPayload("HS256", JsonSerializer.Serialize(payload)).Length;
        payload["padding"] = new string('p', (size - unpadded) * 3 / 4);
        var token = SignPayload("HS256", JsonSerializer.Serialize(payload));
        Assert.That(token, Has.Length.InRange(size - 8, size));

        var response = await GetAsync(MyCases, token);
        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
    }

    /// <summary>A single string is one role: identity providers often write a one-element array that way.</summary>
    [TestCase(MyCases, "applicant")]
    [TestCase(Audit, "auditor")]
    public async Task Get_RolesAsOneString_IsThatRole(string path, string role)
    {
        var response = await GetAsync(path, SignPayload("HS256", Payload(role)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    /// <summary>A space-separated string is not split: it is one role no route knows, so the caller has none (403).</summary>
    [TestCase(MyCases)]
    [TestCase(Audit)]
    public async Task Get_RolesAsSpaceSeparatedString_IsNotSplit(string path)
    {
        var token = SignPayload("HS256", Payload("applicant auditor"));
        await Problems.AssertProblemAsync(await GetAsync(path, token), HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task RejectedTokens_LeaveNoTokenContentInTheLogs()
    {
        var marker = "leak" + Guid.NewGuid().ToString("N");
        var payload = Jwt.Payload(TestKeys.Issuer, TestKeys.Audience, marker, "applicant");
        var tokens = new[]
        {
            Jwt.Raw("""{"alg":"HS256","typ":"JWT","crit":["x-must-understand"]}""", payload, Signer("HS256")),
            Jwt.Raw("""{"alg":"HS256","typ":"JWT"}""", payload, data => HMACSHA256.HashData(RandomNumberGenerator.GetBytes(32), data)),
            Jwt.Raw("""{"alg":"none","typ":"JWT"}""", payload, sign: null),
            Jwt.Raw("""{"alg":"HS256","typ":"JWT"}""", Jwt.Payload("https://elsewhere.test", TestKeys.Audience, marker, "applicant"), Signer("HS256")),
            Jwt.Raw("""{"alg":"HS256","typ":"JWT"}""", Jwt.Payload(TestKeys.Issuer, "another-service", marker, "applicant"), Signer("HS256")),
        };
        foreach (var token in tokens)
        {
            await Problems.AssertProblemAsync(await GetAsync(MyCases, token), HttpStatusCode.Unauthorized);
        }

        var lines = _service.Logs.Lines.ToList();
        Assert.That(lines, Has.Some.Contains("was not authenticated"), "the rejections were logged at all");
        var secrets = tokens.SelectMany(t => t.Split('.')).Where(part => part.Length > 0).Append(marker).Append("elsewhere.test").Append("another-service");
        foreach (var secret in secrets.Distinct())
        {
            Assert.That(lines.Where(l => l.Contains(secret, StringComparison.Ordinal)).Take(3), Is.Empty, $"'{secret}' appears in the logs");
        }
    }

    /// <summary>A hand-built token under the trusted key for <paramref name="alg"/>, with <paramref name="extraHeader"/> added to its header.</summary>
    private string Sign(string alg, Dictionary<string, object> extraHeader)
    {
        var header = new Dictionary<string, object> { ["alg"] = alg, ["typ"] = "JWT" };
        if (alg == "RS256")
        {
            header["kid"] = _provider.Key.KeyId;
        }

        foreach (var (name, value) in extraHeader)
        {
            header[name] = value;
        }

        return Jwt.Raw(JsonSerializer.Serialize(header), Payload(Applicant), Signer(alg));
    }

    private string SignPayload(string alg, string payload) => Jwt.Raw(JsonSerializer.Serialize(new { alg, typ = "JWT" }), payload, Signer(alg));

    private Func<byte[], byte[]> Signer(string alg) => alg switch
    {
        "HS256" => data => HMACSHA256.HashData(_sharedKey, data),
        "RS256" => data => _provider.Key.Rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        "ES256" => data => _ec.SignData(data, HashAlgorithmName.SHA256),
        _ => throw new ArgumentOutOfRangeException(nameof(alg), alg, "not a trusted algorithm"),
    };

    /// <summary>An ordinary payload for the configured issuer and audience, with <c>roles</c> as given (a string or an array).</summary>
    private static string Payload(object roles) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["iss"] = TestKeys.Issuer,
        ["aud"] = TestKeys.Audience,
        ["sub"] = User(),
        ["roles"] = roles,
        ["iat"] = Jwt.Now.AddMinutes(-1).ToUnixTimeSeconds(),
        ["nbf"] = Jwt.Now.AddMinutes(-1).ToUnixTimeSeconds(),
        ["exp"] = Jwt.Now.AddMinutes(30).ToUnixTimeSeconds(),
    });

    private Dictionary<string, string> AttackerJwk()
    {
        var parameters = _attackerRsa.ExportParameters(includePrivateParameters: false);
        return new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["alg"] = "RS256",
            ["kid"] = "attacker-1",
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }

    private static string User() => $"alice-{Guid.NewGuid():N}";

    private async Task<HttpResponseMessage> GetAsync(string path, string token)
    {
        using var client = _service.WithToken(token);
        return await client.GetAsync(path);
    }
}
