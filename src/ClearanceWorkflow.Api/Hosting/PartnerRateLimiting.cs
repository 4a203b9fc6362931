using System.Globalization;
using System.Text.Json;
using ClearanceWorkflow.Application.Features.Reciprocity;
using ClearanceWorkflow.Infrastructure.Persistence;
using ClearanceWorkflow.Infrastructure.Security;
using MediatR;

namespace ClearanceWorkflow.Api.Hosting;

/// <summary>
/// Per-partner rate limiting of the reciprocity endpoints: a fixed window per <c>partner_id</c> claim, counted
/// in the database (<see cref="PartnerRateCounter"/>), so the limit holds for all nodes together.
/// <c>RateLimiting__PartnerPermitsPerMinute</c> (default 600) sets the rate and <c>RateLimiting__PartnerWindowSeconds</c>
/// (default 60) the window; a window holds the rate's share of permits and starts with a partner's first request
/// after the last one ended. A query spends a permit, a batch one per subject it names. Over the limit: 429 problem
/// details with <c>Retry-After</c>.
/// A request refused here, or refused before its query ran (unreadable or invalid 400, too large 413, not JSON 415, an
/// Idempotency-Key reused for another request 422), or failed on the service's side (5xx), is audited
/// (<see cref="ReciprocityRejected"/>).
/// </summary>
internal static partial class PartnerRateLimiting
{
    public const int DefaultPermitsPerMinute = 600;
    public const int DefaultWindowSeconds = 60;
    private const string ReciprocityPath = "/api/v1/reciprocity";

    /// <summary>Endpoint metadata: the endpoint spends its caller's partner permits, one per request or, for a batch, per subject.</summary>
    public sealed class Limited(bool perSubject)
    {
        public bool PerSubject { get; } = perSubject;
    }

    /// <summary>The permits of one window and its length.</summary>
    public sealed record Settings(int Permits, TimeSpan Window);

    public static TBuilder RequirePartnerRateLimit<TBuilder>(this TBuilder builder, bool perSubject = false)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new Limited(perSubject));

    public static IServiceCollection AddPartnerRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("RateLimiting:PartnerPermitsPerMinute", DefaultPermitsPerMinute);
        var windowSeconds = configuration.GetValue("RateLimiting:PartnerWindowSeconds", DefaultWindowSeconds);
        if (perMinute < 1)
        {
            throw new InvalidOperationException($"RateLimiting__PartnerPermitsPerMinute must be at least 1, not {perMinute}.");
        }

        if (windowSeconds is < 1 or > 3600)
        {
            throw new InvalidOperationException($"RateLimiting__PartnerWindowSeconds must be between 1 and 3600, not {windowSeconds}.");
        }

        var permits = (int)Math.Max(1, Math.Round(perMinute * windowSeconds / 60.0, MidpointRounding.AwayFromZero));
        return services.AddSingleton(new Settings(permits, TimeSpan.FromSeconds(windowSeconds)));
    }

    /// <summary>After authorization: only callers allowed on an endpoint spend its permits.</summary>
    public static async Task Middleware(HttpContext context, Func<Task> next)
    {
        if (context.User.FindFirst(BearerTokens.PartnerClaim)?.Value is not { Length: > 0 } partnerId)
        {
            await next();
            return;
        }

        if (context.GetEndpoint()?.Metadata.GetMetadata<Limited>() is not { } limited)
        {
            await next();
            // A body that is not JSON never reaches the query's endpoint: routing answers 415 in its place.
            if (context.Response.StatusCode == StatusCodes.Status415UnsupportedMediaType && context.Request.Path.StartsWithSegments(ReciprocityPath))
            {
                await RecordAsync(context, StatusCodes.Status415UnsupportedMediaType, [], null);
            }

            return;
        }

        var services = context.RequestServices;
        var settings = services.GetRequiredService<Settings>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeMilliseconds();
        var windowMs = (long)settings.Window.TotalMilliseconds;
        var permits = limited.PerSubject ? await SubjectsAsync(context.Request) : 1;
        var count = await services.GetRequiredService<PartnerRateCounter>().CountAsync(partnerId, now, windowMs, permits, context.RequestAborted);
        if (count.Requests <= settings.Permits)
        {
            try
            {
                await next();
            }
            catch (Exception ex) when (ProblemExceptionHandler.Map(ex) is { Status: StatusCodes.Status400BadRequest or StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType } problem)
            {
                var fields = problem is HttpValidationProblemDetails validation ? validation.Errors.Keys.Order(StringComparer.Ordinal).ToList() : [];
                await RecordAsync(context, problem.Status!.Value, fields, null);
                throw;
            }
            catch (Exception ex) when (ProblemExceptionHandler.Map(ex) is { Status: >= 500 } failure && !context.RequestAborted.IsCancellationRequested)
            {
                // Failed on the service's side once its lookup had begun, so its answer's audit rolled back: the partner
                // still asked. Recorded if the database takes it (a busy one may not); the failure is what is answered.
                try
                {
                    await RecordAsync(context, failure.Status!.Value, [], null);
                }
                catch (Exception unrecorded)
                {
                    LogUnrecorded(LoggerOf(services), unrecorded.GetType().Name);
                }

                throw;
            }

            // A refusal written without an exception: an Idempotency-Key reused for another query (422), or one whose
            // first request is still running or was carried out on a node that failed before keeping its answer (409).
            if (context.Response.StatusCode is StatusCodes.Status422UnprocessableEntity or StatusCodes.Status409Conflict)
            {
                await RecordAsync(context, context.Response.StatusCode, [], null);
            }

            return;
        }

        var windowEndMs = count.WindowStartMs + windowMs;
        // Audited once: the request that crossed the limit.
        if (count.Requests - permits <= settings.Permits)
        {
            await RecordAsync(context, StatusCodes.Status429TooManyRequests, [], DateTimeOffset.FromUnixTimeMilliseconds(windowEndMs).UtcDateTime);
        }

        // Another node may have opened the window after this request read the clock: never more than the window.
        var seconds = (int)Math.Max(1, Math.Ceiling((windowEndMs - Math.Max(now, count.WindowStartMs)) / 1000.0));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        LogRejected(LoggerOf(services), partnerId, seconds);
        await services.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"The partner's rate limit is reached; retry after {seconds} seconds.",
            },
        });
    }

    /// <summary>
    /// The subjects a batch names (1 to <see cref="ReciprocityBatchQuery.MaxSubjects"/>), read from the buffered body, which
    /// the endpoint reads again; 1 for a body it cannot read, which the endpoint then refuses.
    /// </summary>
    private static async Task<int> SubjectsAsync(HttpRequest request)
    {
        request.EnableBuffering();
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            var subjects = document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, "subjects", StringComparison.OrdinalIgnoreCase)).Value
                : default;
            return subjects.ValueKind == JsonValueKind.Array ? Math.Clamp(subjects.GetArrayLength(), 1, ReciprocityBatchQuery.MaxSubjects) : 1;
        }
        catch (Exception ex) when (ex is JsonException or BadHttpRequestException or InvalidOperationException)
        {
            // InvalidOperationException: a property name escaping a lone surrogate, which has no text to compare.
            return 1;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    /// <summary>Audits a request refused before its query ran (<see cref="ReciprocityRejected"/>); not cancellable, as a query's audit is not.</summary>
    private static Task<Unit> RecordAsync(HttpContext context, int status, IReadOnlyList<string> fields, DateTime? refusedUntil) =>
        context.RequestServices.GetRequiredService<IMediator>()
            .Send(new ReciprocityRejected.Record(context.Request.Path.Value!, status, fields, refusedUntil), CancellationToken.None);

    private static ILogger LoggerOf(IServiceProvider services) =>
        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PartnerRateLimiting).FullName!);

    [LoggerMessage(Level = LogLevel.Error, Message = "A reciprocity request that failed could not be audited ({Error})")]
    private static partial void LogUnrecorded(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reciprocity rate limit reached for partner {PartnerId}; retry after {Seconds} s")]
    private static partial void LogRejected(ILogger logger, string partnerId, int seconds);
}
