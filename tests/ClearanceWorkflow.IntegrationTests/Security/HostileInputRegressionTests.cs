using System.Net;
using System.Text;
using System.Text.Json;
using ClearanceWorkflow.IntegrationTests.Foundation;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Security;

/// <summary>
/// The inputs the fuzz test found answered with 500, pinned one by one: an undecodable or quoted charset, a page
/// number whose offset overflows (PostgreSQL refuses a negative OFFSET), NUL in values kept or queried as plain
/// text (PostgreSQL text cannot hold it), and a questionnaire period ending on 9999-12-31 followed by another
/// (the gap rules stepped past the last day there is).
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class HostileInputRegressionTests(DatabaseKind kind) : IntegrationTest(kind)
{
    private const string Subject = """{"givenName":"Jane","familyName":"Doe","dateOfBirth":"1988-02-14","citizenship":"GB","nationalId":"AB-123456","email":"jane.doe@example.org"}""";

    [TestCase("application/json; charset=bogus")]
    [TestCase("application/json; charset=utf-7")]
    public async Task PostApplication_UndecodableCharset_Returns415Problem(string contentType)
    {
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        using var response = await applicant.PostAsync("/api/v1/applications", Content(Application("Ministry"), contentType));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("charset"));
    }

    [Test]
    public async Task PostApplication_QuotedUtf8Charset_Returns201()
    {
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        var response = await applicant.PostAsync("/api/v1/applications", Content(Application("Ministry"), "application/json; charset=\"utf-8\""));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    [TestCase("/api/v1/adjudication/queue?page=2147483647&pageSize=200", "adjudicator")]
    [TestCase("/api/v1/audit?page=2147483647", "auditor")]
    public async Task Get_PageBeyondAnyOffset_Returns400NamingPage(string path, string role)
    {
        using var client = Factory.ClientFor(NewUser("staff"), role);
        var problem = await Problems.AssertValidationProblemAsync(await client.GetAsync(path));
        Assert.That(problem.GetProperty("errors").TryGetProperty("page", out _), Is.True, problem.ToString());
    }

    [TestCase("a%00b")]
    [TestCase("bob%20")]
    [TestCase("%20bob")]
    public async Task GetQueue_AssignedToWithNulOrOuterSpace_Returns400(string assignedTo)
    {
        using var adjudicator = Factory.ClientFor(NewUser("bob"), "adjudicator");
        var problem = await Problems.AssertValidationProblemAsync(await adjudicator.GetAsync($"/api/v1/adjudication/queue?assignedTo={assignedTo}"));
        Assert.That(problem.GetProperty("errors").TryGetProperty("assignedTo", out _), Is.True, problem.ToString());
    }

    [TestCase("QQ 12 34 56 C", HttpStatusCode.Created)]
    [TestCase("12.345.678/0001-95", HttpStatusCode.Created)]
    [TestCase("AB_123456", HttpStatusCode.BadRequest)]
    [TestCase("AB<123456>", HttpStatusCode.BadRequest)]
    [TestCase(" - ", HttpStatusCode.BadRequest)]
    public async Task PostApplication_NationalIdAsWrittenOnDocuments_GroupedBySpacesDotsSlashesOrHyphens(string nationalId, HttpStatusCode expected)
    {
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        var body = Application("Ministry").Replace("\"AB-123456\"", JsonSerializer.Serialize(nationalId), StringComparison.Ordinal);

        using var response = await applicant.PostAsync("/api/v1/applications", Content(body));

        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("nationalId").IgnoreCase);
        }
    }

    [Test]
    public async Task PostApplication_SponsorWithNul_Returns400NamingSponsor()
    {
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        var problem = await Problems.AssertValidationProblemAsync(await applicant.PostAsync("/api/v1/applications", Content(Application("Ministry\\u0000of Tests"))));
        Assert.That(problem.GetProperty("errors").TryGetProperty("sponsor", out _), Is.True, problem.ToString());
    }

    [TestCase("givenName")]
    [TestCase("familyName")]
    [TestCase("email")]
    public async Task PostApplication_SubjectFieldWithAControlCharacter_Returns400NamingIt(string field)
    {
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        var subject = field == "email" ? Subject.Replace("jane.doe@", "jane\\u0007doe@", StringComparison.Ordinal) : Subject.Replace(field == "givenName" ? "Jane" : "Doe", "D\\u0000oe", StringComparison.Ordinal);

        var problem = await Problems.AssertValidationProblemAsync(await applicant.PostAsync("/api/v1/applications", Content($$"""{"requestedLevel":"Secret","sponsor":"Ministry of Tests","subject":{{subject}}}""")));

        Assert.That(problem.GetProperty("errors").TryGetProperty($"subject.{field}", out _), Is.True, problem.ToString());
    }

    [TestCase("""{"requestedLevel":"Confidential","requestedLevel":"TopSecret","sponsor":"M","subject":""" + Subject + "}")]
    [TestCase("""{"requestedLevel":"Confidential","RequestedLevel":"TopSecret","sponsor":"M","subject":""" + Subject + "}")]
    public async Task PostApplication_APropertyTwice_Returns400(string body)
    {
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        await Problems.AssertValidationProblemAsync(await applicant.PostAsync("/api/v1/applications", Content(body)));
    }

    [TestCase("Confidential,Secret")]
    [TestCase("Confidential, Secret")]
    [TestCase("Confidential\u002CSecret")]
    public async Task PostApplication_TwoLevelsJoinedByAComma_Returns400_NotTheirCombination(string level)
    {
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        var body = $$"""{"requestedLevel":"{{level}}","sponsor":"M","subject":{{Subject}}}""";
        var problem = await Problems.AssertValidationProblemAsync(await applicant.PostAsync("/api/v1/applications", Content(body)));
        Assert.That(problem.GetProperty("errors").TryGetProperty("requestedLevel", out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task Action_BodyNotJsonOrWithAPropertyTwice_IsRefused_AndChangesNothing()
    {
        var driver = new CaseDriver(Factory);
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        using var investigator = Factory.ClientFor(NewUser("ivan"), "investigator");
        using var adjudicator = Factory.ClientFor(NewUser("adam"), "adjudicator");
        var id = await driver.CaseInReviewAsync(applicant, investigator, adjudicator);
        var path = $"/api/v1/cases/{id}/actions/request-information";

        using var xml = await adjudicator.PostAsync(path, Content("""{"questions":["sent as xml"]}""", "application/xml"));
        using var twice = await adjudicator.PostAsync(path, Content("""{"questions":["a"],"questions":["b"]}"""));

        Assert.That(xml.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType), await xml.Content.ReadAsStringAsync());
        await Problems.AssertValidationProblemAsync(twice);
        Assert.That((await driver.GetCaseAsync(adjudicator, id)).GetProperty("status").GetString(), Is.EqualTo("InProgress"), "no request was made");
    }

    /// <summary>The duplicate-property check unescapes each name; one escaping a lone surrogate has no text, which is the caller's error.</summary>
    [TestCase("""{"\udc00":1}""")]
    [TestCase("""{"questions":["a"],"x":{"\ud800":1}}""")]
    public async Task Action_PropertyNameEscapingALoneSurrogate_Returns400(string body)
    {
        var driver = new CaseDriver(Factory);
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        using var investigator = Factory.ClientFor(NewUser("ivan"), "investigator");
        using var adjudicator = Factory.ClientFor(NewUser("adam"), "adjudicator");
        var id = await driver.CaseInReviewAsync(applicant, investigator, adjudicator);

        var problem = await Problems.AssertValidationProblemAsync(await adjudicator.PostAsync($"/api/v1/cases/{id}/actions/request-information", Content(body)));

        Assert.That(problem.GetProperty("errors").GetProperty("body")[0].GetString(), Does.Contain("UTF-16"), problem.ToString());
        Assert.That((await driver.GetCaseAsync(adjudicator, id)).GetProperty("status").GetString(), Is.EqualTo("InProgress"));
    }

    [Test]
    public async Task Assign_AdjudicatorIdWithNul_Returns400AndKeepsTheAssignee()
    {
        var driver = new CaseDriver(Factory);
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        using var investigator = Factory.ClientFor(NewUser("ivan"), "investigator");
        var adjudicatorId = NewUser("adam");
        using var adjudicator = Factory.ClientFor(adjudicatorId, "adjudicator");
        using var senior = Factory.ClientFor(NewUser("sam"), "senior-adjudicator");
        var id = await driver.CaseInReviewAsync(applicant, investigator, adjudicator);

        var problem = await Problems.AssertValidationProblemAsync(
            await senior.PostAsync($"/api/v1/cases/{id}/actions/assign", Content("""{"adjudicatorId":"bob\u0000"}""")));

        Assert.That(problem.GetProperty("errors").TryGetProperty("adjudicatorId", out _), Is.True, problem.ToString());
        Assert.That((await driver.GetCaseAsync(senior, id)).GetProperty("assignedAdjudicator").GetString(), Is.EqualTo(adjudicatorId));
    }

    [TestCase("residences", """{"residences":[{"from":"2020-01-01","to":"9999-12-31","address":"a","country":"US"},{"from":"2023-01-01","to":"2026-11-01","address":"b","country":"US"}],"employment":[],"education":[],"references":[],"foreignContacts":[],"foreignTravel":[],"financial":{},"criminalRecord":[],"drugUse":{}}""")]
    [TestCase("employment", """{"residences":[],"employment":[{"from":"2020-01-01","to":"9999-12-31","employer":"a","position":"p"},{"from":"2023-01-01","to":"2026-11-01","employer":"b","position":"p"}],"education":[],"references":[],"foreignContacts":[],"foreignTravel":[],"financial":{},"criminalRecord":[],"drugUse":{}}""")]
    public async Task PutQuestionnaire_EndOnTheLastDayThereFollowedByAnotherEntry_Returns400NamingTheEnd(string section, string body)
    {
        var driver = new CaseDriver(Factory);
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        var id = (await driver.ApplyAsync(applicant)).GetProperty("id").GetGuid();

        var problem = await Problems.AssertValidationProblemAsync(await applicant.PutAsync($"/api/v1/applications/{id}/questionnaire", Content(body)));

        Assert.That(problem.GetProperty("errors").TryGetProperty($"{section}[0].to", out _), Is.True, problem.ToString());
    }

    /// <summary>Free text keeps its line breaks and tabs; NUL, an escape sequence or a noncharacter is refused, naming the field.</summary>
    [TestCase("a\\u0000b", "reason")]
    [TestCase("a\\u001b[2Jb", "reason")]
    [TestCase("a\\ufffeb", "reason")]
    public async Task Withdraw_ReasonWithAControlCharacterOrNoncharacter_Returns400_LineBreaksAndTabsAreFine(string reason, string field)
    {
        var driver = new CaseDriver(Factory);
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        var id = (await driver.ApplyAsync(applicant)).GetProperty("id").GetGuid();

        var problem = await Problems.AssertValidationProblemAsync(
            await applicant.PostAsync($"/api/v1/cases/{id}/actions/withdraw", Content($$"""{"reason":"{{reason}}"}""")));
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
        Assert.That((await driver.GetCaseAsync(applicant, id)).GetProperty("stage").GetString(), Is.EqualTo("application"));

        using var withdrawn = await applicant.PostAsync($"/api/v1/cases/{id}/actions/withdraw", Content("""{"reason":"Moving abroad.\r\n\tFor good."}"""));
        Assert.That(withdrawn.StatusCode, Is.EqualTo(HttpStatusCode.OK), await withdrawn.Content.ReadAsStringAsync());
    }

    [TestCase("""{"references":[{"name":"a\u0000b","relationship":"friend","contact":"c"}]}""", "references[0].name")]
    [TestCase("""{"criminalRecord":[{"offense":"x","outcome":"fined\u001b[31m"}]}""", "criminalRecord[0].outcome")]
    [TestCase("""{"foreignTravel":[{"country":"FR","purpose":"a\uffffb"}]}""", "foreignTravel[0].purpose")]
    public async Task PutQuestionnaire_TextWithAControlCharacterOrNoncharacter_Returns400NamingIt(string body, string field)
    {
        var driver = new CaseDriver(Factory);
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        var id = (await driver.ApplyAsync(applicant)).GetProperty("id").GetGuid();

        var problem = await Problems.AssertValidationProblemAsync(await applicant.PutAsync($"/api/v1/applications/{id}/questionnaire", Content(body)));

        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { field }), problem.ToString());
    }

    private static string Application(string sponsor) => $$"""{"requestedLevel":"Secret","sponsor":"{{sponsor}}","subject":{{Subject}}}""";

    private static ByteArrayContent Content(string json, string contentType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }
}
