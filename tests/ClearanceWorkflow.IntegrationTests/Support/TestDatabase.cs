using Microsoft.Data.SqlClient;
using Npgsql;

namespace ClearanceWorkflow.IntegrationTests.Support;

public enum DatabaseKind
{
    Sqlite,
    Postgres,
    SqlServer,
}

/// <summary>
/// The kinds a fixture runs on (<c>[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]</c>).
/// SQL Server is yielded only when <see cref="TestDatabase.SqlServerVariable"/> names a server, so without
/// one its fixtures do not exist (rather than being skipped).
/// </summary>
public static class DatabaseKinds
{
    /// <summary>Every kind: SQLite, PostgreSQL, and SQL Server when configured.</summary>
    public static IEnumerable<DatabaseKind> All => [DatabaseKind.Sqlite, .. Servers];

    /// <summary>The kinds several nodes can share: PostgreSQL, and SQL Server when configured.</summary>
    public static IEnumerable<DatabaseKind> Servers =>
        TestDatabase.SqlServerConfigured ? [DatabaseKind.Postgres, DatabaseKind.SqlServer] : [DatabaseKind.Postgres];
}

/// <summary>
/// A fresh, empty database: a SQLite file in a temporary folder, or a new database <c>cw_&lt;guid&gt;</c> on the
/// PostgreSQL server ./test.sh starts or on the SQL Server named by <see cref="SqlServerVariable"/>.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "CLEARANCE_TEST_POSTGRES";

    /// <summary>An ADO.NET connection string to a SQL Server on which the tests may create and drop databases.</summary>
    public const string SqlServerVariable = "CLEARANCE_TEST_SQLSERVER";

    private readonly string? _adminConnectionString;
    private readonly string? _databaseName;

    private TestDatabase(DatabaseKind kind, string connectionString, string directory, string? adminConnectionString, string? databaseName)
    {
        Kind = kind;
        ConnectionString = connectionString;
        Directory = directory;
        _adminConnectionString = adminConnectionString;
        _databaseName = databaseName;
    }

    public static bool SqlServerConfigured => Environment.GetEnvironmentVariable(SqlServerVariable) is { Length: > 0 };

    public DatabaseKind Kind { get; }

    public string ConnectionString { get; }

    /// <summary>A temporary folder of this database's own, used as the service's DataPath.</summary>
    public string Directory { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind)
    {
        var directory = Path.Combine(Path.GetTempPath(), "cw-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var name = "cw_" + Guid.NewGuid().ToString("N");
        switch (kind)
        {
            case DatabaseKind.Sqlite:
                return new TestDatabase(kind, $"Data Source={Path.Combine(directory, "clearance.db")}", directory, null, null);
            case DatabaseKind.SqlServer:
            {
                var admin = SqlServerAdminConnectionString();
                await using (var connection = new SqlConnection(admin))
                {
                    await connection.OpenAsync();
                    await using var command = new SqlCommand($"CREATE DATABASE [{name}]", connection);
                    await command.ExecuteNonQueryAsync();
                }

                var builder = new SqlConnectionStringBuilder(admin) { InitialCatalog = name };
                return new TestDatabase(kind, builder.ConnectionString, directory, admin, name);
            }

            default:
            {
                var admin = AdminConnectionString();
                await using (var connection = new NpgsqlConnection(admin))
                {
                    await connection.OpenAsync();
                    await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                    await command.ExecuteNonQueryAsync();
                }

                var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
                return new TestDatabase(kind, builder.ConnectionString, directory, admin, name);
            }
        }
    }

    public static string AdminConnectionString() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{PostgresVariable} is not set. Run ./test.sh, which starts a throwaway PostgreSQL and sets it.");

    private static string SqlServerAdminConnectionString() =>
        Environment.GetEnvironmentVariable(SqlServerVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{SqlServerVariable} is not set: it names the SQL Server the SQL Server tests run on.");

    public async ValueTask DisposeAsync()
    {
        if (_adminConnectionString is not null && Kind == DatabaseKind.SqlServer)
        {
            SqlConnection.ClearAllPools();
            await using var connection = new SqlConnection(_adminConnectionString);
            await connection.OpenAsync();
            await using var command = new SqlCommand(
                $"IF DB_ID(N'{_databaseName}') IS NOT NULL BEGIN ALTER DATABASE [{_databaseName}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_databaseName}]; END",
                connection);
            await command.ExecuteNonQueryAsync();
        }
        else if (_adminConnectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a late background thread; the OS temp cleaner removes it.
        }
    }
}
