using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Investigations;
using ClearanceWorkflow.Application.Features.Vetting;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.Infrastructure.Verification;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClearanceWorkflow.Infrastructure.Jobs;

/// <summary>
/// One continuous-vetting run: enrols what is not enrolled yet, then reads the enrolments due now a batch at a time
/// (<c>Vetting__BatchSize</c>, by the indexed next-run time), asks the verification providers again for each
/// (<c>Vetting__Parallelism</c> clearances at once) and records each clearance's run in its own transaction. One
/// recurring job for every clearance, not a scheduler entry each. A provider that gives no answer is a vetting gap
/// (Unable), not a failed run. Safe to run again at any point: recording is idempotent (see <see cref="ContinuousVetting"/>).
/// </summary>
public sealed partial class ContinuousVettingRunner(
    SystemSender sender, VerificationClient client, TimeProvider clock, IOptions<VettingOptions> options, ILogger<ContinuousVettingRunner> logger)
{
    public sealed record Result(int Enrolled, int Batches, int Clearances, int Flagged, int Gaps, int CasesOpened, int NotRecorded);

    public async Task<Result> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var enrolled = await sender.SendAsync(new ContinuousVetting.EnrollAll(), cancellationToken);
        var dueBy = clock.Now();
        var notRecorded = new HashSet<Guid>();
        int batches = 0, clearances = 0, flagged = 0, gaps = 0, opened = 0;
        while (true)
        {
            var batch = await sender.SendAsync(new ContinuousVetting.DueBatch(dueBy, settings.BatchSize, notRecorded), cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            batches++;
            await Parallel.ForEachAsync(
                batch,
                new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = cancellationToken },
                async (target, token) =>
                {
                    var answers = new List<ContinuousVetting.Answer>(target.Requests.Count);
                    foreach (var request in target.Requests)
                    {
                        answers.Add(await AskAsync(request, token));
                    }

                    ContinuousVetting.Recorded recorded;
                    try
                    {
                        recorded = await sender.SendAsync(new ContinuousVetting.Record(target.ClearanceId, target.Run, dueBy, answers), token);
                    }
                    catch (ConflictException)
                    {
                        // The clearance changed meanwhile (another run recorded it, or a status change): the next run takes it.
                        recorded = new ContinuousVetting.Recorded(false, 0, 0, 0);
                    }

                    lock (notRecorded)
                    {
                        if (recorded.Done)
                        {
                            clearances++;
                            flagged += recorded.Flagged;
                            gaps += recorded.Gaps;
                            opened += recorded.CasesOpened;
                        }
                        else
                        {
                            notRecorded.Add(target.ClearanceId);
                        }
                    }
                });
            if (batch.Count < settings.BatchSize)
            {
                break;
            }
        }

        var result = new Result(enrolled, batches, clearances, flagged, gaps, opened, notRecorded.Count);
        LogRun(logger, result.Enrolled, result.Batches, result.Clearances, result.Flagged, result.Gaps, result.CasesOpened, result.NotRecorded);
        return result;
    }

    private async Task<ContinuousVetting.Answer> AskAsync(VerificationRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await client.VerifyAsync(request, cancellationToken);
            return new ContinuousVetting.Answer(request.Kind, answer.Outcome, answer.Summary, answer.Reference);
        }
        catch (Exception ex) when (VerificationCheckJob.IsProviderFailure(ex, cancellationToken))
        {
            return new ContinuousVetting.Answer(request.Kind, CheckOutcome.Unable, $"vetting gap: the provider gave no answer ({VerificationCheckJob.Reason(ex)})", null);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Continuous vetting: {Enrolled} enrolled, {Batches} batches, {Clearances} clearances re-checked, {Flagged} flagged, {Gaps} gaps, {Opened} cases opened, {NotRecorded} left for the next run")]
    private static partial void LogRun(ILogger logger, int enrolled, int batches, int clearances, int flagged, int gaps, int opened, int notRecorded);
}

/// <summary>The recurring continuous-vetting job (<c>Vetting__Cron</c>). One runs at a time across the nodes.</summary>
public sealed class ContinuousVettingJob(ContinuousVettingRunner runner)
{
    public const string RecurringId = "continuous-vetting";

    [DisableConcurrentExecution(timeoutInSeconds: 30 * 60)]
    public Task RunAsync(CancellationToken cancellationToken) => runner.RunAsync(cancellationToken);
}
