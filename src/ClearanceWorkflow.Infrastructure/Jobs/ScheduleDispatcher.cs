using System.Globalization;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Application.Scheduling;
using ClearanceWorkflow.Infrastructure.Persistence;
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
    /// <summary>Once per transaction, however many rows it queues; each of a scope's transactions (a sweep's batches) wakes the dispatcher.</summary>
    public void AfterCommit() => resources.AfterCommitOnce(WakeAsync);

    private Task WakeAsync()
    {
        dispatcher.Wake();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Hands the scheduler outbox (ADR 7) to Hangfire, oldest first: one job per check, one scheduled job per
/// case for its current stage's SLA, one scheduled job per due-process deadline. Each row is claimed by deleting it in a transaction that commits only
/// after Hangfire has the job, so two nodes never hand one row over twice; a crash between the two leaves
/// the row for the next run, and the job may then exist twice, which the jobs are written to survive (a
/// check records once, a timer acts once). SQLite has one node, so there the row is simply deleted after the
/// hand-over, outside a transaction. Runs on every node, after each commit that queued work, and
/// every <see cref="JobSettings.DispatchInterval"/>. Checks and timers are handed over in two lanes, so a
/// check never waits behind timers (arming one costs a lock and several writes); within a lane, up to
/// <see cref="JobSettings.DispatchConcurrency"/> rows are handed over at once, but a case's timers in order.
/// </summary>
public sealed partial class ScheduleDispatcher(
    IServiceScopeFactory scopes,
    IBackgroundJobClient jobs,
    JobStorage storage,
    JobSettings settings,
    DatabaseSettings database,
    VerificationOptions verification,
    ILogger<ScheduleDispatcher> logger)
    : BackgroundService
{
    private const int BatchSize = 200;
    private readonly SemaphoreSlim _wakeChecks = new(0, 1);
    private readonly SemaphoreSlim _wakeTimers = new(0, 1);

    public void Wake()
    {
        Release(_wakeChecks);
        Release(_wakeTimers);
    }

    public override void Dispose()
    {
        _wakeChecks.Dispose();
        _wakeTimers.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        Task.Run(() => LaneAsync(ScheduledWorkKind.Check, _wakeChecks, stoppingToken), stoppingToken),
        Task.Run(() => LaneAsync(ScheduledWorkKind.SlaTimer, _wakeTimers, stoppingToken), stoppingToken));

    /// <summary>Hands every row of the lane present now to Hangfire: checks in the <see cref="ScheduledWorkKind.Check"/> lane, timers and deadlines in the other.</summary>
    private async Task DispatchAsync(ScheduledWorkKind kind, CancellationToken cancellationToken)
    {
        while (true)
        {
            List<ScheduledWork> batch;
            await using (var scope = scopes.CreateAsyncScope())
            {
                batch = await scope.ServiceProvider.GetRequiredService<ClearanceDbContext>().ScheduledWork.AsNoTracking()
                    .Where(w => kind == ScheduledWorkKind.Check ? w.Kind == ScheduledWorkKind.Check : w.Kind != ScheduledWorkKind.Check).OrderBy(w => w.CreatedAt).Take(BatchSize).ToListAsync(cancellationToken);
            }

            // A case's timers are armed one after another, oldest first, as they share its lock.
            var groups = kind != ScheduledWorkKind.Check ? batch.GroupBy(w => w.CaseId) : batch.GroupBy(w => w.Id);
            await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = settings.DispatchConcurrency, CancellationToken = cancellationToken }, async (rows, ct) =>
            {
                foreach (var work in rows)
                {
                    await HandOverAsync(work, ct);
                }
            });

            if (batch.Count < BatchSize)
            {
                return;
            }
        }
    }

    private static void Release(SemaphoreSlim wake)
    {
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    private async Task LaneAsync(ScheduledWorkKind kind, SemaphoreSlim wake, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchAsync(kind, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex.GetType().Name, ex.Message);
            }

            try
            {
                await wake.WaitAsync(settings.DispatchInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Claims one row and hands it to Hangfire, unless another node claimed it first.</summary>
    private async Task HandOverAsync(ScheduledWork work, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClearanceDbContext>();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // One node only (ADR 10): no other node to claim against, so the row is deleted once Hangfire has the job,
            // without holding SQLite's one writer lock while Hangfire works. A crash in between hands it over again.
            Hand(work);
            await db.ScheduledWork.Where(w => w.Id == work.Id).ExecuteDeleteAsync(cancellationToken);
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.ScheduledWork.Where(w => w.Id == work.Id).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return;
        }

        Hand(work);
        await transaction.CommitAsync(cancellationToken);
    }

    private void Hand(ScheduledWork work)
    {
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
