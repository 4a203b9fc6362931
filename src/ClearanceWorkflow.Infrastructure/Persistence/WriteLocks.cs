using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Infrastructure.Persistence;

/// <summary>A transaction-scoped advisory lock: held until commit or rollback, on whichever node.</summary>
internal sealed class PostgresWriteLock(ClearanceDbContext db) : IWriteLock
{
    private const long Key = 0x436C5772; // "ClWr"

    public Task AcquireAsync(CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({Key})", cancellationToken);
}

/// <summary>
/// SQLite transactions begin IMMEDIATE (Microsoft.Data.Sqlite's default), which already takes the
/// database's single write lock; the service runs on one node with SQLite.
/// </summary>
internal sealed class SqliteWriteLock : IWriteLock
{
    public Task AcquireAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
