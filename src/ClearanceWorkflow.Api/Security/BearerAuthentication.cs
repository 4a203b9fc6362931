using System.Security.Claims;
using System.Text.Encodings.Web;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ClearanceWorkflow.Api.Security;

/// <summary>Bearer JWT authentication over <see cref="JwtValidation"/>. Failures answer 401 ProblemDetails and log no token content.</summary>
public sealed partial class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    JwtValidation validation,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Bearer";

    /// <summary>The longest <c>sub</c> accepted: the width of the user-id columns.</summary>
    public const int MaxSubjectLength = 200;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > 16 * 1024)
        {
            return AuthenticateResult.Fail("not a bearer token");
        }

        var result = await validation.ValidateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (!result.IsValid)
        {
            LogRejected(Logger, result.Exception?.GetType().Name ?? "invalid");
            return AuthenticateResult.Fail("invalid token");
        }

        var principal = new ClaimsPrincipal(result.ClaimsIdentity);
        var subject = principal.FindFirstValue("sub");
        if (string.IsNullOrEmpty(subject))
        {
            return AuthenticateResult.Fail("the token has no subject");
        }

        // User ids are stored in columns of 200 characters (actors, subjects, assignees): a longer one cannot be recorded.
        if (subject.Length > MaxSubjectLength)
        {
            return AuthenticateResult.Fail("the token's subject is too long");
        }

        if (principal.IsInRole(Roles.Partner) && string.IsNullOrEmpty(principal.FindFirstValue(JwtValidation.PartnerClaim)))
        {
            return AuthenticateResult.Fail("partner tokens need a partner_id claim");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = 401, Title = "Unauthorized", Detail = "A valid bearer token is required." },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = 403, Title = "Forbidden", Detail = "The caller's role may not do this." },
        });
    }

    /// <summary>The actor of a request: the token's subject, its known roles (never <c>system</c>), and its partner id.</summary>
    public static Actor ActorOf(ClaimsPrincipal principal) => new(
        principal.FindFirstValue("sub")!,
        principal.FindAll(JwtValidation.RoleClaim).Select(c => c.Value).Where(Roles.TokenRoles.Contains).ToHashSet(StringComparer.Ordinal),
        principal.FindFirstValue(JwtValidation.PartnerClaim));

    [LoggerMessage(Level = LogLevel.Information, Message = "Bearer token rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
