using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Background;

/// <summary>The provider is down (a loopback port where nothing listens): the checks end Unable after the retry policy, and the case moves on.</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class ProviderDownTests(DatabaseKind kind) : BackgroundTest(kind)
{
    protected override ApiFactory CreateFactory(TestDatabase database) =>
        new(database, settings => AutomatedChecks(settings, LoopbackServer.NothingListening()));

    [Test]
    public async Task Provider_Down_ChecksEndUnableAfterTheRetryPolicyAndTheCaseReachesReview()
    {
        var id = await SubmitAsync(Family("Down"));

        var inReview = await WaitForStageAsync(id, "review", TimeSpan.FromSeconds(60));

        var checks = await ChecksAsync(id);
        Assert.That(checks.Keys, Is.EquivalentTo(Tier3Kinds));
        foreach (var (kind, check) in checks)
        {
            Assert.Multiple(() =>
            {
                Assert.That(StatusOf(check), Is.EqualTo("Unable"), kind);
                // Verification:JobRetries=2: the first run and two persisted retries.
                Assert.That(check.GetProperty("attempts").GetInt32(), Is.EqualTo(3), kind);
                Assert.That(check.GetProperty("summary").GetString(), Does.Contain("investigation gap").And.Contain("after 3 attempts"), kind);
                Assert.That(check.GetProperty("summary").GetString(), Does.Contain("could not be reached").Or.Contain("circuit is open"), kind);
            });
        }

        var visit = Visit(inReview, "background-check");
        Assert.That(visit.GetProperty("action").GetString(), Is.EqualTo("complete-investigation"));
        Assert.That(visit.GetProperty("actor").GetString(), Is.EqualTo("system"));
        Assert.That(await CheckResultEventsAsync(id), Is.EquivalentTo(Tier3Kinds.ToDictionary(k => k, _ => 1)));
        Assert.That(await CheckAttemptEventsAsync(id), Is.EquivalentTo(Tier3Kinds.ToDictionary(k => k, _ => new[] { 1, 2, 3 })), "each attempt sent the subject's data, and is audited");
    }
}
