using System.Security.Claims;
using System.Text.Json;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ClearanceWorkflow.Api.Security;

/// <summary>
/// Bearer JWT authentication: ASP.NET Core's JwtBearer scheme over <see cref="BearerTokens.ValidationParameters"/>,
/// with an authority's discovery document and JWKS when <c>Auth__Authority</c> is set. On top of the library's
/// checks: no <c>crit</c> header, a <c>sub</c> of at most 200 characters, a <c>partner_id</c> on partner tokens.
/// Failures answer 401 ProblemDetails (403 for a role that does not fit) and log no token content.
/// </summary>
public static class BearerAuthentication
{
    public const string SchemeName = JwtBearerDefaults.AuthenticationScheme;

    public static IServiceCollection AddBearerAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(SchemeName).AddJwtBearer();
        // Built at startup, so that an unreadable Auth__PublicKeyPem stops the service rather than its first request.
        services.AddOptions<JwtBearerOptions>(SchemeName).Configure<AuthSettings>(Configure).ValidateOnStart();
        return services;
    }

    /// <summary>The actor of a request: the token's subject, its known roles (never <c>system</c>), and its partner id.</summary>
    public static Actor ActorOf(ClaimsPrincipal principal) => new(
        principal.FindFirstValue(BearerTokens.SubjectClaim)!,
        principal.FindAll(BearerTokens.RoleClaim).Select(c => c.Value).Where(Roles.TokenRoles.Contains).ToHashSet(StringComparer.Ordinal),
        principal.FindFirstValue(BearerTokens.PartnerClaim));

    /// <summary>
    /// Validates a token as the bearer scheme does (its handlers, parameters and the checks above), for a token the
    /// service minted itself; null when refused. Keys come from the options only: no authority's JWKS.
    /// </summary>
    public static async Task<ClaimsPrincipal?> ValidateAsync(JwtBearerOptions options, string token)
    {
        foreach (var handler in options.TokenHandlers)
        {
            var result = await handler.ValidateTokenAsync(token, options.TokenValidationParameters);
            if (result.IsValid)
            {
                var principal = new ClaimsPrincipal(result.ClaimsIdentity);
                return Refusal(result.SecurityToken, principal) is null ? principal : null;
            }
        }

        return null;
    }

    private static void Configure(JwtBearerOptions options, AuthSettings settings)
    {
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(new JsonWebTokenHandler { MaximumTokenSizeInBytes = BearerTokens.MaxTokenBytes });
        // Claims keep their JWT names (sub, roles, partner_id); a roles array becomes one claim per element.
        options.MapInboundClaims = false;
        options.TokenValidationParameters = BearerTokens.ValidationParameters(settings);
        if (settings.Authority is { } authority)
        {
            options.Authority = authority;
            options.RequireHttpsMetadata = authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        }

        options.IncludeErrorDetails = false;
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = TokenValidated,
            OnChallenge = ChallengeAsync,
            OnForbidden = ForbiddenAsync,
        };
    }

    private static Task TokenValidated(TokenValidatedContext context)
    {
        if (Refusal(context.SecurityToken, context.Principal!) is { } reason)
        {
            context.Fail(reason);
        }

        return Task.CompletedTask;
    }

    private static string? Refusal(SecurityToken token, ClaimsPrincipal principal)
    {
        // RFC 7515 §4.1.11: a recipient must reject a JWS whose crit names an extension it does not understand.
        // This service understands none (not even b64, RFC 7797), and an empty crit is itself forbidden.
        if (token is not JsonWebToken jwt)
        {
            return "not a JWS compact token";
        }

        if (HasCriticalHeader(jwt))
        {
            return "the token has a crit header";
        }

        if (BearerTokens.SubjectRefusal(principal.FindFirstValue(BearerTokens.SubjectClaim)) is { } subject)
        {
            return subject;
        }

        // A partner_id array would leave the agreement, the rate limit and the audit to whichever value came first.
        if (principal.FindAll(BearerTokens.PartnerClaim).Skip(1).Any())
        {
            return "the token names more than one partner";
        }

        if (principal.IsInRole(Roles.Partner) && BearerTokens.PartnerRefusal(principal.FindFirstValue(BearerTokens.PartnerClaim)) is { } partner)
        {
            return partner;
        }

        return null;
    }

    private static bool HasCriticalHeader(JsonWebToken jwt)
    {
        using var header = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedHeader));
        try
        {
            return header.RootElement.EnumerateObject().Any(p => p.NameEquals("crit"));
        }
        catch (InvalidOperationException)
        {
            return true; // a name escaping a lone surrogate, which no comparison can read: refused like an unknown crit
        }
    }

    private static async Task ChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await WriteProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized", "A valid bearer token is required.");
    }

    private static Task ForbiddenAsync(ForbiddenContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", "The caller's role may not do this.");
    }

    private static async Task WriteProblemAsync(HttpContext context, int status, string title, string detail) =>
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
}
