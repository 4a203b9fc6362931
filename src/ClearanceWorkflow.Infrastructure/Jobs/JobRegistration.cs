using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Infrastructure.Notifications;
using ClearanceWorkflow.Infrastructure.Persistence;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ClearanceWorkflow.Infrastructure.Jobs;

public static class JobRegistration
{
    /// <summary>The schema of Hangfire's tables on PostgreSQL and SQL Server.</summary>
    public const string Schema = "hangfire";

    /// <summary>
    /// Hangfire on the service's database: PostgreSQL (schema <c>hangfire</c>, sliding invisibility, polling every <see cref="JobSettings.PollInterval"/>),
    /// SQL Server (schema <c>hangfire</c>, sliding invisibility, polling every <see cref="JobSettings.PollInterval"/>) or SQLite (a sibling file
    /// <c>hangfire.db</c> next to the database, so the two never wait on each other's SQLite writer lock). The storage,
    /// activator and filters are this container's own, not Hangfire's static ones, so two services in one
    /// process (as in tests) each keep theirs.
    /// </summary>
    public static IServiceCollection AddClearanceJobs(this IServiceCollection services, JobSettings settings, DatabaseSettings database)
    {
        services.AddSingleton(settings);
        services.AddSingleton(JobServerName.ForThisProcess());
        services.AddSingleton(_ => Storage(settings, database));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<JobTelemetry>();
        services.AddSingleton<Hangfire.Common.IJobFilterProvider, JobFilters>();
        services.AddHangfire(c => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddSingleton<ContinuousVettingRunner>();
        services.AddSingleton<ScheduleDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<ScheduleDispatcher>());
        services.AddScoped<Application.Scheduling.ISchedulingSignal, SchedulingSignal>();
        services.AddHostedService<RecurringJobs>();
        services.AddHangfireServer((sp, o) =>
        {
            o.ServerName = sp.GetRequiredService<JobServerName>().Value;
            o.WorkerCount = settings.WorkerCount;
            o.SchedulePollingInterval = settings.SchedulePollInterval;
        });
        services.AddHostedService<OutboxRelay>();
        return services;
    }

    private static JobStorage Storage(JobSettings settings, DatabaseSettings database) => database.Provider switch
    {
        DatabaseProvider.Postgres => new PostgreSqlStorage(
            new NpgsqlConnectionFactory(PostgresConnectionString(database.ConnectionString), PostgresOptions(settings)), PostgresOptions(settings)),
        DatabaseProvider.SqlServer => new SqlServerStorage(database.ConnectionString, new SqlServerStorageOptions
        {
            SchemaName = Schema,
            PrepareSchemaIfNecessary = true,
            SlidingInvisibilityTimeout = settings.InvisibilityTimeout,
            QueuePollInterval = settings.PollInterval,
        }),
        _ => new SQLiteStorage(SqliteFile(database), new SQLiteStorageOptions
        {
            QueuePollInterval = settings.PollInterval,
            InvisibilityTimeout = settings.InvisibilityTimeout,
        }),
    };

    /// <summary>Hangfire.PostgreSql's options from the settings.</summary>
    public static PostgreSqlStorageOptions PostgresOptions(JobSettings settings) => new()
    {
        SchemaName = Schema,
        PrepareSchemaIfNecessary = true,
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = settings.InvisibilityTimeout,
        QueuePollInterval = settings.PollInterval,
        // Not LISTEN/NOTIFY: in 1.21.1 a fetch whose listener task fails throws after the job was taken, and with
        // sliding invisibility that job's keep-alive then hides it until the process ends (docs/performance.md).
        // Jobs this node enqueues wake its workers in-process; other nodes find them within PollInterval.
        EnableLongPolling = false,
    };

    /// <summary>
    /// Hangfire's own pool on PostgreSQL: the service's connection string without the session reset on close. Hangfire
    /// opens a connection for nearly every storage call, about 20 per job, and Npgsql's reset (7 statements when statements
    /// are prepared) ran on each. Hangfire leaves nothing in a session to reset: its locks are rows, and it does not
    /// LISTEN without long polling. A connection string that sets it wins.
    /// </summary>
    public static string PostgresConnectionString(string service) =>
        DatabaseSettings.Sets(service, "NoResetOnClose") ? service : new Npgsql.NpgsqlConnectionStringBuilder(service) { NoResetOnClose = true }.ToString();

    /// <summary>Hangfire's SQLite file: <c>hangfire.db</c> in the folder of the service's database.</summary>
    public static string SqliteFile(DatabaseSettings database) => Path.Combine(DataFolderLock.FolderOf(database), "hangfire.db");
}

/// <summary>Registers the recurring reinvestigation sweep, the idempotency keys' expiry and, when it is on, continuous vetting at startup (after the schema is migrated).</summary>
internal sealed class RecurringJobs(IRecurringJobManager recurring, JobSettings settings, IOptions<VettingOptions> vetting) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            recurring.AddOrUpdate<ReinvestigationSweepJob>(
                ReinvestigationSweepJob.RecurringId, j => j.RunAsync(CancellationToken.None), settings.ReinvestigationCron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"Jobs__ReinvestigationCron is not a valid cron expression: '{settings.ReinvestigationCron}'.", ex);
        }

        recurring.AddOrUpdate<IdempotencyExpiryJob>(
            IdempotencyExpiryJob.RecurringId, j => j.RunAsync(CancellationToken.None), IdempotencyExpiryJob.Cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        if (!vetting.Value.Enabled)
        {
            recurring.RemoveIfExists(ContinuousVettingJob.RecurringId);
            return Task.CompletedTask;
        }

        var cron = JobSettings.ToHangfireCron(vetting.Value.Cron, "Vetting__Cron");
        try
        {
            recurring.AddOrUpdate<ContinuousVettingJob>(
                ContinuousVettingJob.RecurringId, j => j.RunAsync(CancellationToken.None), cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"Vetting__Cron is not a valid cron expression: '{vetting.Value.Cron}'.", ex);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
