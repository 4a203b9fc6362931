using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ClearanceWorkflow.IntegrationTests.Support;

/// <summary>
/// The databases release 1 wrote (<c>Fixtures/release-1</c>): loaded into a fresh test database, with the
/// key settings the data was written with.
/// </summary>
public static class ReleaseOne
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "release-1");

    /// <summary>Replays the dump of <paramref name="database"/>'s kind into it.</summary>
    public static async Task LoadAsync(TestDatabase database)
    {
        if (database.Kind == DatabaseKind.Sqlite)
        {
            await using var sqlite = new SqliteConnection(database.ConnectionString + ";Pooling=False");
            await sqlite.OpenAsync();
            await using var command = sqlite.CreateCommand();
            command.CommandText = await File.ReadAllTextAsync(Path.Combine(Folder, "sqlite.sql"));
            await command.ExecuteNonQueryAsync();
            return;
        }

        // psql meta-commands (\restrict) are not SQL; everything else is plain statements.
        var lines = (await File.ReadAllLinesAsync(Path.Combine(Folder, "postgres.sql"))).Where(l => !l.StartsWith('\\'));
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var load = new NpgsqlCommand(string.Join('\n', lines), connection);
        await load.ExecuteNonQueryAsync();
    }

    /// <summary>The data key and blind-index key release 1 wrote the fixtures with, as service settings.</summary>
    public static void UseKeys(IDictionary<string, string?> settings)
    {
        var keys = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(Folder, "keys.json")))!;
        foreach (var (key, value) in keys)
        {
            settings[key] = value;
        }
    }

    /// <summary>
    /// Every row of every table but the migration history and lock, as sorted text lines per table, the values in
    /// the order of their column names: SQLite rebuilds a table to change a column, which may reorder its columns.
    /// </summary>
    public static async Task<SortedDictionary<string, List<string>>> RowsAsync(TestDatabase database)
    {
        await using var connection = RawDatabase.Open(database);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = database.Kind == DatabaseKind.Postgres
                ? "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
                : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var rows = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in tables.Where(t => !t.StartsWith("__EFMigrations", StringComparison.Ordinal)))
        {
            rows[table] = await ReadRowsAsync(connection, table);
        }

        return rows;
    }

    /// <summary>The column names of one table, in order.</summary>
    public static async Task<List<string>> ColumnsAsync(TestDatabase database, string table)
    {
        await using var connection = RawDatabase.Open(database);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE 1 = 0";
        await using var reader = await command.ExecuteReaderAsync();
        return [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];
    }

    /// <summary>The rows of one table, only the columns named, as <see cref="RowsAsync(TestDatabase)"/> gives them.</summary>
    public static async Task<List<string>> RowsAsync(TestDatabase database, string table, IReadOnlyList<string> columns)
    {
        await using var connection = RawDatabase.Open(database);
        return await ReadRowsAsync(connection, table, string.Join(", ", columns.Select(c => $"\"{c}\"")));
    }

    private static async Task<List<string>> ReadRowsAsync(DbConnection connection, string table, string columns = "*")
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {columns} FROM \"{table}\"";
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                values[reader.GetName(i)] = reader.IsDBNull(i)
                    ? "NULL"
                    : reader.GetValue(i) is byte[] bytes ? Convert.ToBase64String(bytes) : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!;
            }

            lines.Add(string.Join('|', values.Values));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
