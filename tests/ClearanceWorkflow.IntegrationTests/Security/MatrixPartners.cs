using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ClearanceWorkflow.IntegrationTests.Security.AuthorizationMatrix;

namespace ClearanceWorkflow.IntegrationTests.Security;

/// <summary>
/// The partner a row is about, under a fresh partner id per row, registered through the admin API
/// (<c>POST /api/v1/partners</c>) with the agreement the row's relation names. The reciprocity bodies in
/// authorization-bodies.json ask for purpose <see cref="Purpose"/> at level Secret; the agreements are cut
/// against that.
/// </summary>
public sealed class MatrixPartners(ApiFactory factory) : IDisposable
{
    public const string Purpose = "employment";

    private readonly HttpClient _admin = factory.ClientFor(MatrixCases.User("root"), Admin);

    /// <summary>A fresh partner id; registered unless <paramref name="relation"/> is unknown-partner.</summary>
    public async Task<string> PrepareAsync(string relation)
    {
        if (!PartnerRelations.Contains(relation))
        {
            throw new ArgumentException($"'{relation}' is not a partner relation", nameof(relation));
        }

        var partnerId = MatrixCases.User("mxp");
        if (relation == UnknownPartner)
        {
            return partnerId;
        }

        var today = CaseDriver.Today;
        var body = new
        {
            partnerId,
            name = $"Matrix agency {partnerId}",
            country = "DE",
            purposes = relation == PurposeNotAllowed ? new[] { "site-access" } : new[] { Purpose, "site-access" },
            maxLevel = relation == LevelAboveAgreement ? "Confidential" : "TopSecret",
            agreementExpiresOn = (relation == AgreementExpired ? today : today.AddYears(2)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            active = relation != AgreementInactive,
        };
        using var response = await _admin.PostAsJsonAsync("/api/v1/partners", body);
        await CaseDriver.Expect(response, HttpStatusCode.Created);

        if (relation == AgreementExpired)
        {
            // The API takes no past expiry (and the matrix runs on the real clock): the agreement registered to end
            // today is moved back a day through the aggregate, as if it had been registered earlier and run out.
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ClearanceDbContext>();
            var partner = await db.Partners.SingleAsync(p => p.PartnerId == partnerId);
            partner.UpdateAgreement(
                partner.Name, partner.Country, partner.Purposes, partner.MaxLevel, today.AddDays(-1), partner.Active,
                Clock.Truncate(TimeProvider.System.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        }

        return partnerId;
    }

    public void Dispose() => _admin.Dispose();
}
