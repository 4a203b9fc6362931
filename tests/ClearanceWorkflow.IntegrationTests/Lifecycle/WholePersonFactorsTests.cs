using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>The whole-person factors recorded with a finding: kept, shown to staff only, checked field by field, optional.</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class WholePersonFactorsTests(DatabaseKind kind) : LifecycleTest(kind)
{
    private static object Factors(object? recency = null, object? age = null) => new
    {
        recency = recency ?? "OneToFiveYears", frequency = "Repeated", ageAtConduct = age ?? 23, rehabilitation = "Partial", recurrenceLikelihood = "Moderate",
    };

    private static object Finding(object? wholePerson) =>
        new { guideline = "G", severity = "Moderate", summary = "Two alcohol-related arrests.", mitigated = false, wholePerson };

    [Test]
    public async Task RecordFinding_WithFactors_ReadBackByStaffButNotByTheApplicant()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);

        var created = await Adjudicator.PostAsJsonAsync($"/api/v1/cases/{id}/findings", Finding(Factors()));
        await CaseDriver.Expect(created, HttpStatusCode.Created);
        Assert.That((await CaseDriver.Json(created)).GetProperty("wholePerson").GetProperty("ageAtConduct").GetInt32(), Is.EqualTo(23));

        var factors = (await Driver.GetCaseAsync(Adjudicator, id)).GetProperty("findings")[0].GetProperty("wholePerson");
        Assert.That(factors.GetProperty("recency").GetString(), Is.EqualTo("OneToFiveYears"));
        Assert.That(factors.GetProperty("frequency").GetString(), Is.EqualTo("Repeated"));
        Assert.That(factors.GetProperty("ageAtConduct").GetInt32(), Is.EqualTo(23));
        Assert.That(factors.GetProperty("rehabilitation").GetString(), Is.EqualTo("Partial"));
        Assert.That(factors.GetProperty("recurrenceLikelihood").GetString(), Is.EqualTo("Moderate"));

        var raw = await (await alice.GetAsync($"/api/v1/cases/{id}")).Content.ReadAsStringAsync();
        Assert.That(raw, Does.Not.Contain("findings").And.Not.Contain("wholePerson").And.Not.Contain("OneToFiveYears"));
    }

    [Test]
    public async Task RecordFinding_WithoutFactors_StillCreated()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);

        await CaseDriver.Expect(await Adjudicator.PostAsJsonAsync($"/api/v1/cases/{id}/findings", Finding(null)), HttpStatusCode.Created);

        var finding = (await Driver.GetCaseAsync(Adjudicator, id)).GetProperty("findings")[0];
        Assert.That(finding.GetProperty("wholePerson").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [TestCase("Yesterday", 23, "wholePerson.recency")]
    [TestCase("OneToFiveYears", 9, "wholePerson.ageAtConduct")]
    [TestCase("OneToFiveYears", 121, "wholePerson.ageAtConduct")]
    public async Task RecordFinding_BadFactor_400NamingTheField(string recency, int age, string field)
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);

        var response = await Adjudicator.PostAsJsonAsync($"/api/v1/cases/{id}/findings", Finding(Factors(recency, age)));

        await CaseDriver.Expect(response, HttpStatusCode.BadRequest);
        var problem = await CaseDriver.Json(response);
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Does.Contain(field), problem.ToString());
        if (field == "wholePerson.ageAtConduct")
        {
            Assert.That(problem.GetProperty("errors").GetProperty(field).ToString(), Does.Not.Contain(age.ToString(System.Globalization.CultureInfo.InvariantCulture)), "the subject's age is not echoed");
        }

        Assert.That((await Driver.GetCaseAsync(Adjudicator, id)).GetProperty("findings").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task RecordFinding_FactorMissing_400NamingIt()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);

        var response = await Adjudicator.PostAsJsonAsync($"/api/v1/cases/{id}/findings", Finding(new { recency = "WithinOneYear" }));

        await CaseDriver.Expect(response, HttpStatusCode.BadRequest);
        var problem = await CaseDriver.Json(response);
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Does.Contain("wholePerson.ageAtConduct"), problem.ToString());
    }
}
