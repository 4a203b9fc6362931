using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Support;

/// <summary>Waits for the audit ledger: runs the service's own sealer until no committed event is left unsealed.</summary>
public static class Sealing
{
    public static async Task AllSealedAsync(this ApiFactory factory)
    {
        var sealer = factory.Services.GetRequiredService<LedgerSealer>();
        await Eventually.Until(
            async () =>
            {
                await sealer.SealAsync(CancellationToken.None);
                return await UnsealedAsync(factory);
            },
            unsealed => unsealed == 0,
            "every audit event sealed",
            TimeSpan.FromSeconds(30));
    }

    public static async Task<int> UnsealedAsync(ApiFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ClearanceDbContext>().AuditEvents.CountAsync(e => e.Sequence == null);
    }
}
