using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Investigations;
using ClearanceWorkflow.Application.Features.Timers;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.Infrastructure.Persistence;
using ClearanceWorkflow.Infrastructure.Verification;
using Hangfire;
using Hangfire.Server;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ClearanceWorkflow.Infrastructure.Jobs;

/// <summary>Runs a request through the pipeline in a scope of its own, as the system.</summary>
public sealed class SystemSender(IServiceScopeFactory scopes)
{
    public async Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Set(Actor.System);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, cancellationToken);
    }

    /// <summary>Sends the command again, on the reloaded record, while a concurrent change to the same record wins, up to ten times.</summary>
    public async Task<TResponse> SendUntilNoConflictAsync<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken)
    {
        const int Attempts = 10;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendAsync(request, cancellationToken);
            }
            catch (ConflictException) when (attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 50 * attempt)), cancellationToken);
            }
        }
    }
}

/// <summary>A provider failure that survived the resilience pipeline, handed to Hangfire's persisted retries.</summary>
public sealed class VerificationJobException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// One verification check. Marks it Running, calls the provider through its resilience pipeline, and
/// records the answer. A failure that survives the pipeline is thrown back to Hangfire, which retries the
/// job (<c>Verification__JobRetries</c> times, see <see cref="JobFilters"/>); on the last attempt the check
/// ends Unable instead, as it does when the last attempt fails for any other reason. A run after the result is recorded does nothing, so a repeated job records once.
/// The arguments are ids only: what the dashboard shows carries no personal data.
/// </summary>
public sealed partial class VerificationCheckJob(SystemSender sender, VerificationClient client, VerificationOptions options, ILogger<VerificationCheckJob> logger)
{
    public async Task RunAsync(Guid caseId, string kind, PerformContext? context, CancellationToken cancellationToken)
    {
        var lastAttempt = (context?.GetJobParameter<int>("RetryCount") ?? 0) >= options.JobRetries;
        try
        {
            await RunOnceAsync(caseId, kind, lastAttempt, cancellationToken);
        }
        catch (Exception ex) when (lastAttempt && !cancellationToken.IsCancellationRequested)
        {
            // The last run failed on its own side (an answer the database refuses, say): the check ends Unable, a gap the
            // adjudicator sees, rather than Running for ever. If even that cannot be written, the job fails (docs/operations.md).
            LogGaveUp(logger, caseId, kind, ex.GetType().Name);
            var recorded = await CompleteAsync(
                new AutomatedChecks.Complete(caseId, kind, CheckOutcome.Unable, $"investigation gap: the check's result could not be recorded ({ex.GetType().Name})", null), cancellationToken);
            LogRecorded(logger, caseId, kind, nameof(CheckOutcome.Unable), recorded);
        }
    }

    private async Task RunOnceAsync(Guid caseId, string kind, bool lastAttempt, CancellationToken cancellationToken)
    {
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
            LogFailed(logger, caseId, kind, attempt, ex.GetType().Name, lastAttempt);
            if (!lastAttempt)
            {
                throw new VerificationJobException($"verification of '{kind}' failed on attempt {attempt}", ex);
            }

            answer = new VerificationAnswer(CheckOutcome.Unable, $"investigation gap: the provider gave no answer after {attempt} attempts ({Reason(ex)})", null);
        }

        var recorded = await CompleteAsync(new AutomatedChecks.Complete(caseId, kind, answer.Outcome, answer.Summary, answer.Reference), cancellationToken);
        LogRecorded(logger, caseId, kind, answer.Outcome.ToString(), recorded);
    }

    /// <summary>
    /// Records the answer; when the check changed under it (a second run of the same job marking it Running), records it
    /// again on the reloaded case rather than asking the provider again. Other checks of the case do not conflict:
    /// <c>Complete</c> waits for them on the case's row.
    /// </summary>
    private Task<bool> CompleteAsync(AutomatedChecks.Complete complete, CancellationToken cancellationToken) =>
        sender.SendUntilNoConflictAsync(complete, cancellationToken);

    /// <summary>Whether the exception is the provider's failure (not the job's own cancellation or a bug).</summary>
    internal static bool IsProviderFailure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        VerificationFailedException or HttpRequestException or TimeoutRejectedException or BrokenCircuitException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    internal static string Reason(Exception ex) => ex switch
    {
        VerificationFailedException v => v.Message,
        TimeoutRejectedException => "timed out",
        BrokenCircuitException => "the provider's circuit is open",
        HttpRequestException => "the provider could not be reached",
        _ => ex.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Verification {Kind} for case {CaseId} failed on attempt {Attempt} ({Error}); last attempt: {Last}")]
    private static partial void LogFailed(ILogger logger, Guid caseId, string kind, int attempt, string error, bool last);

    [LoggerMessage(Level = LogLevel.Error, Message = "Verification {Kind} for case {CaseId} failed on its last attempt ({Error}); recording it Unable")]
    private static partial void LogGaveUp(ILogger logger, Guid caseId, string kind, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Verification {Kind} for case {CaseId} ended {Outcome} (recorded now: {Recorded})")]
    private static partial void LogRecorded(ILogger logger, Guid caseId, string kind, string outcome, bool recorded);
}

/// <summary>Fires when a stage's SLA runs out. The stage and when it was entered make a late or repeated run do nothing.</summary>
public sealed class SlaBreachJob(SystemSender sender)
{
    public Task RunAsync(Guid caseId, string stage, long stageEnteredAtTicks, CancellationToken cancellationToken) =>
        sender.SendUntilNoConflictAsync(new SlaBreach.Command(caseId, stage, new DateTime(stageEnteredAtTicks, DateTimeKind.Utc)), cancellationToken);
}

/// <summary>
/// A due-process deadline: fires its action on the case as the system. A run after the step was taken, or a second
/// run (another node, a recovered job), does nothing. When another change to the case commits at the same moment,
/// the deadline tries again on the reloaded case.
/// </summary>
public sealed class DeadlineJob(SystemSender sender)
{
    public Task RunAsync(Guid caseId, string action, CancellationToken cancellationToken) =>
        sender.SendUntilNoConflictAsync(new DeadlineReached.Command(caseId, action), cancellationToken);
}

/// <summary>
/// Deletes expired idempotency keys every ten minutes, so that kept answers (encrypted case views) go after their 24
/// hours though no keyed request comes to delete them on the way (<see cref="IdempotencyStore.ClaimAsync"/>).
/// </summary>
public sealed class IdempotencyExpiryJob(IServiceScopeFactory scopes)
{
    public const string RecurringId = "idempotency-expiry";
    public const string Cron = "*/10 * * * *";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdempotencyStore>().DeleteExpiredAsync(cancellationToken);
    }
}

/// <summary>The daily reinvestigation sweep (reminders, reinvestigation cases, escalation, expiry). One runs at a time across the nodes.</summary>
public sealed partial class ReinvestigationSweepJob(SystemSender sender, ILogger<ReinvestigationSweepJob> logger)
{
    public const string RecurringId = "reinvestigation-sweep";

    [DisableConcurrentExecution(timeoutInSeconds: 30 * 60)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var result = await sender.SendAsync(new ReinvestigationSweep.Run(), cancellationToken);
        LogSwept(logger, result.Reminders, result.CasesOpened, result.Escalations, result.Expired);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reinvestigation sweep: {Reminders} reminders, {Opened} cases opened, {Escalations} overdue escalated, {Expired} clearances expired")]
    private static partial void LogSwept(ILogger logger, int reminders, int opened, int escalations, int expired);
}
