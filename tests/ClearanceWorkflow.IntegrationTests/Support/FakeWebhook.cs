using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ClearanceWorkflow.IntegrationTests.Support;

/// <summary>One delivery attempt a <see cref="FakeWebhook"/> received.</summary>
public sealed class WebhookCall
{
    public WebhookCall(int number, int attempt, string? deliveryId, string? eventType, string? signature, string? contentType, byte[] body)
    {
        Number = number;
        Attempt = attempt;
        DeliveryId = deliveryId;
        EventType = eventType;
        Signature = signature;
        ContentType = contentType;
        BodyBytes = body;
        Body = Encoding.UTF8.GetString(body);
        Json = JsonDocument.Parse(Body).RootElement.Clone();
    }

    public int Number { get; }

    /// <summary>1 for the first attempt at this delivery id, 2 for the second, ...</summary>
    public int Attempt { get; }

    public string? DeliveryId { get; }

    public string? EventType { get; }

    public string? Signature { get; }

    public string? ContentType { get; }

    /// <summary>The exact bytes received.</summary>
    public byte[] BodyBytes { get; }

    public string Body { get; }

    public JsonElement Json { get; }
}

/// <summary>A notification webhook on a real loopback HTTP server: logs every attempt, answers what <see cref="Respond"/> says.</summary>
public sealed class FakeWebhook : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private readonly ConcurrentQueue<WebhookCall> _calls = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private int _number;

    private FakeWebhook() => _server = LoopbackServer.Start(HandleAsync);

    public static FakeWebhook Start() => new();

    public Uri Url => new(_server.Root, "hooks/clearance");

    /// <summary>The status to answer each attempt with; 200 by default.</summary>
    public Func<WebhookCall, int> Respond { get; set; } = _ => StatusCodes.Status200OK;

    /// <summary>How long to wait before answering each attempt (the request's abort cancels the wait); none by default.</summary>
    public Func<WebhookCall, TimeSpan> Delay { get; set; } = _ => TimeSpan.Zero;

    public IReadOnlyList<WebhookCall> Calls => [.. _calls.OrderBy(c => c.Number)];

    public IReadOnlyList<WebhookCall> CallsFor(Guid deliveryId) => [.. Calls.Where(c => c.DeliveryId == deliveryId.ToString())];

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var id = context.Request.Headers["X-Delivery-Id"].FirstOrDefault();
        var call = new WebhookCall(
            Interlocked.Increment(ref _number),
            _attempts.AddOrUpdate(id ?? string.Empty, 1, (_, n) => n + 1),
            id,
            context.Request.Headers["X-Event-Type"].FirstOrDefault(),
            context.Request.Headers["X-Signature-SHA256"].FirstOrDefault(),
            context.Request.ContentType,
            buffer.ToArray());
        _calls.Enqueue(call);
        try
        {
            await Task.Delay(Delay(call), context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        context.Response.StatusCode = Respond(call);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
