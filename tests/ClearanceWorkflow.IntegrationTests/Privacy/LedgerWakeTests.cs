using System.Diagnostics;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Privacy;

/// <summary>
/// The commit of an audited change wakes the sealer: with <c>Ledger__SealInterval</c> at a minute, a new event
/// is sealed within seconds, by the service's own sealer (the test never calls it).
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class LedgerWakeTests(DatabaseKind kind) : IntegrationTest(kind)
{
    protected override ApiFactory CreateFactory(TestDatabase database) => new(database, s => s["Ledger:SealInterval"] = "00:01:00");

    [Test]
    public async Task AuditedCommit_WakesTheSealer_SealedLongBeforeTheInterval()
    {
        using (var client = Factory.CreateClient())
        {
            await Readiness.ReadyAsync(client);
        }

        // The sealer's first pass at startup is over; from here on only a wake or the minute brings the next.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var before = await SealedAsync();
        using var applicant = Factory.ClientFor("alice-wake", "applicant");
        var clock = Stopwatch.StartNew();
        await new CaseDriver(Factory).ApplyAsync(applicant);

        var after = await Eventually.Until(SealedAsync, n => n > before, "the application's audit event sealed", TimeSpan.FromSeconds(20));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), $"{after - before} event(s) sealed, well within the minute");
    }

    private async Task<int> SealedAsync()
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ClearanceDbContext>().AuditEvents.CountAsync(e => e.Sequence != null);
    }
}
