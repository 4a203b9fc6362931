using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ClearanceWorkflow.IntegrationTests.Background;

/// <summary>
/// The provider client's resilience pipeline waits on the service's TimeProvider, not on the wall clock:
/// under a frozen clock a Retry-After wait ends only when the test moves the clock.
/// </summary>
[TestFixture(DatabaseKind.Sqlite)]
public sealed class ProviderClockTests(DatabaseKind kind) : BackgroundTest(kind)
{
    private readonly FakeTimeProvider _clock = new(TimeProvider.System.GetUtcNow());
    protected override ApiFactory CreateFactory(TestDatabase database)
    {
        return new ApiFactory(
            database,
            settings =>
            {
                AutomatedChecks(settings, Provider.BaseUrl);
                // Longer than the test moves the clock, so no attempt times out under it.
                settings["Verification:AttemptTimeout"] = "01:00:00";
            },
            services => services.UseClock(_clock));
    }

    [Test]
    public async Task Provider_Answers429WithRetryAfter_RetriedWhenTheServiceClockReachesItNotTheWallClock()
    {
        var family = Family("Later");
        Provider.Respond = call => call.FamilyName == family && call.KeyAttempt == 1
            ? ProviderReply.Failure(429, retryAfter: "20")
            : ProviderReply.Clear();
        var id = await SubmitAsync(family);

        // The frozen clock holds the scheduler's repeating dispatch too: one second at a time until every check has asked once.
        await Eventually.Until(() => { _clock.Advance(TimeSpan.FromSeconds(1)); return Provider.CallsFor(id).Count >= Tier3Kinds.Length; }, "a first call per check");
        // Twenty seconds of the service's clock, in less than half that of the wall clock's.
        await Eventually.Until(
            () => { _clock.Advance(TimeSpan.FromSeconds(20)); return Provider.CallsFor(id).Count == 2 * Tier3Kinds.Length; },
            "the retries after Retry-After: 20",
            TimeSpan.FromSeconds(10));

        await Eventually.Until(() => { _clock.Advance(TimeSpan.FromSeconds(1)); return ChecksAsync(id); }, checks => checks.Values.All(c => StatusOf(c) == "Clear"), "every check Clear");
        Assert.That(Provider.CallsFor(id).GroupBy(c => c.IdempotencyKey).Select(g => g.Count()), Is.All.EqualTo(2));
    }
}
