using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Infrastructure.Persistence;
using ClearanceWorkflow.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace ClearanceWorkflow.Infrastructure;

public static class DependencyInjection
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddClearanceInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var database = DatabaseSettings.From(configuration);
        var keys = KeyMaterial.Resolve(configuration, environment.IsDevelopment(), database.DataPath);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(database);
        services.AddSingleton(keys);
        services.AddSingleton(keys.Auth);
        services.AddDbContext<ClearanceDbContext>(database.Configure);
        services.AddScoped<IWriteLock>(sp => database.Provider == DatabaseProvider.Postgres
            ? new PostgresWriteLock(sp.GetRequiredService<ClearanceDbContext>())
            : new SqliteWriteLock());
        services.AddSingleton<IDataProtector>(new AesGcmDataProtector(keys.DataKeys, keys.ActiveDataKeyId));
        services.AddSingleton<IBlindIndex>(new HmacBlindIndex(keys.BlindIndexKey));
        services.AddSingleton(new JwtValidation(keys.Auth));
        services.AddSingleton<DatabaseMigrator>();

        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "clearance";
                o.GenerateInstanceId = true;
            });
            q.UsePersistentStore(store =>
            {
                if (database.Provider == DatabaseProvider.Postgres)
                {
                    store.UsePostgres(database.ConnectionString);
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(5);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(15);
                    });
                }
                else
                {
                    store.UseSqlite(database.ConnectionString);
                }

                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
            });
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);

        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddQuartz(o => o.Tags.Add(ReadyTag));
        return services;
    }
}

/// <summary>Ready only when the database answers and every migration is applied.</summary>
internal sealed class DatabaseHealthCheck(ClearanceDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("the database does not answer");
        }

        var pending = await db.Database.GetPendingMigrationsAsync(cancellationToken);
        return pending.Any() ? HealthCheckResult.Unhealthy("migrations are pending") : HealthCheckResult.Healthy();
    }
}
