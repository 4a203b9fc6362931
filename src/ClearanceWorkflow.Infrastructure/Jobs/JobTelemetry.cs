using System.Diagnostics;
using System.Diagnostics.Metrics;
using ClearanceWorkflow.Application.Common;
using Hangfire;
using Hangfire.Server;

namespace ClearanceWorkflow.Infrastructure.Jobs;

/// <summary>
/// A Hangfire server filter on every job: a span <c>job {Type}</c> around its execution (the commands and HTTP
/// calls it makes are its children) and the histogram <c>clearance.jobs.duration</c> by job type and outcome.
/// It also owns the gauge <c>clearance.jobs.queue</c> (enqueued, scheduled, processing, failed) from Hangfire's
/// monitoring API, read at most once per <see cref="ClearanceTelemetry.GaugeInterval"/>. Job arguments are never recorded.
/// </summary>
public sealed class JobTelemetry : IServerFilter
{
    private const string ActivityItem = "clearance.activity";
    private const string StartedItem = "clearance.started";
    private readonly Histogram<double> _duration;

    public JobTelemetry(ClearanceTelemetry telemetry, JobStorage storage)
    {
        _duration = telemetry.Meter.CreateHistogram(
            "clearance.jobs.duration", "s", "Hangfire job executions, by job type and outcome.", advice: ClearanceTelemetry.Buckets(0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900));
        var statistics = new ThrottledReading<Hangfire.Storage.Monitoring.StatisticsDto>(telemetry.GaugeInterval, () => storage.GetMonitoringApi().GetStatistics());
        telemetry.Meter.CreateObservableGauge("clearance.jobs.queue", () =>
        {
            var s = statistics.Get();
            return new[]
            {
                State(s.Enqueued, "enqueued"),
                State(s.Scheduled, "scheduled"),
                State(s.Processing, "processing"),
                State(s.Failed, "failed"),
            };
        }, "{job}", "Hangfire jobs by state, across the nodes sharing the storage.");
    }

    public void OnPerforming(PerformingContext context)
    {
        var job = JobName(context.BackgroundJob.Job);
        var activity = ClearanceTelemetry.Tracing.StartActivity($"job {job}", ActivityKind.Internal);
        activity?.SetTag("job.type", job);
        activity?.SetTag("job.id", context.BackgroundJob.Id);
        context.Items[ActivityItem] = activity;
        context.Items[StartedItem] = Stopwatch.GetTimestamp();
    }

    public void OnPerformed(PerformedContext context)
    {
        var outcome = context.Canceled ? "canceled" : context.Exception is null ? "succeeded" : "failed";
        if (context.Items.TryGetValue(StartedItem, out var started) && started is long timestamp)
        {
            _duration.Record(
                Stopwatch.GetElapsedTime(timestamp).TotalSeconds,
                new KeyValuePair<string, object?>("job", JobName(context.BackgroundJob.Job)),
                new KeyValuePair<string, object?>("outcome", outcome));
        }

        if (context.Items.TryGetValue(ActivityItem, out var item) && item is Activity activity)
        {
            activity.SetTag("job.outcome", outcome);
            if (context.Exception is { } ex)
            {
                // The type only: a message may quote what the job was working on.
                activity.SetStatus(ActivityStatusCode.Error, (ex.InnerException ?? ex).GetType().Name);
            }

            activity.Stop();
        }
    }

    private static string JobName(Hangfire.Common.Job? job) => job?.Type.Name ?? "unknown";

    private static Measurement<long> State(long count, string state) => new(count, new KeyValuePair<string, object?>("state", state));
}
