using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Infrastructure.Notifications;
using ClearanceWorkflow.Infrastructure.Persistence;
using ClearanceWorkflow.Infrastructure.Scheduling;
using ClearanceWorkflow.Infrastructure.Security;
using ClearanceWorkflow.Infrastructure.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Polly;
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
        services.AddScoped<IWriteLock>(sp => database.Provider switch
        {
            DatabaseProvider.Postgres => new PostgresWriteLock(sp.GetRequiredService<ClearanceDbContext>()),
            DatabaseProvider.SqlServer => new SqlServerWriteLock(sp.GetRequiredService<ClearanceDbContext>()),
            _ => new SqliteWriteLock(),
        });
        services.AddSingleton<IDataProtector>(new AesGcmDataProtector(keys.DataKeys, keys.ActiveDataKeyId));
        services.AddSingleton<IBlindIndex>(new HmacBlindIndex(keys.BlindIndexKey));
        services.AddSingleton<DatabaseMigrator>();

        var verification = VerificationOptions.From(configuration);
        var notifications = NotificationOptions.From(configuration);
        services.AddSingleton(verification);
        services.AddSingleton(notifications);
        services.AddSingleton<SimulatedVerificationProvider>();
        services.AddSingleton<VerificationClient>();
        // The resilience handlers time each attempt, so the clients' own timeout is off.
        services.AddHttpClient(VerificationClient.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddVerificationResilience(verification);
        services.AddHttpClient(VerificationClient.SimulatedClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<SimulatedVerificationProvider>().CreateHandler())
            .AddVerificationResilience(verification);
        // The outbox retries a failed delivery on its own schedule; the handler only bounds one attempt.
        services.AddHttpClient(OutboxDispatchJob.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("webhook", (builder, context) =>
            {
                builder.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
                builder.AddTimeout(notifications.Timeout);
            });
        services.AddSingleton<SystemSender>();
        services.AddScoped<Application.Scheduling.ISchedulingSignal, SchedulingSignal>();

        var reinvestigationCron = configuration["Jobs:ReinvestigationCron"] is { Length: > 0 } cron ? cron : "0 0 2 * * ?";
        try
        {
            _ = new CronExpression(reinvestigationCron);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"Jobs__ReinvestigationCron is not a valid cron expression: '{reinvestigationCron}'.", ex);
        }

        var idleWait = configuration.GetValue("Scheduler:IdleWaitTime", TimeSpan.FromSeconds(5));
        var dispatchInterval = configuration.GetValue("Scheduler:DispatchInterval", TimeSpan.FromSeconds(5));
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "clearance";
                o.GenerateInstanceId = true;
                o.IdleWaitTime = idleWait;
            });
            // The system clock. Quartz 4 registers this as the container's TimeProvider, so the scheduler and the
            // business rules share one clock; a test that replaces TimeProvider moves the scheduler's time too.
            q.UseTimeProvider(TimeProvider.System);
            q.AddJobType<VerificationCheckJob>();
            q.AddJobType<SlaBreachJob>();
            q.AddJob<ReinvestigationSweepJob>(j => j.WithIdentity(ReinvestigationSweepJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(ReinvestigationSweepJob.Key).WithIdentity("reinvestigation-sweep", "system")
                .WithCronSchedule(reinvestigationCron, c => c.InTimeZone(TimeZoneInfo.Utc)));
            q.AddJob<ScheduleDispatchJob>(j => j.WithIdentity(ScheduleDispatchJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(ScheduleDispatchJob.Key).WithIdentity("schedule-dispatch", "system")
                .WithSimpleSchedule(s => s.WithInterval(dispatchInterval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
            q.AddJob<OutboxDispatchJob>(j => j.WithIdentity(OutboxDispatchJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(OutboxDispatchJob.Key).WithIdentity("outbox-dispatch", "system")
                .WithSimpleSchedule(s => s.WithInterval(notifications.DispatchInterval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
            q.UsePersistentStore(store =>
            {
                switch (database.Provider)
                {
                    case DatabaseProvider.Postgres:
                        store.UsePostgres(database.ConnectionString);
                        break;
                    case DatabaseProvider.SqlServer:
                        store.UseSqlServer(database.ConnectionString);
                        break;
                    default:
                        store.UseSqlite(database.ConnectionString);
                        break;
                }

                // The server databases are shared by every node; SQLite runs one node only.
                if (database.Provider != DatabaseProvider.Sqlite)
                {
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(5);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(15);
                    });
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
