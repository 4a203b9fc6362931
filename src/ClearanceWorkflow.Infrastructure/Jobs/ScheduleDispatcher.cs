using System.Globalization;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Application.Scheduling;
using ClearanceWorkflow.Infrastructure.Verification;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClearanceWorkflow.Infrastructure.Jobs;

/// <summary>After the commit that queued scheduler work, wakes the dispatcher (once per transaction).</summary>
public sealed class SchedulingSignal(TransactionResources resources, ScheduleDispatcher dispatcher) : ISchedulingSignal
{
    private bool _registered;

    public void AfterCommit()
    {
        if (_registered)
        {
            return;
        }

        _registered = true;
        resources.AfterCommit(() =>
        {
            dispatcher.Wake();
            return Task.CompletedTask;
        });
    }
}

/// <summary>
/// Hands the scheduler outbox (ADR 7) to Hangfire, oldest first: one job per check, one scheduled job per
/// case for its current stage's SLA, one scheduled job per due-process deadline. Each row is claimed by deleting it in a transaction that commits only
/// after Hangfire has the job, so two nodes never hand one row over twice; a crash between the two leaves
/// the row for the next run, and the job may then exist twice, which the jobs are written to survive (a
/// check records once, a timer acts once). Runs on every node, after each commit that queued work, and
/// every <see cref="JobSettings.DispatchInterval"/>.
/// </summary>
public sealed partial class ScheduleDispatcher(
    IServiceScopeFactory scopes, IBackgroundJobClient jobs, JobStorage storage, JobSettings settings, VerificationOptions verification, ILogger<ScheduleDispatcher> logger)
    : BackgroundService
{
    private const int BatchSize = 200;
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex.GetType().Name, ex.Message);
            }

            try
            {
                await _wake.WaitAsync(settings.DispatchInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Hands every row present now to Hangfire; returns how many this call took.</summary>
    public async Task<int> DispatchAsync(CancellationToken cancellationToken)
    {
        var handed = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClearanceDbContext>();
            var batch = await db.ScheduledWork.AsNoTracking().OrderBy(w => w.CreatedAt).Take(BatchSize).ToListAsync(cancellationToken);
            foreach (var work in batch)
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                if (await db.ScheduledWork.Where(w => w.Id == work.Id).ExecuteDeleteAsync(cancellationToken) == 0)
                {
                    continue;
                }

                if (work.Kind == ScheduledWorkKind.Check && !verification.Automated)
                {
                    // Checks are recorded by hand here; only the upgrade from Quartz writes such rows regardless.
                }
                else if (work.Kind == ScheduledWorkKind.Check)
                {
                    jobs.Enqueue<VerificationCheckJob>(j => j.RunAsync(work.CaseId, work.Name, null, CancellationToken.None));
                }
                else if (work.Kind == ScheduledWorkKind.Deadline)
                {
                    jobs.Schedule<DeadlineJob>(j => j.RunAsync(work.CaseId, work.Name, CancellationToken.None), SlaTimers.FireTime(work.RunAt!.Value));
                }
                else
                {
                    SlaTimers.Arm(storage, jobs, work);
                }

                await transaction.CommitAsync(cancellationToken);
                handed++;
            }

            if (batch.Count < BatchSize)
            {
                return handed;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handing scheduled work to Hangfire failed ({Error}: {Message}); the rows stay for the next run")]
    private static partial void LogFailed(ILogger logger, string error, string message);
}

/// <summary>
/// One SLA timer per case: a Hangfire scheduled job whose id is kept in a storage hash under the case, with the
/// stage visit it watches, so re-arming deletes the previous one. Arming takes a distributed lock per case and
/// ignores a row for an earlier visit than the one armed (two nodes may take a case's rows out of order); the entry
/// stays after the timer is cancelled, for the same reason. A
/// timer left behind by a crash fires into <c>SlaBreach</c>, which acts only for the visit it was armed for.
/// </summary>
public static class SlaTimers
{
    private const string JobField = "job";
    private const string VisitField = "stageEnteredAt";

    public static string Key(Guid caseId) => $"sla-timer:{caseId:N}";

    /// <summary>The Hangfire job id of the case's armed timer, if any.</summary>
    public static string? JobId(JobStorage storage, Guid caseId)
    {
        using var connection = storage.GetConnection();
        return connection.GetAllEntriesFromHash(Key(caseId)) is { } entries && entries.TryGetValue(JobField, out var id) && id.Length > 0 ? id : null;
    }

    /// <summary>Hangfire keeps a schedule in whole seconds and runs it when that second starts: the due time rounded up, so the timer never fires before it.</summary>
    public static DateTimeOffset FireTime(DateTime due) =>
        new(new DateTime((due.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc));

    internal static void Arm(JobStorage storage, IBackgroundJobClient jobs, ScheduledWork work)
    {
        var key = Key(work.CaseId);
        var visit = work.StageEnteredAt?.Ticks ?? 0;
        using var connection = storage.GetConnection();
        using var caseLock = connection.AcquireDistributedLock($"{key}:lock", TimeSpan.FromSeconds(30));
        var entries = connection.GetAllEntriesFromHash(key) ?? new Dictionary<string, string>();
        if (entries.TryGetValue(VisitField, out var armed) && long.Parse(armed, CultureInfo.InvariantCulture) > visit)
        {
            return;
        }

        if (entries.TryGetValue(JobField, out var previous) && previous.Length > 0)
        {
            jobs.ChangeState(previous, new DeletedState(), ScheduledState.StateName);
        }

        var id = work.RunAt is { } due
            ? jobs.Schedule<SlaBreachJob>(j => j.RunAsync(work.CaseId, work.Name, visit, CancellationToken.None), FireTime(due))
            : string.Empty;
        using var transaction = connection.CreateWriteTransaction();
        transaction.SetRangeInHash(key, [new(JobField, id), new(VisitField, visit.ToString(CultureInfo.InvariantCulture))]);
        transaction.Commit();
    }
}
