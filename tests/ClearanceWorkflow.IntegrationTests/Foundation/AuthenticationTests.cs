using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using ClearanceWorkflow.Api.Workspace;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.IdentityModel.Tokens;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

/// <summary>
/// Bearer tokens really signed (HS256 with the factory's shared key) and really wrong: every rule of the
/// contract's Authentication section, against a protected endpoint (GET /api/v1/me/cases, applicant).
/// The shared key is 64 bytes: long enough for HS384 and HS512 signatures to verify, so that only the
/// algorithm allow-list can refuse them.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class AuthenticationTests(DatabaseKind kind) : IntegrationTest(kind)
{
    private const string Path = "/api/v1/me/cases";

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(64);

    private SigningCredentials SharedKey => new(new SymmetricSecurityKey(_key), SecurityAlgorithms.HmacSha256);

    [Test]
    public async Task GetMyCases_ValidToken_Returns200WithList()
    {
        var response = await GetAsync(Token(Jwt.Claims(NewUser("alice"), "applicant")));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(JsonDocument.Parse(body).RootElement.ValueKind, Is.EqualTo(JsonValueKind.Array));
    }

    [Test]
    public async Task Apply_SubjectLongerThanTheUserIdColumns_Returns401NotServerError()
    {
        // User ids are stored in 200-character columns: a longer sub used to reach the database and fail there (500 on PostgreSQL).
        using var tooLong = Factory.WithToken(Token(Jwt.Claims(new string('a', 201), "applicant")));
        using var longest = Factory.WithToken(Token(Jwt.Claims(new string('b', 200), "applicant")));
        var application = new { requestedLevel = "Secret", sponsor = "Ministry of Tests", subject = CaseDriver.Subject() };

        var refused = await tooLong.PostAsJsonAsync("/api/v1/applications", application);
        var accepted = await longest.PostAsJsonAsync("/api/v1/applications", application);

        await Problems.AssertProblemAsync(refused, HttpStatusCode.Unauthorized);
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Created), await accepted.Content.ReadAsStringAsync());
    }

    [TestCase("system")]
    [TestCase("ali\u0000ce")]
    [TestCase("bob\u001b[0m")]
    [TestCase("alice ")]
    [TestCase(" alice")]
    [TestCase("alice\u2028")]
    [TestCase("alice\u00a0")]
    public async Task GetMyCases_SubjectReservedOrWithControlCharactersOrOuterWhiteSpace_Returns401(string subject)
    {
        // "system" is the service's own id: it may read every case and is audited as the service. NUL used to reach PostgreSQL (500).
        // SQL Server compares "alice " equal to "alice": an outer space would make another user's id.
        await Problems.AssertProblemAsync(await GetAsync(Token(Jwt.Claims(subject, "applicant"))), HttpStatusCode.Unauthorized);
        Assert.That((await GetAsync(Token(Jwt.Claims(NewUser("systems"), "applicant")))).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the control");
    }

    [TestCase("system", false)]
    [TestCase("ali\u0000ce", false)]
    [TestCase("alice ", false)]
    [TestCase("alice", true)]
    [TestCase("alice smith", true)]
    public void WorkspaceSession_RefusesTheSubjectsTheBearerSchemeRefuses(string subject, bool accepted)
    {
        var signedIn = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", subject), new Claim("roles", "adjudicator")], "oidc"));
        Assert.That(WorkspaceSetup.SessionPrincipal(signedIn, "oidc") is not null, Is.EqualTo(accepted));
    }

    [TestCase("p-\u0000x")]
    [TestCase("-leading-dash")]
    [TestCase("p")]
    [TestCase("nato-fr\n")]
    public async Task Reciprocity_PartnerIdThatIsNoPartnerId_Returns401(string partnerId)
    {
        // A partner_id longer than its column or with NUL used to reach PostgreSQL through the rate limiter (500).
        var query = new { subject = new { nationalId = "AB-123456", familyName = "Doe", dateOfBirth = "1985-03-17" }, purpose = "employment" };
        var claims = Jwt.Claims(NewUser("partner"), "partner");
        claims["partner_id"] = partnerId;
        using var refused = Factory.WithToken(Token(claims));
        await Problems.AssertProblemAsync(await refused.PostAsJsonAsync("/api/v1/reciprocity/queries", query), HttpStatusCode.Unauthorized);

        claims["partner_id"] = new string('p', 250);
        using var tooLong = Factory.WithToken(Token(claims));
        await Problems.AssertProblemAsync(await tooLong.PostAsJsonAsync("/api/v1/reciprocity/queries", query), HttpStatusCode.Unauthorized);

        // Two partners in one token: which one's agreement, limit and audit would apply is not the caller's to leave open.
        claims["partner_id"] = new[] { "no-such-agency", "another-agency" };
        using var two = Factory.WithToken(Token(claims));
        await Problems.AssertProblemAsync(await two.PostAsJsonAsync("/api/v1/reciprocity/queries", query), HttpStatusCode.Unauthorized);

        // The control: a well-formed id gets past authentication, to the agreement check (no agreement: 403).
        claims["partner_id"] = "no-such-agency";
        using var known = Factory.WithToken(Token(claims));
        Assert.That((await known.PostAsJsonAsync("/api/v1/reciprocity/queries", query)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task GetMyCases_ExpiredBeyondSkew_Returns401()
    {
        var token = Token(Jwt.Claims(NewUser("alice"), "applicant"), notBefore: Jwt.Now.AddMinutes(-20), expires: Jwt.Now.AddMinutes(-10));
        await Problems.AssertProblemAsync(await GetAsync(token), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task GetMyCases_ExpiredWithinSkew_Returns200()
    {
        var token = Token(Jwt.Claims(NewUser("alice"), "applicant"), notBefore: Jwt.Now.AddMinutes(-20), expires: Jwt.Now.AddMinutes(-1));
        var response = await GetAsync(token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task GetMyCases_NotYetValidBeyondSkew_Returns401()
    {
        var token = Token(Jwt.Claims(NewUser("alice"), "applicant"), notBefore: Jwt.Now.AddMinutes(10), expires: Jwt.Now.AddMinutes(40));
        await Problems.AssertProblemAsync(await GetAsync(token), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task GetMyCases_NotYetValidWithinSkew_Returns200()
    {
        var token = Token(Jwt.Claims(NewUser("alice"), "applicant"), notBefore: Jwt.Now.AddMinutes(1), expires: Jwt.Now.AddMinutes(30));
        var response = await GetAsync(token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task GetMyCases_WrongIssuer_Returns401()
    {
        var token = Jwt.Sign(SharedKey, "https://someone-else.test", TestKeys.Audience, Jwt.Claims(NewUser("alice"), "applicant"));
        await Problems.AssertProblemAsync(await GetAsync(token), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task GetMyCases_WrongAudience_Returns401()
    {
        var token = Jwt.Sign(SharedKey, TestKeys.Issuer, "another-service", Jwt.Claims(NewUser("alice"), "applicant"));
        await Problems.AssertProblemAsync(await GetAsync(token), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task GetMyCases_SignedWithOtherKey_Returns401()
    {
        var other = new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "hs256" }, SecurityAlgorithms.HmacSha256);
        var token = Jwt.Sign(other, TestKeys.Issuer, TestKeys.Audience, Jwt.Claims(NewUser("alice"), "applicant"));
        await Problems.AssertProblemAsync(await GetAsync(token), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task GetMyCases_PayloadTamperedAfterSigning_Returns401()
    {
        var user = NewUser("alice");
        var parts = Token(Jwt.Claims(user, "auditor")).Split('.');
        var forged = Base64UrlEncoder.Encode(Jwt.Payload(TestKeys.Issuer, TestKeys.Audience, user, "applicant"));
        await Problems.AssertProblemAsync(await GetAsync($"{parts[0]}.{forged}.{parts[2]}"), HttpStatusCode.Unauthorized);
    }

    /// <summary>The control for the hand-crafted tokens below: crafted the same way with the allowed algorithm, it is accepted.</summary>
    [Test]
    public async Task GetMyCases_HandCraftedHs256WithRightKey_Returns200()
    {
        var token = Jwt.Raw("""{"alg":"HS256","typ":"JWT"}""", Jwt.Payload(TestKeys.Issuer, TestKeys.Audience, NewUser("alice"), "applicant"), data => HMACSHA256.HashData(_key, data));
        var response = await GetAsync(token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [TestCase("none")]
    [TestCase("None")]
    [TestCase("NONE")]
    public async Task GetMyCases_AlgNoneUnsigned_Returns401(string alg)
    {
        var token = Jwt.Raw($$"""{"alg":"{{alg}}","typ":"JWT"}""", Jwt.Payload(TestKeys.Issuer, TestKeys.Audience, NewUser("alice"), "applicant"), sign: null);
        await Problems.AssertProblemAsync(await GetAsync(token), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task GetMyCases_AlgNoneWithSignatureOfSharedKey_Returns401()
    {
        var token = Jwt.Raw("""{"alg":"none","typ":"JWT"}""", Jwt.Payload(TestKeys.Issuer, TestKeys.Audience, NewUser("alice"), "applicant"), data => HMACSHA256.HashData(_key, data));
        await Problems.AssertProblemAsync(await GetAsync(token), HttpStatusCode.Unauthorized);
    }

    [TestCase("HS384")]
    [TestCase("HS512")]
    public async Task GetMyCases_UnlistedAlgorithmWithRightKey_Returns401(string alg)
    {
        Func<byte[], byte[]> sign = alg == "HS384"
            ? data => HMACSHA384.HashData(_key, data)
            : data => HMACSHA512.HashData(_key, data);
        var token = Jwt.Raw($$"""{"alg":"{{alg}}","typ":"JWT"}""", Jwt.Payload(TestKeys.Issuer, TestKeys.Audience, NewUser("alice"), "applicant"), sign);
        await Problems.AssertProblemAsync(await GetAsync(token), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task GetMyCases_Hs512SignedByLibraryWithRightKey_Returns401()
    {
        var hs512 = new SigningCredentials(new SymmetricSecurityKey(_key), SecurityAlgorithms.HmacSha512);
        var token = Jwt.Sign(hs512, TestKeys.Issuer, TestKeys.Audience, Jwt.Claims(NewUser("alice"), "applicant"));
        await Problems.AssertProblemAsync(await GetAsync(token), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task GetMyCases_NoExpiry_Returns401()
    {
        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = TestKeys.Issuer,
            ["aud"] = TestKeys.Audience,
            ["sub"] = NewUser("alice"),
            ["roles"] = new[] { "applicant" },
            ["nbf"] = Jwt.Now.AddMinutes(-1).ToUnixTimeSeconds(),
        });
        var token = Jwt.Raw("""{"alg":"HS256","typ":"JWT"}""", payload, data => HMACSHA256.HashData(_key, data));
        await Problems.AssertProblemAsync(await GetAsync(token), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task GetMyCases_NoSubject_Returns401()
    {
        var token = Token(new Dictionary<string, object> { ["roles"] = new[] { "applicant" } });
        await Problems.AssertProblemAsync(await GetAsync(token), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task GetMyCases_NoToken_Returns401ProblemWithBearerChallenge()
    {
        var response = await GetAsync(token: null);
        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Does.Contain("Bearer"));
    }

    [TestCase("Basic YWxpY2U6c2VjcmV0")]
    [TestCase("Bearer")]
    [TestCase("Bearer not-a-jwt")]
    [TestCase("Bearer a.b.c")]
    public async Task GetMyCases_MalformedAuthorization_Returns401(string authorization)
    {
        using var client = Factory.CreateClient();
        await Problems.AssertProblemAsync(await Jwt.GetAsync(client, Path, authorization), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task GetMyCases_ValidTokenWithoutRoles_Returns403Problem()
    {
        var token = Token(new Dictionary<string, object> { ["sub"] = NewUser("alice") });
        await Problems.AssertProblemAsync(await GetAsync(token), HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task GetMyCases_EmptyRoles_Returns403Problem()
    {
        await Problems.AssertProblemAsync(await GetAsync(Token(Jwt.Claims(NewUser("alice")))), HttpStatusCode.Forbidden);
    }

    [TestCase("auditor")]
    [TestCase("adjudicator")]
    [TestCase("wizard")]
    [TestCase("Applicant")]
    public async Task GetMyCases_RoleThatDoesNotFit_Returns403Problem(string role)
    {
        await Problems.AssertProblemAsync(await GetAsync(Token(Jwt.Claims(NewUser("alice"), role))), HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task GetMyCases_PartnerWithoutPartnerId_Returns401()
    {
        await Problems.AssertProblemAsync(await GetAsync(Token(Jwt.Claims(NewUser("partner"), "partner", "applicant"))), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task GetMyCases_PartnerWithPartnerIdAndApplicant_Returns200()
    {
        var claims = Jwt.Claims(NewUser("partner"), "partner", "applicant");
        claims["partner_id"] = "agency-1";
        var response = await GetAsync(Token(claims));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task GetMyCases_RolesAsJsonArrayWithApplicantSecond_Returns200()
    {
        var response = await GetAsync(Token(Jwt.Claims(NewUser("alice"), "auditor", "applicant")));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task GetMyCases_RolesAsRepeatedClaims_Returns200()
    {
        var identity = new ClaimsIdentity([new Claim("sub", NewUser("alice")), new Claim("roles", "auditor"), new Claim("roles", "applicant")]);
        var token = Jwt.Sign(SharedKey, TestKeys.Issuer, TestKeys.Audience, new Dictionary<string, object>(), subject: identity);
        var response = await GetAsync(token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task GetMyCases_RolesAsSingleString_Returns200()
    {
        var response = await GetAsync(Token(new Dictionary<string, object> { ["sub"] = NewUser("alice"), ["roles"] = "applicant" }));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task GetMyCases_TwoUsersEachWithOwnCase_EachSeesOnlyOwn()
    {
        var driver = new CaseDriver(Factory);
        var (alice, bob) = (NewUser("alice"), NewUser("bob"));
        using var aliceClient = Factory.WithToken(Token(Jwt.Claims(alice, "applicant")));
        using var bobClient = Factory.WithToken(Token(Jwt.Claims(bob, "applicant")));
        var aliceCase = (await driver.ApplyAsync(aliceClient)).GetProperty("id").GetGuid();
        var bobCase = (await driver.ApplyAsync(bobClient, subject: CaseDriver.Subject(nationalId: "CD-654321"))).GetProperty("id").GetGuid();

        var aliceCases = await ReadJsonAsync(await aliceClient.GetAsync(Path));
        Assert.That(aliceCases.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()), Is.EqualTo(new[] { aliceCase }));
        Assert.That(aliceCases[0].GetProperty("subjectId").GetString(), Is.EqualTo(alice), "the subject is the token's sub");
        var bobCases = await ReadJsonAsync(await bobClient.GetAsync(Path));
        Assert.That(bobCases.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()), Is.EqualTo(new[] { bobCase }));
    }

    protected override ApiFactory CreateFactory(TestDatabase database) => new(database, s => s["Auth:SigningKey"] = Convert.ToBase64String(_key));

    private string Token(IDictionary<string, object> claims, DateTimeOffset? notBefore = null, DateTimeOffset? expires = null) =>
        Jwt.Sign(SharedKey, TestKeys.Issuer, TestKeys.Audience, claims, notBefore, expires);

    private async Task<HttpResponseMessage> GetAsync(string? token)
    {
        using var client = Factory.CreateClient();
        return await Jwt.GetAsync(client, Path, token is null ? null : "Bearer " + token);
    }
}
