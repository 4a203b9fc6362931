namespace ClearanceWorkflow.Application.Common;

/// <summary>
/// Serializes write transactions across every node: a PostgreSQL transaction-scoped advisory lock, a
/// SQL Server transaction-owned application lock, or SQLite's own write lock (BEGIN IMMEDIATE). Taken
/// at the start of each command's transaction, so the audit chain has one order and sequence numbers
/// cannot collide.
/// </summary>
public interface IWriteLock
{
    Task AcquireAsync(CancellationToken cancellationToken);
}
