using System.Net;
using System.Net.Http.Json;
using ClearanceWorkflow.IntegrationTests.Lifecycle;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Requests;

/// <summary>The case's version as its <c>ETag</c>, and <c>If-Match</c> on actions: 412 once the case has changed.</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class CaseETagTests(DatabaseKind kind) : LifecycleTest(kind)
{
    private Task<HttpResponseMessage> ActAsync(HttpClient client, Guid id, string action, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/actions/{action}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    private static async Task<string> ETagAsync(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"/api/v1/cases/{id}");
        await CaseDriver.Expect(response, HttpStatusCode.OK);
        Assert.That(response.Headers.ETag, Is.Not.Null, "GET /cases/{id} sends an ETag");
        Assert.That(response.Headers.ETag!.IsWeak, Is.False, "If-Match compares strongly: the tag must be strong");
        return response.Headers.ETag.Tag;
    }

    [Test]
    public async Task Action_WithTheCurrentETag_Proceeds_AndItsAnswerCarriesTheNextETag()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);
        var etag = await ETagAsync(Adjudicator, id);

        using var referred = await ActAsync(Adjudicator, id, "refer-to-decision", new { }, etag);

        await CaseDriver.Expect(referred, HttpStatusCode.OK);
        Assert.That(referred.Headers.ETag?.Tag, Is.Not.Null.And.Not.EqualTo(etag));
        Assert.That(referred.Headers.ETag!.Tag, Is.EqualTo(await ETagAsync(Adjudicator, id)));
    }

    [Test]
    public async Task Action_WithAnETagTheCaseHasMovedPast_Returns412AndChangesNothing()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);
        var seen = await ETagAsync(Adjudicator, id);
        await Driver.ActOkAsync(Adjudicator, id, "request-information", new { questions = new[] { "Where did you live in 2019?" } });
        var now = await ETagAsync(Adjudicator, id);

        using var stale = await ActAsync(Adjudicator, id, "refer-to-decision", new { }, seen);

        var problem = await CaseDriver.ExpectProblem(stale, HttpStatusCode.PreconditionFailed);
        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(412));
        var c = await Driver.GetCaseAsync(Adjudicator, id);
        Assert.That(Stage(c), Is.EqualTo("review"));
        Assert.That(Status(c), Is.EqualTo("AwaitingApplicant"));
        Assert.That(await ETagAsync(Adjudicator, id), Is.EqualTo(now));
    }

    [Test]
    public async Task Actions_WithTheSameETagAtOnce_OneProceeds_EveryOtherIs412()
    {
        for (var round = 0; round < 3; round++)
        {
            using var alice = NewApplicant();
            var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);
            var etag = await ETagAsync(Adjudicator, id);

            var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
            {
                using var response = await ActAsync(Adjudicator, id, "request-information", new { questions = new[] { $"Question {i}?" } }, etag);
                return response.StatusCode;
            }));

            Assert.That(answers.Count(a => a == HttpStatusCode.OK), Is.EqualTo(1), string.Join(", ", answers));
            Assert.That(answers.Where(a => a != HttpStatusCode.OK), Is.All.EqualTo(HttpStatusCode.PreconditionFailed), "a request that lost the race, whether it read the case before or after the winner's commit");
            Assert.That((await Driver.GetCaseAsync(Adjudicator, id)).GetProperty("informationRequests").GetArrayLength(), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Action_WithAStarOrAListHoldingTheCurrentETag_Proceeds()
    {
        using var alice = NewApplicant();
        var star = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);
        var listed = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);
        var etag = await ETagAsync(Adjudicator, listed);

        await CaseDriver.Expect(await ActAsync(Adjudicator, star, "refer-to-decision", new { }, "*"), HttpStatusCode.OK);
        await CaseDriver.Expect(await ActAsync(Adjudicator, listed, "refer-to-decision", new { }, $"\"0\", {etag}"), HttpStatusCode.OK);
    }

    [Test]
    public async Task Action_WithTheCurrentETagMadeWeak_Returns412()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);
        var etag = await ETagAsync(Adjudicator, id);

        using var weak = await ActAsync(Adjudicator, id, "refer-to-decision", new { }, "W/" + etag);

        await CaseDriver.ExpectProblem(weak, HttpStatusCode.PreconditionFailed);
    }

    [Test]
    public async Task Finding_WithAnETagTheCaseHasMovedPast_Returns412AndRecordsNothing_WithTheCurrentOne201()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);
        var etag = await ETagAsync(Adjudicator, id);
        var finding = new { guideline = "F", severity = "Minor", summary = "Late payments.", mitigated = true, mitigation = "Repaid." };

        using var first = await FindingAsync(etag);
        using var again = await FindingAsync(etag);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), await first.Content.ReadAsStringAsync());
        await CaseDriver.ExpectProblem(again, HttpStatusCode.PreconditionFailed);
        Assert.That((await Driver.GetCaseAsync(Adjudicator, id)).GetProperty("findings").GetArrayLength(), Is.EqualTo(1));

        Task<HttpResponseMessage> FindingAsync(string tag)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/findings") { Content = JsonContent.Create(finding) };
            request.Headers.TryAddWithoutValidation("If-Match", tag);
            return Adjudicator.SendAsync(request);
        }
    }

    [TestCase("7")]
    [TestCase("\"7")]
    [TestCase("W/")]
    [TestCase("\"1\", *")]
    public async Task Action_WithAMalformedIfMatch_Returns400(string ifMatch)
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);

        using var response = await ActAsync(Adjudicator, id, "refer-to-decision", new { }, ifMatch);

        var problem = await CaseDriver.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("If-Match", out _), Is.True, problem.ToString());
        Assert.That(Stage(await Driver.GetCaseAsync(Adjudicator, id)), Is.EqualTo("review"), "not referred");
    }
}
