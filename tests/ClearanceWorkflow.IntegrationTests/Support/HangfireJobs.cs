using ClearanceWorkflow.Infrastructure.Jobs;
using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Support;

/// <summary>A job in the service's Hangfire storage, as the monitoring API lists it.</summary>
public sealed record JobRecord(string Id, string State, Job? Job, DateTime? EnqueueAt = null);

/// <summary>Reads and drives a service's Hangfire jobs, the way the dashboard does.</summary>
public static class HangfireJobs
{
    private const int Page = 5000;

    public static JobStorage Storage(this ApiFactory factory) => factory.Services.GetRequiredService<JobStorage>();

    public static IBackgroundJobClient JobClient(this ApiFactory factory) => factory.Services.GetRequiredService<IBackgroundJobClient>();

    /// <summary>The job's current state name, null when there is no such job.</summary>
    public static string? StateOf(this ApiFactory factory, string jobId)
    {
        using var connection = factory.Storage().GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }

    /// <summary>Every job the storage lists, in any state.</summary>
    public static IReadOnlyList<JobRecord> AllJobs(this ApiFactory factory)
    {
        var monitoring = factory.Storage().GetMonitoringApi();
        var jobs = new List<JobRecord>();
        foreach (var queue in monitoring.Queues())
        {
            jobs.AddRange(monitoring.EnqueuedJobs(queue.Name, 0, Page).Select(j => new JobRecord(j.Key, "Enqueued", j.Value.Job)));
        }

        jobs.AddRange(monitoring.ProcessingJobs(0, Page).Select(j => new JobRecord(j.Key, "Processing", j.Value.Job)));
        jobs.AddRange(monitoring.ScheduledJobs(0, Page).Select(j => new JobRecord(j.Key, "Scheduled", j.Value.Job, j.Value.EnqueueAt)));
        jobs.AddRange(monitoring.SucceededJobs(0, Page).Select(j => new JobRecord(j.Key, "Succeeded", j.Value.Job)));
        jobs.AddRange(monitoring.FailedJobs(0, Page).Select(j => new JobRecord(j.Key, "Failed", j.Value.Job)));
        jobs.AddRange(monitoring.DeletedJobs(0, Page).Select(j => new JobRecord(j.Key, "Deleted", j.Value.Job)));
        return jobs;
    }

    /// <summary>The verification jobs of one check.</summary>
    public static IReadOnlyList<JobRecord> CheckJobs(this ApiFactory factory, Guid caseId, string kind) =>
        [.. factory.AllJobs().Where(j => j.Job?.Type == typeof(VerificationCheckJob) && (Guid)j.Job.Args[0] == caseId && (string)j.Job.Args[1] == kind)];

    /// <summary>Runs a recurring job now, as the dashboard's "Trigger now" does; returns the job it created.</summary>
    public static string TriggerRecurring(this ApiFactory factory, string recurringId)
    {
        factory.Services.GetRequiredService<IRecurringJobManager>().Trigger(recurringId);
        using var connection = factory.Storage().GetConnection();
        return connection.GetRecurringJobs().Single(r => r.Id == recurringId).LastJobId;
    }

    /// <summary>Waits until the job has succeeded.</summary>
    public static Task SucceededAsync(this ApiFactory factory, string jobId) =>
        Eventually.Until(() => factory.StateOf(jobId) == "Succeeded", $"job {jobId} to succeed");

    /// <summary>The case's armed SLA timer: its job and when it falls due; null when none is armed.</summary>
    public static JobRecord? SlaTimer(this ApiFactory factory, Guid caseId) =>
        SlaTimers.JobId(factory.Storage(), caseId) is { } id ? factory.AllJobs().FirstOrDefault(j => j.Id == id) : null;
}
