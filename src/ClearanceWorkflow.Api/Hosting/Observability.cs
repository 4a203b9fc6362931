using ClearanceWorkflow.Application.Common;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ClearanceWorkflow.Api.Hosting;

/// <summary>
/// Logs, metrics and traces. Logs: one readable line per entry in Development, JSON elsewhere. Metrics (the
/// <c>ClearanceWorkflow</c> meter, ASP.NET Core, HttpClient, Npgsql) are served as Prometheus text at
/// <c>/metrics</c> unless <c>Metrics__Enabled</c> is false, and pushed over OTLP with the traces when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter reads the other <c>OTEL_*</c> settings itself).
/// Query strings in span URLs stay redacted (the instrumentations' default).
/// </summary>
public static class Observability
{
    public const string MetricsRoute = "/metrics";

    public static void AddClearanceObservability(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.IncludeScopes = false;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }
        else
        {
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = false);
        }

        var prometheus = MetricsEnabled(builder.Configuration);
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!prometheus && !otlp)
        {
            return;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ClearanceTelemetry.Name))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ClearanceTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddNpgsqlInstrumentation();
                if (prometheus)
                {
                    // No cached scrape: a scrape right after a change shows it.
                    metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new NoBackgroundCalls()))
                .AddSource(ClearanceTelemetry.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments(MetricsRoute, StringComparison.Ordinal))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter());
        }
    }

    /// <summary>Prometheus text at <c>/metrics</c>, anonymous as the health endpoints are: it carries counts by workflow names only.</summary>
    public static void MapClearanceMetrics(this WebApplication app)
    {
        if (MetricsEnabled(app.Configuration))
        {
            app.MapPrometheusScrapingEndpoint(MetricsRoute).AllowAnonymous();
        }
    }

    private static bool MetricsEnabled(IConfiguration configuration) => configuration.GetValue("Metrics:Enabled", true);

    /// <summary>
    /// Drops a trace that would start with a database command or an outgoing call: with no request or job around
    /// it, that is background polling (Hangfire's storage, the dispatchers), several spans a second per node.
    /// </summary>
    private sealed class NoBackgroundCalls : Sampler
    {
        public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
            new(samplingParameters.Kind == System.Diagnostics.ActivityKind.Client ? SamplingDecision.Drop : SamplingDecision.RecordAndSample);
    }
}
