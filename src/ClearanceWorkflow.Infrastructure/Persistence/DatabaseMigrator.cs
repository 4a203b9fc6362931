using ClearanceWorkflow.Application.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ClearanceWorkflow.Infrastructure.Persistence;

/// <summary>
/// Applies the migrations in order. On PostgreSQL a session advisory lock is held for the whole run, so
/// two nodes starting at once apply each migration once (EF's own lock is released between migrations).
/// </summary>
public sealed partial class DatabaseMigrator(DatabaseSettings settings, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            PrepareSqlite();
        }

        await using var guard = settings.Provider == DatabaseProvider.Postgres ? await PostgresMigrationLock.AcquireAsync(settings.ConnectionString, cancellationToken) : null;
        await using var db = new ClearanceDbContext(settings.Options());
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        LogMigrated(logger, settings.Provider.ToString(), pending.Count);
    }

    private sealed class PostgresMigrationLock : IAsyncDisposable
    {
        private const long Key = 0x436C4D67; // "ClMg"
        private readonly Npgsql.NpgsqlConnection _connection;

        private PostgresMigrationLock(Npgsql.NpgsqlConnection connection) => _connection = connection;

        public static async Task<PostgresMigrationLock> AcquireAsync(string connectionString, CancellationToken cancellationToken)
        {
            var connection = new Npgsql.NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new PostgresMigrationLock(connection);
        }

        public async ValueTask DisposeAsync()
        {
            await using (var command = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", _connection))
            {
                await command.ExecuteNonQueryAsync();
            }

            await _connection.DisposeAsync();
        }
    }

    private void PrepareSqlite()
    {
        var builder = new SqliteConnectionStringBuilder(settings.ConnectionString);
        if (Path.GetDirectoryName(builder.DataSource) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        using var connection = new SqliteConnection(settings.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database on {Provider} is up to date ({Applied} migrations applied now)")]
    private static partial void LogMigrated(ILogger logger, string provider, int applied);
}
