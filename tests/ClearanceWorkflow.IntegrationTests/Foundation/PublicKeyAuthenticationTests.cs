using System.Net;
using System.Security.Cryptography;
using System.Text;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.IdentityModel.Tokens;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

/// <summary>
/// <c>Auth__PublicKeyPem</c> with an RSA public key: RS256 tokens of that key get in. The service has no
/// shared secret, so nothing else does.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class RsaPublicKeyAuthenticationTests(DatabaseKind kind) : IntegrationTest(kind)
{
    private readonly RSA _rsa = RSA.Create(2048);

    [OneTimeTearDown]
    public void DisposeKey() => _rsa.Dispose();

    [Test]
    public async Task GetMyCases_Rs256SignedByConfiguredKey_Returns200()
    {
        var response = await PublicKeyTokens.GetMyCasesAsync(Factory, PublicKeyTokens.Token(new SigningCredentials(new RsaSecurityKey(_rsa), SecurityAlgorithms.RsaSha256)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task GetMyCases_Rs256SignedByOtherRsaKey_Returns401()
    {
        using var other = RSA.Create(2048);
        var response = await PublicKeyTokens.GetMyCasesAsync(Factory, PublicKeyTokens.Token(new SigningCredentials(new RsaSecurityKey(other), SecurityAlgorithms.RsaSha256)));
        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task GetMyCases_Rs512SignedByConfiguredKey_Returns401()
    {
        var response = await PublicKeyTokens.GetMyCasesAsync(Factory, PublicKeyTokens.Token(new SigningCredentials(new RsaSecurityKey(_rsa), SecurityAlgorithms.RsaSha512)));
        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    /// <summary>Algorithm confusion: an HS256 token whose HMAC secret is the public key the service trusts.</summary>
    [Test]
    public async Task GetMyCases_Hs256KeyedWithThePublicPem_Returns401()
    {
        var pem = Encoding.ASCII.GetBytes(_rsa.ExportSubjectPublicKeyInfoPem());
        var token = Jwt.Raw("""{"alg":"HS256","typ":"JWT"}""", Jwt.Payload(TestKeys.Issuer, TestKeys.Audience, "alice", "applicant"), data => HMACSHA256.HashData(pem, data));
        await Problems.AssertProblemAsync(await PublicKeyTokens.GetMyCasesAsync(Factory, token), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task GetMyCases_Hs256WithTheUnconfiguredSharedKey_Returns401()
    {
        var response = await PublicKeyTokens.GetMyCasesAsync(Factory, Factory.Keys.Token("alice", "applicant"));
        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task GetMyCases_Es256Token_Returns401()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var response = await PublicKeyTokens.GetMyCasesAsync(Factory, PublicKeyTokens.Token(new SigningCredentials(new ECDsaSecurityKey(ec), SecurityAlgorithms.EcdsaSha256)));
        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    protected override ApiFactory CreateFactory(TestDatabase database) => new(database, s =>
    {
        s.Remove("Auth:SigningKey");
        s["Auth:PublicKeyPem"] = _rsa.ExportSubjectPublicKeyInfoPem();
    });
}

/// <summary><c>Auth__PublicKeyPem</c> with an EC P-256 public key: ES256 tokens of that key get in, nothing else.</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class EcPublicKeyAuthenticationTests(DatabaseKind kind) : IntegrationTest(kind)
{
    private readonly ECDsa _ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    [OneTimeTearDown]
    public void DisposeKey() => _ec.Dispose();

    [Test]
    public async Task GetMyCases_Es256SignedByConfiguredKey_Returns200()
    {
        var response = await PublicKeyTokens.GetMyCasesAsync(Factory, PublicKeyTokens.Token(new SigningCredentials(new ECDsaSecurityKey(_ec), SecurityAlgorithms.EcdsaSha256)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task GetMyCases_Es256SignedByOtherEcKey_Returns401()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var response = await PublicKeyTokens.GetMyCasesAsync(Factory, PublicKeyTokens.Token(new SigningCredentials(new ECDsaSecurityKey(other), SecurityAlgorithms.EcdsaSha256)));
        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task GetMyCases_Rs256Token_Returns401()
    {
        using var rsa = RSA.Create(2048);
        var response = await PublicKeyTokens.GetMyCasesAsync(Factory, PublicKeyTokens.Token(new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256)));
        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task GetMyCases_Hs256WithTheUnconfiguredSharedKey_Returns401()
    {
        var response = await PublicKeyTokens.GetMyCasesAsync(Factory, Factory.Keys.Token("alice", "applicant"));
        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    protected override ApiFactory CreateFactory(TestDatabase database) => new(database, s =>
    {
        s.Remove("Auth:SigningKey");
        s["Auth:PublicKeyPem"] = _ec.ExportSubjectPublicKeyInfoPem();
    });
}

internal static class PublicKeyTokens
{
    public static string Token(SigningCredentials credentials) =>
        Jwt.Sign(credentials, TestKeys.Issuer, TestKeys.Audience, Jwt.Claims($"alice-{Guid.NewGuid():N}", "applicant"));

    public static async Task<HttpResponseMessage> GetMyCasesAsync(ApiFactory service, string token)
    {
        using var client = service.WithToken(token);
        return await client.GetAsync("/api/v1/me/cases");
    }
}
