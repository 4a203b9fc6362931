using ClearanceWorkflow.Application.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClearanceWorkflow.Infrastructure.Persistence;

/// <summary>
/// Two commands on one case that read the same version both append the next step of its history; the later one
/// can break the history's key before its version check fails. It is reported as the concurrent change it is
/// (<see cref="CaseHistoryConflictException"/>: 409, or 412 under <c>If-Match</c>; a job tries again).
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
        if (exception is DbUpdateException update and not DbUpdateConcurrencyException && DatabaseErrors.BrokeCaseHistoryKey(update))
        {
            throw new CaseHistoryConflictException(update);
        }
    }
}
