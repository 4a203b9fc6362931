using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Investigations;
using ClearanceWorkflow.Domain;
using Microsoft.Extensions.Configuration;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace ClearanceWorkflow.Infrastructure.Verification;

public sealed record VerificationAnswer(CheckOutcome Outcome, string Summary, string? Reference);

/// <summary>A provider did not give a usable answer: any status but 200, or a body that is not the contract's.</summary>
public sealed class VerificationFailedException(string message, TimeSpan? retryAfter = null) : Exception(message)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>Configuration section <c>Verification</c>.</summary>
public sealed class VerificationOptions
{
    /// <summary>The provider; unset means the built-in simulated provider.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Per-kind overrides: <c>Verification__Kinds__{kind}__BaseUrl</c>.</summary>
    public Dictionary<string, KindOptions> Kinds { get; } = new(StringComparer.Ordinal);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries inside one job run, with jittered exponential backoff.</summary>
    public int Retries { get; set; } = 2;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest <c>Retry-After</c> honoured inside one job run; longer waits go to the scheduler's retry.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of the whole job, persisted by the scheduler, with exponential backoff; after the last the check ends Unable.</summary>
    public int JobRetries { get; set; } = 5;

    public TimeSpan JobRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan JobRetryMaxDelay { get; set; } = TimeSpan.FromMinutes(30);

    public Uri? BaseUrlFor(string kind) => Kinds.TryGetValue(kind, out var k) && k.BaseUrl is not null ? k.BaseUrl : BaseUrl;

    public sealed class KindOptions
    {
        public Uri? BaseUrl { get; set; }
    }

    public static VerificationOptions From(IConfiguration configuration)
    {
        var options = new VerificationOptions();
        configuration.GetSection("Verification").Bind(options);
        foreach (var kind in configuration.GetSection("Verification:Kinds").GetChildren())
        {
            if (kind["BaseUrl"] is { Length: > 0 } url)
            {
                options.Kinds[kind.Key] = new KindOptions { BaseUrl = new Uri(url) };
            }
        }

        return options;
    }
}

/// <summary>Calls the provider configured for a kind, through that provider's resilience pipeline.</summary>
/// <remarks>Timeouts, backoff and the breaker run on wall-clock time, not on the business clock the rest of the service is given.</remarks>
public sealed class VerificationClient(VerificationOptions options, IHttpClientFactory httpClients, SimulatedVerificationProvider simulated)
{
    public const string HttpClientName = "verification";

    private readonly ConcurrentDictionary<string, ResiliencePipeline<VerificationAnswer>> _pipelines = new(StringComparer.Ordinal);

    public Task<VerificationAnswer> VerifyAsync(VerificationRequest request, CancellationToken cancellationToken)
    {
        var baseUrl = options.BaseUrlFor(request.Kind);
        var pipeline = _pipelines.GetOrAdd(baseUrl?.ToString() ?? "simulated", _ => BuildPipeline());
        return pipeline.ExecuteAsync(
            async token => baseUrl is null
                ? await simulated.VerifyAsync(request, token)
                : await PostAsync(baseUrl, request, token),
            cancellationToken).AsTask();
    }

    private async Task<VerificationAnswer> PostAsync(Uri baseUrl, VerificationRequest request, CancellationToken cancellationToken)
    {
        using var client = httpClients.CreateClient(HttpClientName);
        using var message = new HttpRequestMessage(HttpMethod.Post, CheckUri(baseUrl, request.Kind))
        {
            Content = JsonContent.Create(new { caseReference = request.CaseReference, kind = request.Kind, subject = request.Subject }, options: Json.Options),
        };
        message.Headers.Add("Idempotency-Key", request.IdempotencyKey);
        using var response = await client.SendAsync(message, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var retryAfter = response.Headers.RetryAfter is { } header
                ? header.Delta ?? (header.Date is { } date ? date - TimeProvider.System.GetUtcNow() : null)
                : null;
            throw new VerificationFailedException($"the provider answered {(int)response.StatusCode}", retryAfter);
        }

        Answer? answer;
        try
        {
            answer = await response.Content.ReadFromJsonAsync<Answer>(Json.Options, cancellationToken);
        }
        catch (JsonException)
        {
            throw new VerificationFailedException("the provider's answer is not valid JSON of the contract");
        }

        return answer is { Outcome: { } outcome }
            ? new VerificationAnswer(outcome, string.IsNullOrWhiteSpace(answer.Summary) ? outcome.ToString() : answer.Summary, answer.Reference)
            : throw new VerificationFailedException("the provider's answer has no outcome");
    }

    /// <summary><c>{baseUrl}/checks/{kind}</c>, keeping any path the base URL has (<c>https://host/api</c> gives <c>https://host/api/checks/kind</c>).</summary>
    public static Uri CheckUri(Uri baseUrl, string kind)
    {
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        return new Uri(root, $"checks/{Uri.EscapeDataString(kind)}");
    }

    /// <summary>Retry with jitter (honouring Retry-After) around a circuit breaker around a per-attempt timeout.</summary>
    private ResiliencePipeline<VerificationAnswer> BuildPipeline()
    {
        var transient = new PredicateBuilder<VerificationAnswer>()
            .Handle<VerificationFailedException>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>();
        var builder = new ResiliencePipelineBuilder<VerificationAnswer> { TimeProvider = TimeProvider.System };
        if (options.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<VerificationAnswer>
            {
                ShouldHandle = transient,
                MaxRetryAttempts = options.Retries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is VerificationFailedException { RetryAfter: { } after } && after > TimeSpan.Zero
                        ? (TimeSpan?)(after < options.MaxRetryAfter ? after : options.MaxRetryAfter)
                        : null),
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<VerificationAnswer>
            {
                ShouldHandle = transient,
                FailureRatio = 0.8,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = options.BreakDuration,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    private sealed record Answer(CheckOutcome? Outcome, string? Summary, string? Reference);
}

/// <summary>
/// The embedded default provider: deterministic answers chosen by the subject's family name, so that a
/// case can be taken through its background check with no external service. See docs/verification-providers.md.
/// </summary>
public sealed class SimulatedVerificationProvider
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    public TimeSpan SlowDelay { get; init; } = TimeSpan.FromSeconds(3);

    public async Task<VerificationAnswer> VerifyAsync(VerificationRequest request, CancellationToken cancellationToken)
    {
        var call = _calls.AddOrUpdate(request.IdempotencyKey, 1, (_, n) => n + 1);
        var name = request.Subject.TryGetValue("familyName", out var value) ? value as string ?? string.Empty : string.Empty;
        var reference = "SIM-" + request.IdempotencyKey.GetHashCode(StringComparison.Ordinal).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        if (name.StartsWith("Down-", StringComparison.OrdinalIgnoreCase))
        {
            throw new VerificationFailedException("simulated provider outage");
        }

        if (name.StartsWith("Flaky-", StringComparison.OrdinalIgnoreCase) && call == 1)
        {
            throw new VerificationFailedException("simulated transient failure");
        }

        if (name.StartsWith("Slow-", StringComparison.OrdinalIgnoreCase))
        {
            await Task.Delay(SlowDelay, cancellationToken);
        }

        if (name.StartsWith("Flag-", StringComparison.OrdinalIgnoreCase) && request.Kind == "criminal")
        {
            return new VerificationAnswer(CheckOutcome.Flagged, "simulated: a criminal record was found", reference);
        }

        if (name.StartsWith("Unable-", StringComparison.OrdinalIgnoreCase) && request.Kind == "identity")
        {
            return new VerificationAnswer(CheckOutcome.Unable, "simulated: the identity record could not be reached", reference);
        }

        return new VerificationAnswer(CheckOutcome.Clear, "simulated: nothing found", reference);
    }
}
