using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ClearanceWorkflow.IntegrationTests.Support;

/// <summary>One request a <see cref="FakeProvider"/> received.</summary>
public sealed class ProviderCall
{
    public ProviderCall(int number, int keyAttempt, DateTimeOffset at, string method, string path, string? idempotencyKey, string body)
    {
        Number = number;
        KeyAttempt = keyAttempt;
        At = at;
        Method = method;
        Path = path;
        IdempotencyKey = idempotencyKey;
        Body = body;
        try
        {
            Json = JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException)
        {
            Json = default;
        }
    }

    /// <summary>1 for the first request the server received, counting every request.</summary>
    public int Number { get; }

    /// <summary>1 for the first request carrying this Idempotency-Key, 2 for the second, ...</summary>
    public int KeyAttempt { get; }

    /// <summary>When the request arrived (wall clock).</summary>
    public DateTimeOffset At { get; }

    public string Method { get; }

    /// <summary>The request path, including the server's path base.</summary>
    public string Path { get; }

    public string? IdempotencyKey { get; }

    /// <summary>The exact body.</summary>
    public string Body { get; }

    /// <summary>The body parsed; <c>default</c> when it is not JSON.</summary>
    public JsonElement Json { get; }

    public string? Kind => Property(Json, "kind");

    public string? CaseReference => Property(Json, "caseReference");

    public JsonElement Subject => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("subject", out var s) ? s : default;

    public string? FamilyName => Property(Subject, "familyName");

    private static string? Property(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

/// <summary>How a <see cref="FakeProvider"/> answers one request.</summary>
public sealed record ProviderReply
{
    public int Status { get; init; } = 200;

    public string Outcome { get; init; } = "Clear";

    public string? Summary { get; init; }

    public string? RetryAfter { get; init; }

    /// <summary>The provider's reference; <c>FAKE-{n}</c> when null.</summary>
    public string? Reference { get; init; }

    /// <summary>Answers without a reference at all (it is optional).</summary>
    public bool NoReference { get; init; }

    /// <summary>Waited before answering (the request's abort cancels the wait).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Waited for before answering (the request's abort cancels the wait).</summary>
    public Task? Gate { get; init; }

    public static ProviderReply Clear() => new();

    public static ProviderReply With(string outcome, string? summary = null) => new() { Outcome = outcome, Summary = summary };

    public static ProviderReply Failure(int status, string? retryAfter = null) => new() { Status = status, RetryAfter = retryAfter };
}

/// <summary>
/// A verification provider on a real loopback HTTP server, implementing docs/verification-providers.md:
/// <c>POST {base}/checks/{kind}</c> answered 200 <c>{ outcome, summary, reference }</c>. What it answers is
/// programmable per request (<see cref="Respond"/>), and it keeps a thread-safe log of every request.
/// </summary>
public sealed class FakeProvider : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private readonly string _pathBase;
    private readonly ConcurrentQueue<ProviderCall> _calls = new();
    private readonly ConcurrentDictionary<string, int> _perKey = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<TaskCompletionSource> _gates = [];
    private int _number;
    private int _waiting;

    private FakeProvider(string pathBase)
    {
        _pathBase = pathBase.TrimEnd('/');
        _server = LoopbackServer.Start(HandleAsync);
    }

    /// <summary>Starts a provider; with <paramref name="pathBase"/> (e.g. <c>/verify</c>) its base URL has a path.</summary>
    public static FakeProvider Start(string pathBase = "") => new(pathBase);

    /// <summary>What <c>Verification__BaseUrl</c> is set to.</summary>
    public Uri BaseUrl => new(_server.Root, _pathBase.TrimStart('/'));

    /// <summary>Chooses the answer to each request; every check is Clear by default.</summary>
    public Func<ProviderCall, ProviderReply> Respond { get; set; } = _ => ProviderReply.Clear();

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<ProviderCall> Calls => [.. _calls.OrderBy(c => c.Number)];

    /// <summary>Requests parked on a gate right now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>The requests for one case (by the Idempotency-Key's case id).</summary>
    public IReadOnlyList<ProviderCall> CallsFor(Guid caseId) =>
        [.. Calls.Where(c => c.IdempotencyKey?.StartsWith(caseId + ":", StringComparison.Ordinal) == true)];

    /// <summary>A gate for <see cref="ProviderReply.Gate"/>; released by the test, or when the provider stops.</summary>
    public TaskCompletionSource NewGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _gates.Add(gate);
        return gate;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var key = context.Request.Headers["Idempotency-Key"].FirstOrDefault();
        var path = (context.Request.PathBase + context.Request.Path).ToString();
        var call = new ProviderCall(
            Interlocked.Increment(ref _number),
            _perKey.AddOrUpdate(key ?? path, 1, (_, n) => n + 1),
            TimeProvider.System.GetUtcNow(),
            context.Request.Method,
            path,
            key,
            body);
        _calls.Enqueue(call);
        if (!HttpMethods.IsPost(call.Method) || !path.StartsWith(_pathBase + "/checks/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var reply = Respond(call);
        try
        {
            if (reply.Gate is { } gate)
            {
                Interlocked.Increment(ref _waiting);
                try
                {
                    await gate.WaitAsync(context.RequestAborted);
                }
                finally
                {
                    Interlocked.Decrement(ref _waiting);
                }
            }

            if (reply.Delay > TimeSpan.Zero)
            {
                await Task.Delay(reply.Delay, context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        context.Response.StatusCode = reply.Status;
        if (reply.RetryAfter is { } after)
        {
            context.Response.Headers.RetryAfter = after;
        }

        if (reply.Status == StatusCodes.Status200OK)
        {
            await context.Response.WriteAsJsonAsync(
                new { outcome = reply.Outcome, summary = reply.Summary ?? $"fake provider: {reply.Outcome}", reference = reply.NoReference ? null : reply.Reference ?? $"FAKE-{call.Number}" },
                context.RequestAborted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gate in _gates)
        {
            gate.TrySetResult();
        }

        await _server.DisposeAsync();
    }
}
