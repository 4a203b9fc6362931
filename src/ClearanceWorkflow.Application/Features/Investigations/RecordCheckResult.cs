using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Cases;
using ClearanceWorkflow.Application.Workflows;
using ClearanceWorkflow.Domain;
using FluentValidation;
using MediatR;

namespace ClearanceWorkflow.Application.Features.Investigations;

/// <summary>
/// Records the result of one check, by an investigator or by a verification job. When the last check
/// becomes terminal, the system fires <c>complete-investigation</c> in the same transaction.
/// </summary>
public static class RecordCheckResult
{
    [AllowRoles(Roles.Investigator, Roles.System)]
    public sealed record Command(Guid CaseId, string Kind, CheckOutcome? Outcome, string? Summary, string? ProviderReference = null) : ICommand<CheckDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Outcome).NotNull().IsInEnum();
            RuleFor(x => x.Summary).NotEmpty().MaximumLength(4000);
            RuleFor(x => x.ProviderReference).MaximumLength(200);
        }
    }

    public sealed class Handler(ActorContext actors, CaseAccess access, CheckRecorder recorder) : IRequestHandler<Command, CheckDto>
    {
        public async Task<CheckDto> Handle(Command request, CancellationToken cancellationToken)
        {
            var actor = actors.Current;
            var c = await access.LoadVisibleAsync(request.CaseId, actor, cancellationToken);
            CaseAccess.RequireStaffFor(actors.Current, c);
            // The stage first: before background-check the checks do not exist yet, and that is a 409 (not now), not a 404.
            if (c.Stage != Stages.BackgroundCheck)
            {
                throw new ConflictException($"check results are recorded in stage '{Stages.BackgroundCheck}'; the case is in '{c.Stage}'");
            }

            var check = c.Checks.FirstOrDefault(k => k.Kind == request.Kind)
                ?? throw new NotFoundException($"case {c.Id} has no '{request.Kind}' check");

            if (check.Status.IsTerminal())
            {
                throw new ConflictException($"the '{check.Kind}' check is already complete ({check.Status})");
            }

            await recorder.RecordAsync(c, check, request.Outcome!.Value, request.Summary!, request.ProviderReference, actor.Id, cancellationToken);
            return access.ToDto(check);
        }
    }
}

/// <summary>Completes a check once, audits it, and fires <c>complete-investigation</c> as the system when it was the last.</summary>
public sealed class CheckRecorder(WorkflowRunner runner, IDataProtector protector, AuditTrail audit, TimeProvider clock)
{
    public async Task RecordAsync(ClearanceCase c, InvestigationCheck check, CheckOutcome outcome, string summary, string? providerReference, string actor, CancellationToken cancellationToken)
    {
        var now = clock.Now();
        check.Complete(outcome, protector.Protect(summary), providerReference, actor, now);
        await audit.AppendAsync("check.result", c.Id, new { reference = c.Reference, kind = check.Kind, outcome = check.Status.ToString(), attempts = check.Attempts }, cancellationToken, actor);
        if (c.Stage == Stages.BackgroundCheck && c.AllChecksTerminal)
        {
            await runner.RunAsync(c, "complete-investigation", Actor.System, null, cancellationToken);
        }
    }
}
