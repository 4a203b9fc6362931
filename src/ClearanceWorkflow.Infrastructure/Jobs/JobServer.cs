using ClearanceWorkflow.Infrastructure.Verification;
using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace ClearanceWorkflow.Infrastructure.Jobs;

/// <summary>
/// Hangfire's filters, with the verification job's retries taken from the settings: <c>Verification__JobRetries</c>
/// retries, exponential from <c>Verification__JobRetryDelay</c> up to <c>Verification__JobRetryMaxDelay</c>, with
/// jitter (whole seconds, at least one). Every other job keeps its own or Hangfire's default retry policy.
/// Every job also runs under <see cref="JobTelemetry"/>.
/// </summary>
public sealed class JobFilters(VerificationOptions options, JobTelemetry telemetry) : IJobFilterProvider
{
    private readonly AutomaticRetryAttribute _checkRetry = new()
    {
        Attempts = Math.Max(0, options.JobRetries),
        DelayInSecondsByAttemptFunc = attempt => CheckRetryDelaySeconds(options, attempt, Random.Shared.NextDouble()),
        OnAttemptsExceeded = AttemptsExceededAction.Fail,
    };

    public IEnumerable<JobFilter> GetFilters(Job job)
    {
        var filters = JobFilterProviders.Providers.GetFilters(job).Append(new JobFilter(telemetry, JobFilterScope.Global, null));
        return job?.Type == typeof(VerificationCheckJob)
            ? filters.Where(f => f.Instance is not AutomaticRetryAttribute).Append(new JobFilter(_checkRetry, JobFilterScope.Method, null))
            : filters;
    }

    /// <summary>
    /// The delay before retry number <paramref name="attempt"/> (1 for the first), with ±20 % jitter from
    /// <paramref name="random"/> in [0, 1), and never longer than the maximum.
    /// </summary>
    public static int CheckRetryDelaySeconds(VerificationOptions options, long attempt, double random)
    {
        var exponential = options.JobRetryDelay.TotalSeconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var jittered = Math.Min(exponential, options.JobRetryMaxDelay.TotalSeconds) * (0.8 + (0.4 * random));
        return (int)Math.Max(1, Math.Min(Math.Ceiling(jittered), Math.Floor(options.JobRetryMaxDelay.TotalSeconds)));
    }
}

/// <summary>This node's Hangfire server name, unique per process, so readiness can find its own heartbeat.</summary>
public sealed record JobServerName(string Value)
{
    public static JobServerName ForThisProcess() => new($"clearance-{Environment.ProcessId}-{Guid.NewGuid():N}");
}

/// <summary>Ready when the job storage answers and this node's job server has reported in.</summary>
internal sealed class JobServerHealthCheck(JobStorage storage, JobServerName name, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the job server is starting"));
        }

        var servers = storage.GetMonitoringApi().Servers();
        var own = servers.FirstOrDefault(s => s.Name.Contains(name.Value, StringComparison.OrdinalIgnoreCase));
        return Task.FromResult(own is null
            ? HealthCheckResult.Unhealthy("this node's job server has not reported in")
            : HealthCheckResult.Healthy($"{own.WorkersCount} workers; {servers.Count} job servers in all"));
    }
}
