using System.Globalization;
using System.Security.Claims;
using ClearanceWorkflow.Api.Security;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Sessions;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.Infrastructure.Security;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;

namespace ClearanceWorkflow.Api.Workspace;

/// <summary>How the workspace signs staff in: <c>Auth__Authority</c> (OpenID Connect), or the development sign-in page.</summary>
public sealed record WorkspaceSettings(string? Authority, string ClientId, string? ClientSecret, string Scope, TimeSpan SessionTimeout, bool DevelopmentSignIn)
{
    /// <summary>How long a session may last from its sign-in, however active (<c>Workspace__SessionMaxLifetime</c>).</summary>
    public TimeSpan SessionMaxLifetime { get; init; } = TimeSpan.FromHours(12);

    public static WorkspaceSettings From(IConfiguration configuration, IHostEnvironment environment)
    {
        var authority = configuration["Auth:Authority"] is { Length: > 0 } a ? a : null;
        var timeout = configuration.GetValue("Workspace:SessionTimeout", TimeSpan.FromMinutes(30));
        var lifetime = configuration.GetValue("Workspace:SessionMaxLifetime", TimeSpan.FromHours(12));
        if (timeout <= TimeSpan.Zero || lifetime < timeout)
        {
            throw new InvalidOperationException("Workspace__SessionTimeout must be positive and Workspace__SessionMaxLifetime at least as long.");
        }

        return new WorkspaceSettings(
            authority,
            configuration["Workspace:ClientId"] is { Length: > 0 } id ? id : "clearance-workspace",
            configuration["Workspace:ClientSecret"] is { Length: > 0 } secret ? secret : null,
            configuration["Workspace:Scope"] is { Length: > 0 } scope ? scope : "openid roles",
            timeout,
            DevelopmentSignIn: authority is null && environment.IsDevelopment())
        {
            SessionMaxLifetime = lifetime,
        };
    }
}

/// <summary>
/// The staff workspace at <c>/workspace</c>: Razor Pages in the API's host, signed in with a cookie session that OpenID
/// Connect (authorization code with PKCE) or, in Development without an authority, the local sign-in page opens.
/// The pages send the same MediatR requests as the endpoints, as the signed-in actor. The bearer API is unchanged:
/// its default scheme stays the bearer token, and only workspace pages accept the cookie.
/// </summary>
public static class WorkspaceSetup
{
    /// <summary>The session's sign-in time, kept in the cookie's properties.</summary>
    private const string SignedInAtItem = "signedInAt";

    /// <summary>The session's row (<see cref="WorkspaceSession"/>), kept in the cookie's properties.</summary>
    public const string SessionItem = "sid";

    public const string Path = "/workspace";
    public const string CookieScheme = "workspace";
    public const string OidcScheme = "workspace-oidc";
    public const string Policy = "workspace";
    public const string CookieName = "clearance-workspace";

    /// <summary>The session's pages open to anyone (sign-in, sign-out, not available): the cookie is read, nothing is required.</summary>
    public const string SessionPolicy = "workspace-session";

    private static readonly string[] OpenPages = ["/SignIn", "/SignOut", "/Denied"];
    public const string SignInPath = Path + "/signin";

    /// <summary>Who may use the workspace: staff. Applicants use the API.</summary>
    public static readonly string[] StaffRoles = Roles.Staff;

    public static bool IsWorkspace(HttpContext context) => context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase);

    /// <summary>No script, styles from the service only; forms post to the service (or, after a lapsed session, on to the authority).</summary>
    public static string ContentSecurityPolicy(WorkspaceSettings settings)
    {
        var authority = settings.Authority is { } a && Uri.TryCreate(a, UriKind.Absolute, out var uri) ? " " + uri.GetLeftPart(UriPartial.Authority) : string.Empty;
        return $"default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'{authority}; base-uri 'none'; frame-ancestors 'none'";
    }

    public static void AddWorkspace(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = WorkspaceSettings.From(configuration, environment);
        services.AddSingleton(settings);
        services.AddScoped<ActorFilter>();
        // Server-rendered components (the timeliness charts, MudBlazor), placed in pages by the component tag helper.
        services.AddRazorComponents();
        services.AddMudServices();
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Workspace/Pages";
            // Pages read the cookie (not the API's bearer token), so that antiforgery tokens and the actor are the session's.
            o.Conventions.AddFolderApplicationModelConvention("/", page =>
                page.EndpointMetadata.Add(new AuthorizeAttribute(OpenPages.Contains(page.ViewEnginePath) ? SessionPolicy : Policy)));
            o.Conventions.ConfigureFilter(new ServiceFilterAttribute(typeof(ActorFilter)));
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "clearance-workspace-af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<CookieTempDataProviderOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        var authentication = services.AddAuthentication().AddCookie(CookieScheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = settings.SessionTimeout;
            o.SlidingExpiration = true;
            o.LoginPath = SignInPath;
            o.AccessDeniedPath = Path + "/denied";
            o.ReturnUrlParameter = "returnUrl";
            if (settings.Authority is not null)
            {
                o.ForwardChallenge = OidcScheme;
            }

            // The sliding renewal moves the ticket's issue time, so the sign-in time is kept apart, and a session
            // ends SessionMaxLifetime after it however active it was.
            // The session is also a row on the server, so that signing out ends every copy of the cookie.
            o.Events.OnSigningIn = async context =>
            {
                var now = context.Options.TimeProvider!.GetUtcNow();
                context.Properties.Items.TryAdd(SignedInAtItem, now.ToString("O", CultureInfo.InvariantCulture));
                var replaced = await context.HttpContext.AuthenticateAsync(CookieScheme) is { Properties: { } held }
                    && held.Items.TryGetValue(SessionItem, out var heldId) && Guid.TryParse(heldId, out var heldSession) ? heldSession : (Guid?)null;
                var session = await context.HttpContext.RequestServices.GetRequiredService<IMediator>().Send(
                    new WorkspaceSessions.Start(context.Principal!.Identity!.Name!, replaced, settings.SessionMaxLifetime), context.HttpContext.RequestAborted);
                context.Properties.Items[SessionItem] = session.ToString();
            };
            o.Events.OnValidatePrincipal = async context =>
            {
                var now = context.Options.TimeProvider!.GetUtcNow();
                var signedInAt = context.Properties.Items.TryGetValue(SignedInAtItem, out var at)
                    && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) ? parsed : (DateTimeOffset?)null;
                var sessionId = context.Properties.Items.TryGetValue(SessionItem, out var sid) && Guid.TryParse(sid, out var id) ? id : (Guid?)null;
                if (signedInAt is null || now - signedInAt > settings.SessionMaxLifetime || sessionId is null
                    || !await context.HttpContext.RequestServices.GetRequiredService<ClearanceDbContext>().WorkspaceSessions
                        .AnyAsync(x => x.Id == sessionId && x.EndedAt == null && x.UserId == context.Principal!.Identity!.Name))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(CookieScheme);
                }
            };
        });
        // The session times out on the service's clock.
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme).Configure<TimeProvider>((o, clock) => o.TimeProvider = clock);
        if (settings.Authority is { } authority)
        {
            authentication.AddOpenIdConnect(OidcScheme, o =>
            {
                o.Authority = authority;
                o.RequireHttpsMetadata = authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                o.ClientId = settings.ClientId;
                o.ClientSecret = settings.ClientSecret;
                o.ResponseType = "code";
                o.UsePkce = true;
                // A top-level GET back to the service: the Lax correlation cookies come with it, over plain HTTP too.
                o.ResponseMode = "query";
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.CallbackPath = Path + "/signin-oidc";
                o.SignInScheme = CookieScheme;
                o.Scope.Clear();
                foreach (var scope in settings.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    o.Scope.Add(scope);
                }

                o.MapInboundClaims = false;
                o.SaveTokens = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.DisableTelemetry = true;
                o.TokenValidationParameters.NameClaimType = BearerTokens.SubjectClaim;
                o.TokenValidationParameters.RoleClaimType = BearerTokens.RoleClaim;
                o.Events.OnTokenValidated = context =>
                {
                    if (SessionPrincipal(context.Principal!, "oidc") is not { } principal)
                    {
                        context.Fail("The identity provider's token has no usable subject.");
                    }
                    else if (!StaffRoles.Any(principal.IsInRole))
                    {
                        // Only staff enter: anyone else gets no cookie, no session row and no sign-in event.
                        context.HandleResponse();
                        context.Response.Redirect(Path + "/denied");
                    }
                    else
                    {
                        context.Principal = principal;
                    }

                    return Task.CompletedTask;
                };
                // No front-channel logout: the handler's /signout-oidc would drop the cookie on any GET (the session keeps no
                // sid to check) and leave the session row open. A session ends by the sign-out form or its lifetime.
                o.Events.OnRemoteSignOut = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
                // A failed sign-in (no usable subject, a replayed or forged callback) is a 400 problem, not a 500.
                o.Events.OnRemoteFailure = async context =>
                {
                    context.HandleResponse();
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = context.HttpContext,
                        ProblemDetails = { Status = StatusCodes.Status400BadRequest, Title = "Sign-in failed", Detail = "The sign-in could not be completed. Start again from /workspace." },
                    });
                };
            });
        }

        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(CookieScheme)
            .RequireAuthenticatedUser()
            .RequireRole(StaffRoles))
            .AddPolicy(SessionPolicy, p => p.AddAuthenticationSchemes(CookieScheme).RequireAssertion(_ => true));
    }

    /// <summary>
    /// The session's identity: the subject and the known roles only (never <c>system</c>), as <see cref="BearerAuthentication.ActorOf"/>
    /// reads them, and how it signed in. Null for a subject the bearer scheme would refuse (<see cref="BearerTokens.SubjectRefusal"/>).
    /// </summary>
    public static ClaimsPrincipal? SessionPrincipal(ClaimsPrincipal from, string method)
    {
        var subject = from.FindFirstValue(BearerTokens.SubjectClaim);
        if (subject is null || BearerTokens.SubjectRefusal(subject) is not null)
        {
            return null;
        }

        var roles = from.FindAll(BearerTokens.RoleClaim).Select(c => c.Value).Where(Roles.TokenRoles.Contains).Distinct(StringComparer.Ordinal);
        return SessionPrincipal(subject, roles, method);
    }

    public static ClaimsPrincipal SessionPrincipal(string subject, IEnumerable<string> roles, string method)
    {
        var identity = new ClaimsIdentity(CookieScheme, BearerTokens.SubjectClaim, BearerTokens.RoleClaim);
        identity.AddClaim(new Claim(BearerTokens.SubjectClaim, subject));
        identity.AddClaims(roles.Select(r => new Claim(BearerTokens.RoleClaim, r)));
        identity.AddClaim(new Claim("amr", method));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Whether this session came from the development sign-in (every page says so).</summary>
    public static bool IsDevelopmentSession(ClaimsPrincipal user) => user.FindFirstValue("amr") == "development";

    /// <summary>
    /// A GET or HEAD of <c>/</c> is redirected to the workspace, whoever asks (API.md: "<c>/</c> redirects there"); other
    /// methods get the 404 of an unmapped path. Runs before the 404 of unmatched paths.
    /// </summary>
    public static Task RedirectRoot(HttpContext context, Func<Task> next)
    {
        if (context.Request.Path == "/" && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            context.Response.Redirect(Path);
            return Task.CompletedTask;
        }

        return next();
    }

    public static void MapWorkspace(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapGet(Path + "/workspace.css", () => Results.Text(Stylesheet.Css, "text/css")).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>
    /// A link from another site to a page whose view is audited: the page is not shown (nor its view audited under the
    /// signed-in user's name, on behalf of a site that only sent them there) until they follow the link on from here.
    /// </summary>
    private static ContentResult CrossSiteLink(HttpRequest request)
    {
        var here = System.Net.WebUtility.HtmlEncode(request.Path + request.QueryString);
        return new ContentResult
        {
            StatusCode = StatusCodes.Status200OK,
            ContentType = "text/html; charset=utf-8",
            Content = $"""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Open this page? · Clearance workspace</title></head>
                <body><main id="main"><h1>Open this page?</h1>
                <p>You came here from another site. Opening it is recorded in the audit trail under your name.</p>
                <p><a id="continue" href="{here}">Open it</a> · <a href="/workspace">Workspace</a></p></main></body></html>
                """,
        };
    }

    /// <summary>
    /// The pages' requests run as the signed-in staff member, as the API's run as the token's subject. A post that is
    /// not a form (the pages read only forms) is refused with 400, and one naming a handler (<c>?handler=</c>) the page
    /// does not have with 404, rather than the page shown with nothing done (a GET falls back to the page's own OnGet); a link from another
    /// site to a page whose view is audited gets <see cref="CrossSiteLink"/>.
    /// </summary>
    internal sealed class ActorFilter(ActorContext actors) : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            if (HttpMethods.IsPost(context.HttpContext.Request.Method) && !context.HttpContext.Request.HasFormContentType)
            {
                context.Result = new ContentResult { StatusCode = StatusCodes.Status400BadRequest, Content = "The workspace's forms are posted as forms.", ContentType = "text/plain" };
                return Task.CompletedTask;
            }

            if (context.HandlerMethod is null
                && (context.RouteData.Values["handler"]?.ToString() ?? context.HttpContext.Request.Query["handler"].ToString()) is { Length: > 0 })
            {
                context.Result = new ContentResult { StatusCode = StatusCodes.Status404NotFound, Content = "This page does nothing by that name.", ContentType = "text/plain" };
                return Task.CompletedTask;
            }

            if (HttpMethods.IsGet(context.HttpContext.Request.Method)
                && context.HttpContext.Request.Headers["Sec-Fetch-Site"] == "cross-site"
                && context.HandlerInstance.GetType().IsDefined(typeof(AuditedViewAttribute), false))
            {
                context.Result = CrossSiteLink(context.HttpContext.Request);
                return Task.CompletedTask;
            }

            if (context.HttpContext.User.Identity?.IsAuthenticated == true)
            {
                actors.Set(BearerAuthentication.ActorOf(context.HttpContext.User));
            }

            return next();
        }
    }
}
