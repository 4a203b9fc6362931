using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Infrastructure.Audit;
using ClearanceWorkflow.Infrastructure.Notifications;
using ClearanceWorkflow.Infrastructure.Persistence;
using ClearanceWorkflow.Infrastructure.Jobs;
using ClearanceWorkflow.Infrastructure.Security;
using ClearanceWorkflow.Infrastructure.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Polly;

namespace ClearanceWorkflow.Infrastructure;

public static class DependencyInjection
{
    public const string ReadyTag = "ready";

    private static readonly CaseHistoryConflicts CaseHistory = new();

    public static IServiceCollection AddClearanceInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var database = DatabaseSettings.From(configuration);
        var keys = KeyMaterial.Resolve(configuration, environment.IsDevelopment(), database.DataPath);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(database);
        services.AddSingleton(keys);
        services.AddSingleton(keys.Auth);
        services.AddSingleton<Application.Features.Clearances.ICertificateRenderer, Certificates.PdfCertificateRenderer>();
        services.AddSingleton(sp => new CommandTelemetry(sp.GetRequiredService<ClearanceTelemetry>(), database.Provider));
        services.AddDbContext<ClearanceDbContext>((sp, options) =>
        {
            database.Configure(options);
            options.AddInterceptors(CaseHistory);
            // PostgreSQL's commands are traced by Npgsql's own instrumentation.
            if (database.Provider != DatabaseProvider.Postgres)
            {
                options.AddInterceptors(sp.GetRequiredService<CommandTelemetry>());
            }
        }, optionsLifetime: ServiceLifetime.Singleton);
        services.AddSingleton(new LedgerSigner(keys.LedgerSigningKeys(), keys.ActiveLedgerKeyId));
        services.AddSingleton(LedgerSettings.From(configuration));
        services.AddSingleton<LedgerSealer>();
        services.AddHostedService(sp => sp.GetRequiredService<LedgerSealer>());
        services.AddSingleton<IDataProtector>(new AesGcmDataProtector(keys.DataKeys, keys.ActiveDataKeyId));
        services.AddSharedKeyRing();
        services.AddSingleton<IBlindIndex>(new HmacBlindIndex(keys.BlindIndexKey));
        services.AddSingleton<DatabaseMigrator>();
        services.AddScoped<IdempotencyStore>();
        services.AddSingleton<IdempotencySweep>();
        services.AddScoped<PartnerRateCounter>();

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

        services.AddClearanceJobs(JobSettings.From(configuration), database);

        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<JobServerHealthCheck>("hangfire", tags: [ReadyTag]);
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
