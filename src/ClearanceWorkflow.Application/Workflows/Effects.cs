using ClearanceWorkflow.Domain;

namespace ClearanceWorkflow.Application.Workflows;

/// <summary><c>startInvestigation</c>: creates the checks of the case's tier, all Pending.</summary>
public sealed class StartInvestigationEffect(IEnumerable<IInvestigationScheduler> schedulers) : IStageEffect
{
    public async Task RunAsync(ClearanceCase clearanceCase, DateTime now, CancellationToken cancellationToken)
    {
        var checks = clearanceCase.StartInvestigation(now);
        foreach (var scheduler in schedulers)
        {
            await scheduler.ScheduleAsync(clearanceCase, checks, cancellationToken);
        }
    }
}

/// <summary>
/// Schedules the automated checks of a case, inside the transaction that created them. Registered only when
/// <c>Verification__Automated</c> is on; with checks recorded by hand there is none.
/// </summary>
public interface IInvestigationScheduler
{
    Task ScheduleAsync(ClearanceCase clearanceCase, IReadOnlyList<InvestigationCheck> checks, CancellationToken cancellationToken);
}

/// <summary><c>closeCase</c>: a closed case has no outstanding work; checks still open end as Unable.</summary>
public sealed class CloseCaseEffect(Common.IDataProtector protector) : IStageEffect
{
    public Task RunAsync(ClearanceCase clearanceCase, DateTime now, CancellationToken cancellationToken)
    {
        if (!clearanceCase.Checks.All(c => c.Status.IsTerminal()))
        {
            clearanceCase.CloseRemainingChecksAsGaps(Common.Actor.System.Id, protector.Protect("the case closed before this check completed"), now);
        }

        return Task.CompletedTask;
    }
}
