using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Applications;
using ClearanceWorkflow.Application.Features.Cases;
using ClearanceWorkflow.Infrastructure.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace ClearanceWorkflow.Bench;

/// <summary>Timings of the bulk load, in seconds.</summary>
internal sealed record SeedReport(int Rows, int DistinctPayloads, double Migrate, double Generate, double Copy, double Indexes, double Vacuum, long DatabaseBytes);

/// <summary>
/// Seeds the register set-based: the schema by the service's own migrations, then every case and clearance
/// row through two PostgreSQL binary COPY streams (no INSERTs), with the secondary indexes and the foreign key
/// dropped during the load and rebuilt afterwards, then VACUUM ANALYZE. Each row's personal data is encrypted
/// and blind-indexed with the service's own AES-GCM protector and HMAC blind index, exactly as a grant writes it.
/// </summary>
internal sealed class Seeder(BenchOptions options, BenchKeys keys, TextWriter log)
{
    private const string CasesCopy = """
        COPY cases ("Id", "Reference", "Type", "RequestedLevel", "Sponsor", "SubjectId", "PersonalDataCipher", "NationalIdIndex",
                    "WorkflowName", "WorkflowVersion", "Stage", "Status", "StageEnteredAt", "CreatedAt", "UpdatedAt", "SubmittedAt",
                    "InvestigationClosedAt", "DecisionRationaleCipher", "ClosedAt", "Version", "Overdue")
        FROM STDIN (FORMAT BINARY)
        """;

    private const string ClearancesCopy = """
        COPY clearances ("Id", "SubjectId", "CaseId", "Level", "Status", "GrantedOn", "InvestigationClosedOn", "GrantingAgency", "Exception",
                         "ExceptionDetailsCipher", "ReinvestigationDueOn", "PersonalDataCipher", "NationalIdIndex", "CreatedAt", "UpdatedAt", "Version")
        FROM STDIN (FORMAT BINARY)
        """;

    public async Task<SeedReport> SeedAsync(string connectionString, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var settings = new DatabaseSettings(DatabaseProvider.Postgres, connectionString, Path.GetTempPath());
        await new DatabaseMigrator(settings, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(cancellationToken);
        var migrate = Lap(watch);
        log.WriteLine($"  schema migrated in {migrate:0.0} s");

        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var rows = Generate();
        var generate = Lap(watch);
        log.WriteLine($"  {options.Rows:N0} rows encrypted and blind-indexed in {generate:0.0} s ({options.Rows / generate:N0} rows/s on {Environment.ProcessorCount} cores)");

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var dropped = await DropSecondaryIndexesAsync(dataSource, cancellationToken);
        await Task.WhenAll(
            Task.Run(() => CopyCases(dataSource, rows, today), cancellationToken),
            Task.Run(() => CopyClearances(dataSource, rows, today), cancellationToken));
        var copy = Lap(watch);
        log.WriteLine($"  COPY of {options.Rows:N0} cases and {options.Rows:N0} clearances in {copy:0.0} s");

        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            await ExecuteAsync(connection, "SET maintenance_work_mem = '512MB'", cancellationToken);
            foreach (var statement in dropped)
            {
                await ExecuteAsync(connection, statement, cancellationToken);
            }
        }

        var indexes = Lap(watch);
        log.WriteLine($"  {dropped.Count} indexes and constraints rebuilt in {indexes:0.0} s");

        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            await ExecuteAsync(connection, "VACUUM (ANALYZE) cases", cancellationToken);
            await ExecuteAsync(connection, "VACUUM (ANALYZE) clearances", cancellationToken);
        }

        var vacuum = Lap(watch);
        long size;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection))
        {
            size = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        log.WriteLine($"  VACUUM ANALYZE in {vacuum:0.0} s; database size {size / (1024.0 * 1024):N0} MiB");
        return new SeedReport(options.Rows, options.DistinctPayloads, migrate, generate, copy, indexes, vacuum, size);
    }

    /// <summary>The subject fields of row i come from its payload key, so reused payloads still match their rows.</summary>
    public static int PayloadKey(int i, int distinctPayloads) => distinctPayloads > 0 ? i % distinctPayloads : i;

    private readonly record struct Row(Guid CaseId, Guid ClearanceId, string Index, string Cipher);

    private Row[] Generate()
    {
        var protector = keys.Protector();
        var blindIndex = keys.BlindIndex();
        var n = options.Rows;
        var distinct = options.DistinctPayloads;
        var payloads = distinct > 0 ? new string[distinct] : null;
        if (payloads is not null)
        {
            Parallel.For(0, distinct, k => payloads[k] = protector.Protect(Payload(k)));
        }

        var rows = new Row[n];
        Parallel.For(0, n, i =>
        {
            var index = blindIndex.Compute(NationalIds.Purpose, NationalIds.Normalize(SyntheticSubjects.NationalId(i)));
            var cipher = payloads is null ? protector.Protect(Payload(i, i)) : payloads[i % distinct];
            rows[i] = new Row(Guid.NewGuid(), Guid.NewGuid(), index, cipher);
        });
        return rows;

        // The national id inside a reused payload is the first row's; matching never reads it (the blind index selected the row).
        static string Payload(int key, int? row = null) => JsonSerializer.Serialize(
            new SubjectData(
                SyntheticSubjects.GivenName(key), SyntheticSubjects.FamilyName(key), SyntheticSubjects.DateOfBirth(key), SyntheticSubjects.Citizenship(key),
                NationalIds.Normalize(SyntheticSubjects.NationalId(row ?? key)), SyntheticSubjects.Email(key)),
            Json.Options);
    }

    private void CopyCases(NpgsqlDataSource dataSource, Row[] rows, DateOnly today)
    {
        var rationale = keys.Protector().Protect("No disqualifying information; the whole person favours eligibility.");
        using var connection = dataSource.OpenConnection();
        using var writer = connection.BeginBinaryImport(CasesCopy);
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            var granted = SyntheticSubjects.GrantedOn(i, today).ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
            var closed = SyntheticSubjects.InvestigationClosedOn(i, today).ToDateTime(new TimeOnly(16, 0), DateTimeKind.Utc);
            var created = closed.AddDays(-60);
            writer.StartRow();
            writer.Write(row.CaseId, NpgsqlDbType.Uuid);
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"CW-B-{i:D9}"), NpgsqlDbType.Text);
            writer.Write("Initial", NpgsqlDbType.Text);
            writer.Write(SyntheticSubjects.Level(i).ToString(), NpgsqlDbType.Text);
            writer.Write("Ministry of Benchmarks", NpgsqlDbType.Text);
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"bench-{i}"), NpgsqlDbType.Text);
            writer.Write(row.Cipher, NpgsqlDbType.Text);
            writer.Write(row.Index, NpgsqlDbType.Text);
            writer.Write("clearance", NpgsqlDbType.Text);
            writer.Write(1, NpgsqlDbType.Integer);
            writer.Write("closed", NpgsqlDbType.Text);
            writer.Write("Granted", NpgsqlDbType.Text);
            writer.Write(granted, NpgsqlDbType.TimestampTz);
            writer.Write(created, NpgsqlDbType.TimestampTz);
            writer.Write(granted, NpgsqlDbType.TimestampTz);
            writer.Write(created.AddDays(1), NpgsqlDbType.TimestampTz);
            writer.Write(closed, NpgsqlDbType.TimestampTz);
            writer.Write(rationale, NpgsqlDbType.Text);
            writer.Write(granted, NpgsqlDbType.TimestampTz);
            writer.Write(12, NpgsqlDbType.Integer);
            writer.Write(false, NpgsqlDbType.Boolean);
        }

        writer.Complete();
    }

    private void CopyClearances(NpgsqlDataSource dataSource, Row[] rows, DateOnly today)
    {
        var exceptionDetails = keys.Protector().Protect("Quarterly financial monitoring.");
        using var connection = dataSource.OpenConnection();
        using var writer = connection.BeginBinaryImport(ClearancesCopy);
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            var level = SyntheticSubjects.Level(i);
            var grantedOn = SyntheticSubjects.GrantedOn(i, today);
            var granted = grantedOn.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
            var exception = SyntheticSubjects.Exception(i);
            writer.StartRow();
            writer.Write(row.ClearanceId, NpgsqlDbType.Uuid);
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"bench-{i}"), NpgsqlDbType.Text);
            writer.Write(row.CaseId, NpgsqlDbType.Uuid);
            writer.Write(level.ToString(), NpgsqlDbType.Text);
            writer.Write(SyntheticSubjects.Status(i).ToString(), NpgsqlDbType.Text);
            writer.Write(grantedOn, NpgsqlDbType.Date);
            writer.Write(SyntheticSubjects.InvestigationClosedOn(i, today), NpgsqlDbType.Date);
            writer.Write("ClearanceWorkflow", NpgsqlDbType.Text);
            if (exception is { } type)
            {
                writer.Write(type.ToString(), NpgsqlDbType.Text);
                writer.Write(exceptionDetails, NpgsqlDbType.Text);
            }
            else
            {
                writer.WriteNull();
                writer.WriteNull();
            }

            writer.Write(grantedOn.AddYears(SyntheticSubjects.ReinvestigationYears(level)), NpgsqlDbType.Date);
            writer.Write(row.Cipher, NpgsqlDbType.Text);
            writer.Write(row.Index, NpgsqlDbType.Text);
            writer.Write(granted, NpgsqlDbType.TimestampTz);
            writer.Write(granted, NpgsqlDbType.TimestampTz);
            writer.Write(0, NpgsqlDbType.Integer);
        }

        writer.Complete();
    }

    /// <summary>Drops the secondary indexes of cases and clearances and the clearances→cases foreign key; returns the statements that rebuild them.</summary>
    private static async Task<List<string>> DropSecondaryIndexesAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rebuild = new List<string>();
        var drop = new List<string>();
        await using (var command = new NpgsqlCommand("""
            SELECT indexname, indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename IN ('cases', 'clearances') AND indexname NOT LIKE 'PK\_%'
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                drop.Add($"DROP INDEX \"{reader.GetString(0)}\"");
                rebuild.Add(reader.GetString(1));
            }
        }

        await using (var command = new NpgsqlCommand("""
            SELECT conname, conrelid::regclass::text, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE contype = 'f' AND conrelid = 'clearances'::regclass
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                drop.Insert(0, $"ALTER TABLE {reader.GetString(1)} DROP CONSTRAINT \"{reader.GetString(0)}\"");
                rebuild.Add($"ALTER TABLE {reader.GetString(1)} ADD CONSTRAINT \"{reader.GetString(0)}\" {reader.GetString(2)}");
            }
        }

        foreach (var statement in drop)
        {
            await ExecuteAsync(connection, statement, cancellationToken);
        }

        return rebuild;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static double Lap(Stopwatch watch)
    {
        var seconds = watch.Elapsed.TotalSeconds;
        watch.Restart();
        return seconds;
    }
}
