using ClearanceWorkflow.Api.Security;
using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Api.Workspace;
using ClearanceWorkflow.Domain;
using Hangfire;
using Hangfire.Dashboard;

namespace ClearanceWorkflow.Api.Hosting;

/// <summary>
/// Hangfire's dashboard at <c>/jobs</c>, behind the service's own bearer authentication: <c>admin</c> may act on
/// jobs, <c>security-officer</c> may only look, anyone else gets 401 or 403. A request without a bearer token may come
/// with the workspace's cookie session instead (the workspace links here); through the cookie the dashboard is
/// read-only for everyone and any post is 403, so no action can be forged cross-site. Job arguments are ids only; the
/// pages that show exceptions (a job's details, the failed list, the retries) are for admin. What an admin does to jobs
/// is audited (<see cref="JobsDashboardAction"/>).
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/jobs";
    public const string Policy = "jobs-dashboard";

    /// <summary>The bearer token when the request has an Authorization header, else the workspace cookie when it has that, else the bearer's 401.</summary>
    public const string Scheme = "jobs-dashboard";

    /// <summary>The dashboard's own scripts and styles; it cannot render under the API's <c>default-src 'none'</c>.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>
    /// The pages that show exception messages or details: a job's details, the failed list, the retries with their reasons,
    /// and the deleted list (a job deleted when its attempts ran out keeps its exception there).
    /// </summary>
    private static readonly string[] AdminOnlyPaths = [$"{Path}/jobs/details", $"{Path}/jobs/failed", $"{Path}/retries", $"{Path}/jobs/deleted"];

    public static void AddJobsDashboardPolicy(this Microsoft.AspNetCore.Authorization.AuthorizationBuilder builder) =>
        builder.AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.SecurityOfficer));

    public static void AddJobsDashboardAuthentication(this IServiceCollection services) =>
        services.AddAuthentication().AddPolicyScheme(Scheme, null, o => o.ForwardDefaultSelector = context =>
            context.Request.Headers.Authorization.Count == 0 && context.Request.Cookies.ContainsKey(WorkspaceSetup.CookieName)
                ? WorkspaceSetup.CookieScheme
                : BearerAuthentication.SchemeName);

    /// <summary>Whether the caller came in with the workspace's cookie session (not a bearer token).</summary>
    private static bool ByCookie(HttpContext context) => context.User.Identity?.AuthenticationType == WorkspaceSetup.CookieScheme;

    public static bool IsDashboard(HttpContext context) => context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase);

    public static void MapJobsDashboard(this WebApplication app)
    {
        app.Use((context, next) => IsDashboard(context) ? DashboardRequestAsync(context, next) : next(context));
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new RoleFilter()],
            IsReadOnlyFunc = context => !context.GetHttpContext().User.IsInRole(Roles.Admin) || ByCookie(context.GetHttpContext()),
            DisplayStorageConnectionString = false,
            AppPath = null,
            DashboardTitle = "ClearanceWorkflow jobs",
            // Posts come with bearer tokens only (those with the cookie are refused above), which a cross-site request
            // cannot carry; Hangfire would otherwise ask them for the antiforgery token it finds registered (by the workspace's pages).
            IgnoreAntiforgeryToken = true,
        }).RequireAuthorization(Policy);
    }

    /// <summary>
    /// Around a dashboard request: the cookie's posts and the admin pages refused, a missing or unreadable form a 400
    /// (not a 500), and an admin's successful action audited.
    /// </summary>
    private static async Task DashboardRequestAsync(HttpContext context, RequestDelegate next)
    {
        if (ByCookie(context) && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        // Hangfire matches its routes with `$`, which also matches before a final newline: `/jobs/jobs/failed%0A` is its failed
        // list, though not the path refused below. No page of the dashboard has a control character in its path.
        if (context.Request.Path.Value!.Any(char.IsControl))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (AdminOnlyPaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            && context.User.Identity?.IsAuthenticated == true && !context.User.IsInRole(Roles.Admin))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        if (context.Request.HasFormContentType)
        {
            try
            {
                // Read here, so that the dashboard reads the form already parsed: one without its multipart boundary, cut
                // short or over the field limit is the caller's error. Kestrel's own refusals (413) are answered as elsewhere.
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException and not BadHttpRequestException && !context.RequestAborted.IsCancellationRequested)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
        }

        var audited = HttpMethods.IsPost(context.Request.Method) && context.User.IsInRole(Roles.Admin)
            && !context.Request.Path.StartsWithSegments($"{Path}/stats", StringComparison.OrdinalIgnoreCase);
        var path = context.Request.Path.Value!;
        var jobs = audited && context.Request.HasFormContentType
            ? context.Request.Form.Where(f => f.Key == "jobs[]").SelectMany(f => f.Value).OfType<string>().ToList()
            : [];
        var mediator = context.RequestServices.GetRequiredService<MediatR.IMediator>();
        if (audited)
        {
            // Before the dashboard acts: an action it takes is never without a trace, even if the process dies right after.
            await mediator.Send(new JobsDashboardAction.Record(path, jobs, Done: false), context.RequestAborted);
        }

        try
        {
            await next(context);
        }
        catch (InvalidOperationException) when (!context.Request.HasFormContentType && !context.Response.HasStarted)
        {
            // A dashboard endpoint that reads a form (the stats, a job action) got none: the caller's error.
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (audited && context.Response.StatusCode is >= 200 and < 300)
        {
            await mediator.Send(new JobsDashboardAction.Record(path, jobs, Done: true), CancellationToken.None);
        }
    }

    /// <summary>The same rule inside the dashboard, should its endpoint ever lose the policy.</summary>
    private sealed class RoleFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var user = context.GetHttpContext().User;
            return user.IsInRole(Roles.Admin) || user.IsInRole(Roles.SecurityOfficer);
        }
    }
}
