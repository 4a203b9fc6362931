using System.Text.Json;
using ClearanceWorkflow.Api.Endpoints;
using ClearanceWorkflow.Api.Security;
using ClearanceWorkflow.Api.Workspace;
using ClearanceWorkflow.Application;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Workflows;
using ClearanceWorkflow.Infrastructure;
using ClearanceWorkflow.Infrastructure.Persistence;
using ClearanceWorkflow.Infrastructure.Verification;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Scalar.AspNetCore;

namespace ClearanceWorkflow.Api.Hosting;

public static partial class ApiHost
{
    /// <summary>Bytes a request body may have (<c>Limits__MaxRequestBodyBytes</c>).</summary>
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    /// <summary>Where a Development service listens when neither <c>ASPNETCORE_URLS</c>, <c>--urls</c> nor a port setting says.</summary>
    public const string DevelopmentUrl = "http://localhost:5080";

    private static readonly string[] ListenSettings = ["urls", "http_ports", "https_ports"];

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddClearanceObservability();
        if (builder.Environment.IsDevelopment() && ListenSettings.All(k => string.IsNullOrEmpty(builder.Configuration[k])))
        {
            // Not in the launch profile, where it would override ASPNETCORE_URLS under `dotnet run`.
            builder.WebHost.UseUrls(DevelopmentUrl);
        }

        var maxBody = builder.Configuration.GetValue("Limits:MaxRequestBodyBytes", DefaultMaxRequestBodyBytes);
        if (maxBody < 1024)
        {
            throw new InvalidOperationException("Limits__MaxRequestBodyBytes must be at least 1024.");
        }

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = maxBody;
        });

        var services = builder.Services;
        // Startup work runs first among hosted services (after the SQLite folder lock): definitions are validated and the schema migrated before the job server starts.
        services.AddHostedService<DataFolderLock>();
        services.AddHostedService<StartupTasks>();
        services.AddClearanceApplication(builder.Configuration);
        services.AddClearanceInfrastructure(builder.Configuration, builder.Environment);

        services.Configure<JsonOptions>(o => Json.Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddBearerAuthentication();
        services.AddWorkspace(builder.Configuration, builder.Environment);
        services.AddJobsDashboardAuthentication();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddJobsDashboardPolicy();
        services.AddPartnerRateLimiting(builder.Configuration);
        services.AddVerificationRateLimiting(builder.Configuration);
        services.AddApiDocument();
        services.AddHttpContextAccessor();

        var app = builder.Build();
        if (!builder.Environment.IsDevelopment() && app.Services.GetRequiredService<VerificationOptions>() is { Automated: true, BaseUrl: null, Kinds.Count: 0 })
        {
            LogSimulatedProvider(app.Logger);
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        var workspaceCsp = WorkspaceSetup.ContentSecurityPolicy(app.Services.GetRequiredService<WorkspaceSettings>());
        app.Use((context, next) => SecurityHeaders(context, next, workspaceCsp));
        // The limit holds from here (a sign-in's form post is read during authentication); a body declared too large is
        // refused after authorization, where a partner's refusal is audited.
        app.Use((context, next) =>
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = maxBody;
            }

            return next(context);
        });
        app.Use(DropEmptyQueryValues);
        app.UseAuthentication();
        app.Use(WorkspaceSetup.RedirectRoot);
        // A path no endpoint matches is 404, with or without a token: the fallback policy (401) guards endpoints, not every path.
        app.Use((context, next) =>
        {
            if (context.GetEndpoint() is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true)
            {
                context.RequestServices.GetRequiredService<ActorContext>().Set(BearerAuthentication.ActorOf(context.User));
            }

            await next(context);
        });
        app.UseAuthorization();
        // After authorization: only callers allowed on an endpoint spend its permits, partitioned by their partner_id.
        app.Use(PartnerRateLimiting.Middleware);
        app.Use((context, next) => context.Request.ContentLength > maxBody
            ? throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge)
            : next(context));
        app.Use(RejectUnreadableCharset);
        app.UseRateLimiter();
        app.Use(Idempotency.Middleware);

        app.MapOpenApi(ApiDocument.Path).AllowAnonymous();
        app.MapClearanceMetrics();
        if (builder.Configuration.GetValue("ApiReference:Enabled", builder.Environment.IsDevelopment()))
        {
            app.MapScalarApiReference(ApiReference.Path, o =>
            {
                o.Title = "ClearanceWorkflow API";
                o.OpenApiRoutePattern = ApiDocument.Path;
                o.DynamicNonce = true;
                o.DefaultFonts = false;
                o.Telemetry = false;
            }).AllowAnonymous();
        }

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealth }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Infrastructure.DependencyInjection.ReadyTag), ResponseWriter = WriteHealth }).AllowAnonymous();
        var api = app.MapGroup("/api/v1");
        api.AddEndpointFilterFactory(EndpointExtensions.StrictQueryDates);
        api.MapCaseEndpoints();
        api.MapAdminEndpoints();
        api.MapReciprocityEndpoints();
        api.MapClearanceEndpoints();
        app.MapJobsDashboard();
        app.MapWorkspace();
        return app;
    }

    /// <summary>Set as the response starts, so that error responses (the exception handler clears headers set earlier) carry them too.</summary>
    private static Task SecurityHeaders(HttpContext context, Func<Task> next, string workspaceCsp)
    {
        // Decided here: the dashboard moves /jobs into PathBase while it handles the request.
        var csp = JobsDashboard.IsDashboard(context) ? JobsDashboard.ContentSecurityPolicy
            : ApiReference.IsReference(context) ? null
            : WorkspaceSetup.IsWorkspace(context) ? workspaceCsp
            : "default-src 'none'; frame-ancestors 'none'";
        context.Response.OnStarting(static state =>
        {
            var (context, csp) = ((HttpContext, string?))state;
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = csp ?? ApiReference.ContentSecurityPolicy(context);
            headers.CacheControl = "no-store";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            return Task.CompletedTask;
        }, (context, csp));
        return next();
    }

    /// <summary>An empty query parameter (<c>?status=</c>, as a form or the contract's route templates send it) is the same as an absent one.</summary>
    private static Task DropEmptyQueryValues(HttpContext context, Func<Task> next)
    {
        var query = context.Request.Query;
        if (query.Any(p => p.Value.Any(string.IsNullOrEmpty)))
        {
            context.Request.QueryString = QueryString.Create(
                query.SelectMany(p => p.Value.Where(v => !string.IsNullOrEmpty(v)).Select(v => KeyValuePair.Create(p.Key, v))));
        }

        return next();
    }

    /// <summary>
    /// The JSON body reader takes a Content-Type charset as it is: a quoted one (<c>charset="utf-8"</c>, legal HTTP)
    /// or one .NET cannot decode (<c>bogus</c>, <c>utf-7</c>) made it throw an InvalidOperationException, a 500.
    /// A quoted charset is unquoted here; a request in one that cannot be decoded is refused (415).
    /// </summary>
    private static Task RejectUnreadableCharset(HttpContext context, Func<Task> next)
    {
        if (Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) && type.Charset.HasValue)
        {
            var charset = Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(type.Charset);
            if (charset.Length != type.Charset.Length)
            {
                type.Charset = charset;
                context.Request.ContentType = type.ToString();
            }

            if (!charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    _ = System.Text.Encoding.GetEncoding(charset.ToString());
                }
                catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
                {
                    throw new BadHttpRequestException($"The request's charset '{charset}' is not supported.", StatusCodes.Status415UnsupportedMediaType);
                }
            }
        }

        return next();
    }

    private static Task WriteHealth(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, Json.Options));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Verification__BaseUrl is not set: background checks go to the simulated provider, which finds nothing on anyone. Set it to the provider's URL outside a demonstration.")]
    private static partial void LogSimulatedProvider(ILogger logger);
}

/// <summary>
/// Validates the workflow definitions (an invalid one stops the service), migrates the database, and stops the service
/// when open cases run on a workflow version it has not loaded (their every request would fail).
/// </summary>
internal sealed class StartupTasks(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var registry = services.GetRequiredService<WorkflowRegistry>();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var inUse = await scope.ServiceProvider.GetRequiredService<ClearanceWorkflow.Application.Persistence.ClearanceDbContext>().Cases
            .Where(c => c.Stage != ClearanceWorkflow.Domain.Stages.Closed)
            .GroupBy(c => new { c.WorkflowName, c.WorkflowVersion })
            .Select(g => new { g.Key.WorkflowName, g.Key.WorkflowVersion, Cases = g.Count() })
            .ToListAsync(cancellationToken);
        var missing = inUse.Where(w => !registry.Catalog.TryGet(w.WorkflowName, w.WorkflowVersion, out _)).ToList();
        if (missing.Count > 0)
        {
            throw new ClearanceWorkflow.Workflow.WorkflowDefinitionException(missing.Select(w => new ClearanceWorkflow.Workflow.WorkflowDefinitionError(
                $"{w.WorkflowName}.v{w.WorkflowVersion}.json", "$",
                $"not loaded, but {w.Cases} open case{(w.Cases == 1 ? "" : "s")} run{(w.Cases == 1 ? "s" : "")} on it: put the file back in the workflows folder")));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
