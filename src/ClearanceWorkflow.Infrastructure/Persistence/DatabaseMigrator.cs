using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using ClearanceWorkflow.Application.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace ClearanceWorkflow.Infrastructure.Persistence;

/// <summary>
/// Applies the provider's generated migrations in order. On PostgreSQL (advisory lock) and SQL Server
/// (<c>sp_getapplock</c>) a session lock is held for the whole run, so two nodes starting at once apply
/// each migration once (EF's own lock is released between migrations). A database built by release 1,
/// whose history lists that release's hand-written migrations, is adopted first: once its columns are
/// checked against the baseline, those entries are replaced by the baseline's, and nothing else changes.
/// On SQLite, where EF applies a migration that rebuilds a table in several transactions, the database is copied
/// before pending migrations run (<c>clearance.db.migrating</c>); a run that fails is undone from that copy at once, one
/// that died midway at the next start (only onto the database the copy was taken of), and EF's migration lock left by the
/// dead process is cleared. The caller holds the data
/// folder's lock (<see cref="DataFolderLock"/>), so no other process can be migrating, and the run holds its maintenance
/// lock, so no <c>rekey</c> writes beside it.
/// </summary>
public sealed partial class DatabaseMigrator(DatabaseSettings settings, ILogger<DatabaseMigrator> logger)
{
    /// <summary>The hand-written migrations of release 1, whose schema the generated baseline creates.</summary>
    public static readonly IReadOnlyList<string> ReleaseOneMigrations =
    [
        "20261123000000_InitialSchema",
        "20261123010000_TimersRemindersOutbox",
        "20261124000000_PartnersAndAgreements",
    ];

    /// <summary>
    /// SQLite migrations in this process take turns: the data folder's lock keeps other processes out, and clearing a
    /// stale EF lock row (<see cref="PrepareSqlite"/>) must never clear the row of a migration running beside it.
    /// </summary>
    private static readonly SemaphoreSlim SqliteTurn = new(1, 1);

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (settings.Provider != DatabaseProvider.Sqlite)
        {
            await MigrateCoreAsync(sqlite: false, cancellationToken);
            return;
        }

        await SqliteTurn.WaitAsync(cancellationToken);
        try
        {
            using var maintenance = DataFolderLock.AcquireMaintenance(settings);
            await MigrateCoreAsync(sqlite: true, cancellationToken);
        }
        finally
        {
            SqliteTurn.Release();
        }
    }

    private async Task MigrateCoreAsync(bool sqlite, CancellationToken cancellationToken)
    {
        if (sqlite)
        {
            RestoreInterruptedSqlite();
            PrepareSqlite();
        }

        string? backup = null;
        var applied = 0;
        try
        {
            await using var guard = await SessionLock.AcquireAsync(settings, cancellationToken);
            await using var db = new ClearanceDbContext(settings.Options());
            await AdoptReleaseOneAsync(db, cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            applied = pending.Count;
            backup = sqlite && pending.Count > 0 ? await BackUpSqliteAsync(db, cancellationToken) : null;
            await db.Database.MigrateAsync(cancellationToken);
        }
        catch when (backup is not null)
        {
            // A migration that failed, not one killed midway: its copy goes back now, so a copy found at a later start
            // can only be a killed run's, of the database it was taken of.
            Restore(SqliteFile, backup);
            LogRolledBack(logger, SqliteFile);
            throw;
        }

        if (backup is not null)
        {
            File.Delete(backup);
        }

        LogMigrated(logger, settings.Provider.ToString(), applied);
    }

    private string SqliteFile => Path.GetFullPath(new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource);

    /// <summary>A consistent copy of an existing database (<c>VACUUM INTO</c>, then an atomic rename), kept until the migrations are done.</summary>
    private async Task<string?> BackUpSqliteAsync(ClearanceDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.GetService<IHistoryRepository>().ExistsAsync(cancellationToken))
        {
            return null; // A new database: nothing to keep.
        }

        var backup = SqliteFile + ".migrating";
        var partial = backup + ".tmp";
        File.Delete(partial);
        // The database and its copy share a mark of this run, so that the copy only ever replaces the database it was
        // taken of, never one put in its place since (an operator's own backup, restored after a failed upgrade).
        var mark = "PRAGMA user_version = " + RandomNumberGenerator.GetInt32(1, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        await db.Database.ExecuteSqlRawAsync(mark, cancellationToken);
        await db.Database.ExecuteSqlAsync($"VACUUM INTO {partial}", cancellationToken);
        File.Move(partial, backup, overwrite: true);
        return backup;
    }

    /// <summary>
    /// Undoes a migration run that died midway: its copy replaces the half-migrated database (WAL and shared memory
    /// first, so that neither is replayed onto the copy), and EF's migration lock goes with the half-migrated file.
    /// </summary>
    private void RestoreInterruptedSqlite()
    {
        var file = SqliteFile;
        var backup = file + ".migrating";
        File.Delete(backup + ".tmp");
        if (!File.Exists(backup))
        {
            return;
        }

        if (File.Exists(file) && MarkOf(file) is { } live && live != MarkOf(backup))
        {
            // Not the database the copy was taken of: it stays, and the copy is kept aside for the operator.
            var aside = $"{backup}.unused-{Guid.NewGuid():N}";
            File.Move(backup, aside);
            LogCopyKeptAside(logger, file, aside);
            return;
        }

        Restore(file, backup);
        LogRestored(logger, file);
    }

    /// <summary>The copy replaces the database: WAL and shared memory go first, so that neither is replayed onto it.</summary>
    private static void Restore(string file, string backup)
    {
        SqliteConnection.ClearAllPools();
        foreach (var companion in new[] { "-wal", "-shm", "-journal" })
        {
            File.Delete(file + companion);
        }

        File.Move(backup, file, overwrite: true);
    }

    /// <summary>A database file's <c>user_version</c>; null when it cannot be read (a half-written file is the copy's to replace).</summary>
    private static long? MarkOf(string path)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version";
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return null;
        }
    }

    /// <summary>
    /// Replaces release 1's history entries by the baseline's when the history holds exactly those; refuses
    /// any other history that names migrations this version does not have.
    /// </summary>
    private async Task AdoptReleaseOneAsync(ClearanceDbContext db, CancellationToken cancellationToken)
    {
        var history = db.GetService<IHistoryRepository>();
        var known = db.Database.GetMigrations().ToList();
        if (!await history.ExistsAsync(cancellationToken))
        {
            return;
        }

        // SQLite has no session lock of ours: EF's own migration lock keeps a second process out of the rewrite.
        await using var sqliteLock = settings.Provider == DatabaseProvider.Sqlite ? await history.AcquireDatabaseLockAsync(cancellationToken) : null;
        var applied = (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(r => r.MigrationId).ToList();
        var unknown = applied.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        if (!applied.Order(StringComparer.Ordinal).SequenceEqual(ReleaseOneMigrations, StringComparer.Ordinal)
            || settings.Provider is not (DatabaseProvider.Sqlite or DatabaseProvider.Postgres))
        {
            throw new InvalidOperationException(
                $"The database's migration history names migrations this version does not have ({string.Join(", ", unknown)}). " +
                $"Only a fresh database or one built by release 1 (history exactly {string.Join(", ", ReleaseOneMigrations)}) can be migrated; the database was not changed.");
        }

        await VerifyReleaseOneColumnsAsync(db, known[0], cancellationToken);
        var baseline = new HistoryRow(known[0], ProductInfo.GetVersion());
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            foreach (var id in ReleaseOneMigrations)
            {
                await db.Database.ExecuteSqlRawAsync(history.GetDeleteScript(id), cancellationToken);
            }

            await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(baseline), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        LogAdopted(logger, settings.Provider.ToString(), baseline.MigrationId);
    }

    /// <summary>
    /// Every table of the baseline is there with exactly its columns; otherwise the history is not to be trusted.
    /// The baseline's own model (its migration's target model), not the current one: later migrations add tables.
    /// </summary>
    private async Task VerifyReleaseOneColumnsAsync(ClearanceDbContext db, string baselineId, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var migrations = db.GetService<IMigrationsAssembly>();
        var baseline = migrations.CreateMigration(migrations.Migrations[baselineId], db.Database.ProviderName!);
        var model = db.GetService<IModelRuntimeInitializer>().Initialize((IModel)baseline.TargetModel!, designTime: true, validationLogger: null);
        foreach (var table in model.GetRelationalModel().Tables)
        {
            var expected = table.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            var name = table.Name;
            var actual = (settings.Provider == DatabaseProvider.Postgres
                    ? await db.Database.SqlQuery<string>($"SELECT column_name::text AS \"Value\" FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = {name}").ToListAsync(cancellationToken)
                    : await db.Database.SqlQuery<string>($"SELECT name AS \"Value\" FROM pragma_table_info({name})").ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
            problems.AddRange(expected.Except(actual).Order(StringComparer.Ordinal).Select(c => $"{name}.{c} is missing"));
            problems.AddRange(actual.Except(expected).Order(StringComparer.Ordinal).Select(c => $"{name}.{c} is not expected"));
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database's history says release 1, but its schema is not release 1's: {string.Join("; ", problems)}. The database was not changed.");
        }
    }

    /// <summary>A lock held by one connection for the whole run (PostgreSQL advisory lock, SQL Server application lock); none on SQLite.</summary>
    private sealed class SessionLock : IAsyncDisposable
    {
        private const long PostgresKey = 0x436C4D67; // "ClMg"
        private const string SqlServerResource = "ClearanceWorkflow.Migrate";

        private readonly DbConnection _connection;
        private readonly string _release;

        private SessionLock(DbConnection connection, string release)
        {
            _connection = connection;
            _release = release;
        }

        public static async Task<SessionLock?> AcquireAsync(DatabaseSettings settings, CancellationToken cancellationToken)
        {
            (DbConnection Connection, string Acquire, string Release)? plan = settings.Provider switch
            {
                DatabaseProvider.Postgres => (
                    new Npgsql.NpgsqlConnection(settings.ConnectionString),
                    $"SELECT pg_advisory_lock({PostgresKey})",
                    $"SELECT pg_advisory_unlock({PostgresKey})"),
                DatabaseProvider.SqlServer => (
                    new Microsoft.Data.SqlClient.SqlConnection(settings.ConnectionString),
                    $"DECLARE @r int; EXEC @r = sp_getapplock @Resource = N'{SqlServerResource}', @LockMode = N'Exclusive', @LockOwner = N'Session', @LockTimeout = -1; " +
                    "IF @r < 0 THROW 50000, 'The migration lock was not granted.', 1;",
                    $"EXEC sp_releaseapplock @Resource = N'{SqlServerResource}', @LockOwner = N'Session';"),
                _ => null,
            };
            if (plan is not { } p)
            {
                return null;
            }

            try
            {
                await p.Connection.OpenAsync(cancellationToken);
                await using var command = p.Connection.CreateCommand();
                command.CommandText = p.Acquire;
                command.CommandTimeout = 0;
                await command.ExecuteNonQueryAsync(cancellationToken);
                return new SessionLock(p.Connection, p.Release);
            }
            catch
            {
                await p.Connection.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await using (var command = _connection.CreateCommand())
            {
                command.CommandText = _release;
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
        // EF's migration lock is a row; a process that died holding it leaves it, and EF would wait for it for ever.
        // The data folder's lock says no other process is migrating, so any row is stale.
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'";
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0)
        {
            command.CommandText = "DELETE FROM \"__EFMigrationsLock\"";
            command.ExecuteNonQuery();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database on {Provider} is up to date ({Applied} migrations applied now)")]
    private static partial void LogMigrated(ILogger logger, string provider, int applied);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A migration of {File} was interrupted: the database was restored from the copy taken before it, and is migrated again")]
    private static partial void LogRestored(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Error, Message = "A migration of {File} failed: the database was restored from the copy taken before it")]
    private static partial void LogRolledBack(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A copy of {File} from a migration run was found, but the database is no longer the one it was taken of: the database is kept, the copy moved to {Aside}")]
    private static partial void LogCopyKeptAside(ILogger logger, string file, string aside);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database on {Provider} was built by release 1: its migration history now names the baseline {Baseline}")]
    private static partial void LogAdopted(ILogger logger, string provider, string baseline);
}
