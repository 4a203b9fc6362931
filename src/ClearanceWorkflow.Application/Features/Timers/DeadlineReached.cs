using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Cases;
using ClearanceWorkflow.Application.Scheduling;
using ClearanceWorkflow.Application.Workflows;
using ClearanceWorkflow.Domain;
using MediatR;

namespace ClearanceWorkflow.Application.Features.Timers;

/// <summary>
/// A due-process deadline came: the system performs the action it was armed for (<c>answer-period-ends</c>,
/// <c>appeal-period-ends</c>) through the workflow, audited like any step. When the step was taken meanwhile, or
/// another node fired first, the workflow refuses it and nothing happens; a run before the due time arms it again.
/// </summary>
public static class DeadlineReached
{
    [AllowRoles(Roles.System)]
    public sealed record Command(Guid CaseId, string Action) : ICommand<bool>;

    public sealed class Handler(CaseAccess access, WorkflowRunner runner, Deadlines deadlines, TimeProvider clock) : IRequestHandler<Command, bool>
    {
        public async Task<bool> Handle(Command request, CancellationToken cancellationToken)
        {
            ClearanceCase c;
            try
            {
                c = await access.LoadVisibleAsync(request.CaseId, Actor.System, cancellationToken);
            }
            catch (NotFoundException)
            {
                return false;
            }

            var now = clock.Now();
            DateTime? early = request.Action switch
            {
                CaseActionNames.AnswerPeriodEnds when c.AnswerPeriodOpen(now) => c.AnswerDueAt,
                CaseActionNames.AppealPeriodEnds when c.AppealPeriodOpen(now) => c.AppealDueAt,
                _ => null,
            };
            if (early is { } due)
            {
                deadlines.Arm(c, request.Action, due);
                return false;
            }

            try
            {
                await runner.RunAsync(c, request.Action, Actor.System, null, cancellationToken);
                return true;
            }
            catch (Exception ex) when (ex is ConflictException or DomainException)
            {
                return false;
            }
        }
    }
}
