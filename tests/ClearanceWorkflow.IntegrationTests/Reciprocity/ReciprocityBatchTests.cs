using System.Net;
using System.Net.Http.Json;
using System.Text;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Reciprocity;

/// <summary>Batches of up to 100 subjects: results in order under the partner's correlation ids, each subject audited.</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class ReciprocityBatchTests(DatabaseKind kind) : ReciprocityTest(kind)
{
    private static object Row(string correlationId, TestSubject s) =>
        new { correlationId, nationalId = s.NationalId, familyName = s.FamilyName, dateOfBirth = s.Dob };

    [Test]
    public async Task Batch_MixedSubjects_ResultsInOrderUnderCorrelationIds()
    {
        var active = NewSubject("Alpha");
        var suspended = NewSubject("Bravo");
        var unknown = NewSubject("Charlie");
        await SeedClearanceAsync(active, ClearanceLevel.TopSecret);
        await SeedClearanceAsync(suspended, ClearanceLevel.Secret, then: (c, now) => c.Suspend("system", "test", now));
        var (partner, _, _) = await NewPartnerAsync();

        var answer = await BatchOkAsync(partner, new
        {
            purpose = Purpose,
            requiredLevel = "Secret",
            subjects = new[]
            {
                Row("HR-2291", active),
                Row("HR-2292", unknown),
                Row("HR-2293", suspended),
                Row("HR-2294", active with { FamilyName = "ALPHA" }),
                Row("HR-2295", active with { DateOfBirth = active.DateOfBirth.AddDays(-1) }),
            },
        });

        var results = answer.GetProperty("results").EnumerateArray().ToList();
        Assert.That(results.Select(r => r.GetProperty("correlationId").GetString()), Is.EqualTo(new[] { "HR-2291", "HR-2292", "HR-2293", "HR-2294", "HR-2295" }));
        Assert.That(results.Select(r => r.GetProperty("match").GetBoolean()), Is.EqualTo(new[] { true, false, true, true, false }));
        Assert.That(results[0].GetProperty("clearance").GetProperty("eligibleForRequiredLevel").GetBoolean(), Is.True);
        Assert.That(results[0].GetProperty("clearance").GetProperty("natoEquivalent").GetString(), Is.EqualTo("COSMIC TOP SECRET"));
        Assert.That(results[1].TryGetProperty("clearance", out _), Is.False);
        Assert.That(results[2].GetProperty("clearance").GetProperty("status").GetString(), Is.EqualTo("Suspended"));
        Assert.That(results[2].GetProperty("clearance").GetProperty("eligibleForRequiredLevel").GetBoolean(), Is.False);
        partner.Dispose();
    }

    [TestCase(null)]
    [TestCase("Secret")]
    [TestCase("Confidential")]
    public async Task Batch_HoldersAboveAgreementMaximum_ReportedAtTheMaximumAndEligibleOnTheRealLevel(string? requiredLevel)
    {
        var topSecret = NewSubject("Tango");
        var secret = NewSubject("Sierra");
        var confidential = NewSubject("Charlie");
        await SeedClearanceAsync(topSecret, ClearanceLevel.TopSecret);
        await SeedClearanceAsync(secret, ClearanceLevel.Secret);
        await SeedClearanceAsync(confidential, ClearanceLevel.Confidential);
        var (partner, _, _) = await NewPartnerAsync("Secret");

        var answer = await BatchOkAsync(partner, new
        {
            purpose = Purpose,
            requiredLevel,
            subjects = new[] { Row("ts", topSecret), Row("s", secret), Row("c", confidential) },
        });

        var clearances = answer.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("clearance")).ToList();
        Assert.That(clearances.Select(c => c.GetProperty("level").GetString()), Is.EqualTo(new[] { "Secret", "Secret", "Confidential" }));
        Assert.That(clearances.Select(c => c.GetProperty("natoEquivalent").GetString()), Is.EqualTo(new[] { "NATO SECRET", "NATO SECRET", "NATO CONFIDENTIAL" }));
        Assert.That(clearances.Select(c => c.GetProperty("euEquivalent").GetString()), Is.EqualTo(new[] { "SECRET UE", "SECRET UE", "CONFIDENTIEL UE" }));
        Assert.That(
            clearances.Select(c => c.GetProperty("eligibleForRequiredLevel").GetBoolean()),
            Is.EqualTo(new[] { true, true, requiredLevel is null or "Confidential" }));
        partner.Dispose();
    }

    [Test]
    public async Task Batch_EachSubject_AuditedWithBatchIdAndPosition()
    {
        var found = NewSubject();
        var seeded = await SeedClearanceAsync(found);
        var (partner, sub, partnerId) = await NewPartnerAsync();

        await BatchOkAsync(partner, new { purpose = Purpose, subjects = new[] { Row("a", NewSubject()), Row("b", found), Row("c", NewSubject()) } });

        var events = await ReciprocityEventsAsync(sub);
        Assert.That(events, Has.Count.EqualTo(3));
        Assert.That(events.Select(e => e.Action), Is.All.EqualTo("reciprocity.query"));
        var details = events.Select(Detail).ToList();
        Assert.That(details.Select(d => d.GetProperty("outcome").GetString()), Is.EqualTo(new[] { "no-match", "match", "no-match" }));
        Assert.That(details.Select(d => d.GetProperty("position").GetInt32()), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(details.Select(d => d.GetProperty("batchId").GetGuid()).Distinct().Count(), Is.EqualTo(1));
        Assert.That(details.Select(d => d.GetProperty("partnerId").GetString()), Is.All.EqualTo(partnerId));
        Assert.That(events[1].CaseId, Is.EqualTo(seeded.CaseId));
        Assert.That(details[1].GetProperty("subjectRef").GetString(), Is.EqualTo(seeded.NationalIdIndex[..16]));
        partner.Dispose();
    }

    [Test]
    public async Task Batch_HundredSubjects_AnsweredAndHundredEventsAudited()
    {
        var subjects = Enumerable.Range(0, 100).Select(i => NewSubject($"Member{i}")).ToList();
        foreach (var s in subjects.Take(10))
        {
            await SeedClearanceAsync(s);
        }

        var (partner, sub, _) = await NewPartnerAsync();

        var answer = await BatchOkAsync(partner, new { purpose = Purpose, subjects = subjects.Select((s, i) => Row($"r{i}", s)) });

        var results = answer.GetProperty("results").EnumerateArray().ToList();
        Assert.That(results, Has.Count.EqualTo(100));
        Assert.That(results.Count(r => r.GetProperty("match").GetBoolean()), Is.EqualTo(10));
        Assert.That(await ReciprocityEventsAsync(sub), Has.Count.EqualTo(100));
        partner.Dispose();
    }

    [Test]
    public async Task Batch_HundredAndOneSubjects_Returns400AndAuditsOnlyTheRefusal()
    {
        var (partner, sub, _) = await NewPartnerAsync();

        var response = await partner.PostAsJsonAsync("/api/v1/reciprocity/queries/batch", new
        {
            purpose = Purpose,
            subjects = Enumerable.Range(0, 101).Select(i => Row($"r{i}", NewSubject())),
        });

        var problem = await CaseDriver.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").GetProperty("subjects")[0].GetString(), Does.Contain("100"));
        Assert.That((await ReciprocityEventsAsync(sub)).Select(e => e.Action), Is.EqualTo(new[] { "reciprocity.rejected" }), "one event for the request, no query");
        partner.Dispose();
    }

    [TestCase("""{ "purpose": "employment", "subjects": [] }""", "subjects")]
    [TestCase("""{ "purpose": "employment" }""", "subjects")]
    [TestCase("""{ "purpose": "employment", "subjects": [null] }""", "subjects[0]")]
    [TestCase("""{ "purpose": "employment", "subjects": [{ "nationalId": "AB-1", "familyName": "Doe", "dateOfBirth": "1985-03-17" }] }""", "subjects[0].correlationId")]
    [TestCase("""{ "purpose": "employment", "subjects": [{ "correlationId": "1", "nationalId": "AB-1", "familyName": "Doe", "dateOfBirth": "1985-03-17" }, { "correlationId": "2", "familyName": "Doe", "dateOfBirth": "1985-03-17" }] }""", "subjects[1].nationalId")]
    [TestCase("""{ "purpose": "employment", "subjects": [{ "correlationId": "1", "nationalId": "AB-1", "familyName": "Doe", "dateOfBirth": "1985-03-17" }, { "correlationId": "1", "nationalId": "AB-2", "familyName": "Doe", "dateOfBirth": "1985-03-17" }] }""", "subjects")]
    [TestCase("""{ "purpose": "employment", "subjects": [{ "correlationId": "1", "nationalId": "AB-1", "familyName": "Doe", "dateOfBirth": "1985-03-17" }, { "correlationId": "2", "nationalId": "AB-2", "familyName": "Doe", "dateOfBirth": "9999-12-31" }] }""", "subjects[1].dateOfBirth")]
    [TestCase("""{ "purpose": "employment", "requiredLevel": "Huge", "subjects": [{ "correlationId": "1", "nationalId": "AB-1", "familyName": "Doe", "dateOfBirth": "1985-03-17" }] }""", "requiredLevel")]
    [TestCase("""{ "subjects": [{ "correlationId": "1", "nationalId": "AB-1", "familyName": "Doe", "dateOfBirth": "1985-03-17" }] }""", "purpose")]
    [TestCase("""{ "purpose": "employment", "subjects": [{ "correlationId": "1", "nationalId": "AB-1", "familyName": "Doe\uFFFE", "dateOfBirth": "1985-03-17" }] }""", "subjects[0].familyName")]
    [TestCase("""{ "purpose": "employment", "subjects": [{ "correlationId": "1", "nationalId": "AB-1", "familyName": "Doe\uD800", "dateOfBirth": "1985-03-17" }] }""", "subjects[0].familyName")]
    [TestCase("""{ "purpose": "employment", "subjects": [{ "correlationId": "a\u0000\u001b[31m", "nationalId": "AB-1", "familyName": "Doe", "dateOfBirth": "1985-03-17" }] }""", "subjects[0].correlationId")]
    public async Task Batch_InvalidBody_Returns400NamingTheField(string json, string field)
    {
        var (partner, sub, _) = await NewPartnerAsync();
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        var problem = await CaseDriver.ExpectProblem(await partner.PostAsync("/api/v1/reciprocity/queries/batch", content), HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name), Does.Contain(field), problem.ToString());
        var events = await ReciprocityEventsAsync(sub);
        Assert.That(events.Select(e => e.Action), Is.EqualTo(new[] { "reciprocity.rejected" }), "no query ran; the refusal is audited");
        Assert.That(CaseDriver.Strings(Detail(events[0]).GetProperty("fields")), Does.Contain(field).IgnoreCase);
        partner.Dispose();
    }

    /// <summary>A property name escaping a lone surrogate has no text: the rate limiter's count of subjects must not fail on it.</summary>
    [Test]
    public async Task Batch_PropertyNameEscapingALoneSurrogate_Returns400AndIsAudited()
    {
        var (partner, sub, _) = await NewPartnerAsync();
        using var content = new StringContent(
            """{ "\udc00": 1, "purpose": "employment", "subjects": [{ "correlationId": "1", "nationalId": "AB-1", "familyName": "Doe", "dateOfBirth": "1985-03-17" }] }""",
            Encoding.UTF8, "application/json");

        await CaseDriver.ExpectProblem(await partner.PostAsync("/api/v1/reciprocity/queries/batch", content), HttpStatusCode.BadRequest);

        Assert.That((await ReciprocityEventsAsync(sub)).Select(e => e.Action), Is.EqualTo(new[] { "reciprocity.rejected" }));
        partner.Dispose();
    }
}
