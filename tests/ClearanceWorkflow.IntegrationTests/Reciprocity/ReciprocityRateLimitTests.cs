using System.Net;
using System.Net.Http.Json;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Reciprocity;

/// <summary>Per-partner rate limiting (RateLimiting__PartnerPermitsPerMinute): over the limit, 429 problem details with Retry-After.</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class ReciprocityRateLimitTests(DatabaseKind kind) : ReciprocityTest(kind)
{
    private const int Limit = 3;

    protected override ApiFactory CreateFactory(TestDatabase database) =>
        new(database, settings => settings["RateLimiting:PartnerPermitsPerMinute"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Test]
    public async Task Query_OverThePartnersLimit_Returns429WithRetryAfterAndIsNotAnswered()
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject);
        var (partner, sub, _) = await NewPartnerAsync();

        for (var i = 0; i < Limit; i++)
        {
            await QueryOkAsync(partner, QueryBody(subject));
        }

        var limited = await QueryAsync(partner, QueryBody(subject));
        var batch = await partner.PostAsync("/api/v1/reciprocity/queries/batch", JsonContent.Create(new { purpose = Purpose, subjects = new[] { new { correlationId = "1", nationalId = subject.NationalId, familyName = subject.FamilyName, dateOfBirth = subject.Dob } } }));

        var problem = await CaseDriver.ExpectProblem(limited, HttpStatusCode.TooManyRequests);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("rate limit"));
        Assert.That(limited.Headers.RetryAfter?.Delta, Is.Not.Null, "Retry-After in seconds");
        Assert.That(limited.Headers.RetryAfter!.Delta!.Value, Is.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)));
        await CaseDriver.ExpectProblem(batch, HttpStatusCode.TooManyRequests);
        var events = await ReciprocityEventsAsync(sub);
        Assert.That(events.Select(e => e.Action), Is.EqualTo(Enumerable.Repeat("reciprocity.query", Limit).Append("reciprocity.rejected")),
            "rejected requests never reach the query; the window's first refusal is audited, the next is not");
        var rejected = Detail(events[^1]);
        Assert.That(rejected.GetProperty("status").GetInt32(), Is.EqualTo(429));
        Assert.That(rejected.GetProperty("refusedUntil").GetDateTime(), Is.GreaterThan(events[^1].At));
        partner.Dispose();
    }

    /// <summary>A batch spends a permit per subject: a partner cannot try more names or dates of birth a minute by batching them.</summary>
    [Test]
    public async Task Batch_SpendsAPermitPerSubject()
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject);
        var (partner, sub, _) = await NewPartnerAsync();
        var guesses = Enumerable.Range(0, Limit).Select(i => new { correlationId = $"{i}", nationalId = subject.NationalId, familyName = subject.FamilyName, dateOfBirth = $"1990-01-0{i + 1}" }).ToArray();

        var batch = await partner.PostAsync("/api/v1/reciprocity/queries/batch", JsonContent.Create(new { purpose = Purpose, subjects = guesses }));
        var after = await QueryAsync(partner, QueryBody(subject));

        await CaseDriver.Expect(batch, HttpStatusCode.OK);
        await CaseDriver.ExpectProblem(after, HttpStatusCode.TooManyRequests);
        var events = await ReciprocityEventsAsync(sub);
        Assert.That(events.Select(e => e.Action), Is.EqualTo(Enumerable.Repeat("reciprocity.query", Limit).Append("reciprocity.rejected")), "each subject of the batch is audited, then the refusal");
        partner.Dispose();
    }

    [Test]
    public async Task Query_AnotherPartnerAtItsLimit_ThisPartnerIsStillAnswered()
    {
        var subject = NewSubject();
        var (busy, _, _) = await NewPartnerAsync();
        var (quiet, _, _) = await NewPartnerAsync();
        for (var i = 0; i < Limit; i++)
        {
            await QueryOkAsync(busy, QueryBody(subject));
        }

        await CaseDriver.ExpectProblem(await QueryAsync(busy, QueryBody(subject)), HttpStatusCode.TooManyRequests);

        await QueryOkAsync(quiet, QueryBody(subject));
        busy.Dispose();
        quiet.Dispose();
    }

    [Test]
    public async Task Query_SamePartnerTwoUsers_ShareOneLimit()
    {
        var subject = NewSubject();
        var partnerId = await CreatePartnerAsync();
        using var first = PartnerClient(partnerId);
        using var second = PartnerClient(partnerId);
        for (var i = 0; i < Limit; i++)
        {
            await QueryOkAsync(i % 2 == 0 ? first : second, QueryBody(subject));
        }

        await CaseDriver.ExpectProblem(await QueryAsync(second, QueryBody(subject)), HttpStatusCode.TooManyRequests);
    }

    [Test]
    public async Task OtherEndpoints_ManyRequests_NotRateLimited()
    {
        for (var i = 0; i < Limit * 3; i++)
        {
            await CaseDriver.Expect(await Admin.GetAsync("/api/v1/partners"), HttpStatusCode.OK);
        }
    }
}
