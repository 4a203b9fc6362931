using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Notifications;
using ClearanceWorkflow.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Hosting;
using Polly.Timeout;

using ClearanceWorkflow.Infrastructure.Verification;

namespace ClearanceWorkflow.Infrastructure.Notifications;

/// <summary>Configuration section <c>Notifications</c>.</summary>
public sealed class NotificationOptions
{
    /// <summary>Where notifications are POSTed; unset means they are only logged (without personal data).</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>The HMAC-SHA256 key for the <c>X-Signature-SHA256</c> header. Required with a webhook.</summary>
    public string? WebhookSecret { get; set; }

    public int MaxAttempts { get; set; } = 8;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public int BatchSize { get; set; } = 50;

    public static NotificationOptions From(IConfiguration configuration)
    {
        var options = new NotificationOptions();
        configuration.GetSection("Notifications").Bind(options);
        if (options.WebhookUrl is not null && string.IsNullOrEmpty(options.WebhookSecret))
        {
            throw new InvalidOperationException("Notifications__WebhookSecret must be set when Notifications__WebhookUrl is.");
        }

        VerificationOptions.HttpUrl(options.WebhookUrl, "Notifications__WebhookUrl");
        VerificationOptions.Require(options.Timeout >= TimeSpan.FromMilliseconds(10) && options.Timeout <= TimeSpan.FromDays(1), "Notifications__Timeout", "between 10 ms and 1 day");
        VerificationOptions.Require(options.DispatchInterval > TimeSpan.Zero && options.DispatchInterval <= TimeSpan.FromDays(1), "Notifications__DispatchInterval", "positive and at most a day");
        VerificationOptions.Require(options.BatchSize >= 1 && options.MaxAttempts >= 1, "Notifications__BatchSize and Notifications__MaxAttempts", "at least 1");
        // The backoff doubles up to 2^16 times: a day at most keeps the next attempt within two centuries.
        VerificationOptions.Require(options.RetryDelay >= TimeSpan.Zero && options.RetryDelay <= TimeSpan.FromDays(1), "Notifications__RetryDelay", "between zero and 1 day");
        return options;
    }
}

/// <summary>
/// A Hangfire job that delivers outbox rows oldest first. A delivered row is marked delivered; a failed one is
/// retried with backoff and, after the last attempt, marked dead, so one poison message never blocks the rest.
/// One delivery runs at a time across the nodes (a distributed lock), and each row is claimed before it is sent,
/// should two runs overlap anyway; <see cref="OutboxRelay"/> starts it.
/// </summary>
public sealed partial class OutboxDispatchJob(
    IServiceScopeFactory scopes, IHttpClientFactory httpClients, NotificationOptions options, TimeProvider clock, ILogger<OutboxDispatchJob> logger)
{
    public const string HttpClientName = "webhook";
    public const string SignatureHeader = "X-Signature-SHA256";

    /// <summary>How long past the webhook's timeout a claimed row stays another run's to leave alone.</summary>
    public static readonly TimeSpan ClaimMargin = TimeSpan.FromMinutes(1);

    /// <summary>Not retried by Hangfire: the relay starts another delivery while messages are due.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 10 * 60)]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        for (var round = 0; round < 20; round++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClearanceDbContext>();
            var now = clock.Now();
            var batch = await db.OutboxMessages
                .Where(m => m.DeliveredAt == null && m.DeadAt == null && m.NextAttemptAt <= now)
                .OrderBy(m => m.CreatedAt)
                .Take(options.BatchSize)
                .ToListAsync(cancellationToken);
            foreach (var message in batch)
            {
                // Claimed before it is sent: Hangfire's lock on this job is not renewed (PostgreSQL drops it after
                // DistributedLockTimeout), so another node's run may be reading the same rows. A run that dies after
                // the claim leaves the row for a retry once the claim has lapsed.
                var claimedUntil = clock.Now() + options.Timeout + ClaimMargin;
                if (await db.OutboxMessages
                        .Where(m => m.Id == message.Id && m.DeliveredAt == null && m.DeadAt == null && m.NextAttemptAt == message.NextAttemptAt)
                        .ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, claimedUntil), cancellationToken) == 0)
                {
                    continue;
                }

                var error = await DeliverAsync(message, cancellationToken);
                var at = clock.Now();
                if (error is null)
                {
                    message.Delivered(at);
                }
                else
                {
                    message.Failed(error, at, options.MaxAttempts, options.RetryDelay);
                    LogFailed(logger, message.Id, message.Type, message.Attempts, error, message.DeadAt is not null);
                }

                await db.SaveChangesAsync(cancellationToken);
            }

            if (batch.Count < options.BatchSize)
            {
                return;
            }
        }
    }

    /// <returns>null when delivered, else why not.</returns>
    private async Task<string?> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (options.WebhookUrl is null)
        {
            LogUndelivered(logger, message.Id, message.Type);
            return null;
        }

        var body = JsonSerializer.Serialize(new
        {
            id = message.Id,
            type = message.Type,
            createdAt = message.CreatedAt,
            data = JsonDocument.Parse(message.Payload).RootElement,
        }, Json.Options);
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, options.WebhookUrl) { Content = content };
        request.Headers.Add(SignatureHeader, Sign(body, options.WebhookSecret!));
        request.Headers.Add("X-Event-Type", message.Type);
        request.Headers.Add("X-Delivery-Id", message.Id.ToString());
        try
        {
            using var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"the webhook answered {(int)response.StatusCode}";
        }
        catch (HttpRequestException)
        {
            return "the webhook could not be reached";
        }
        catch (TimeoutRejectedException)
        {
            return "the webhook timed out";
        }
    }

    /// <summary>Hex HMAC-SHA256 of the exact body bytes.</summary>
    public static string Sign(string body, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {Id} of type {Type} (no webhook configured)")]
    private static partial void LogUndelivered(ILogger logger, Guid id, string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {Id} of type {Type} failed on attempt {Attempts}: {Error}; dead: {Dead}")]
    private static partial void LogFailed(ILogger logger, Guid id, string type, int attempts, string error, bool dead);
}

/// <summary>
/// Every <see cref="NotificationOptions.DispatchInterval"/>, starts a delivery job when a message is due and
/// this node has no delivery job waiting or running already.
/// </summary>
public sealed partial class OutboxRelay(
    IServiceScopeFactory scopes, IBackgroundJobClient jobs, JobStorage storage, NotificationOptions options, TimeProvider clock, ILogger<OutboxRelay> logger) : BackgroundService
{
    private static readonly HashSet<string> ActiveStates = [EnqueuedState.StateName, ProcessingState.StateName, ScheduledState.StateName, AwaitingState.StateName];
    private string? _pending;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.DispatchInterval);
        do
        {
            try
            {
                await RelayAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex.GetType().Name);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task RelayAsync(CancellationToken cancellationToken)
    {
        if (_pending is not null && IsWaitingOrRunning(_pending))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClearanceDbContext>();
        var now = clock.Now();
        if (await db.OutboxMessages.AnyAsync(m => m.DeliveredAt == null && m.DeadAt == null && m.NextAttemptAt <= now, cancellationToken))
        {
            _pending = jobs.Enqueue<OutboxDispatchJob>(j => j.RunAsync(CancellationToken.None));
        }
    }

    private bool IsWaitingOrRunning(string jobId)
    {
        using var connection = storage.GetConnection();
        return connection.GetStateData(jobId)?.Name is { } state && ActiveStates.Contains(state);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Starting notification delivery failed ({Error}); tried again next interval")]
    private static partial void LogFailed(ILogger logger, string error);
}
