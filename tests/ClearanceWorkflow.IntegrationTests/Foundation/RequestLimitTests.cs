using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

/// <summary>
/// <c>Limits__MaxRequestBodyBytes</c> on a real Kestrel server (the in-memory test server enforces no
/// body limit of its own): a larger body, announced or chunked, is refused with a 413 problem. An empty chunked body
/// (no Content-Length, as a bare <c>curl -X POST</c> sends) is no body.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class RequestLimitTests(DatabaseKind kind)
{
    private const int MaxBody = 4096;

    private const string Subject = """{"givenName":"Jane","familyName":"Doe","dateOfBirth":"1988-02-14","citizenship":"GB","nationalId":"AB-123456","email":"jane.doe@example.org"}""";

    private TestDatabase _database = null!;
    private ApiFactory _service = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _database = await TestDatabase.CreateAsync(kind);
        _service = new ApiFactory(_database, s => s["Limits:MaxRequestBodyBytes"] = MaxBody.ToString(CultureInfo.InvariantCulture));
        _service.UseKestrel(0);
        _service.StartServer();
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
    }

    [Test]
    public async Task PostApplication_SmallBodyOverKestrel_Returns201()
    {
        using var applicant = Applicant();
        Assert.That(applicant.BaseAddress?.Port, Is.Not.EqualTo(80), "the client talks to Kestrel on its own port, not to the in-memory server");
        using var content = new StringContent($$"""{"requestedLevel":"Secret","sponsor":"Ministry","subject":{{Subject}}}""", Encoding.UTF8, "application/json");
        var response = await applicant.PostAsync("/api/v1/applications", content);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task PostApplication_ContentLengthOverTheLimit_Returns413Problem()
    {
        using var applicant = Applicant();
        using var content = new StringContent(OversizedApplication(), Encoding.UTF8, "application/json");
        await Problems.AssertProblemAsync(await applicant.PostAsync("/api/v1/applications", content), HttpStatusCode.RequestEntityTooLarge);
    }

    [Test]
    public async Task PostApplication_ChunkedBodyOverTheLimit_Returns413Problem()
    {
        using var applicant = Applicant();
        await Problems.AssertProblemAsync(await applicant.SendAsync(Chunked(HttpMethod.Post, "/api/v1/applications", OversizedApplication())), HttpStatusCode.RequestEntityTooLarge);
    }

    [Test]
    public async Task PostAction_ChunkedBodyOverTheLimit_Returns413Problem()
    {
        using var applicant = Applicant();
        using var content = new StringContent($$"""{"requestedLevel":"Secret","sponsor":"Ministry","subject":{{Subject}}}""", Encoding.UTF8, "application/json");
        var created = await CaseDriver.Json(await applicant.PostAsync("/api/v1/applications", content));
        var id = created.GetProperty("id").GetGuid();
        var body = $$"""{"reason":"{{new string('a', MaxBody * 2)}}"}""";
        await Problems.AssertProblemAsync(await applicant.SendAsync(Chunked(HttpMethod.Post, $"/api/v1/cases/{id}/actions/withdraw", body)), HttpStatusCode.RequestEntityTooLarge);
    }

    [Test]
    public async Task PostAction_EmptyChunkedBody_IsNoBody()
    {
        var driver = new CaseDriver(_service);
        using var applicant = Applicant();
        using var investigator = _service.ClientFor($"ivan-{Guid.NewGuid():N}", "investigator");
        using var adjudicator = _service.ClientFor($"adam-{Guid.NewGuid():N}", "adjudicator");
        var id = await driver.SubmittedCaseAsync(applicant);
        await driver.CompleteChecksAsync(investigator, id);

        using var response = await adjudicator.SendAsync(Chunked(HttpMethod.Post, $"/api/v1/cases/{id}/actions/claim", string.Empty));

        await CaseDriver.Expect(response, HttpStatusCode.OK);
    }

    private static string OversizedApplication() =>
        $$"""{"requestedLevel":"Secret","sponsor":"{{new string('a', MaxBody * 2)}}","subject":{{Subject}}}""";

    private static HttpRequestMessage Chunked(HttpMethod method, string path, string body)
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        return request;
    }

    private HttpClient Applicant() => _service.ClientFor($"alice-{Guid.NewGuid():N}", "applicant");
}
