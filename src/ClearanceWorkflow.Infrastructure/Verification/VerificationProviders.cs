using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Investigations;
using ClearanceWorkflow.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace ClearanceWorkflow.Infrastructure.Verification;

public sealed record VerificationAnswer(CheckOutcome Outcome, string Summary, string? Reference);

/// <summary>A provider did not give a usable answer: any status but 200, or a body that is not the contract's.</summary>
public sealed class VerificationFailedException(string message) : Exception(message);

/// <summary>Configuration section <c>Verification</c>.</summary>
public sealed class VerificationOptions
{
    /// <summary>Whether checks are verified by the background jobs (<c>Verification__Automated</c>), or recorded by hand.</summary>
    public bool Automated { get; set; } = true;

    /// <summary>The provider; unset means the built-in simulated provider.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Per-kind overrides: <c>Verification__Kinds__{kind}__BaseUrl</c>.</summary>
    public Dictionary<string, KindOptions> Kinds { get; } = new(StringComparer.Ordinal);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries inside one job run, with jittered exponential backoff.</summary>
    public int Retries { get; set; } = 2;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest <c>Retry-After</c> waited for inside one job run; a longer one is waited for this long.</summary>
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
        HttpUrl(options.BaseUrl, "Verification__BaseUrl");
        foreach (var kind in configuration.GetSection("Verification:Kinds").GetChildren())
        {
            if (!Investigation.Tier5Kinds.Contains(kind.Key, StringComparer.Ordinal))
            {
                throw new InvalidOperationException(
                    $"Verification__Kinds__{kind.Key} names no check kind; the kinds are {string.Join(", ", Investigation.Tier5Kinds)}.");
            }

            if (kind["BaseUrl"] is { Length: > 0 } url)
            {
                var setting = $"Verification__Kinds__{kind.Key}__BaseUrl";
                options.Kinds[kind.Key] = new KindOptions
                {
                    BaseUrl = HttpUrl(Uri.TryCreate(url, UriKind.RelativeOrAbsolute, out var parsed) ? parsed : throw Invalid(setting, "an absolute http or https URL"), setting),
                };
            }
        }

        // Polly's own bounds for a timeout and a circuit break.
        Require(options.AttemptTimeout >= TimeSpan.FromMilliseconds(10) && options.AttemptTimeout <= TimeSpan.FromDays(1), "Verification__AttemptTimeout", "between 10 ms and 1 day");
        Require(options.BreakDuration >= TimeSpan.FromMilliseconds(500) && options.BreakDuration <= TimeSpan.FromDays(1), "Verification__BreakDuration", "between 0.5 s and 1 day");
        Require(options.Retries is >= 0 and <= 100, "Verification__Retries", "between 0 and 100");
        Require(options.JobRetries is >= 0 and <= 100, "Verification__JobRetries", "between 0 and 100");
        Require(options.RetryDelay >= TimeSpan.Zero && options.RetryDelay <= TimeSpan.FromDays(1), "Verification__RetryDelay", "between zero and 1 day");
        Require(options.MaxRetryAfter >= TimeSpan.Zero && options.MaxRetryAfter <= TimeSpan.FromDays(1), "Verification__MaxRetryAfter", "between zero and 1 day");
        // Hangfire waits in whole seconds: a maximum under one could not be kept.
        Require(options.JobRetryDelay > TimeSpan.Zero && options.JobRetryMaxDelay >= options.JobRetryDelay
                && options.JobRetryMaxDelay >= TimeSpan.FromSeconds(1) && options.JobRetryMaxDelay <= TimeSpan.FromDays(7),
            "Verification__JobRetryDelay and Verification__JobRetryMaxDelay", "positive, the maximum at least the delay, at least a second and at most 7 days");
        return options;
    }

    /// <summary>Null, or an absolute http(s) URL; anything else stops the service naming <paramref name="setting"/>.</summary>
    /// <summary>An absolute http or https URL without user information: the URL names the provider's pipeline in logs, so it holds no secret.</summary>
    internal static Uri? HttpUrl(Uri? url, string setting) =>
        url is null || (url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && url.UserInfo.Length == 0)
            ? url
            : throw Invalid(setting, "an absolute http or https URL, without a user name or password");

    internal static void Require(bool valid, string setting, string what)
    {
        if (!valid)
        {
            throw Invalid(setting, what);
        }
    }

    private static InvalidOperationException Invalid(string setting, string what) => new($"{setting} must be {what}.");
}

/// <summary>
/// Calls the provider configured for a kind over HTTP; the simulated provider answers the same contract
/// in-process. Retries, the circuit breaker and the per-attempt timeout are the clients' resilience
/// handlers (<see cref="VerificationResilience"/>).
/// </summary>
public sealed class VerificationClient(VerificationOptions options, IHttpClientFactory httpClients)
{
    public const string HttpClientName = "verification";
    public const string SimulatedClientName = "verification-simulated";

    /// <summary>Where the simulated provider is addressed; never resolved, the request stays in-process.</summary>
    public static readonly Uri SimulatedBaseUrl = new("http://simulated.invalid/");

    public async Task<VerificationAnswer> VerifyAsync(VerificationRequest request, CancellationToken cancellationToken)
    {
        var baseUrl = options.BaseUrlFor(request.Kind);
        using var client = httpClients.CreateClient(baseUrl is null ? SimulatedClientName : HttpClientName);
        using var message = new HttpRequestMessage(HttpMethod.Post, CheckUri(baseUrl ?? SimulatedBaseUrl, request.Kind))
        {
            Content = JsonContent.Create(new { caseReference = request.CaseReference, kind = request.Kind, subject = request.Subject }, options: Json.Options),
        };
        message.Headers.Add("Idempotency-Key", request.IdempotencyKey);
        using var response = await client.SendAsync(message, cancellationToken);
        var (answer, error) = await ReadAsync(response, cancellationToken);
        return answer ?? throw new VerificationFailedException(error!);
    }

    /// <summary>The answer, or why the response is not one: any status but 200, or a body that is not the contract's.</summary>
    internal static async ValueTask<(VerificationAnswer? Answer, string? Error)> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (null, $"the provider answered {(int)response.StatusCode}");
        }

        Answer? answer;
        try
        {
            // Bytes, not the stream: the predicates and the client each read the same buffered answer.
            answer = JsonSerializer.Deserialize<Answer>(await response.Content.ReadAsByteArrayAsync(cancellationToken), Json.Options);
        }
        catch (JsonException)
        {
            return (null, "the provider's answer is not valid JSON of the contract");
        }

        if (answer is not { Outcome: { } outcome })
        {
            return (null, "the provider's answer has no outcome");
        }

        if (answer.Reference is { Length: > MaxReferenceLength })
        {
            return (null, $"the provider's reference is longer than {MaxReferenceLength} characters");
        }

        if (answer.Reference is { } reference && reference.Any(char.IsControl))
        {
            return (null, "the provider's reference has control characters");
        }

        return (new VerificationAnswer(outcome, string.IsNullOrWhiteSpace(answer.Summary) ? outcome.ToString() : answer.Summary, answer.Reference), null);
    }

    /// <summary>The longest provider reference the contract allows, and the column holds.</summary>
    public const int MaxReferenceLength = 200;

    /// <summary><c>{baseUrl}/checks/{kind}</c>, keeping any path the base URL has (<c>https://host/api</c> gives <c>https://host/api/checks/kind</c>).</summary>
    public static Uri CheckUri(Uri baseUrl, string kind)
    {
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        return new Uri(root, $"checks/{Uri.EscapeDataString(kind)}");
    }

    private sealed record Answer(CheckOutcome? Outcome, string? Summary, string? Reference);
}

/// <summary>
/// The verification clients' resilience handler: retry with jittered exponential backoff (honouring
/// <c>Retry-After</c> up to <see cref="VerificationOptions.MaxRetryAfter"/>) around a circuit breaker around
/// a per-attempt timeout, one pipeline (so one breaker) per provider base URL, on the container's
/// <see cref="TimeProvider"/>. A failure is any answer <see cref="VerificationClient.ReadAsync"/> refuses,
/// a refused or reset connection, or a timed-out attempt.
/// </summary>
public static class VerificationResilience
{
    public static IHttpClientBuilder AddVerificationResilience(this IHttpClientBuilder client, VerificationOptions options)
    {
        client.AddResilienceHandler("provider", (builder, context) =>
        {
            var clock = context.ServiceProvider.GetRequiredService<TimeProvider>();
            builder.TimeProvider = clock;
            if (options.Retries > 0)
            {
                builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    ShouldHandle = args => IsFailureAsync(args.Outcome, args.Context.CancellationToken),
                    MaxRetryAttempts = options.Retries,
                    Delay = options.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, clock, options.MaxRetryAfter)),
                });
            }

            builder
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
                {
                    ShouldHandle = args => IsFailureAsync(args.Outcome, args.Context.CancellationToken),
                    FailureRatio = 0.8,
                    MinimumThroughput = 10,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = options.BreakDuration,
                })
                .AddTimeout(options.AttemptTimeout);
        }).SelectPipelineBy(_ => request => new Uri(request.RequestUri!, "..").AbsoluteUri);

        // Inside the attempt: the timeout covers the whole answer, and the predicates read it from memory.
        client.AddHttpMessageHandler(() => new BufferAnswerHandler());
        return client;
    }

    /// <summary>The answer's positive <c>Retry-After</c>, at most <paramref name="max"/>; null (the backoff decides) without one.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider clock, TimeSpan max)
    {
        var after = response?.Headers.RetryAfter is { } header
            ? header.Delta ?? (header.Date is { } date ? date - clock.GetUtcNow() : null)
            : null;
        return after > TimeSpan.Zero ? (after < max ? after : max) : null;
    }

    private static async ValueTask<bool> IsFailureAsync(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => (await VerificationClient.ReadAsync(response, cancellationToken)).Answer is null,
        _ => false,
    };

    private sealed class BufferAnswerHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            try
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                return response;
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
    }
}

/// <summary>
/// The embedded default provider: deterministic answers chosen by the subject's family name, so that a
/// case can be taken through its background check with no external service. It answers the provider
/// contract in-process, as the primary handler of <see cref="VerificationClient.SimulatedClientName"/>, so
/// its calls go through the same resilience handler as a real provider's. See docs/verification-providers.md.
/// </summary>
public sealed class SimulatedVerificationProvider
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    public TimeSpan SlowDelay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How many calls came with this idempotency key (one check's calls, <c>{caseId}:{kind}</c>), since the process started.</summary>
    public int CallsWith(string idempotencyKey) => _calls.GetValueOrDefault(idempotencyKey);

    /// <summary>A handler answering for this provider; the client factory owns (and disposes) each one.</summary>
    public HttpMessageHandler CreateHandler() => new Handler(this);

    private async Task<HttpResponseMessage> AnswerAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var kind = Uri.UnescapeDataString(request.RequestUri!.Segments[^1]);
        var key = request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : string.Empty;
        using var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
        var name = body.RootElement.TryGetProperty("subject", out var subject) && subject.ValueKind == JsonValueKind.Object
            && subject.TryGetProperty("familyName", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : string.Empty;
        var call = _calls.AddOrUpdate(key, 1, (_, n) => n + 1);
        // What it "found" is one record per case and kind: the same reference on every run and after a restart, as a real
        // provider's record id, so continuous vetting (which asks under the granting case) sees one alert, not one each run.
        // Drawn from the case reference, not the subject, so that no digest of personal data is stored in the clear.
        var caseReference = body.RootElement.TryGetProperty("caseReference", out var named) && named.ValueKind == JsonValueKind.String ? named.GetString() : null;
        var reference = "SIM-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}\n{caseReference}")), 0, 8);
        if (name.StartsWith("Down-", StringComparison.OrdinalIgnoreCase))
        {
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        }

        if (name.StartsWith("Flaky-", StringComparison.OrdinalIgnoreCase) && call == 1)
        {
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        }

        if (name.StartsWith("Slow-", StringComparison.OrdinalIgnoreCase))
        {
            await Task.Delay(SlowDelay, cancellationToken);
        }

        if (name.StartsWith("Flag-", StringComparison.OrdinalIgnoreCase) && kind == "criminal")
        {
            return Answer(CheckOutcome.Flagged, "simulated: a criminal record was found", reference);
        }

        if (name.StartsWith("Unable-", StringComparison.OrdinalIgnoreCase) && kind == "identity")
        {
            return Answer(CheckOutcome.Unable, "simulated: the identity record could not be reached", reference);
        }

        return Answer(CheckOutcome.Clear, "simulated: nothing found", reference);
    }

    private static HttpResponseMessage Answer(CheckOutcome outcome, string summary, string reference) =>
        new(HttpStatusCode.OK) { Content = JsonContent.Create(new { outcome, summary, reference }, options: Json.Options) };

    private sealed class Handler(SimulatedVerificationProvider provider) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            provider.AnswerAsync(request, cancellationToken);
    }
}
