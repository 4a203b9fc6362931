using System.Globalization;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Application.Scheduling;
using ClearanceWorkflow.Infrastructure.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace ClearanceWorkflow.Infrastructure.Scheduling;

/// <summary>After the commit that queued scheduler work, asks the dispatcher to run (once per transaction).</summary>
public sealed class SchedulingSignal(TransactionResources resources, ISchedulerFactory factory) : ISchedulingSignal
{
    private bool _registered;

    public void AfterCommit()
    {
        if (_registered)
        {
            return;
        }

        _registered = true;
        resources.AfterCommit(async () =>
        {
            var scheduler = await factory.GetScheduler();
            await scheduler.TriggerJob(ScheduleDispatchJob.Key);
        });
    }
}

/// <summary>
/// Hands the scheduler outbox to Quartz, oldest first: one durable, recoverable job per check, retried
/// under a persisted exponential policy; one timer per case for its current stage's SLA. Scheduling uses
/// fixed keys and replaces, so handing a row over twice (after a crash) changes nothing. One dispatcher
/// runs at a time across the cluster; it runs after each commit that queued work, and every few seconds.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ScheduleDispatchJob(IServiceScopeFactory scopes, VerificationOptions options) : IJob
{
    public static readonly JobKey Key = new("schedule-dispatch", "system");
    public const string CheckGroup = "verification";
    public const string SlaGroup = "sla";

    public static JobKey CheckKey(Guid caseId, string kind) => new($"{caseId:N}:{kind}", CheckGroup);

    public static JobKey SlaKey(Guid caseId) => new(caseId.ToString("N"), SlaGroup);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClearanceDbContext>();
            var batch = await db.ScheduledWork.AsNoTracking().OrderBy(w => w.CreatedAt).Take(200).ToListAsync(cancellationToken);
            foreach (var work in batch)
            {
                await (work.Kind == ScheduledWorkKind.Check
                    ? ScheduleCheckAsync(context.Scheduler, work, cancellationToken)
                    : ArmTimerAsync(context.Scheduler, work, cancellationToken));
                await db.ScheduledWork.Where(w => w.Id == work.Id).ExecuteDeleteAsync(cancellationToken);
            }

            if (batch.Count < 200)
            {
                return;
            }
        }
    }

    private async Task ScheduleCheckAsync(IScheduler scheduler, ScheduledWork work, CancellationToken cancellationToken)
    {
        var key = CheckKey(work.CaseId, work.Name);
        var job = JobBuilder.Create<VerificationCheckJob>()
            .WithIdentity(key)
            .UsingJobData(VerificationCheckJob.CaseIdKey, work.CaseId.ToString())
            .UsingJobData(VerificationCheckJob.KindKey, work.Name)
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key.Name, CheckGroup)
            .StartNow()
            .WithRetryPolicy(CheckRetryPolicy(options))
            .Build();
        await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }

    /// <summary>The scheduler's persisted retries of a check's job: exponential backoff with jitter.</summary>
    public static RetryPolicy CheckRetryPolicy(VerificationOptions options) =>
        RetryPolicy.Exponential(Math.Max(1, options.JobRetries), options.JobRetryDelay, 2.0, options.JobRetryMaxDelay, 0.2);

    /// <summary>Puts a check's job back under its retry policy, after the first retry's delay (for a recovered run that failed).</summary>
    public static ITrigger CheckRetryTrigger(JobKey job, TimeProvider clock, VerificationOptions options) =>
        TriggerBuilder.Create(clock)
            .WithIdentity($"{job.Name}:after-recovery", CheckGroup)
            .ForJob(job)
            .StartAt(clock.GetUtcNow() + options.JobRetryDelay)
            .WithRetryPolicy(CheckRetryPolicy(options))
            .Build();

    private static async Task ArmTimerAsync(IScheduler scheduler, ScheduledWork work, CancellationToken cancellationToken)
    {
        var key = SlaKey(work.CaseId);
        if (work.RunAt is not { } due)
        {
            await scheduler.DeleteJob(key, cancellationToken);
            return;
        }

        var job = JobBuilder.Create<SlaBreachJob>()
            .WithIdentity(key)
            .UsingJobData(SlaBreachJob.CaseIdKey, work.CaseId.ToString())
            .UsingJobData(SlaBreachJob.StageKey, work.Name)
            .UsingJobData(SlaBreachJob.EnteredAtKey, work.StageEnteredAt!.Value.Ticks.ToString(CultureInfo.InvariantCulture))
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key.Name, SlaGroup)
            .StartAt(new DateTimeOffset(due, TimeSpan.Zero))
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }
}
