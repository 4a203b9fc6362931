namespace ClearanceWorkflow.Infrastructure.Persistence.Migrations;

/// <summary>
/// Store types per provider, written into each migration so that a migration keeps producing the schema
/// it produced when it was written, whatever the model later says. A new provider adds its column here.
/// </summary>
internal sealed class ColumnTypes(string? activeProvider)
{
    private const string Npgsql = "Npgsql.EntityFrameworkCore.PostgreSQL";
    private const string Sqlite = "Microsoft.EntityFrameworkCore.Sqlite";

    private readonly bool _pg = activeProvider switch
    {
        Npgsql => true,
        Sqlite => false,
        _ => throw new NotSupportedException($"No migration column types for provider '{activeProvider}'."),
    };

    public string Guid => _pg ? "uuid" : "TEXT";
    public string Text => _pg ? "text" : "TEXT";
    public string Int => _pg ? "integer" : "INTEGER";
    public string Long => _pg ? "bigint" : "INTEGER";
    public string Bool => _pg ? "boolean" : "INTEGER";
    public string Instant => _pg ? "timestamp with time zone" : "TEXT";
    public string Date => _pg ? "date" : "TEXT";

    public string Varchar(int length) => _pg ? $"character varying({length})" : "TEXT";
}
