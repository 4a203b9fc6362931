using ClearanceWorkflow.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClearanceWorkflow.Infrastructure.Persistence;

/// <summary>
/// Two commands on one case that read the same version both append the next step of its history; the later one
/// can break the history's <c>(CaseId, Sequence)</c> key before its version check fails. Either way a concurrent
/// change to the case won, and it is reported as one (409, or 412 under <c>If-Match</c>; a job tries again).
/// </summary>
public sealed class CaseHistoryConflicts : SaveChangesInterceptor
{
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Rethrow(eventData.Exception);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Rethrow(eventData.Exception);
        return Task.CompletedTask;
    }

    private static void Rethrow(Exception exception)
    {
        if (exception is DbUpdateException update and not DbUpdateConcurrencyException
            && DatabaseErrors.IsUniqueViolation(update)
            && update.Entries.Any(e => e.Entity is CaseEvent && e.State == EntityState.Added))
        {
            throw new DbUpdateConcurrencyException("a concurrent change to the case appended the same step of its history", update);
        }
    }
}
