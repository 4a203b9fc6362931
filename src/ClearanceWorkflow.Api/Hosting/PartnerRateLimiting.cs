using System.Globalization;
using System.Threading.RateLimiting;
using ClearanceWorkflow.Infrastructure.Security;
using Microsoft.AspNetCore.RateLimiting;

namespace ClearanceWorkflow.Api.Hosting;

/// <summary>
/// Per-partner rate limiting of the reciprocity endpoints with ASP.NET Core's rate limiter: a fixed
/// window per <c>partner_id</c> claim. <c>RateLimiting__PartnerPermitsPerMinute</c> (default 600) sets the
/// rate and <c>RateLimiting__PartnerWindowSeconds</c> (default 60) the window; a window holds the rate's
/// share of permits. A batch is one request. Over the limit: 429 problem details with <c>Retry-After</c>.
/// </summary>
/// <remarks>The counters live in the node's memory: with N nodes behind a balancer a partner gets up to N times the rate.</remarks>
internal static partial class PartnerRateLimiting
{
    public const string PolicyName = "partner";
    public const int DefaultPermitsPerMinute = 600;
    public const int DefaultWindowSeconds = 60;

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

        var window = TimeSpan.FromSeconds(windowSeconds);
        var permits = (int)Math.Max(1, Math.Round(perMinute * windowSeconds / 60.0, MidpointRounding.AwayFromZero));
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(PolicyName, context => context.User.FindFirst(BearerTokens.PartnerClaim)?.Value is { Length: > 0 } partnerId
                ? RateLimitPartition.GetFixedWindowLimiter(partnerId, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = window,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter(string.Empty));
            o.OnRejected = OnRejectedAsync;
        });
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PartnerRateLimiting).FullName!);
        LogRejected(logger, context.User.FindFirst(BearerTokens.PartnerClaim)?.Value ?? "-", seconds);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reciprocity rate limit reached for partner {PartnerId}; retry after {Seconds} s")]
    private static partial void LogRejected(ILogger logger, string partnerId, int seconds);
}
