using ClearanceWorkflow.Infrastructure.Audit;
using Microsoft.Extensions.Configuration;

namespace ClearanceWorkflow.UnitTests.Audit;

public sealed class LedgerSettingsTests
{
    [Test]
    public void From_Nothing_SealsEvery200MsAndGathersCommitsFor50Ms()
    {
        var settings = LedgerSettings.From(Configuration([]));
        Assert.That((settings.SealInterval, settings.BatchWindow), Is.EqualTo((TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(50))));
    }

    [TestCase("00:00:00.2")]
    [TestCase("00:00:01")]
    [TestCase("-00:00:00.001")]
    public void From_BatchWindowNotShorterThanTheIntervalOrNegative_RefusedNamingIt(string window)
    {
        var error = Assert.Throws<InvalidOperationException>(() => LedgerSettings.From(Configuration(new() { ["Ledger:BatchWindow"] = window })));
        Assert.That(error!.Message, Does.Contain("Ledger__BatchWindow"));
    }

    [Test]
    public void From_BatchWindowZero_Accepted() =>
        Assert.That(LedgerSettings.From(Configuration(new() { ["Ledger:BatchWindow"] = "00:00:00" })).BatchWindow, Is.EqualTo(TimeSpan.Zero));

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
