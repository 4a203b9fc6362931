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
            RuleFor(x => x.Summary).NotEmpty().MaximumLength(4000).Prose();
            RuleFor(x => x.ProviderReference).MaximumLength(200).NoControlCharacters().WellFormedText();
        }
    }

    public sealed class Handler(ActorContext actors, CaseAccess access, CheckRecorder recorder) : IRequestHandler<Command, CheckDto>
    {
        public async Task<CheckDto> Handle(Command request, CancellationToken cancellationToken)
        {
            var actor = actors.Current;
            await access.LockAsync(request.CaseId, cancellationToken);
            var c = await access.LoadVisibleAsync(request.CaseId, actor, cancellationToken);
            CaseAccess.RequireStaffFor(actors.Current, c);
            var check = await recorder.RecordAsync(c, request.Kind, request.Outcome!.Value, request.Summary!, request.ProviderReference, actor.Id, cancellationToken);
            return access.ToDto(check);
        }
    }
}

/// <summary>Completes a check once (the case refuses a second result), audits it, and fires <c>complete-investigation</c> as the system when it was the last.</summary>
public sealed class CheckRecorder(WorkflowRunner runner, IDataProtector protector, AuditTrail audit, TimeProvider clock, TransactionResources resources, ClearanceTelemetry telemetry)
{
    public async Task<InvestigationCheck> RecordAsync(ClearanceCase c, string kind, CheckOutcome outcome, string summary, string? providerReference, string actor, CancellationToken cancellationToken)
    {
        var check = c.RecordCheckResult(kind, outcome, protector.Protect(summary), providerReference, actor, clock.Now());
        await audit.AppendAsync("check.result", c.Id, new { reference = c.Reference, kind = check.Kind, outcome = check.Status.ToString(), attempts = check.Attempts }, cancellationToken, actor);
        resources.AfterCommit(() =>
        {
            telemetry.CheckRecorded(check.Kind, check.Status.ToString());
            return Task.CompletedTask;
        });
        if (c.Stage == Stages.BackgroundCheck && c.AllChecksTerminal)
        {
            await runner.RunAsync(c, CaseActionNames.CompleteInvestigation, Actor.System, null, cancellationToken);
        }

        return check;
    }
}
