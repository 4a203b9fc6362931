using System.Globalization;
using System.Net;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Reciprocity;

/// <summary>
/// Two nodes on one server database share a partner's rate limit: together they answer exactly the limit,
/// concurrently or not. The window's row is reused when the window has passed.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.Servers))]
public sealed class ClusterRateLimitTests(DatabaseKind kind) : ReciprocityTest(kind)
{
    private const int Limit = 5;
    private readonly ShiftedClock _clock = new();
    private ApiFactory _second = null!;

    protected override ApiFactory CreateFactory(TestDatabase database) => Node(database, keys: null);

    private ApiFactory Node(TestDatabase database, TestKeys? keys) => new(
        database,
        settings => settings["RateLimiting:PartnerPermitsPerMinute"] = Limit.ToString(CultureInfo.InvariantCulture),
        services: s => s.UseClock(_clock),
        keys: keys);

    [OneTimeSetUp]
    public void StartSecondNode()
    {
        _second = Node(Database, Factory.Keys);
        _ = _second.Server;
    }

    [OneTimeTearDown]
    public async Task StopSecondNodeAsync()
    {
        if (_second is not null)
        {
            await _second.DisposeAsync();
        }
    }

    [Test]
    public async Task Queries_SpreadOverTwoNodesAtOnce_TogetherAnswerExactlyTheLimit()
    {
        var subject = NewSubject();
        var partnerId = await CreatePartnerAsync();
        using var first = Factory.PartnerClient(NewUser("pat"), partnerId);
        using var second = _second.PartnerClient(NewUser("pat"), partnerId);
        using var start = new SemaphoreSlim(0, 4 * Limit);
        var sends = Enumerable.Range(0, 4 * Limit).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await QueryAsync(i % 2 == 0 ? first : second, QueryBody(subject));
        })).ToList();
        start.Release(4 * Limit);
        var responses = await Task.WhenAll(sends);

        var codes = responses.Select(r => r.StatusCode).ToList();
        Assert.That(codes.Count(c => c == HttpStatusCode.OK), Is.EqualTo(Limit), string.Join(", ", codes.Select(c => (int)c)));
        Assert.That(codes.Count(c => c == HttpStatusCode.TooManyRequests), Is.EqualTo(3 * Limit));
        foreach (var limited in responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests))
        {
            Assert.That(limited.Headers.RetryAfter?.Delta, Is.Not.Null.And.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)));
        }

        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task Queries_AfterTheWindowHasPassed_AreAnsweredAgainOnEitherNode_InTheSameRow()
    {
        var subject = NewSubject();
        var partnerId = await CreatePartnerAsync();
        using var first = Factory.PartnerClient(NewUser("pat"), partnerId);
        using var second = _second.PartnerClient(NewUser("pat"), partnerId);
        for (var i = 0; i < Limit; i++)
        {
            await QueryOkAsync(i % 2 == 0 ? first : second, QueryBody(subject));
        }

        await CaseDriver.ExpectProblem(await QueryAsync(second, QueryBody(subject)), HttpStatusCode.TooManyRequests);
        await CaseDriver.ExpectProblem(await QueryAsync(first, QueryBody(subject)), HttpStatusCode.TooManyRequests);

        _clock.Advance(TimeSpan.FromSeconds(61));
        await QueryOkAsync(second, QueryBody(subject));
        await QueryOkAsync(first, QueryBody(subject));

        await using var scope = Factory.Services.CreateAsyncScope();
        var windows = await scope.ServiceProvider.GetRequiredService<Application.Persistence.ClearanceDbContext>()
            .PartnerRateWindows.AsNoTracking().Where(w => w.PartnerId == partnerId).ToListAsync();
        Assert.That(windows, Has.Count.EqualTo(1), "one row per partner: the old window is overwritten, not kept");
        Assert.That(windows[0].Requests, Is.EqualTo(2));
    }
}
