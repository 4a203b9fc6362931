using System.Net;
using System.Text;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

/// <summary>
/// Bad input is answered with RFC 9457 problem details: 400 with an <c>errors</c> map, 404, 413. Never 500.
/// The service here accepts request bodies of at most <see cref="MaxBody"/> bytes.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class ProblemDetailsTests(DatabaseKind kind) : IntegrationTest(kind)
{
    private const int MaxBody = 4096;

    private const string ValidSubject = """{"givenName":"Jane","familyName":"Doe","dateOfBirth":"1988-02-14","citizenship":"GB","nationalId":"AB-123456","email":"jane.doe@example.org"}""";

    public static IEnumerable<TestCaseData> MalformedApplications()
    {
        yield return new TestCaseData("""{"requestedLevel":"Secret","sponsor":"M""").SetArgDisplayNames("truncated JSON");
        yield return new TestCaseData("""{requestedLevel: Secret}""").SetArgDisplayNames("not JSON");
        yield return new TestCaseData("""{"requestedLevel":"Secret",}""").SetArgDisplayNames("trailing comma");
        yield return new TestCaseData($$"""{"requestedLevel":"Ultra","sponsor":"Ministry","subject":{{ValidSubject}}}""").SetArgDisplayNames("unknown enum");
        yield return new TestCaseData($$"""{"requestedLevel":5,"sponsor":"Ministry","subject":{{ValidSubject}}}""").SetArgDisplayNames("enum as number");
        yield return new TestCaseData("""{"requestedLevel":"Secret","sponsor":"Ministry","subject":"x"}""").SetArgDisplayNames("subject as string");
        yield return new TestCaseData($$"""{"requestedLevel":"Secret","sponsor":7,"subject":{{ValidSubject}}}""").SetArgDisplayNames("sponsor as number");
        yield return new TestCaseData("""{"requestedLevel":"Secret","sponsor":"Ministry","subject":{"givenName":"Jane","familyName":"Doe","dateOfBirth":"14/02/1988","citizenship":"GB","nationalId":"AB-1","email":"j@example.org"}}""").SetArgDisplayNames("date in wrong format");
        yield return new TestCaseData("""{"requestedLevel":"Secret","sponsor":"Ministry","subject":{"givenName":"Jane","familyName":"Doe","dateOfBirth":"1988-02-30","citizenship":"GB","nationalId":"AB-1","email":"j@example.org"}}""").SetArgDisplayNames("impossible date");
        yield return new TestCaseData("""{"requestedLevel":"Secret","sponsor":"Ministry","subject":{"givenName":"Jane","familyName":"Doe\uFFFE","dateOfBirth":"1988-02-14","citizenship":"GB","nationalId":"AB-1","email":"j@example.org"}}""").SetArgDisplayNames("noncharacter in a name");
        yield return new TestCaseData("""{"requestedLevel":"Secret","sponsor":"Ministry","subject":{"givenName":"Jane\uDC00","familyName":"Doe","dateOfBirth":"1988-02-14","citizenship":"GB","nationalId":"AB-1","email":"j@example.org"}}""").SetArgDisplayNames("unpaired surrogate in a name");
        yield return new TestCaseData("""{"requestedLevel":"Secret","sponsor":"Ministry","subject":{"givenName":"Jane","familyName":"Doe","dateOfBirth":"1988-02-14","citizenship":"GB","nationalId":"AB-1\n","email":"j@example.org"}}""").SetArgDisplayNames("national id with a final newline");
        yield return new TestCaseData("""{"requestedLevel":"Secret","sponsor":"Ministry","subject":{"givenName":"Jane","familyName":"Doe","dateOfBirth":"1988-02-14","citizenship":"GB","nationalId":"---","email":"j@example.org"}}""").SetArgDisplayNames("national id of hyphens only");
        yield return new TestCaseData("""[{"requestedLevel":"Secret"}]""").SetArgDisplayNames("array instead of object");
        yield return new TestCaseData(string.Empty).SetArgDisplayNames("empty body");
        yield return new TestCaseData("null").SetArgDisplayNames("null");
        yield return new TestCaseData("\"Secret\"").SetArgDisplayNames("string");
        yield return new TestCaseData("{}").SetArgDisplayNames("empty object");
        yield return new TestCaseData(new string('[', 100) + new string(']', 100)).SetArgDisplayNames("nested too deep");
    }

    [TestCaseSource(nameof(MalformedApplications))]
    public async Task PostApplication_MalformedBody_Returns400WithErrors(string body)
    {
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        await Problems.AssertValidationProblemAsync(await applicant.PostAsync("/api/v1/applications", content));
    }

    [Test]
    public async Task PostApplication_UnknownEnum_ErrorNamesTheProperty()
    {
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        using var content = new StringContent($$"""{"requestedLevel":"Ultra","sponsor":"Ministry","subject":{{ValidSubject}}}""", Encoding.UTF8, "application/json");
        var problem = await Problems.AssertValidationProblemAsync(await applicant.PostAsync("/api/v1/applications", content));
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Does.Contain("requestedLevel"));
    }

    [Test]
    public async Task PostApplication_BodyOverTheLimit_Returns413Problem()
    {
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        var body = $$"""{"requestedLevel":"Secret","sponsor":"{{new string('a', MaxBody * 2)}}","subject":{{ValidSubject}}}""";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        await Problems.AssertProblemAsync(await applicant.PostAsync("/api/v1/applications", content), HttpStatusCode.RequestEntityTooLarge);
    }

    [Test]
    public async Task PostAction_BodyOverTheLimit_Returns413Problem()
    {
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        var id = (await new CaseDriver(Factory).ApplyAsync(applicant)).GetProperty("id").GetGuid();
        using var content = new StringContent($$"""{"reason":"{{new string('a', MaxBody * 2)}}"}""", Encoding.UTF8, "application/json");
        await Problems.AssertProblemAsync(await applicant.PostAsync($"/api/v1/cases/{id}/actions/withdraw", content), HttpStatusCode.RequestEntityTooLarge);
        var unchanged = await new CaseDriver(Factory).GetCaseAsync(applicant, id);
        Assert.That(unchanged.GetProperty("stage").GetString(), Is.EqualTo("application"), "the refused request changed nothing");
    }

    [Test]
    public async Task PostApplication_BodyUnderTheLimit_Returns201()
    {
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        var created = await new CaseDriver(Factory).ApplyAsync(applicant);
        Assert.That(created.GetProperty("stage").GetString(), Is.EqualTo("application"));
    }

    [TestCase("/api/v1/no-such-route")]
    [TestCase("/api/v2/me/cases")]
    [TestCase("/api/v1/me/cases/extra")]
    public async Task Get_UnknownRoute_Returns404Problem(string path)
    {
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        await Problems.AssertProblemAsync(await applicant.GetAsync(path), HttpStatusCode.NotFound);
    }

    [TestCase("not-a-guid")]
    [TestCase("123")]
    [TestCase("00000000-0000-0000-0000-00000000000G")]
    public async Task GetCase_NonGuidId_Returns404Problem(string id)
    {
        using var adjudicator = Factory.ClientFor(NewUser("bob"), "adjudicator");
        await Problems.AssertProblemAsync(await adjudicator.GetAsync($"/api/v1/cases/{id}"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task GetCase_UnknownGuid_Returns404Problem()
    {
        using var adjudicator = Factory.ClientFor(NewUser("bob"), "adjudicator");
        await Problems.AssertProblemAsync(await adjudicator.GetAsync($"/api/v1/cases/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [TestCase("page=abc")]
    [TestCase("pageSize=many")]
    [TestCase("page=99999999999999999999")]
    [TestCase("page=1.5")]
    public async Task GetQueue_QueryParameterOfWrongType_Returns400Problem(string query)
    {
        using var adjudicator = Factory.ClientFor(NewUser("bob"), "adjudicator");
        await Problems.AssertValidationProblemAsync(await adjudicator.GetAsync($"/api/v1/adjudication/queue?{query}"));
    }

    [TestCase("caseId=not-a-guid")]
    [TestCase("from=yesterday")]
    [TestCase("page=abc")]
    public async Task GetAudit_QueryParameterOfWrongType_Returns400Problem(string query)
    {
        using var auditor = Factory.ClientFor(NewUser("carol"), "auditor");
        await Problems.AssertValidationProblemAsync(await auditor.GetAsync($"/api/v1/audit?{query}"));
    }

    [TestCase("x")]
    [TestCase("withdraw")]
    [TestCase("submit")]
    public async Task PostAction_MalformedJson_Returns400WithErrors(string action)
    {
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        var id = (await new CaseDriver(Factory).ApplyAsync(applicant)).GetProperty("id").GetGuid();
        using var content = new StringContent("""{"reason": "changed my mind""", Encoding.UTF8, "application/json");
        await Problems.AssertValidationProblemAsync(await applicant.PostAsync($"/api/v1/cases/{id}/actions/{action}", content));
    }

    [Test]
    public async Task PostAction_NestedTooDeep_Returns400WithErrors()
    {
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        var id = (await new CaseDriver(Factory).ApplyAsync(applicant)).GetProperty("id").GetGuid();
        using var content = new StringContent(new string('[', 100) + new string(']', 100), Encoding.UTF8, "application/json");
        await Problems.AssertValidationProblemAsync(await applicant.PostAsync($"/api/v1/cases/{id}/actions/withdraw", content));
    }

    protected override ApiFactory CreateFactory(TestDatabase database) =>
        new(database, s => s["Limits:MaxRequestBodyBytes"] = MaxBody.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
