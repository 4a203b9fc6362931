using ClearanceWorkflow.Application.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ClearanceWorkflow.Infrastructure.Persistence;

/// <summary>
/// Applies the migrations in order. EF Core takes a database-wide lock while it migrates, so two nodes
/// starting at once against one PostgreSQL apply each migration once.
/// </summary>
public sealed partial class DatabaseMigrator(DatabaseSettings settings, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            PrepareSqlite();
        }

        await using var db = new ClearanceDbContext(settings.Options());
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        LogMigrated(logger, settings.Provider.ToString(), pending.Count);
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
