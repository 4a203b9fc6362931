using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ClearanceWorkflow.IntegrationTests.Support;

/// <summary>What a database's schema is, read from the database itself, for comparing two databases.</summary>
public static class SchemaDescription
{
    /// <summary>Tables, columns (type, nullability, default), keys, foreign keys and indexes, as sorted lines. Scheduler and migration-history tables are not the model's.</summary>
    public static async Task<List<string>> DescribeAsync(TestDatabase database)
    {
        var lines = new List<string>();
        if (database.Kind == DatabaseKind.Postgres)
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await ReadAsync(connection, """
                SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') || ' ' || is_nullable
                       || coalesce(' default ' || column_default, '')
                FROM information_schema.columns WHERE table_schema = 'public'
                """, lines);
            await ReadAsync(connection, """
                SELECT 'index ' || tablename || ' ' || indexname || ' ' || regexp_replace(indexdef, '^.* USING ', '')
                       || CASE WHEN indexdef LIKE 'CREATE UNIQUE%' THEN ' unique' ELSE '' END
                FROM pg_indexes WHERE schemaname = 'public'
                """, lines);
            await ReadAsync(connection, """
                SELECT 'constraint ' || tc.table_name || ' ' || tc.constraint_name || ' ' || tc.constraint_type || coalesce(' ' || rc.delete_rule, '')
                FROM information_schema.table_constraints tc
                LEFT JOIN information_schema.referential_constraints rc ON rc.constraint_name = tc.constraint_name
                WHERE tc.table_schema = 'public' AND tc.constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY', 'UNIQUE')
                """, lines);
        }
        else if (database.Kind == DatabaseKind.SqlServer)
        {
            await using var connection = new SqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await ReadAsync(connection, """
                SELECT 'column ' + TABLE_NAME + '.' + COLUMN_NAME + ' ' + DATA_TYPE + COALESCE('(' + CAST(CHARACTER_MAXIMUM_LENGTH AS varchar(11)) + ')', '')
                       + ' ' + IS_NULLABLE + COALESCE(' collate ' + COLLATION_NAME, '') + COALESCE(' default ' + COLUMN_DEFAULT, '')
                FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = SCHEMA_NAME()
                """, lines);
            await ReadAsync(connection, """
                SELECT 'index ' + t.name + ' ' + i.name + ' '
                       + (SELECT STRING_AGG(c.name, ',') WITHIN GROUP (ORDER BY ic.key_ordinal)
                          FROM sys.index_columns ic JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
                          WHERE ic.object_id = i.object_id AND ic.index_id = i.index_id)
                       + CASE WHEN i.is_unique = 1 THEN ' unique' ELSE '' END + COALESCE(' where ' + i.filter_definition, '')
                FROM sys.indexes i JOIN sys.tables t ON t.object_id = i.object_id
                WHERE i.name IS NOT NULL AND t.schema_id = SCHEMA_ID()
                """, lines);
            await ReadAsync(connection, """
                SELECT 'constraint ' + tc.TABLE_NAME + ' ' + tc.CONSTRAINT_NAME + ' ' + tc.CONSTRAINT_TYPE + COALESCE(' ' + rc.DELETE_RULE, '')
                FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc
                LEFT JOIN INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS rc ON rc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
                WHERE tc.TABLE_SCHEMA = SCHEMA_NAME() AND tc.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'FOREIGN KEY', 'UNIQUE')
                """, lines);
        }
        else
        {
            await using var connection = new SqliteConnection(database.ConnectionString);
            await connection.OpenAsync();
            var tables = new List<string>();
            await ReadAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", tables);
            foreach (var table in tables)
            {
                await ReadAsync(connection, $"SELECT 'column {table}.' || name || ' ' || type || ' notnull=' || \"notnull\" || ' pk=' || pk || ' default=' || coalesce(dflt_value, '-') FROM pragma_table_info('{table}')", lines);
                await ReadAsync(connection, $"SELECT 'fk {table}.' || \"from\" || ' -> ' || \"table\" || '.' || \"to\" || ' ' || on_delete FROM pragma_foreign_key_list('{table}')", lines);
                await ReadAsync(connection, $"SELECT 'index {table} ' || il.name || ' unique=' || il.\"unique\" || ' ' || (SELECT group_concat(ii.name, ',') FROM pragma_index_info(il.name) ii) FROM pragma_index_list('{table}') il WHERE il.origin = 'c'", lines);
            }
        }

        return [.. lines
            .Where(l => !l.Contains("__EFMigrations", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
    }

    private static async Task ReadAsync(DbConnection connection, string sql, List<string> into)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            into.Add(reader.GetString(0));
        }
    }
}
