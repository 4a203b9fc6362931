using ClearanceWorkflow.Infrastructure.Audit;
using Microsoft.Extensions.DependencyInjection;
using Respawn;
using Respawn.Graph;

namespace ClearanceWorkflow.IntegrationTests.Support;

/// <summary>
/// Empties a test database between tests with Respawn, for fixtures that share one database and one
/// service but need every test to start from no data. The schema and EF's migration history stay; Hangfire's
/// tables are elsewhere (schema <c>hangfire</c>, or <c>hangfire.db</c> beside a SQLite database). Create it
/// after the service has started.
/// The rows left are none, so the factory's keys (<see cref="TestKeys"/>) do not matter to the next test. The
/// service's ledger sealer is told, or it would refuse to seal a ledger cut back below the blocks it saw.
/// </summary>
public sealed class DatabaseReset
{
    private readonly TestDatabase _database;
    private readonly ApiFactory _factory;
    private readonly Respawner _respawner;

    private DatabaseReset(TestDatabase database, ApiFactory factory, Respawner respawner)
    {
        _database = database;
        _factory = factory;
        _respawner = respawner;
    }

    public static async Task<DatabaseReset> CreateAsync(TestDatabase database, ApiFactory factory)
    {
        await using var connection = RawDatabase.Open(database);
        var respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = database.Kind switch
            {
                DatabaseKind.Postgres => DbAdapter.Postgres,
                DatabaseKind.SqlServer => DbAdapter.SqlServer,
                _ => DbAdapter.Sqlite,
            },
            SchemasToInclude = database.Kind switch
            {
                DatabaseKind.Postgres => ["public"],
                DatabaseKind.SqlServer => ["dbo"],
                _ => [],
            },
            TablesToIgnore = [new Table("__EFMigrationsHistory")],
        });
        return new DatabaseReset(database, factory, respawner);
    }

    public async Task ResetAsync()
    {
        await using var connection = RawDatabase.Open(_database);
        await _respawner.ResetAsync(connection);
        await _factory.Services.GetRequiredService<LedgerSealer>().ForgetAsync();
    }
}
