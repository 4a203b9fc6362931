using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Infrastructure.Persistence;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

/// <summary>
/// The generated migrations must build exactly the schema the EF model describes. A model change
/// without a migration (or a migration edited away from the model) fails here, on each database.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class SchemaTests(DatabaseKind kind)
{
    [Test]
    public async Task Migrate_FreshDatabase_SchemaMatchesModel()
    {
        await using var migrated = await TestDatabase.CreateAsync(kind);
        await using var fromModel = await TestDatabase.CreateAsync(kind);
        await Migrator(migrated).MigrateAsync(CancellationToken.None);
        await using (var db = new ClearanceDbContext(Settings(fromModel).Options()))
        {
            await db.Database.EnsureCreatedAsync();
        }

        var expected = await SchemaDescription.DescribeAsync(fromModel);
        var actual = await SchemaDescription.DescribeAsync(migrated);
        Assert.That(expected, Is.Not.Empty);
        Assert.That(actual, Is.EqualTo(expected), "the migrated schema differs from the EF model; add a migration for the model change (dotnet ef migrations add)");
    }

    [Test]
    public async Task Migrate_RunTwice_SecondRunAppliesNothing()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await Migrator(database).MigrateAsync(CancellationToken.None);
        await Migrator(database).MigrateAsync(CancellationToken.None);
        await using var db = new ClearanceDbContext(Settings(database).Options());
        Assert.That(await db.Database.GetPendingMigrationsAsync(), Is.Empty);
        Assert.That((await db.Database.GetAppliedMigrationsAsync()).Count(), Is.EqualTo(db.Database.GetMigrations().Count()));
    }

    [Test]
    public async Task Migrate_TwoNodesAtOnce_EachMigrationAppliedOnce()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Migrator(database).MigrateAsync(CancellationToken.None))));
        await using var db = new ClearanceDbContext(Settings(database).Options());
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        Assert.That(applied, Is.EqualTo(db.Database.GetMigrations().ToList()));
        Assert.That(await SchemaDescription.DescribeAsync(database), Is.Not.Empty);
    }

    internal static DatabaseSettings Settings(TestDatabase database) => DatabaseSettings.From(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Kind.ToString(),
            ["ConnectionStrings:Clearance"] = database.ConnectionString,
            ["DataPath"] = database.Directory,
        })
        .Build());

    internal static DatabaseMigrator Migrator(TestDatabase database) => new(Settings(database), NullLogger<DatabaseMigrator>.Instance);
}
