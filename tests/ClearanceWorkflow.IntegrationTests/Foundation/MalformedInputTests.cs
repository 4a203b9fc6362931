using System.Net;
using System.Text;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

/// <summary>
/// Bodies of the wrong shape through the questionnaire and the action endpoint: each is a 400 with an
/// <c>errors</c> map and changes nothing. Never 500.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class MalformedInputTests(DatabaseKind kind) : IntegrationTest(kind)
{
    public static IEnumerable<TestCaseData> MalformedQuestionnaires()
    {
        yield return new TestCaseData("""{"residences":"12 Acacia Avenue"}""").SetArgDisplayNames("section as string");
        yield return new TestCaseData("""{"residences":{"from":"2020-01-01"}}""").SetArgDisplayNames("section as object");
        yield return new TestCaseData("""{"residences":[{"from":"not-a-date","to":null,"address":"x","country":"GB"}]}""").SetArgDisplayNames("date not a date");
        yield return new TestCaseData("""{"residences":[{"from":20200101,"to":null,"address":"x","country":"GB"}]}""").SetArgDisplayNames("date as number");
        yield return new TestCaseData("""{"residences":[{"from":"2020-01-01","to":null,"address":42,"country":"GB"}]}""").SetArgDisplayNames("address as number");
        yield return new TestCaseData("""{"financial":[]}""").SetArgDisplayNames("financial as array");
        yield return new TestCaseData("""{"financial":{"bankruptcy":"no","delinquentDebt":false}}""").SetArgDisplayNames("boolean as string");
        yield return new TestCaseData("""{"drugUse":true}""").SetArgDisplayNames("drugUse as boolean");
        yield return new TestCaseData("""{"residences":[null]}""").SetArgDisplayNames("null entry");
        yield return new TestCaseData("""{"employment":[null],"references":[null],"foreignTravel":[null]}""").SetArgDisplayNames("null entries");
        yield return new TestCaseData("""[]""").SetArgDisplayNames("array instead of object");
        yield return new TestCaseData("""{"residences":[""").SetArgDisplayNames("truncated JSON");
        yield return new TestCaseData(string.Empty).SetArgDisplayNames("empty body");
        yield return new TestCaseData("null").SetArgDisplayNames("null");
    }

    [TestCaseSource(nameof(MalformedQuestionnaires))]
    public async Task PutQuestionnaire_WrongShape_Returns400WithErrors(string body)
    {
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        var driver = new CaseDriver(Factory);
        var id = (await driver.ApplyAsync(applicant)).GetProperty("id").GetGuid();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        await Problems.AssertValidationProblemAsync(await applicant.PutAsync($"/api/v1/applications/{id}/questionnaire", content));

        var submit = await driver.ActAsync(applicant, id, "submit", new { attestation = true });
        await Problems.AssertValidationProblemAsync(submit);
    }

    public static IEnumerable<TestCaseData> MalformedActionBodies()
    {
        yield return new TestCaseData("submit", """{"attestation":"yes"}""").SetArgDisplayNames("submit, attestation as string");
        yield return new TestCaseData("submit", """{"attestation":1}""").SetArgDisplayNames("submit, attestation as number");
        yield return new TestCaseData("submit", """[true]""").SetArgDisplayNames("submit, array");
        yield return new TestCaseData("submit", "\"attest\"").SetArgDisplayNames("submit, string");
        yield return new TestCaseData("withdraw", """{"reason":5}""").SetArgDisplayNames("withdraw, reason as number");
        yield return new TestCaseData("withdraw", """{"reason":{"text":"x"}}""").SetArgDisplayNames("withdraw, reason as object");
    }

    [TestCaseSource(nameof(MalformedActionBodies))]
    public async Task PostAction_WrongShapeInApplication_Returns400AndCaseUnchanged(string action, string body)
    {
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        var driver = new CaseDriver(Factory);
        var id = (await driver.ApplyAsync(applicant)).GetProperty("id").GetGuid();
        await driver.FillQuestionnaireAsync(applicant, id);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        await Problems.AssertValidationProblemAsync(await applicant.PostAsync($"/api/v1/cases/{id}/actions/{action}", content));

        var after = await driver.GetCaseAsync(applicant, id);
        Assert.That(after.GetProperty("stage").GetString(), Is.EqualTo("application"));
        Assert.That(after.GetProperty("status").GetString(), Is.EqualTo("InProgress"));
    }

    [TestCase("""{"level":"Ultra","rationale":"All clear."}""")]
    [TestCase("""{"level":3,"rationale":"All clear."}""")]
    [TestCase("""{"level":"Secret","rationale":"All clear.","exception":{"type":"Amnesty","details":"x"}}""")]
    [TestCase("""{"level":"Secret","rationale":["All clear."]}""")]
    public async Task PostGrant_WrongShapeInDecision_Returns400AndCaseStaysInDecision(string body)
    {
        using var adjudicator = Factory.ClientFor(NewUser("bob"), "adjudicator");
        var id = await CaseInDecisionAsync(adjudicator);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        await Problems.AssertValidationProblemAsync(await adjudicator.PostAsync($"/api/v1/cases/{id}/actions/grant", content));

        var after = await new CaseDriver(Factory).GetCaseAsync(adjudicator, id);
        Assert.That(after.GetProperty("stage").GetString(), Is.EqualTo("decision"));
        Assert.That(after.GetProperty("status").GetString(), Is.EqualTo("InProgress"));
    }

    [Test]
    public async Task PostGrant_UnknownLevel_ErrorNamesLevel()
    {
        using var adjudicator = Factory.ClientFor(NewUser("bob"), "adjudicator");
        var id = await CaseInDecisionAsync(adjudicator);
        using var content = new StringContent("""{"level":"Ultra","rationale":"All clear."}""", Encoding.UTF8, "application/json");
        var problem = await Problems.AssertValidationProblemAsync(await adjudicator.PostAsync($"/api/v1/cases/{id}/actions/grant", content));
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Does.Contain("level"));

        var granted = await new CaseDriver(Factory).ActAsync(adjudicator, id, "grant", new { level = "Secret", rationale = "All clear." });
        Assert.That(granted.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the same case takes a well-formed grant: " + await granted.Content.ReadAsStringAsync());
    }

    /// <summary>A Secret case, checks clear, claimed and referred to decision by <paramref name="adjudicator"/>.</summary>
    private async Task<Guid> CaseInDecisionAsync(HttpClient adjudicator)
    {
        var driver = new CaseDriver(Factory);
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        using var investigator = Factory.ClientFor(NewUser("ivan"), "investigator");
        var id = await driver.CaseInReviewAsync(applicant, investigator, adjudicator);
        await driver.ActOkAsync(adjudicator, id, "refer-to-decision");
        return id;
    }

    /// <summary>The routes as the contract writes them, every parameter empty: an empty value is no value, not a 400.</summary>
    [TestCase("/api/v1/reports/timeliness?from=&to=&level=", "auditor")]
    [TestCase("/api/v1/clearances?status=&dueBefore=&page=&pageSize=", "security-officer")]
    [TestCase("/api/v1/audit?caseId=&from=&to=&page=", "auditor")]
    [TestCase("/api/v1/adjudication/queue?stage=&assignedTo=", "adjudicator")]
    public async Task Get_EveryQueryParameterEmpty_IsAsIfAbsent(string route, string role)
    {
        using var caller = Factory.ClientFor(NewUser("emma"), role);
        var bare = await caller.GetAsync(route[..route.IndexOf('?', StringComparison.Ordinal)]);
        var empty = await caller.GetAsync(route);

        Assert.That((empty.StatusCode, bare.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)), await empty.Content.ReadAsStringAsync());
        var lenient = await caller.GetAsync(route.Replace("page=&", "page=&page=1&", StringComparison.Ordinal).Replace("stage=&", "stage=&stage=review&", StringComparison.Ordinal));
        Assert.That(lenient.StatusCode, Is.EqualTo(HttpStatusCode.OK), "an empty value beside a real one: the real one counts");
    }

    [TestCase("/api/v1/audit?from=2026-05-06T13:00:00Z&to=2026-05-06T15:00:00.25%2B02:00", "auditor")]
    [TestCase("/api/v1/audit?from=2026-05-06T13:00Z", "auditor")]
    [TestCase("/api/v1/audit?from=2026-05-06T13:00:00.123456789Z", "auditor")]
    [TestCase("/api/v1/reports/timeliness?from=2026-01-01&to=2026-02-01", "auditor")]
    [TestCase("/api/v1/clearances?dueBefore=2026-06-05", "security-officer")]
    public async Task Request_DatesAndTimesAsTheContractWritesThem_200(string route, string role)
    {
        using var caller = Factory.ClientFor(NewUser("emma"), role);
        using var response = await caller.GetAsync(route);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    /// <summary>A value the binder cannot read is a 400 naming the parameter and what it takes, not the framework's words.</summary>
    [TestCase("GET", "/api/v1/audit?caseId=bad", "auditor", "caseId", "not a valid id (a GUID)")]
    [TestCase("GET", "/api/v1/audit?from=bad", "auditor", "from", "not a valid date and time (ISO 8601)")]
    [TestCase("GET", "/api/v1/audit?page=two", "auditor", "page", "not a valid whole number")]
    [TestCase("GET", "/api/v1/clearances?dueBefore=notadate", "security-officer", "dueBefore", "not a valid date (yyyy-MM-dd)")]
    [TestCase("GET", "/api/v1/workflows/clearance/diagram?version=abc", "admin", "version", "not a valid whole number")]
    [TestCase("GET", "/api/v1/clearances?dueBefore=5/6/2026", "security-officer", "dueBefore", "not a valid date (yyyy-MM-dd)")]
    [TestCase("GET", "/api/v1/reports/timeliness?from=Jan%205", "auditor", "from", "not a valid date (yyyy-MM-dd)")]
    [TestCase("GET", "/api/v1/reports/timeliness?from=1&from=2", "auditor", "from", "not a valid date (yyyy-MM-dd)")]
    [TestCase("GET", "/api/v1/audit?from=2026-05-06T13:00:00", "auditor", "from", "not a valid date and time (ISO 8601)")]
    [TestCase("GET", "/api/v1/audit?to=1&to=2", "auditor", "to", "not a valid date and time (ISO 8601)")]
    [TestCase("POST", "/api/v1/audit/verify", "auditor", "body", "a JSON body is required")]
    [TestCase("POST", "/api/v1/partners", "admin", "body", "a JSON body is required")]
    public async Task Request_UnreadableParameterOrNoBody_400NamesTheParameterInPlainWords(string method, string route, string role, string field, string message)
    {
        using var caller = Factory.ClientFor(NewUser("emma"), role);
        using var request = new HttpRequestMessage(new HttpMethod(method), route);
        if (method == "POST")
        {
            request.Content = new StringContent(string.Empty, System.Text.Encoding.UTF8, "application/json");
        }

        var problem = await CaseDriver.ExpectProblem(await caller.SendAsync(request), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { field }), problem.GetRawText());
        Assert.That(errors.GetProperty(field)[0].GetString(), Is.EqualTo(message));
        Assert.That(problem.GetRawText(), Does.Not.Contain("Nullable").And.Not.Contain("Implicit body").And.Not.Contain("Failed to bind"));
    }
}
