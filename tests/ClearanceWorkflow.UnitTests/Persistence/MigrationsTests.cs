using ClearanceWorkflow.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.UnitTests.Persistence;

/// <summary>
/// Each provider's generated migrations are up to date with the model: a model change without
/// <c>dotnet ef migrations add</c> for every provider fails here. No database is opened.
/// </summary>
public sealed class MigrationsTests
{
    private static IEnumerable<TestCaseData> Providers()
    {
        yield return new TestCaseData(Migrations.Sqlite.DesignTimeFactory.Options()).SetArgDisplayNames("Sqlite");
        yield return new TestCaseData(Migrations.Postgres.DesignTimeFactory.Options()).SetArgDisplayNames("Postgres");
        yield return new TestCaseData(Migrations.SqlServer.DesignTimeFactory.Options()).SetArgDisplayNames("SqlServer");
    }

    [TestCaseSource(nameof(Providers))]
    public void HasPendingModelChanges_GeneratedMigrations_False(DbContextOptions<ClearanceDbContext> options)
    {
        using var db = new ClearanceDbContext(options);

        Assert.That(db.Database.HasPendingModelChanges(), Is.False, "run dotnet ef migrations add for this provider");
    }

    [TestCaseSource(nameof(Providers))]
    public void GetMigrations_EachProvider_StartsWithTheBaseline(DbContextOptions<ClearanceDbContext> options)
    {
        using var db = new ClearanceDbContext(options);

        Assert.That(db.Database.GetMigrations().First(), Does.EndWith("_Baseline"));
    }
}
