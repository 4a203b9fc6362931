using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using System.Data;
using Microsoft.Data.SqlClient;
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
/// An exclusive application lock owned by the transaction: released at commit or rollback, on whichever
/// node. <c>sp_getapplock</c> reports failure (timeout, deadlock victim) as a negative return code, not an error.
/// </summary>
internal sealed class SqlServerWriteLock(ClearanceDbContext db) : IWriteLock
{
    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        var result = new SqlParameter("@result", SqlDbType.Int) { Direction = ParameterDirection.Output };
        await db.Database.ExecuteSqlRawAsync(
            "EXEC @result = sp_getapplock @Resource = N'clearance-write', @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = -1",
            [result],
            cancellationToken);
        if (result.Value is not int code || code < 0)
        {
            throw new InvalidOperationException($"sp_getapplock did not grant the write lock (returned {result.Value}).");
        }
    }
}

/// <summary>
/// SQLite transactions begin IMMEDIATE (Microsoft.Data.Sqlite's default), which already takes the
/// database's single write lock; the service runs on one node with SQLite.
/// </summary>
internal sealed class SqliteWriteLock : IWriteLock
{
    public Task AcquireAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
