using System.Diagnostics;
using System.Diagnostics.Metrics;
using ClearanceWorkflow.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.Application.Common;

/// <summary>
/// The service's own meter and activity source, both named <see cref="Name"/>. Labels are names the workflow
/// definition or the code owns (actions, stages, statuses, outcomes, job types): never an id, a name or any other
/// personal value. Counters of application events are recorded after their transaction commits.
/// </summary>
public sealed class ClearanceTelemetry
{
    public const string Name = "ClearanceWorkflow";

    /// <summary>Spans of the service's own work: Hangfire jobs, and SQLite/SQL Server commands.</summary>
    public static readonly ActivitySource Tracing = new(Name);

    private readonly Counter<long> _transitions;
    private readonly Counter<long> _checks;
    private readonly Counter<long> _reciprocity;
    private readonly Counter<long> _slaBreaches;
    private readonly Histogram<double> _ledgerSealingLag;
    private readonly ThrottledReading<IReadOnlyList<CaseCount>> _cases;
    private readonly ThrottledReading<(int Pending, int Dead)> _notifications;

    public ClearanceTelemetry(IMeterFactory meters, IServiceScopeFactory scopes, TimeSpan gaugeInterval)
    {
        Meter = meters.Create(Name);
        GaugeInterval = gaugeInterval;
        _transitions = Meter.CreateCounter<long>("clearance.transitions", "{transition}", "Workflow actions committed, by action.");
        _checks = Meter.CreateCounter<long>("clearance.checks", "{check}", "Check results recorded, by kind and outcome.");
        _reciprocity = Meter.CreateCounter<long>("clearance.reciprocity.queries", "{subject}", "Subjects of reciprocity queries, by outcome (match, no-match, refused).");
        _slaBreaches = Meter.CreateCounter<long>("clearance.sla.breaches", "{breach}", "Stage SLAs that ran out, by stage.");
        _ledgerSealingLag = Meter.CreateHistogram("clearance.ledger.sealing_lag", "s", "Seconds from an audit event's write to its sealing in the ledger.", advice: Buckets(0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600));
        _cases = new ThrottledReading<IReadOnlyList<CaseCount>>(gaugeInterval, () => CountCases(scopes));
        Meter.CreateObservableGauge("clearance.cases", () => _cases.Get().Select(c =>
            new Measurement<long>(c.Count, new KeyValuePair<string, object?>("stage", c.Stage), new KeyValuePair<string, object?>("status", c.Status))),
            "{case}", "Cases by stage and status (one grouped query, at most once per Metrics__GaugeInterval).");
        _notifications = new ThrottledReading<(int, int)>(gaugeInterval, () => CountNotifications(scopes));
        Meter.CreateObservableGauge("clearance.notifications", () =>
        {
            var (pending, dead) = _notifications.Get();
            return new[]
            {
                new Measurement<long>(pending, new KeyValuePair<string, object?>("state", "pending")),
                new Measurement<long>(dead, new KeyValuePair<string, object?>("state", "dead")),
            };
        }, "{notification}", "Notifications not delivered: pending (due or backing off) and dead (waiting for an administrator's redrive).");
    }

    /// <summary>Histogram bucket bounds in seconds (the SDK's default bounds suit milliseconds).</summary>
    public static InstrumentAdvice<double> Buckets(params double[] seconds) => new() { HistogramBucketBoundaries = seconds };

    /// <summary>The meter every instrument of the service belongs to.</summary>
    public Meter Meter { get; }

    /// <summary>How long a gauge's reading is reused before the next scrape queries again.</summary>
    public TimeSpan GaugeInterval { get; }

    public void Transitioned(string action) => _transitions.Add(1, new KeyValuePair<string, object?>("action", action));

    public void CheckRecorded(string kind, string outcome) =>
        _checks.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", outcome));

    public void ReciprocityAnswered(string outcome) => _reciprocity.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void SlaBreached(string stage) => _slaBreaches.Add(1, new KeyValuePair<string, object?>("stage", stage));

    /// <summary>
    /// The hook for the audit ledger's sealer: call it once per sealed event (or once per seal with the oldest
    /// event's lag) with the time from the event's write to its seal. Recorded as the histogram
    /// <c>clearance.ledger.sealing_lag</c> in seconds; a negative lag (clock skew) counts as zero.
    /// </summary>
    public void LedgerSealed(TimeSpan lag) => _ledgerSealingLag.Record(Math.Max(0, lag.TotalSeconds));

    private static List<CaseCount> CountCases(IServiceScopeFactory scopes)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClearanceDbContext>();
        return db.Cases.AsNoTracking()
            .GroupBy(c => new { c.Stage, c.Status })
            .Select(g => new CaseCount(g.Key.Stage, g.Key.Status, g.Count()))
            .ToList();
    }

    private static (int Pending, int Dead) CountNotifications(IServiceScopeFactory scopes)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClearanceDbContext>();
        var undelivered = db.OutboxMessages.AsNoTracking().Where(m => m.DeliveredAt == null);
        return (undelivered.Count(m => m.DeadAt == null), undelivered.Count(m => m.DeadAt != null));
    }

    private sealed record CaseCount(string Stage, string Status, int Count);
}

/// <summary>A value computed at most once per interval (wall time, not the business clock), so a scrape stays cheap.</summary>
public sealed class ThrottledReading<T>(TimeSpan interval, Func<T> read)
{
    private readonly Lock _gate = new();
    private T? _value;
    private long _readAt;
    private bool _hasValue;

    public T Get()
    {
        lock (_gate)
        {
            if (!_hasValue || Stopwatch.GetElapsedTime(_readAt) >= interval)
            {
                _value = read();
                _readAt = Stopwatch.GetTimestamp();
                _hasValue = true;
            }

            return _value!;
        }
    }
}
