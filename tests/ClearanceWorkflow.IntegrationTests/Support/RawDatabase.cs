using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ClearanceWorkflow.IntegrationTests.Support;

/// <summary>Plain SQL against a test database, bypassing the service: for tampering and for reading what is really stored.</summary>
public static class RawDatabase
{
    public static DbConnection Open(TestDatabase database)
    {
        DbConnection connection = database.Kind switch
        {
            DatabaseKind.Postgres => new NpgsqlConnection(database.ConnectionString),
            DatabaseKind.SqlServer => new SqlConnection(database.ConnectionString),
            _ => new SqliteConnection(database.ConnectionString),
        };
        connection.Open();
        return connection;
    }

    public static async Task<int> ExecuteAsync(TestDatabase database, string sql)
    {
        await using var connection = Open(database);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<List<string>> ColumnAsync(TestDatabase database, string sql) => [.. (await RowsAsync(database, sql)).Select(row => row[0])];

    /// <summary>Every row the query returns, each column as text (empty for null), from one statement: rows stay whole.</summary>
    public static async Task<List<string[]>> RowsAsync(TestDatabase database, string sql)
    {
        await using var connection = Open(database);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i =>
                reader.IsDBNull(i) ? string.Empty : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!)]);
        }

        return rows;
    }

    /// <summary>
    /// Every row of every table, as text: PostgreSQL renders each row; SQL Server's values are read one by one
    /// (binary ones as their raw bytes); SQLite is read as the raw bytes of its files.
    /// </summary>
    public static async Task<string> EverythingStoredAsync(TestDatabase database)
    {
        if (database.Kind == DatabaseKind.SqlServer)
        {
            return await SqlServerEverythingStoredAsync(database);
        }

        if (database.Kind == DatabaseKind.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            var text = new System.Text.StringBuilder();
            foreach (var file in Directory.EnumerateFiles(database.Directory, "*.db*", SearchOption.AllDirectories))
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
                text.Append(await reader.ReadToEndAsync());
            }

            return text.ToString();
        }

        // Our tables and Hangfire's (its job arguments and state data must hold no personal data either).
        var tables = await ColumnAsync(database, "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables WHERE table_schema IN ('public', 'hangfire') AND table_type = 'BASE TABLE'");
        var all = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            foreach (var row in await ColumnAsync(database, $"SELECT t::text FROM {table} t"))
            {
                all.AppendLine(row);
            }
        }

        return all.ToString();
    }

    private static async Task<string> SqlServerEverythingStoredAsync(TestDatabase database)
    {
        var tables = await ColumnAsync(database, "SELECT QUOTENAME(TABLE_SCHEMA) + '.' + QUOTENAME(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE'");
        var all = new System.Text.StringBuilder();
        await using var connection = Open(database);
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.GetValue(i);
                    all.Append(value is byte[] bytes
                        ? System.Text.Encoding.Latin1.GetString(bytes)
                        : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }

                all.AppendLine();
            }
        }

        return all.ToString();
    }
}
