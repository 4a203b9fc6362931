using ClearanceWorkflow.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ClearanceWorkflow.Migrations.SqlServer;

/// <summary>
/// The context on SQL Server for <c>dotnet ef</c>: migrations are generated from the model without a
/// database (the connection string is never opened). At run time Infrastructure's
/// <c>DatabaseSettings.Configure</c> points the provider at this assembly.
/// </summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ClearanceDbContext>
{
    public ClearanceDbContext CreateDbContext(string[] args) => new(Options());

    public static DbContextOptions<ClearanceDbContext> Options() =>
        new DbContextOptionsBuilder<ClearanceDbContext>()
            .UseSqlServer("Server=localhost;Database=design-time", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options;
}
