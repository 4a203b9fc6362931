using ClearanceWorkflow.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Infrastructure.Persistence;

/// <summary>
/// Counts a partner's requests in a fixed window shared by every node: one row per partner, counted up (or
/// restarted when its window has passed) by a single atomic statement, <c>INSERT ... ON CONFLICT DO UPDATE
/// ... RETURNING</c> on PostgreSQL and SQLite, <c>MERGE ... WITH (HOLDLOCK) ... OUTPUT</c> on SQL Server.
/// Concurrent requests of one partner queue on its row, so together the nodes hand out exactly the limit.
/// </summary>
public sealed class PartnerRateCounter(ClearanceDbContext db, DatabaseSettings database)
{
    /// <summary>Counts one request's <paramref name="permits"/>; returns the permits spent in the current window (this request's included) and when that window started.</summary>
    public async Task<PartnerWindowCount> CountAsync(string partnerId, long nowMs, long windowMs, int permits, CancellationToken cancellationToken)
    {
        var passed = nowMs - windowMs;
        FormattableString sql = database.Provider == DatabaseProvider.SqlServer
            ? (FormattableString)$"""
               MERGE partner_rate_windows WITH (HOLDLOCK) AS t
               USING (SELECT {partnerId} AS "PartnerId") AS s ON t."PartnerId" = s."PartnerId"
               WHEN MATCHED THEN UPDATE SET
                   "WindowStartMs" = CASE WHEN t."WindowStartMs" <= {passed} THEN {nowMs} ELSE t."WindowStartMs" END,
                   "Requests" = CASE WHEN t."WindowStartMs" <= {passed} THEN {permits} ELSE t."Requests" + {permits} END
               WHEN NOT MATCHED THEN INSERT ("PartnerId", "WindowStartMs", "Requests") VALUES ({partnerId}, {nowMs}, {permits})
               OUTPUT inserted."Requests" AS "Requests", inserted."WindowStartMs" AS "WindowStartMs";
               """
            : (FormattableString)$"""
               INSERT INTO partner_rate_windows ("PartnerId", "WindowStartMs", "Requests") VALUES ({partnerId}, {nowMs}, {permits})
               ON CONFLICT ("PartnerId") DO UPDATE SET
                   "WindowStartMs" = CASE WHEN partner_rate_windows."WindowStartMs" <= {passed} THEN excluded."WindowStartMs" ELSE partner_rate_windows."WindowStartMs" END,
                   "Requests" = CASE WHEN partner_rate_windows."WindowStartMs" <= {passed} THEN {permits} ELSE partner_rate_windows."Requests" + {permits} END
               RETURNING "Requests", "WindowStartMs"
               """;
        var rows = await db.Database.SqlQuery<PartnerWindowCount>(sql).ToListAsync(cancellationToken);
        return rows.Single();
    }
}

/// <summary>A partner's requests in its current window, and the window's start in Unix milliseconds.</summary>
public sealed class PartnerWindowCount
{
    public int Requests { get; init; }
    public long WindowStartMs { get; init; }
}
