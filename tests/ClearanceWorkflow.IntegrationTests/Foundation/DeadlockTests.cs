using System.Data.Common;
using ClearanceWorkflow.Api.Hosting;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

/// <summary>
/// A deadlock's victim rolled back and may retry: the server's own error is answered 503, not 500. A named lock
/// (<see cref="ClearanceDbContext.LockAsync"/>) held elsewhere is waited for; on SQL Server only so long, then 503.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.Servers))]
public sealed class DeadlockTests(DatabaseKind kind)
{
    [Test]
    public async Task Deadlock_TheVictimsError_IsAnswered503()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var first = await OpenAsync(database);
        await using var second = await OpenAsync(database);
        await ExecuteAsync(first, null, "CREATE TABLE rows_t (id int PRIMARY KEY, v int)");
        await ExecuteAsync(first, null, "INSERT INTO rows_t (id, v) VALUES (1, 0), (2, 0)");

        // Each transaction holds one row and then asks for the other's.
        await using var a = await first.BeginTransactionAsync();
        await using var b = await second.BeginTransactionAsync();
        await ExecuteAsync(first, a, "UPDATE rows_t SET v = 1 WHERE id = 1");
        await ExecuteAsync(second, b, "UPDATE rows_t SET v = 2 WHERE id = 2");
        var crossed = new[] { ExecuteAsync(first, a, "UPDATE rows_t SET v = 1 WHERE id = 2"), ExecuteAsync(second, b, "UPDATE rows_t SET v = 2 WHERE id = 1") };
        var victims = new List<Exception>();
        foreach (var statement in crossed)
        {
            try
            {
                await statement.WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (DbException e)
            {
                victims.Add(e);
            }
        }

        Assert.That(victims, Has.Count.EqualTo(1), "the server breaks the deadlock by failing one transaction");
        Assert.That(ProblemExceptionHandler.Map(victims[0]).Status, Is.EqualTo(503), victims[0].Message);
        Assert.That(ProblemExceptionHandler.Map(new Microsoft.EntityFrameworkCore.DbUpdateException("save failed", victims[0])).Status, Is.EqualTo(503));
    }

    [Test]
    public async Task NamedLock_HeldByAnotherTransaction_IsWaitedFor_AndOnSqlServerRefusedAsBusyAfterItsTimeout()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var holder = Context(database);
        await using var waiter = Context(database);
        await using var held = await holder.Database.BeginTransactionAsync();
        await holder.LockSubjectAsync("subject-1", CancellationToken.None);
        await using var waiting = await waiter.Database.BeginTransactionAsync();
        var wait = waiter.LockSubjectAsync("subject-1", CancellationToken.None);

        if (kind == DatabaseKind.SqlServer)
        {
            // sp_getapplock only returns a code when not granted; the lock raises an error rather than going on without it.
            var refused = Assert.ThrowsAsync<SqlException>(() => wait.WaitAsync(TimeSpan.FromMilliseconds(ClearanceDbContext.SqlServerLockTimeoutMs * 2)));
            Assert.That(refused!.Number, Is.EqualTo(ClearanceDbContext.SqlServerLockTimeoutError));
            Assert.That(ProblemExceptionHandler.Map(refused).Status, Is.EqualTo(503));
            return;
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.That(wait.IsCompleted, Is.False, "waits while the other transaction holds it");
        await held.CommitAsync();
        await wait.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static ClearanceDbContext Context(TestDatabase database)
    {
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<ClearanceDbContext>();
        _ = database.Kind == DatabaseKind.SqlServer ? options.UseSqlServer(database.ConnectionString) : options.UseNpgsql(database.ConnectionString);
        return new ClearanceDbContext(options.Options);
    }

    private static async Task<DbConnection> OpenAsync(TestDatabase database)
    {
        DbConnection connection = database.Kind == DatabaseKind.SqlServer ? new SqlConnection(database.ConnectionString) : new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
