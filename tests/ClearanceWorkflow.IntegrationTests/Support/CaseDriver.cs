using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ClearanceWorkflow.IntegrationTests.Support;

/// <summary>Drives a case through the public API the way clients do (of an in-process service, or any other). Every call asserts its status.</summary>
public sealed class CaseDriver(ApiFactory? factory = null)
{
    public static object Subject(string familyName = "Doe", string nationalId = "AB-123456", string email = "jane.doe@example.org", string dateOfBirth = "1988-02-14", string givenName = "Jane") => new
    {
        givenName,
        familyName,
        dateOfBirth,
        citizenship = "GB",
        nationalId,
        email,
    };

    /// <summary>Today in UTC, as the service sees it.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);

    /// <summary>A questionnaire covering <paramref name="years"/> years back from today without gaps.</summary>
    public static object Questionnaire(int years = 8, DateOnly? today = null, string address = "12 Acacia Avenue, Springfield")
    {
        var now = today ?? Today;
        var start = now.AddYears(-years);
        var middle = now.AddYears(-(years / 2));
        return Questionnaire(
            [
                Residence(start, middle, "1 Old Street, Oldtown"),
                Residence(middle.AddDays(1), null, address),
            ],
            [Job(start, null, "Acme Ltd")]);
    }

    public static object Residence(DateOnly from, DateOnly? to, string address = "1 Old Street, Oldtown") =>
        new { from = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to = to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), address, country = "GB" };

    public static object Job(DateOnly from, DateOnly? to, string employer = "Acme Ltd") =>
        new { from = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to = to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), employer, position = "Engineer" };

    /// <summary>A questionnaire with the residences and employment given and every other section filled in.</summary>
    public static object Questionnaire(object[] residences, object[] employment)
    {
        return new
        {
            residences,
            employment,
            education = new object[] { new { institution = "University of Springfield", degree = "BSc", from = (string?)null, to = (string?)null } },
            references = new object[] { new { name = "Ref One", relationship = "colleague", contact = "ref.one@example.org" } },
            foreignContacts = Array.Empty<object>(),
            foreignTravel = Array.Empty<object>(),
            financial = new { bankruptcy = false, delinquentDebt = false, details = (string?)null },
            criminalRecord = Array.Empty<object>(),
            drugUse = new { illegalUseInScope = false, details = (string?)null },
        };
    }

    public async Task<JsonElement> ApplyAsync(HttpClient applicant, string level = "Secret", object? subject = null)
    {
        var response = await applicant.PostAsJsonAsync("/api/v1/applications", new { requestedLevel = level, sponsor = "Ministry of Tests", subject = subject ?? Subject() });
        await Expect(response, HttpStatusCode.Created);
        return await Json(response);
    }

    public async Task<JsonElement> FillQuestionnaireAsync(HttpClient applicant, Guid caseId, object? questionnaire = null)
    {
        var response = await applicant.PutAsJsonAsync($"/api/v1/applications/{caseId}/questionnaire", questionnaire ?? Questionnaire());
        await Expect(response, HttpStatusCode.OK);
        return await Json(response);
    }

    public Task<HttpResponseMessage> ActAsync(HttpClient client, Guid caseId, string action, object? body = null) =>
        client.PostAsJsonAsync($"/api/v1/cases/{caseId}/actions/{action}", body ?? new { });

    public async Task<JsonElement> ActOkAsync(HttpClient client, Guid caseId, string action, object? body = null)
    {
        var response = await ActAsync(client, caseId, action, body);
        await Expect(response, HttpStatusCode.OK);
        return await Json(response);
    }

    /// <summary><paramref name="loops"/> times, the adjudicator asks "Question {i}?" and the applicant answers "Answer {i}.".</summary>
    public async Task InformationLoopsAsync(HttpClient adjudicator, HttpClient applicant, Guid caseId, int loops)
    {
        for (var i = 0; i < loops; i++)
        {
            await ActOkAsync(adjudicator, caseId, "request-information", new { questions = new[] { $"Question {i}?" } });
            await ActOkAsync(applicant, caseId, "provide-information", new { answers = new[] { $"Answer {i}." } });
        }
    }

    public async Task<JsonElement> GetCaseAsync(HttpClient client, Guid caseId)
    {
        var response = await client.GetAsync($"/api/v1/cases/{caseId}");
        await Expect(response, HttpStatusCode.OK);
        return await Json(response);
    }

    /// <summary>Applies, fills the questionnaire and submits: the case is in background-check.</summary>
    public async Task<Guid> SubmittedCaseAsync(HttpClient applicant, string level = "Secret", object? subject = null)
    {
        var created = await ApplyAsync(applicant, level, subject);
        var id = created.GetProperty("id").GetGuid();
        await FillQuestionnaireAsync(applicant, id, Questionnaire(level == "TopSecret" ? 8 : 6));
        await ActOkAsync(applicant, id, "submit", new { attestation = true });
        return id;
    }

    /// <summary>An investigator records every pending check with the outcome given.</summary>
    public async Task CompleteChecksAsync(HttpClient investigator, Guid caseId, string outcome = "Clear")
    {
        var investigation = await Json(await investigator.GetAsync($"/api/v1/cases/{caseId}/investigation"));
        foreach (var check in investigation.GetProperty("checks").EnumerateArray())
        {
            if (check.GetProperty("status").GetString() is "Pending" or "Running")
            {
                var response = await investigator.PostAsJsonAsync(
                    $"/api/v1/cases/{caseId}/investigation/checks/{check.GetProperty("kind").GetString()}/result",
                    new { outcome, summary = $"{outcome} by manual check" });
                await Expect(response, HttpStatusCode.OK);
            }
        }
    }

    /// <summary>Submitted, every check clear, claimed by the adjudicator: the case is in review.</summary>
    public async Task<Guid> CaseInReviewAsync(HttpClient applicant, HttpClient investigator, HttpClient adjudicator, string level = "Secret")
    {
        var id = await SubmittedCaseAsync(applicant, level);
        await CompleteChecksAsync(investigator, id);
        await ActOkAsync(adjudicator, id, "claim");
        return id;
    }

    /// <summary>Submitted and every check clear, claimed, referred: the case is in decision (Secret or Confidential).</summary>
    public async Task<Guid> CaseInDecisionAsync(HttpClient applicant, HttpClient investigator, HttpClient adjudicator, string level = "Secret")
    {
        var id = await CaseInReviewAsync(applicant, investigator, adjudicator, level);
        if (level == "TopSecret")
        {
            await ActOkAsync(adjudicator, id, "schedule-interview", new { scheduledAt = TimeProvider.System.GetUtcNow().AddDays(7), location = "Room 101" });
            await ActOkAsync(adjudicator, id, "complete-interview", new { summary = "Nothing of concern." });
        }
        else
        {
            await ActOkAsync(adjudicator, id, "refer-to-decision");
        }

        return id;
    }

    public Task<HttpResponseMessage> RecordFindingAsync(
        HttpClient adjudicator, Guid caseId, string guideline = "F", string severity = "Minor", bool mitigated = false, string? mitigation = null) =>
        adjudicator.PostAsJsonAsync($"/api/v1/cases/{caseId}/findings", new { guideline, severity, summary = $"{severity} {guideline} finding", mitigated, mitigation });

    public async Task<JsonElement> RecordFindingOkAsync(
        HttpClient adjudicator, Guid caseId, string guideline = "F", string severity = "Minor", bool mitigated = false, string? mitigation = null)
    {
        var response = await RecordFindingAsync(adjudicator, caseId, guideline, severity, mitigated, mitigation);
        await Expect(response, HttpStatusCode.Created);
        return await Json(response);
    }

    public static object GrantBody(string level = "Secret") => new { level, rationale = "No disqualifying information; the whole person favours eligibility." };

    public async Task<JsonElement> GetJsonAsync(HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(path);
        await Expect(response, expected);
        return await Json(response);
    }

    public Task<JsonElement> GetInvestigationAsync(HttpClient client, Guid caseId) => GetJsonAsync(client, $"/api/v1/cases/{caseId}/investigation");

    /// <summary>Asserts the status and that the body is problem details; returns the body.</summary>
    public static async Task<JsonElement> ExpectProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        await Expect(response, status);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var body = await Json(response);
        Assert.That(body.GetProperty("status").GetInt32(), Is.EqualTo((int)status));
        return body;
    }

    /// <summary>The values of a JSON array of strings.</summary>
    public static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    public static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text.Length == 0 ? "null" : text).RootElement.Clone();
    }

    public static async Task Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public ApiFactory Factory => factory ?? throw new InvalidOperationException("this driver has no in-process service");
}
