using System.Net;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.Data.Sqlite;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

/// <summary>
/// On SQLite, EF applies a migration that rebuilds a table in several transactions, so a process killed midway leaves a
/// half-migrated file and EF's migration lock row. The migrator copies the database before pending migrations run
/// (<c>clearance.db.migrating</c>); the next start restores that copy, and clears a lock no live process holds.
/// </summary>
public sealed class SqliteMigrationRecoveryTests
{
    [Test]
    public async Task Start_AfterAMigrationDiedMidway_RestoresTheCopyAndKeepsEveryRow()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var keys = new TestKeys();
        var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        var caseId = await ApplyAsync(database, keys, "alice-recovery");

        // What a run killed in the middle of a table rebuild leaves: the copy taken before it, the table dropped and
        // its replacement half-made, and EF's lock still taken.
        SqliteConnection.ClearAllPools();
        await ExecuteAsync(database.ConnectionString, $"VACUUM INTO '{file}.migrating'");
        await ExecuteAsync(
            database.ConnectionString,
            "PRAGMA foreign_keys = 0; CREATE TABLE ef_temp_cases (\"Id\" TEXT); DROP TABLE cases; " +
            "CREATE TABLE IF NOT EXISTS \"__EFMigrationsLock\" (\"Id\" INTEGER NOT NULL PRIMARY KEY, \"Timestamp\" TEXT NOT NULL); " +
            "INSERT INTO \"__EFMigrationsLock\" VALUES (1, '2026-11-30 00:00:00');");
        SqliteConnection.ClearAllPools();

        await using var next = new ApiFactory(database, keys: keys);
        using var again = await Task.Run(() => next.ClientFor("alice-recovery", "applicant")).WaitAsync(TimeSpan.FromSeconds(90));
        var response = await again.GetAsync($"/api/v1/cases/{caseId}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(File.Exists(file + ".migrating"), Is.False, "the copy is used up");
        Assert.That(await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM sqlite_master WHERE name = 'ef_temp_cases'"), Is.Zero);
        Assert.That(next.Logs.Lines, Has.Some.Contains("was interrupted"));
    }

    [Test]
    public async Task Start_WhenAMigrationFails_RestoresTheCopyAtOnceAndLeavesNoneBehind()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var keys = new TestKeys();
        var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        var caseId = await ApplyAsync(database, keys, "alice-failed");

        // A migration pending again whose columns exist already: applying it fails (duplicate column), not a kill.
        SqliteConnection.ClearAllPools();
        await ExecuteAsync(database.ConnectionString, "DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" LIKE '%_CertificatePrintedTerms'");
        SqliteConnection.ClearAllPools();

        await using (var failing = new ApiFactory(database, keys: keys))
        {
            Assert.That(() => failing.ClientFor("alice-failed", "applicant"), Throws.Exception);
            Assert.That(failing.Logs.Lines, Has.Some.Contains("failed: the database was restored"));
        }

        SqliteConnection.ClearAllPools();
        Assert.That(File.Exists(file + ".migrating"), Is.False, "no copy is left for a later start to restore over whatever the database is by then");
        Assert.That(await ScalarAsync(database.ConnectionString, $"SELECT count(*) FROM cases WHERE \"Id\" = '{caseId.ToString().ToUpperInvariant()}' OR \"Id\" = '{caseId}'"), Is.EqualTo(1));
    }

    [Test]
    public async Task Start_WithACopyOfAnotherDatabase_KeepsTheDatabaseAndSetsTheCopyAside()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var keys = new TestKeys();
        var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        await using (var first = new ApiFactory(database, keys: keys))
        {
            using var client = first.ClientFor("someone", "applicant");
            await client.GetAsync("/api/v1/me/cases");
        }

        // A copy left by a failed upgrade of the database as it was then, before the operator restored their own
        // backup (a different database, as far as the copy's mark goes) and went on working on it.
        SqliteConnection.ClearAllPools();
        var stale = file + ".stale-copy";
        await ExecuteAsync(database.ConnectionString, $"VACUUM INTO '{stale}'");
        await ExecuteAsync(new SqliteConnectionStringBuilder { DataSource = stale, Pooling = false }.ConnectionString, "PRAGMA user_version = 4242");
        var caseId = await ApplyAsync(database, keys, "alice-later");

        SqliteConnection.ClearAllPools();
        File.Move(stale, file + ".migrating");
        await using var next = new ApiFactory(database, keys: keys);
        using var again = await Task.Run(() => next.ClientFor("alice-later", "applicant")).WaitAsync(TimeSpan.FromSeconds(90));
        var response = await again.GetAsync($"/api/v1/cases/{caseId}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the work done since is kept");
        Assert.That(File.Exists(file + ".migrating"), Is.False);
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(file)!, Path.GetFileName(file) + ".migrating.unused-*"), Has.Length.EqualTo(1), "the copy is kept for the operator");
        Assert.That(next.Logs.Lines, Has.Some.Contains("no longer the one it was taken of"));
    }

    [Test]
    public async Task Start_WithAMigrationLockLeftByADeadProcess_DoesNotWaitForIt()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var keys = new TestKeys();
        await using (var first = new ApiFactory(database, keys: keys))
        {
            using var client = first.ClientFor("someone", "applicant");
            await client.GetAsync("/api/v1/me/cases");
        }

        SqliteConnection.ClearAllPools();
        await ExecuteAsync(
            database.ConnectionString,
            "CREATE TABLE IF NOT EXISTS \"__EFMigrationsLock\" (\"Id\" INTEGER NOT NULL PRIMARY KEY, \"Timestamp\" TEXT NOT NULL); " +
            "INSERT INTO \"__EFMigrationsLock\" VALUES (1, '2026-11-30 00:00:00');");
        SqliteConnection.ClearAllPools();

        await using var next = new ApiFactory(database, keys: keys);
        using var client2 = await Task.Run(() => next.ClientFor("someone", "applicant")).WaitAsync(TimeSpan.FromSeconds(90));
        var response = await client2.GetAsync("/health/ready");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(await ScalarAsync(database.ConnectionString, "SELECT count(*) FROM \"__EFMigrationsLock\""), Is.Zero);
    }

    /// <summary>Starts the service on the database, has <paramref name="applicant"/> apply, and stops it: the case's id.</summary>
    private static async Task<Guid> ApplyAsync(TestDatabase database, TestKeys keys, string applicant)
    {
        await using var service = new ApiFactory(database, keys: keys);
        using var client = service.ClientFor(applicant, "applicant");
        return (await new CaseDriver(service).ApplyAsync(client)).GetProperty("id").GetGuid();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
