using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Application.Workflows;
using ClearanceWorkflow.Domain;

namespace ClearanceWorkflow.Application.Scheduling;

public enum ScheduledWorkKind
{
    /// <summary>Run the verification of one check now.</summary>
    Check,

    /// <summary>Arm the case's SLA timer for <see cref="ScheduledWork.RunAt"/>, or cancel it when that is null.</summary>
    SlaTimer,

    /// <summary>Fire the action <see cref="ScheduledWork.Name"/> on the case at <see cref="ScheduledWork.RunAt"/> (a due-process deadline).</summary>
    Deadline,
}

/// <summary>
/// The scheduler's outbox: work the background scheduler must take on, written in the same transaction
/// as the state change that needs it. A dispatcher hands each row to the scheduler after the commit and
/// deletes it; a crash in between leaves the row for the next dispatch, so no check or timer is lost.
/// </summary>
public sealed class ScheduledWork
{
    private ScheduledWork()
    {
        Name = string.Empty;
    }

    public ScheduledWork(ScheduledWorkKind kind, Guid caseId, string name, DateTime? runAt, DateTime now)
    {
        Id = Guid.NewGuid();
        Kind = kind;
        CaseId = caseId;
        Name = name;
        RunAt = runAt;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public ScheduledWorkKind Kind { get; private set; }
    public Guid CaseId { get; private set; }

    /// <summary>The check kind, the stage whose SLA the timer watches, or the action a deadline fires.</summary>
    public string Name { get; private set; }

    public DateTime? RunAt { get; private set; }

    /// <summary>For a timer: when the stage was entered, so a late timer for an earlier visit does nothing.</summary>
    public DateTime? StageEnteredAt { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public static ScheduledWork Deadline(ClearanceCase c, string action, DateTime dueAt, DateTime now) =>
        new(ScheduledWorkKind.Deadline, c.Id, action, dueAt, now);

    public static ScheduledWork Timer(ClearanceCase c, DateTime now) =>
        new(ScheduledWorkKind.SlaTimer, c.Id, c.Stage, c.IsClosed ? null : c.DueAt, now) { StageEnteredAt = c.StageEnteredAt };
}

/// <summary>
/// Asks for the dispatcher to run once the current transaction has committed. An interface because the dispatcher
/// (Hangfire) lives in Infrastructure, which Application does not reference.
/// </summary>
public interface ISchedulingSignal
{
    void AfterCommit();
}

/// <summary>Queues a check job per open check of the case.</summary>
public sealed class InvestigationScheduler(ClearanceDbContext db, ISchedulingSignal signal) : IInvestigationScheduler
{
    public Task ScheduleAsync(ClearanceCase clearanceCase, IReadOnlyList<InvestigationCheck> checks, CancellationToken cancellationToken)
    {
        foreach (var check in checks.Where(c => !c.Status.IsTerminal()))
        {
            db.ScheduledWork.Add(new ScheduledWork(ScheduledWorkKind.Check, clearanceCase.Id, check.Kind, null, clearanceCase.UpdatedAt));
        }

        signal.AfterCommit();
        return Task.CompletedTask;
    }
}

/// <summary>Arms the SLA timer of the case's current stage (or cancels it when there is none): a row in the current transaction, handed to the scheduler after commit.</summary>
public sealed class StageTimers(ClearanceDbContext db, ISchedulingSignal signal)
{
    public Task ArmAsync(ClearanceCase clearanceCase, CancellationToken cancellationToken)
    {
        db.ScheduledWork.Add(ScheduledWork.Timer(clearanceCase, clearanceCase.UpdatedAt));
        signal.AfterCommit();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Arms a deadline: at <c>dueAt</c> the scheduler fires the named action on the case, as the system. A row in the
/// current transaction, handed to the scheduler after commit; the action does nothing if the step was taken by then.
/// </summary>
public sealed class Deadlines(ClearanceDbContext db, ISchedulingSignal signal)
{
    public void Arm(ClearanceCase clearanceCase, string action, DateTime dueAt)
    {
        db.ScheduledWork.Add(ScheduledWork.Deadline(clearanceCase, action, dueAt, clearanceCase.UpdatedAt));
        signal.AfterCommit();
    }
}
