using System.Globalization;
using System.Net;
using System.Net.Http.Json;
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

    /// <summary>
    /// One command that writes <paramref name="events"/> audit events in one transaction (a partner's batch
    /// reciprocity query, an event per subject), so that they are sealed into one block together.
    /// </summary>
    public static async Task EventsInOneTransactionAsync(this ApiFactory factory, int events)
    {
        var partnerId = "agency-" + Guid.NewGuid().ToString("N")[..8];
        using (var admin = factory.ClientFor("root-" + partnerId, "admin"))
        {
            await CaseDriver.Expect(
                await admin.PostAsJsonAsync("/api/v1/partners", new
                {
                    partnerId, name = "Ledger test agency", country = "DE", purposes = new[] { "employment" }, maxLevel = "Secret",
                    agreementExpiresOn = CaseDriver.Today.AddYears(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), active = true,
                }),
                HttpStatusCode.Created);
        }

        using var partner = factory.PartnerClient("pat-" + partnerId, partnerId);
        await CaseDriver.Expect(
            await partner.PostAsJsonAsync("/api/v1/reciprocity/queries/batch", new
            {
                purpose = "employment",
                subjects = Enumerable.Range(0, events).Select(i => new { correlationId = $"r{i}", nationalId = $"NI-LEDGER-{i}", familyName = "Doe", dateOfBirth = "1985-03-17" }),
            }),
            HttpStatusCode.OK);
    }

    public static async Task<int> UnsealedAsync(ApiFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ClearanceDbContext>().AuditEvents.CountAsync(e => e.Sequence == null);
    }
}
