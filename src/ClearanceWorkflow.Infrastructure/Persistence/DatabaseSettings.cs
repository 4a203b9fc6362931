using ClearanceWorkflow.Application.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace ClearanceWorkflow.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}

/// <summary>
/// The one place the database provider is chosen (<c>Database__Provider</c>): SQLite (the default),
/// PostgreSQL or SQL Server, and with it the assembly of that provider's generated migrations
/// (ClearanceWorkflow.Migrations.*). The server providers need <c>ConnectionStrings__Clearance</c>.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string DataPath)
{
    public static DatabaseSettings From(IConfiguration configuration)
    {
        var dataPath = Path.GetFullPath(configuration["DataPath"] is { Length: > 0 } p ? p : "./data");
        var providerName = configuration["Database:Provider"] is { Length: > 0 } v ? v : nameof(DatabaseProvider.Sqlite);
        if (!Enum.GetNames<DatabaseProvider>().Contains(providerName, StringComparer.OrdinalIgnoreCase) || !Enum.TryParse<DatabaseProvider>(providerName, ignoreCase: true, out var provider))
        {
            throw new InvalidOperationException($"Database__Provider must be 'Sqlite', 'Postgres' or 'SqlServer', not '{providerName}'.");
        }

        var configured = configuration.GetConnectionString("Clearance");
        if (provider != DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException($"Database__Provider is {provider}, so ConnectionStrings__Clearance must be set.");
        }

        string connectionString;
        try
        {
            connectionString = provider switch
            {
                DatabaseProvider.Sqlite => SqliteConnectionString(configured, dataPath),
                DatabaseProvider.Postgres => PostgresConnectionString(configured!),
                _ => SqlServerConnectionString(configured!),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            // The parser's message names the keyword or the format, never the value (which may hold a password).
            throw new InvalidOperationException($"ConnectionStrings__Clearance is not a valid {provider} connection string: {ex.Message}", ex);
        }

        return new DatabaseSettings(provider, connectionString, dataPath);
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        _ = Provider switch
        {
            DatabaseProvider.Postgres => options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(MigrationsAssembly)),
            DatabaseProvider.SqlServer => options.UseSqlServer(ConnectionString, o => o.MigrationsAssembly(MigrationsAssembly)),
            _ => options.UseSqlite(ConnectionString, o => o.MigrationsAssembly(MigrationsAssembly)),
        };
    }

    /// <summary>The assembly holding this provider's generated migrations and model snapshot.</summary>
    public string MigrationsAssembly => Provider switch
    {
        DatabaseProvider.Postgres => typeof(ClearanceWorkflow.Migrations.Postgres.DesignTimeFactory).Assembly.GetName().Name!,
        DatabaseProvider.SqlServer => typeof(ClearanceWorkflow.Migrations.SqlServer.DesignTimeFactory).Assembly.GetName().Name!,
        _ => typeof(ClearanceWorkflow.Migrations.Sqlite.DesignTimeFactory).Assembly.GetName().Name!,
    };

    public DbContextOptions<ClearanceDbContext> Options()
    {
        var builder = new DbContextOptionsBuilder<ClearanceDbContext>();
        Configure(builder);
        return builder.Options;
    }

    /// <summary>
    /// Npgsql prepares the statements a connection runs often (<c>Max Auto Prepare</c>, off in Npgsql by default),
    /// so PostgreSQL parses and plans each of them once per connection rather than on every command: that halved
    /// PostgreSQL's CPU per transition in the benchmark (docs/performance.md). A connection string that sets it wins.
    /// </summary>
    public static string PostgresConnectionString(string configured)
    {
        var builder = new NpgsqlConnectionStringBuilder(configured);
        if (!Sets(configured, "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        return builder.ToString();
    }

    /// <summary>Whether the connection string itself names the setting (spaces and case aside), as opposed to taking its default.</summary>
    public static bool Sets(string connectionString, string setting) =>
        new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals(setting, StringComparison.OrdinalIgnoreCase));

    /// <summary>Used as given; parsed only so that a malformed one stops the start, not the first query.</summary>
    private static string SqlServerConnectionString(string configured)
    {
        _ = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(configured);
        return configured;
    }

    /// <summary>SQLite under the data folder by default; foreign keys on; the busy timeout is Microsoft.Data.Sqlite's 30 s unless the connection string sets <c>Default Timeout</c>.</summary>
    private static string SqliteConnectionString(string? configured, string dataPath)
    {
        var builder = new SqliteConnectionStringBuilder(configured ?? $"Data Source={Path.Combine(dataPath, "clearance.db")}")
        {
            ForeignKeys = true,
            Pooling = true,
        };
        if (builder.DataSource is { Length: > 0 } file && !file.Equals(":memory:", StringComparison.Ordinal))
        {
            builder.DataSource = Path.GetFullPath(file);
        }

        return builder.ToString();
    }
}
