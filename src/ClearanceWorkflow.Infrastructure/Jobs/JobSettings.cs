using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace ClearanceWorkflow.Infrastructure.Jobs;

/// <summary>Configuration section <c>Jobs</c>: the Hangfire server and the hand-over of scheduled work to it.</summary>
public sealed partial class JobSettings
{
    /// <summary>Workers per node.</summary>
    public int WorkerCount { get; set; } = 8;

    /// <summary>How often an idle worker looks for new jobs. A job this node enqueues wakes its workers at once; another node's within about this long.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often due scheduled jobs (SLA timers, retries) and recurring jobs are looked for.</summary>
    public TimeSpan SchedulePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a fetched job stays invisible to other workers. On PostgreSQL and SQL Server it slides (a running
    /// job keeps it fresh), so this is how long a dead node's jobs wait before another node runs them. On SQLite it
    /// does not slide: it must be longer than the longest job.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The safety-net hand-over of the scheduler outbox (it also runs after each commit that fills it).</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Outbox rows handed to Hangfire at once per node, in each of the two lanes (checks, timers).</summary>
    public int DispatchConcurrency { get; set; } = 4;

    /// <summary>The reinvestigation sweep, as Hangfire cron (5 fields, or 6 with seconds first); see <see cref="ToHangfireCron"/>.</summary>
    public string ReinvestigationCron { get; set; } = "0 2 * * *";

    public static JobSettings From(IConfiguration configuration)
    {
        var settings = new JobSettings();
        configuration.GetSection("Jobs").Bind(settings);
        if (settings.WorkerCount < 1)
        {
            throw new InvalidOperationException("Jobs__WorkerCount must be at least 1.");
        }

        if (settings.DispatchConcurrency < 1)
        {
            throw new InvalidOperationException("Jobs__DispatchConcurrency must be at least 1.");
        }

        // Shorter than a job, and a worker's job is fetched again by another while it still runs.
        if (settings.InvisibilityTimeout < TimeSpan.FromSeconds(5))
        {
            throw new InvalidOperationException("Jobs__InvisibilityTimeout must be at least 5 seconds (on SQLite, longer than the longest job).");
        }

        RequireInterval(settings.DispatchInterval, "Jobs__DispatchInterval");
        RequireInterval(settings.PollInterval, "Jobs__PollInterval");
        RequireInterval(settings.SchedulePollInterval, "Jobs__SchedulePollInterval"); // zero would poll in a tight loop
        settings.ReinvestigationCron = ToHangfireCron(settings.ReinvestigationCron);
        return settings;
    }

    private static void RequireInterval(TimeSpan value, string setting)
    {
        if (value <= TimeSpan.Zero || value > TimeSpan.FromDays(1))
        {
            throw new InvalidOperationException($"{setting} must be positive and at most a day.");
        }
    }

    /// <summary>
    /// Takes standard cron (5 fields), cron with seconds (6 fields) and the Quartz form the service accepted before
    /// (seconds first, <c>?</c>, day-of-week 1-7 from Sunday, an optional year of <c>*</c>): a Quartz expression is
    /// rewritten for Hangfire. A Quartz year other than <c>*</c> has no Hangfire equivalent and is refused; the rest is
    /// checked when the recurring job is registered at startup.
    /// </summary>
    public static string ToHangfireCron(string expression, string setting = "Jobs__ReinvestigationCron")
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var quartz = fields.Length == 7 || fields.Any(f => f.Contains('?', StringComparison.Ordinal));
        if (quartz && fields.Length is 6 or 7)
        {
            if (fields.Length == 7 && fields[6] != "*")
            {
                throw new InvalidOperationException($"{setting}: a year field ('{fields[6]}') is not supported: '{expression}'.");
            }

            fields = [.. fields.Take(6).Select(f => f == "?" ? "*" : f)];
            // Quartz counts days of the week 1-7 from Sunday, cron 0-6; a number after '#' is the week, not a day.
            fields[5] = QuartzDay().Replace(fields[5], m => (int.Parse(m.Value, CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture));
        }

        return string.Join(' ', fields);
    }

    // A day is a digit of its own, or before 'L' (the last such day of the month); not the week after '#' nor a step after '/'.
    [GeneratedRegex(@"(?<![#/\w])[1-7](?![0-9])")]
    private static partial Regex QuartzDay();
}
