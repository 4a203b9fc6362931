using ClearanceWorkflow.Infrastructure.Verification;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Background;

/// <summary>
/// The embedded default: automated checks on and no <c>Verification:BaseUrl</c>, so the built-in simulated
/// provider answers, by the family-name prefixes documented in docs/verification-providers.md. Nothing
/// else is configured: default timeouts, retries and scheduler intervals.
/// </summary>
[TestFixture(DatabaseKind.Sqlite)]
public sealed class SimulatedProviderTests(DatabaseKind kind) : BackgroundTest(kind)
{
    protected override ApiFactory CreateFactory(TestDatabase database) =>
        new(database, settings => settings["Verification:Automated"] = "true");

    [Test]
    public async Task Submit_OrdinarySubject_ReachesReviewByItselfWithEveryCheckClear()
    {
        var id = await SubmitAsync("Smith");

        var inReview = await WaitForStageAsync(id, "review");

        var checks = await ChecksAsync(id);
        Assert.That(checks.Keys, Is.EquivalentTo(Tier3Kinds));
        Assert.That(checks.Values.Select(StatusOf), Is.All.EqualTo("Clear"));
        Assert.That(checks.Values.Select(c => c.GetProperty("summary").GetString()), Is.All.StartWith("simulated"));
        Assert.That(Visit(inReview, "background-check").GetProperty("actor").GetString(), Is.EqualTo("system"));
    }

    [Test]
    public async Task Submit_TopSecretSubject_AllNineTier5ChecksClear()
    {
        var id = await SubmitAsync("Jones", "TopSecret");

        await WaitForStageAsync(id, "review");

        var checks = await ChecksAsync(id);
        Assert.That(checks, Has.Count.EqualTo(9));
        Assert.That(checks.Values.Select(StatusOf), Is.All.EqualTo("Clear"));
    }

    [Test]
    public async Task Submit_FlagPrefix_CriminalFlaggedOthersClear()
    {
        var id = await SubmitAsync("Flag-Smith");

        await WaitForStageAsync(id, "review");

        var checks = await ChecksAsync(id);
        Assert.That(StatusOf(checks["criminal"]), Is.EqualTo("Flagged"));
        Assert.That(checks.Where(c => c.Key != "criminal").Select(c => StatusOf(c.Value)), Is.All.EqualTo("Clear"));
    }

    [Test]
    public async Task Submit_UnablePrefix_IdentityUnableOthersClear()
    {
        var id = await SubmitAsync("Unable-Smith");

        await WaitForStageAsync(id, "review");

        var checks = await ChecksAsync(id);
        Assert.That(StatusOf(checks["identity"]), Is.EqualTo("Unable"));
        Assert.That(checks.Where(c => c.Key != "identity").Select(c => StatusOf(c.Value)), Is.All.EqualTo("Clear"));
    }

    [Test]
    public async Task Submit_FlakyPrefix_FirstCallFailsAndTheRetryClears()
    {
        var id = await SubmitAsync("Flaky-Smith");

        await WaitForStageAsync(id, "review");

        var checks = await ChecksAsync(id);
        var provider = Factory.Services.GetRequiredService<SimulatedVerificationProvider>();
        Assert.That(checks.Values.Select(StatusOf), Is.All.EqualTo("Clear"));
        Assert.That(checks.Keys.Select(kind => provider.CallsWith($"{id}:{kind}")), Is.All.EqualTo(2), "a refused call, then the retry that answered");
        Assert.That(checks.Values.Select(c => c.GetProperty("attempts").GetInt32()), Is.All.EqualTo(1), "retried inside the first run");
    }

    [Test]
    public async Task Submit_SlowPrefix_AnswersLateButWithinTheTimeoutAndClears()
    {
        var id = await SubmitAsync("Slow-Smith");

        await WaitForStageAsync(id, "review");

        var checks = await ChecksAsync(id);
        var started = (await AuditAsync(id)).Where(e => ActionOf(e) == "check.started")
            .GroupBy(e => DetailOf(e).GetProperty("kind").GetString()!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(e => e.GetProperty("at").GetDateTime()), StringComparer.Ordinal);
        var delay = Factory.Services.GetRequiredService<SimulatedVerificationProvider>().SlowDelay;
        Assert.That(checks.Values.Select(StatusOf), Is.All.EqualTo("Clear"));
        Assert.That(checks.Select(c => c.Value.GetProperty("completedAt").GetDateTime() - started[c.Key]), Is.All.GreaterThanOrEqualTo(delay - TimeSpan.FromMilliseconds(50)), "each answer came after the provider's delay (a timer may fire a little early)");
    }
}

/// <summary>The simulated provider's outage identity (<c>Down-</c>), with the scheduler's retries shortened so the test does not wait out the default backoff.</summary>
[TestFixture(DatabaseKind.Sqlite)]
public sealed class SimulatedProviderOutageTests(DatabaseKind kind) : BackgroundTest(kind)
{
    protected override ApiFactory CreateFactory(TestDatabase database) =>
        new(database, settings =>
        {
            settings["Verification:Automated"] = "true";
            settings["Verification:RetryDelay"] = "00:00:00.05";
            settings["Verification:JobRetries"] = "2";
            settings["Verification:JobRetryDelay"] = "00:00:01";
            settings["Verification:JobRetryMaxDelay"] = "00:00:02";
        });

    [Test]
    public async Task Submit_DownPrefix_ChecksEndUnableAndTheCaseStillReachesReview()
    {
        var id = await SubmitAsync("Down-Smith");

        var inReview = await WaitForStageAsync(id, "review", TimeSpan.FromSeconds(60));

        var checks = await ChecksAsync(id);
        Assert.That(checks.Values.Select(StatusOf), Is.All.EqualTo("Unable"));
        Assert.That(checks.Values.Select(c => c.GetProperty("attempts").GetInt32()), Is.All.EqualTo(3));
        Assert.That(checks.Values.Select(c => c.GetProperty("summary").GetString()), Is.All.Contain("investigation gap"));
        Assert.That(Visit(inReview, "background-check").GetProperty("actor").GetString(), Is.EqualTo("system"));
    }
}
