using System.Globalization;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Investigations;
using ClearanceWorkflow.Application.Features.Timers;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.Infrastructure.Verification;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Quartz;

namespace ClearanceWorkflow.Infrastructure.Scheduling;

/// <summary>Runs a request through the pipeline in a scope of its own, as the system.</summary>
public sealed class SystemSender(IServiceScopeFactory scopes)
{
    public async Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Set(Actor.System);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, cancellationToken);
    }
}

/// <summary>
/// One verification check. Marks it Running, calls the provider through its resilience pipeline, and
/// records the answer. A failure that survives the pipeline is thrown back to the scheduler, which
/// retries under the trigger's persisted policy; on the last attempt the check ends Unable instead.
/// A run after the result is recorded does nothing, so a recovered or repeated job records once.
/// The scheduler's recovery trigger (a node died mid-run) carries no retry policy: a recovered run that
/// fails hands the check back to a trigger with the policy instead of ending it at once.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class VerificationCheckJob(SystemSender sender, VerificationClient client, VerificationOptions options, ILogger<VerificationCheckJob> logger) : IJob
{
    public const string CaseIdKey = "caseId";
    public const string KindKey = "kind";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var caseId = Guid.Parse(context.MergedJobDataMap.GetString(CaseIdKey)!);
        var kind = context.MergedJobDataMap.GetString(KindKey)!;
        var request = await sender.SendAsync(new AutomatedChecks.Begin(caseId, kind), cancellationToken);
        if (request is null)
        {
            return;
        }

        VerificationAnswer answer;
        try
        {
            answer = await client.VerifyAsync(request, cancellationToken);
        }
        catch (Exception ex) when (IsProviderFailure(ex, cancellationToken))
        {
            var attempt = request.Attempt;
            if (context.RetryPolicy is null && context.Recovering)
            {
                LogFailed(logger, caseId, kind, attempt, ex.GetType().Name, false);
                await context.Scheduler.ScheduleJob(ScheduleDispatchJob.CheckRetryTrigger(context.JobDetail.Key, context.Scheduler.TimeProvider, options), ScheduleJobOptions.Replacing, cancellationToken);
                return;
            }

            var lastAttempt = context.RetryPolicy is null || context.RetryAttempt >= context.RetryPolicy.MaxAttempts;
            LogFailed(logger, caseId, kind, attempt, ex.GetType().Name, lastAttempt);
            if (!lastAttempt)
            {
                throw new JobExecutionException($"verification of '{kind}' failed on attempt {attempt}", ex);
            }

            answer = new VerificationAnswer(CheckOutcome.Unable, $"investigation gap: the provider gave no answer after {attempt} attempts ({Reason(ex)})", null);
        }

        var recorded = await sender.SendAsync(new AutomatedChecks.Complete(caseId, kind, answer.Outcome, answer.Summary, answer.Reference), cancellationToken);
        LogRecorded(logger, caseId, kind, answer.Outcome.ToString(), recorded);
    }

    private static bool IsProviderFailure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        VerificationFailedException or HttpRequestException or TimeoutRejectedException or BrokenCircuitException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private static string Reason(Exception ex) => ex switch
    {
        VerificationFailedException v => v.Message,
        TimeoutRejectedException => "timed out",
        BrokenCircuitException => "the provider's circuit is open",
        HttpRequestException => "the provider could not be reached",
        _ => ex.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Verification {Kind} for case {CaseId} failed on attempt {Attempt} ({Error}); last attempt: {Last}")]
    private static partial void LogFailed(ILogger logger, Guid caseId, string kind, int attempt, string error, bool last);

    [LoggerMessage(Level = LogLevel.Information, Message = "Verification {Kind} for case {CaseId} ended {Outcome} (recorded now: {Recorded})")]
    private static partial void LogRecorded(ILogger logger, Guid caseId, string kind, string outcome, bool recorded);
}

/// <summary>Fires when a stage's SLA runs out.</summary>
public sealed class SlaBreachJob(SystemSender sender) : IJob
{
    public const string CaseIdKey = "caseId";
    public const string StageKey = "stage";
    public const string EnteredAtKey = "enteredAt";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        await sender.SendAsync(
            new SlaBreach.Command(
                Guid.Parse(data.GetString(CaseIdKey)!),
                data.GetString(StageKey)!,
                new DateTime(long.Parse(data.GetString(EnteredAtKey)!, CultureInfo.InvariantCulture), DateTimeKind.Utc)),
            cancellationToken);
    }
}

/// <summary>The daily reinvestigation sweep (reminders, reinvestigation cases, expiry).</summary>
[DisallowConcurrentExecution]
public sealed partial class ReinvestigationSweepJob(SystemSender sender, ILogger<ReinvestigationSweepJob> logger) : IJob
{
    public static readonly JobKey Key = new("reinvestigation-sweep", "system");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var result = await sender.SendAsync(new ReinvestigationSweep.Run(), cancellationToken);
        LogSwept(logger, result.Reminders, result.CasesOpened, result.Expired);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reinvestigation sweep: {Reminders} reminders, {Opened} cases opened, {Expired} clearances expired")]
    private static partial void LogSwept(ILogger logger, int reminders, int opened, int expired);
}
