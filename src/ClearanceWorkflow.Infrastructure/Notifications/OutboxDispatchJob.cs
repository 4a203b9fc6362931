using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Notifications;
using ClearanceWorkflow.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly.Timeout;
using Quartz;

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

        return options;
    }
}

/// <summary>
/// Delivers outbox rows oldest first. A delivered row is marked delivered; a failed one is retried with
/// backoff and, after the last attempt, marked dead, so one poison message never blocks the rest.
/// One dispatcher runs at a time across the cluster.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class OutboxDispatchJob(
    IServiceScopeFactory scopes, IHttpClientFactory httpClients, NotificationOptions options, TimeProvider clock, ILogger<OutboxDispatchJob> logger) : IJob
{
    public const string HttpClientName = "webhook";
    public const string SignatureHeader = "X-Signature-SHA256";
    public static readonly JobKey Key = new("outbox-dispatch", "system");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        for (var round = 0; round < 20; round++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClearanceDbContext>();
            var now = AuditTrail.Truncate(clock.GetUtcNow().UtcDateTime);
            var batch = await db.OutboxMessages
                .Where(m => m.DeliveredAt == null && m.DeadAt == null && m.NextAttemptAt <= now)
                .OrderBy(m => m.CreatedAt)
                .Take(options.BatchSize)
                .ToListAsync(cancellationToken);
            foreach (var message in batch)
            {
                var error = await DeliverAsync(message, cancellationToken);
                var at = AuditTrail.Truncate(clock.GetUtcNow().UtcDateTime);
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
