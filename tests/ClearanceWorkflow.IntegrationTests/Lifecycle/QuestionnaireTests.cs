using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>
/// A questionnaire may be saved incomplete but not malformed; submit requires it complete, covering the scope period
/// (5 years, 7 for TopSecret) without gaps.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class QuestionnaireTests(DatabaseKind kind) : LifecycleTest(kind)
{
    private static string D(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string[] Messages(JsonElement problem, string key)
    {
        Assert.That(problem.GetProperty("errors").TryGetProperty(key, out var messages), Is.True, $"no errors.{key} in {problem}");
        return CaseDriver.Strings(messages);
    }

    private async Task<Guid> NewCaseAsync(HttpClient applicant, string level = "Secret") => IdOf(await Driver.ApplyAsync(applicant, level));

    private static Task<HttpResponseMessage> PutAsync(HttpClient applicant, Guid id, object questionnaire) =>
        applicant.PutAsJsonAsync($"/api/v1/applications/{id}/questionnaire", questionnaire);

    // A draft with the problem is saved (200), submit is not offered, and submit refuses it (400), the case staying in
    // application. Returns submit's problem.
    private async Task<JsonElement> SavedButNotSubmittableAsync(HttpClient applicant, Guid id, object questionnaire)
    {
        var saved = await Driver.FillQuestionnaireAsync(applicant, id, questionnaire);
        Assert.That(Actions(saved), Does.Not.Contain("submit"));
        var problem = await CaseDriver.ExpectProblem(await Driver.ActAsync(applicant, id, "submit", new { attestation = true }), HttpStatusCode.BadRequest);
        Assert.That(Stage(await Driver.GetCaseAsync(applicant, id)), Is.EqualTo("application"));
        return problem;
    }

    [Test]
    public async Task Submit_ThreeMonthResidenceGap_Returns400NamingTheGapDates()
    {
        using var alice = NewApplicant();
        var id = await NewCaseAsync(alice);
        var today = CaseDriver.Today;
        var gapFrom = today.AddYears(-2);
        var gapTo = gapFrom.AddMonths(3).AddDays(-1);
        var questionnaire = CaseDriver.Questionnaire(
            [CaseDriver.Residence(today.AddYears(-6), gapFrom.AddDays(-1)), CaseDriver.Residence(gapTo.AddDays(1), null)],
            [CaseDriver.Job(today.AddYears(-6), null)]);

        var problem = await SavedButNotSubmittableAsync(alice, id, questionnaire);

        var residences = Messages(problem, "residences");
        Assert.That(residences, Has.Length.EqualTo(1));
        Assert.That(residences[0], Does.Contain(D(gapFrom)).And.Contain(D(gapTo)));
        Assert.That(problem.GetProperty("errors").TryGetProperty("employment", out _), Is.False, "employment has no gap");
    }

    [Test]
    public async Task Submit_EmploymentGap_Returns400NamingTheGapDates()
    {
        using var alice = NewApplicant();
        var id = await NewCaseAsync(alice);
        var today = CaseDriver.Today;
        var gapFrom = today.AddMonths(-8);
        var gapTo = gapFrom.AddDays(44);
        var questionnaire = CaseDriver.Questionnaire(
            [CaseDriver.Residence(today.AddYears(-6), null)],
            [CaseDriver.Job(today.AddYears(-6), gapFrom.AddDays(-1), "Old Employer"), CaseDriver.Job(gapTo.AddDays(1), null, "New Employer")]);

        var problem = await SavedButNotSubmittableAsync(alice, id, questionnaire);

        var employment = Messages(problem, "employment");
        Assert.That(employment, Has.Length.EqualTo(1));
        Assert.That(employment[0], Does.Contain(D(gapFrom)).And.Contain(D(gapTo)));
        Assert.That(problem.GetProperty("errors").TryGetProperty("residences", out _), Is.False, "residences have no gap");
    }

    [Test]
    public async Task Submit_TopSecretCoveringSixYears_GapAtTheStartOfTheSevenYearScope()
    {
        using var alice = NewApplicant();
        var id = await NewCaseAsync(alice, "TopSecret");
        var today = CaseDriver.Today;

        var problem = await SavedButNotSubmittableAsync(alice, id, CaseDriver.Questionnaire(6, today));

        var scopeStart = today.AddYears(-7);
        var covered = today.AddYears(-6);
        foreach (var key in new[] { "residences", "employment" })
        {
            var messages = Messages(problem, key);
            Assert.That(messages, Has.Length.EqualTo(1), key);
            Assert.That(messages[0], Does.Contain($"gap from {D(scopeStart)} to {D(covered.AddDays(-1))}"), key);
        }
    }

    [Test]
    public async Task PutQuestionnaire_SecretCoveringSixYears_Accepted()
    {
        using var alice = NewApplicant();
        var id = await NewCaseAsync(alice, "Secret");

        var updated = await Driver.FillQuestionnaireAsync(alice, id, CaseDriver.Questionnaire(6));

        Assert.That(Stage(updated), Is.EqualTo("application"));
        Assert.That(Actions(updated), Does.Contain("submit"));
    }

    [Test]
    public async Task PutQuestionnaire_BackwardsDates_Returns400_MissingSectionsWaitForSubmit()
    {
        using var alice = NewApplicant();
        var id = await NewCaseAsync(alice);
        var today = CaseDriver.Today;

        var problem = await CaseDriver.ExpectProblem(
            await PutAsync(alice, id, new
            {
                residences = new[] { CaseDriver.Residence(today.AddYears(-1), today.AddYears(-2)) },
                employment = Array.Empty<object>(),
            }),
            HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "residences[0].to" }));

        problem = await SavedButNotSubmittableAsync(alice, id, new
        {
            residences = new[] { CaseDriver.Residence(today.AddYears(-6), null) },
            employment = Array.Empty<object>(),
        });

        var keys = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(keys, Is.EquivalentTo(new[] { "employment", "education", "references", "foreignContacts", "foreignTravel", "criminalRecord", "financial", "drugUse" }));
    }

    [Test]
    public async Task PutQuestionnaire_DatesInTheFutureOrBefore1900_Returns400NamingEachField()
    {
        using var alice = NewApplicant();
        var id = await NewCaseAsync(alice);
        var today = CaseDriver.Today;
        var questionnaire = JsonSerializer.SerializeToNode(CaseDriver.Questionnaire(
            [CaseDriver.Residence(today.AddYears(-6), today.AddDays(1)), CaseDriver.Residence(today.AddYears(-1), null)],
            [CaseDriver.Job(new DateOnly(1899, 12, 31), null)]))!.AsObject();
        questionnaire["education"] = JsonNode.Parse("""[{"institution":"U","degree":null,"from":"2001-01-01","to":"9999-12-31"}]""");
        questionnaire["foreignTravel"] = JsonNode.Parse("""[{"country":"FR","to":"2001-01-01","purpose":null}]""");
        questionnaire["criminalRecord"] = JsonNode.Parse("""[{"date":"9999-12-31","offense":"x","outcome":null}]""");

        var problem = await CaseDriver.ExpectProblem(await PutAsync(alice, id, questionnaire), HttpStatusCode.BadRequest);

        var keys = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(keys, Is.EquivalentTo(new[] { "residences[0].to", "employment[0].from", "education[0].to", "criminalRecord[0].date" }));
        Assert.That(Messages(problem, "residences[0].to"), Is.EqualTo(new[] { "must not be in the future" }));
        Assert.That(Messages(problem, "employment[0].from"), Is.EqualTo(new[] { "must not be before 1900-01-01" }));

        // A date left out is not out of bounds, nor before the other end: the draft is saved. Submit asks for a
        // residence's; a trip's may stay unknown.
        var draft = JsonSerializer.SerializeToNode(CaseDriver.Questionnaire(6))!.AsObject();
        draft["residences"]!.AsArray().Add(JsonNode.Parse("""{"to":"2001-01-01","address":"3 Elm Row","country":"GB"}"""));
        draft["foreignTravel"] = JsonNode.Parse("""[{"country":"FR","to":"2001-01-01","purpose":null},{"country":"DE","from":"2024-05-01"}]""");
        problem = await SavedButNotSubmittableAsync(alice, id, draft);
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "residences[2].from" }));
        Assert.That(Messages(problem, "residences[2].from"), Is.EqualTo(new[] { "is required" }), "left out, not a date before 1900");
        var trip = (await Driver.GetCaseAsync(Adjudicator, id)).GetProperty("questionnaire").GetProperty("foreignTravel")[0];
        Assert.That(trip.GetProperty("from").ValueKind, Is.EqualTo(JsonValueKind.Null), "a trip's date left out reads back as unknown, not 0001-01-01");

        // 0001-01-01 sent for a date that may stay unknown is a date before 1900, not the date left out.
        draft["residences"]!.AsArray().RemoveAt(2);
        draft["foreignTravel"] = JsonNode.Parse("""[{"country":"FR","from":"0001-01-01","to":"0001-01-01","purpose":"x"}]""");
        draft["criminalRecord"] = JsonNode.Parse("""[{"date":"0001-01-01","offense":"x","outcome":"y"}]""");
        problem = await CaseDriver.ExpectProblem(await PutAsync(alice, id, draft), HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name),
            Is.EquivalentTo(new[] { "foreignTravel[0].from", "foreignTravel[0].to", "criminalRecord[0].date" }));
        Assert.That(Messages(problem, "criminalRecord[0].date"), Is.EqualTo(new[] { "must not be before 1900-01-01" }));

        // So is a residence's or a job's end: left out, it continues.
        draft["foreignTravel"] = JsonNode.Parse("[]");
        draft["criminalRecord"] = JsonNode.Parse("[]");
        draft["residences"]![0]!["to"] = "0001-01-01";
        problem = await CaseDriver.ExpectProblem(await PutAsync(alice, id, draft), HttpStatusCode.BadRequest);
        Assert.That(Messages(problem, "residences[0].to"), Is.EqualTo(new[] { "must not be before 1900-01-01" }));
    }

    /// <summary>
    /// Releases before 2026-12-03 stored a trip's or an offence's date left out as 0001-01-01: such a questionnaire reads
    /// those dates as unknown, and its case is submitted as it would have been before the upgrade.
    /// </summary>
    [Test]
    public async Task Submit_QuestionnaireStoredWithTheOldFormOfAnUnknownDate_Accepted()
    {
        using var alice = NewApplicant();
        var id = await NewCaseAsync(alice);
        var questionnaire = JsonSerializer.SerializeToNode(CaseDriver.Questionnaire(6))!.AsObject();
        questionnaire["foreignTravel"] = JsonNode.Parse("""[{"country":"FR","from":null,"to":null,"purpose":"holiday"}]""");
        questionnaire["criminalRecord"] = JsonNode.Parse("""[{"date":null,"offense":"speeding","outcome":"fined"}]""");
        await Driver.FillQuestionnaireAsync(alice, id, questionnaire);
        questionnaire["foreignTravel"]![0]!["from"] = "0001-01-01";
        questionnaire["foreignTravel"]![0]!["to"] = "0001-01-01";
        questionnaire["criminalRecord"]![0]!["date"] = "0001-01-01";
        var protector = Factory.Services.GetRequiredService<ClearanceWorkflow.Application.Common.IDataProtector>();
        var stored = protector.Protect(questionnaire.ToJsonString());
        Assert.That(await InDatabaseAsync(db => db.Cases.Where(c => c.Id == id).ExecuteUpdateAsync(u => u.SetProperty(c => c.QuestionnaireCipher, stored))), Is.EqualTo(1));

        var submitted = await Driver.ActOkAsync(alice, id, "submit", new { attestation = true });

        Assert.That(Stage(submitted), Is.EqualTo("background-check"));
        var kept = (await Driver.GetCaseAsync(Adjudicator, id)).GetProperty("questionnaire");
        Assert.That(kept.GetProperty("foreignTravel")[0].GetProperty("from").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(kept.GetProperty("criminalRecord")[0].GetProperty("date").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Questionnaire_OverLongOrNotACountryCode_PutRefuses_ContractFieldsMissing_SubmitRefuses_OtherAnswersMayStayOpen()
    {
        using var alice = NewApplicant();
        var id = await NewCaseAsync(alice);
        var today = CaseDriver.Today;
        var questionnaire = JsonSerializer.SerializeToNode(CaseDriver.Questionnaire(
            [CaseDriver.Residence(today.AddYears(-11), null)], [CaseDriver.Job(today.AddYears(-11), null)]))!.AsObject();
        questionnaire["residences"]![0]!["address"] = null;
        questionnaire["residences"]![0]!["country"] = "United Kingdom";
        questionnaire["employment"]![0]!.AsObject().Remove("position");
        questionnaire["references"] = JsonNode.Parse("""[{}]""");
        questionnaire["foreignContacts"] = JsonNode.Parse($$"""[{"name":"{{new string('n', 501)}}","country":"FR"}]""");
        questionnaire["financial"] = JsonNode.Parse("""{"delinquentDebt":false}""");
        questionnaire["drugUse"] = JsonNode.Parse("""{}""");

        var problem = await CaseDriver.ExpectProblem(await PutAsync(alice, id, questionnaire), HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "residences[0].country", "foreignContacts[0].name" }));
        Assert.That(Messages(problem, "residences[0].country"), Is.EqualTo(new[] { "must be an ISO 3166-1 alpha-2 country code" }));
        Assert.That(Messages(problem, "foreignContacts[0].name"), Is.EqualTo(new[] { "must be at most 500 characters" }));

        questionnaire["residences"]![0]!["country"] = "GB";
        questionnaire["foreignContacts"]![0]!["name"] = "N. Contact";
        problem = await SavedButNotSubmittableAsync(alice, id, questionnaire);

        // Residences and employment carry the fields the contract names; the other sections' entries are the applicant's.
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "residences[0].address", "employment[0].position" }));
        Assert.That(Messages(problem, "residences[0].address"), Is.EqualTo(new[] { "is required" }));

        questionnaire["residences"]![0]!["address"] = "1 Old Street, Oldtown";
        questionnaire["employment"]![0]!["position"] = "Engineer";
        await Driver.FillQuestionnaireAsync(alice, id, questionnaire);
        await CaseDriver.Expect(await Driver.ActAsync(alice, id, "submit", new { attestation = true }), HttpStatusCode.OK);
        var kept = (await Driver.GetCaseAsync(Adjudicator, id)).GetProperty("questionnaire");
        Assert.That(kept.GetProperty("financial").GetProperty("bankruptcy").ValueKind, Is.EqualTo(JsonValueKind.Null), "an answer left out stays unanswered, not no");
        Assert.That(kept.GetProperty("financial").GetProperty("delinquentDebt").GetBoolean(), Is.False);
        Assert.That(kept.GetProperty("drugUse").GetProperty("illegalUseInScope").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [TestCase("financial", """{"bankruptcy":true,"delinquentDebt":false}""", "bankruptcy or delinquentDebt is true")]
    [TestCase("financial", """{"bankruptcy":false,"delinquentDebt":true,"details":"  "}""", "bankruptcy or delinquentDebt is true")]
    [TestCase("drugUse", """{"illegalUseInScope":true}""", "illegalUseInScope is true")]
    public async Task Submit_AYesWithoutDetails_Returns400NamingTheDetails(string section, string answer, string when)
    {
        using var alice = NewApplicant();
        var id = await NewCaseAsync(alice);
        var today = CaseDriver.Today;
        var questionnaire = JsonSerializer.SerializeToNode(CaseDriver.Questionnaire(
            [CaseDriver.Residence(today.AddYears(-11), null)], [CaseDriver.Job(today.AddYears(-11), null)]))!.AsObject();
        questionnaire[section] = JsonNode.Parse(answer);

        var problem = await SavedButNotSubmittableAsync(alice, id, questionnaire);

        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { $"{section}.details" }));
        Assert.That(Messages(problem, $"{section}.details"), Is.EqualTo(new[] { $"is required when {when}" }));

        questionnaire[section]!["details"] = "Discharged in 2015; no debts since.";
        await Driver.FillQuestionnaireAsync(alice, id, questionnaire);
        await CaseDriver.Expect(await Driver.ActAsync(alice, id, "submit", new { attestation = true }), HttpStatusCode.OK);
    }

    [Test]
    public async Task Submit_NoQuestionnaire_Returns400AndStaysInApplication()
    {
        using var alice = NewApplicant();
        var id = await NewCaseAsync(alice);

        var problem = await CaseDriver.ExpectProblem(await Driver.ActAsync(alice, id, "submit", new { attestation = true }), HttpStatusCode.BadRequest);

        Assert.That(Messages(problem, "questionnaire"), Is.Not.Empty);
        Assert.That(Stage(await Driver.GetCaseAsync(alice, id)), Is.EqualTo("application"));
    }

    [Test]
    public async Task PutQuestionnaire_AfterSubmit_Returns409()
    {
        using var alice = NewApplicant();
        var id = await Driver.SubmittedCaseAsync(alice);

        var problem = await CaseDriver.ExpectProblem(await PutAsync(alice, id, CaseDriver.Questionnaire(6, address: "99 New Road")), HttpStatusCode.Conflict);

        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("application"));
        var staffView = await Driver.GetCaseAsync(Adjudicator, id);
        Assert.That(staffView.GetProperty("questionnaire").GetProperty("residences")[1].GetProperty("address").GetString(), Is.EqualTo("12 Acacia Avenue, Springfield"));
    }
}
