using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Notifications;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Application.Scheduling;
using ClearanceWorkflow.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Application.Features.Timers;

/// <summary>
/// A stage's SLA ran out: the case is marked overdue, audited, and a notification goes out. Once per stage visit. A
/// timer that fires before the due time on the service's clock (the scheduler runs on the polling node's clock, which
/// may be ahead) arms the timer again rather than losing the breach.
/// </summary>
public static class SlaBreach
{
    [AllowRoles(Roles.System)]
    public sealed record Command(Guid CaseId, string Stage, DateTime StageEnteredAt) : ICommand<bool>;

    public sealed class Handler(
        ClearanceDbContext db, TimeProvider clock, AuditTrail audit, Notifier notifier, TransactionResources resources, ClearanceTelemetry telemetry, StageTimers timers)
        : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command request, CancellationToken cancellationToken)
        {
            var c = await db.Cases.FirstOrDefaultAsync(x => x.Id == request.CaseId, cancellationToken);
            var now = clock.Now();
            if (c is null)
            {
                return false;
            }

            if (!c.MarkOverdue(request.Stage, request.StageEnteredAt, now))
            {
                if (c.Stage == request.Stage && c.StageEnteredAt == request.StageEnteredAt && !c.Overdue && c.DueAt > now)
                {
                    await timers.ArmAsync(c, cancellationToken);
                }

                return false;
            }

            await audit.AppendAsync("case.sla-breached", c.Id, new { reference = c.Reference, stage = c.Stage, dueAt = c.DueAt }, cancellationToken, Actor.System.Id);
            notifier.Enqueue("case.overdue", new { caseId = c.Id, reference = c.Reference, stage = c.Stage, dueAt = c.DueAt, assignedAdjudicator = c.AssignedAdjudicator });
            var stage = c.Stage;
            resources.AfterCommit(() =>
            {
                telemetry.SlaBreached(stage);
                return Task.CompletedTask;
            });
            return true;
        }
    }
}
