using System.Net;
using System.Text.Json;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>GET /api/v1/adjudication/queue: cases awaiting adjudication, oldest first, paged and filtered.</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class AdjudicationQueueTests(DatabaseKind kind) : LifecycleTest(kind)
{
    private static Guid[] Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];

    /// <summary>Three cases submitted one after the other and then claimed in reverse order by a new adjudicator.</summary>
    private async Task<Guid[]> ThreeClaimedCasesAsync(HttpClient adjudicator)
    {
        var ids = new Guid[3];
        for (var i = 0; i < ids.Length; i++)
        {
            using var applicant = NewApplicant();
            ids[i] = await Driver.SubmittedCaseAsync(applicant);
        }

        foreach (var id in ids)
        {
            await Driver.CompleteChecksAsync(Investigator, id);
        }

        foreach (var id in ids.Reverse())
        {
            await Driver.ActOkAsync(adjudicator, id, "claim");
        }

        return ids;
    }

    [Test]
    public async Task Queue_AssignedToMe_OnlyTheCallersCasesOldestSubmissionFirst()
    {
        using var adjudicator = Staff("quinn", out _, AdjudicatorRole);
        var ids = await ThreeClaimedCasesAsync(adjudicator);
        using var alice = NewApplicant();
        await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);

        var page = await Driver.GetJsonAsync(adjudicator, "/api/v1/adjudication/queue?assignedTo=me");

        Assert.That(Ids(page), Is.EqualTo(ids));
        Assert.That(page.GetProperty("total").GetInt32(), Is.EqualTo(3));
        var first = page.GetProperty("items")[0];
        Assert.That(first.GetProperty("stage").GetString(), Is.EqualTo("review"));
        Assert.That(first.GetProperty("reference").GetString(), Does.StartWith("CW-"));
    }

    [Test]
    public async Task Queue_PageSizeTwo_PagesThroughWithTheTotal()
    {
        using var adjudicator = Staff("quinn", out _, AdjudicatorRole);
        var ids = await ThreeClaimedCasesAsync(adjudicator);

        var first = await Driver.GetJsonAsync(adjudicator, "/api/v1/adjudication/queue?assignedTo=me&page=1&pageSize=2");
        var second = await Driver.GetJsonAsync(adjudicator, "/api/v1/adjudication/queue?assignedTo=me&page=2&pageSize=2");
        var third = await Driver.GetJsonAsync(adjudicator, "/api/v1/adjudication/queue?assignedTo=me&page=3&pageSize=2");

        Assert.That(Ids(first), Is.EqualTo(ids[..2]));
        Assert.That(Ids(second), Is.EqualTo(ids[2..]));
        Assert.That(Ids(third), Is.Empty);
        Assert.That(new[] { first, second, third }.Select(p => p.GetProperty("total").GetInt32()), Is.All.EqualTo(3));
    }

    [Test]
    public async Task Queue_StageReview_LeavesOutCasesInOtherStages()
    {
        using var adjudicator = Staff("quinn", out _, AdjudicatorRole);
        var ids = await ThreeClaimedCasesAsync(adjudicator);
        await Driver.ActOkAsync(adjudicator, ids[1], "refer-to-decision");

        var review = await Driver.GetJsonAsync(adjudicator, "/api/v1/adjudication/queue?assignedTo=me&stage=review");
        var decision = await Driver.GetJsonAsync(adjudicator, "/api/v1/adjudication/queue?assignedTo=me&stage=decision");
        var all = await Driver.GetJsonAsync(adjudicator, "/api/v1/adjudication/queue?assignedTo=me");

        Assert.That(Ids(review), Is.EqualTo(new[] { ids[0], ids[2] }));
        Assert.That(review.GetProperty("total").GetInt32(), Is.EqualTo(2));
        Assert.That(Ids(decision), Is.EqualTo(new[] { ids[1] }));
        Assert.That(Ids(all), Is.EqualTo(ids));
    }

    [Test]
    public async Task Queue_ClosedAndBackgroundCheckCases_AreNotListed()
    {
        using var adjudicator = Staff("quinn", out _, AdjudicatorRole);
        var ids = await ThreeClaimedCasesAsync(adjudicator);
        await Driver.ActOkAsync(adjudicator, ids[0], "refer-to-decision");
        await Driver.ActOkAsync(adjudicator, ids[0], "grant", CaseDriver.GrantBody());
        using var bob = NewApplicant();
        var inBackgroundCheck = await Driver.SubmittedCaseAsync(bob);

        var mine = await Driver.GetJsonAsync(adjudicator, "/api/v1/adjudication/queue?assignedTo=me");
        var everyone = await Driver.GetJsonAsync(adjudicator, "/api/v1/adjudication/queue?pageSize=200");

        Assert.That(Ids(mine), Is.EqualTo(ids[1..]));
        Assert.That(Ids(everyone), Does.Not.Contain(ids[0]).And.Not.Contain(inBackgroundCheck));
    }

    [Test]
    public async Task Queue_Unfiltered_OldestFirstAcrossAdjudicatorsAndUnassigned()
    {
        using var adjudicator = Staff("quinn", out _, AdjudicatorRole);
        var ids = await ThreeClaimedCasesAsync(adjudicator);
        using var bob = NewApplicant();
        var unclaimed = await Driver.SubmittedCaseAsync(bob);
        await Driver.CompleteChecksAsync(Investigator, unclaimed);

        var page = await Driver.GetJsonAsync(Adjudicator, "/api/v1/adjudication/queue?pageSize=200");
        var none = await Driver.GetJsonAsync(Adjudicator, "/api/v1/adjudication/queue?assignedTo=none&pageSize=200");

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items, Has.Count.EqualTo(page.GetProperty("total").GetInt32()));
        var order = items.Select(i => i.GetProperty("submittedAt").GetDateTime()).ToList();
        Assert.That(order, Is.Ordered);
        var listed = Ids(page);
        Assert.That(Array.IndexOf(listed, ids[0]), Is.LessThan(Array.IndexOf(listed, ids[2])));
        Assert.That(Array.IndexOf(listed, ids[2]), Is.LessThan(Array.IndexOf(listed, unclaimed)));
        Assert.That(Ids(none), Does.Contain(unclaimed).And.Not.Contain(ids[0]));
    }

    [TestCase("closed")]
    [TestCase("application")]
    [TestCase("nowhere")]
    public async Task Queue_StageNotAwaitingAdjudication_Returns400(string stage)
    {
        var problem = await CaseDriver.ExpectProblem(await Adjudicator.GetAsync($"/api/v1/adjudication/queue?stage={stage}"), HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("errors").TryGetProperty("stage", out _), Is.True, problem.ToString());
    }

    [TestCase("page=0")]
    [TestCase("pageSize=0")]
    [TestCase("pageSize=201")]
    public async Task Queue_PagingOutOfRange_Returns400(string query)
    {
        await CaseDriver.ExpectProblem(await Adjudicator.GetAsync($"/api/v1/adjudication/queue?{query}"), HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Queue_ApplicantOrInvestigator_Returns403()
    {
        using var alice = NewApplicant();

        await CaseDriver.ExpectProblem(await alice.GetAsync("/api/v1/adjudication/queue"), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await Investigator.GetAsync("/api/v1/adjudication/queue"), HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Queue_AnAdjudicatorWhoIsTheSubject_DoesNotSeeTheirOwnCaseNorWhoHasIt()
    {
        using var holder = Staff("hal", out _, ApplicantRole, AdjudicatorRole);
        var own = await Driver.CaseInReviewAsync(holder, Investigator, Adjudicator);
        using var other = NewApplicant();
        var theirs = await Driver.CaseInReviewAsync(other, Investigator, Adjudicator);

        var ids = (await Driver.GetJsonAsync(holder, "/api/v1/adjudication/queue?pageSize=200")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("id").GetGuid()).ToList();
        var assigned = (await Driver.GetJsonAsync(holder, $"/api/v1/adjudication/queue?pageSize=200&assignedTo={AdjudicatorId}")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("id").GetGuid()).ToList();

        Assert.That(ids, Does.Not.Contain(own).And.Contain(theirs));
        Assert.That(assigned, Does.Not.Contain(own).And.Contain(theirs));
    }
}
