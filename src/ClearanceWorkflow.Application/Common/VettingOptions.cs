namespace ClearanceWorkflow.Application.Common;

/// <summary>Configuration section <c>Vetting</c>: continuous vetting of granted clearances.</summary>
public sealed class VettingOptions
{
    /// <summary>Whether granted clearances are enrolled and their checks re-run (<c>Vetting__Enabled</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Days between two runs of a clearance's checks (<c>Vetting__IntervalDays</c>).</summary>
    public int IntervalDays { get; set; } = 30;

    /// <summary>When the sweep looks for due enrolments, as cron (<c>Vetting__Cron</c>); each run takes every one due by then.</summary>
    public string Cron { get; set; } = "0 3 * * *";

    /// <summary>Enrolments read per query, by their indexed next-run time.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Clearances whose checks are in flight at once within a batch.</summary>
    public int Parallelism { get; set; } = 4;

    /// <summary>The checks a vetting run repeats: those that need only the identity the clearance keeps, not a questionnaire.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["identity", "criminal", "credit"];

    /// <summary>
    /// The start (00:00 UTC) of the day <see cref="IntervalDays"/> after <paramref name="at"/>: whole days, so a daily
    /// run that starts a few seconds earlier or later than the last, or takes a while, still finds the clearance due.
    /// </summary>
    public DateTime NextRunAfter(DateTime at) => DateOnly.FromDateTime(at).AddDays(IntervalDays).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}
