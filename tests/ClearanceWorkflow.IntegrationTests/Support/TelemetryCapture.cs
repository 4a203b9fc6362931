using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace ClearanceWorkflow.IntegrationTests.Support;

/// <summary>One finished span as the service's tracer provider exported it: every string it carries.</summary>
public sealed record CapturedSpan(string Name, string Source, string TraceId, string? ParentSpanId, IReadOnlyDictionary<string, string> Tags, IReadOnlyList<string> Events, string? StatusDescription)
{
    /// <summary>Name, tags, events and status, for scanning.</summary>
    public IEnumerable<string> Strings() =>
        [Name, .. Tags.Keys, .. Tags.Values, .. Events, StatusDescription ?? string.Empty];

    public override string ToString() => $"{Name} [{string.Join(", ", Tags.Select(t => $"{t.Key}={t.Value}"))}]";
}

/// <summary>An exporter added to the service's own tracer provider, after its processors: it sees what OTLP would be sent.</summary>
public sealed class SpanCollector : BaseExporter<Activity>
{
    private readonly ConcurrentQueue<CapturedSpan> _spans = new();

    public IReadOnlyCollection<CapturedSpan> Spans => _spans;

    public static void AddTo(IServiceCollection services, SpanCollector collector) =>
        services.ConfigureOpenTelemetryTracerProvider(b => b.AddProcessor(new SimpleActivityExportProcessor(collector)));

    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var activity in batch)
        {
            if (!activity.Recorded)
            {
                // Unrecorded: the service's processors dropped it, and no exporter sends it.
                continue;
            }

            _spans.Enqueue(new CapturedSpan(
                activity.DisplayName,
                activity.Source.Name,
                activity.TraceId.ToHexString(),
                activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString(),
                activity.TagObjects.ToDictionary(t => t.Key, t => Convert.ToString(t.Value, CultureInfo.InvariantCulture) ?? string.Empty),
                [.. activity.Events.SelectMany(e => new[] { e.Name }.Concat(e.Tags.Select(t => $"{t.Key}={t.Value}")))],
                activity.StatusDescription));
        }

        return ExportResult.Success;
    }
}

/// <summary>A loopback OTLP/HTTP receiver: keeps every POST (path, content type, body) and answers 200.</summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> _posts = new();
    private readonly LoopbackServer _server;

    public OtlpReceiver()
    {
        _server = LoopbackServer.Start(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            _posts.Enqueue((context.Request.Path.Value ?? string.Empty, context.Request.ContentType, body.ToArray()));
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
    }

    public Uri Root => _server.Root;

    public IReadOnlyCollection<(string Path, string? ContentType, byte[] Body)> Posts => _posts;

    /// <summary>The settings that point the service's OTLP exporter here, over HTTP/protobuf, exporting quickly.</summary>
    public void Configure(IDictionary<string, string?> settings)
    {
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = Root.ToString().TrimEnd('/');
        settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        settings["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        settings["OTEL_METRIC_EXPORT_INTERVAL"] = "500";
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
