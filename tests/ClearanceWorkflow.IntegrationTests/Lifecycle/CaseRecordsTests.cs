using System.Net;
using System.Text.Json;
using ClearanceWorkflow.Application.Features.Cases;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>
/// A long-lived case: its view carries the latest 50 events and the latest 20 information requests, whatever the
/// case's age, and the stage history whole; <c>GET …/events</c> (staff) and <c>GET …/information-requests</c>
/// (staff and the case's own applicant) page through all of them, oldest first.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class CaseRecordsTests(DatabaseKind kind) : LifecycleTest(kind)
{
    private const int Loops = 26;

    [Test]
    public async Task LongHistory_ViewCarriesTheLatest_RecordsPageThroughAll()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);
        await Driver.InformationLoopsAsync(Adjudicator, alice, id, Loops);

        var asked = await Driver.ActOkAsync(Adjudicator, id, "request-information", new { questions = new[] { "Why?" } });
        var answered = await Driver.ActOkAsync(alice, id, "provide-information", new { answers = new[] { "Because." } });
        var staffView = await Driver.GetCaseAsync(Adjudicator, id);
        var events = await AllAsync(Adjudicator, $"/api/v1/cases/{id}/events", pageSize: 7);
        var requests = await AllAsync(alice, $"/api/v1/cases/{id}/information-requests", pageSize: 5);

        Assert.Multiple(() =>
        {
            Assert.That(events, Has.Count.GreaterThan(CaseAccess.EventsInView + 2), "the case's history outgrew the view");
            Assert.That(events.Select(e => e.GetProperty("action").GetString()).TakeLast(2), Is.EqualTo(new[] { "request-information", "provide-information" }));

            // The action's answer and a read: the latest events, the one not yet saved when the view was made included.
            Assert.That(EventActions(asked.GetProperty("events").EnumerateArray()), Is.EqualTo(EventActions(events.SkipLast(1)).TakeLast(CaseAccess.EventsInView)));
            Assert.That(EventActions(staffView.GetProperty("events").EnumerateArray()), Is.EqualTo(EventActions(events).TakeLast(CaseAccess.EventsInView)));
            Assert.That(asked.GetProperty("informationRequests").GetArrayLength(), Is.EqualTo(CaseAccess.RequestsInView));
            Assert.That(CaseDriver.Strings(asked.GetProperty("informationRequests")[CaseAccess.RequestsInView - 1].GetProperty("questions")), Is.EqualTo(new[] { "Why?" }));
            Assert.That(
                CaseDriver.Strings(answered.GetProperty("informationRequests")[CaseAccess.RequestsInView - 1].GetProperty("answers")),
                Is.EqualTo(new[] { "Because." }),
                "the answer not yet saved when the view was made is in it");

            // The stage history stays whole: application, background-check, review.
            Assert.That(staffView.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("stage").GetString()), Is.EqualTo(new[] { "application", "background-check", "review" }));

            // Every request, oldest first, to the applicant too.
            Assert.That(requests, Has.Count.EqualTo(Loops + 1));
            Assert.That(requests.Select(r => CaseDriver.Strings(r.GetProperty("questions")).Single()), Is.EqualTo(Enumerable.Range(0, Loops).Select(i => $"Question {i}?").Append("Why?")));
            Assert.That(CaseDriver.Strings(requests[^1].GetProperty("answers")), Is.EqualTo(new[] { "Because." }));
        });
    }

    [Test]
    public async Task Records_OnlyForThoseWhoMaySee()
    {
        using var alice = NewApplicant();
        using var mallory = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);
        await Driver.ActOkAsync(Adjudicator, id, "request-information", new { questions = new[] { "Where were you?" } });

        await CaseDriver.ExpectProblem(await alice.GetAsync($"/api/v1/cases/{id}/events"), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await mallory.GetAsync($"/api/v1/cases/{id}/events"), HttpStatusCode.NotFound);
        await CaseDriver.ExpectProblem(await mallory.GetAsync($"/api/v1/cases/{id}/information-requests"), HttpStatusCode.NotFound);
        await CaseDriver.ExpectProblem(await Adjudicator.GetAsync($"/api/v1/cases/{Guid.NewGuid()}/events"), HttpStatusCode.NotFound);
        using var partner = Factory.PartnerClient(NewUser("pat"), "agency-records");
        await CaseDriver.ExpectProblem(await partner.GetAsync($"/api/v1/cases/{id}/information-requests"), HttpStatusCode.Forbidden);
        foreach (var query in new[] { "page=0", "pageSize=0", "pageSize=201", "page=abc" })
        {
            await CaseDriver.ExpectProblem(await Adjudicator.GetAsync($"/api/v1/cases/{id}/events?{query}"), HttpStatusCode.BadRequest);
        }

        var page = await CaseDriver.Json(await Adjudicator.GetAsync($"/api/v1/cases/{id}/information-requests"));
        Assert.That(page.GetProperty("total").GetInt32(), Is.EqualTo(1));
        using var scope = Factory.Services.CreateScope();
        var viewed = await scope.ServiceProvider.GetRequiredService<ClearanceDbContext>().AuditEvents
            .Where(e => e.CaseId == id && e.Action == "case.viewed" && e.Actor == AdjudicatorId).Select(e => e.Detail).ToListAsync();
        Assert.That(viewed, Has.Some.Contains("information-requests"), "the adjudicator's read of the requests is audited");
        Assert.That(viewed, Has.None.Contains("\"events\""), "a refused read is not");
    }

    private static IEnumerable<string?> EventActions(IEnumerable<JsonElement> events) => [.. events.Select(e => e.GetProperty("action").GetString())];

    /// <summary>Every item of a paged list, page by page; each page's total the same.</summary>
    private static async Task<List<JsonElement>> AllAsync(HttpClient client, string path, int pageSize)
    {
        var items = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var response = await client.GetAsync($"{path}?page={page}&pageSize={pageSize}");
            await CaseDriver.Expect(response, HttpStatusCode.OK);
            var body = await CaseDriver.Json(response);
            var total = body.GetProperty("total").GetInt32();
            items.AddRange(body.GetProperty("items").EnumerateArray());
            if (body.GetProperty("items").GetArrayLength() < pageSize)
            {
                Assert.That(items, Has.Count.EqualTo(total));
                return items;
            }
        }
    }
}
