using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Actions;
using ClearanceWorkflow.Application.Features.Cases;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Application.Features.Clearances;

/// <summary>
/// POST /clearances/{id}/incidents: new information about a clearance holder opens a ContinuousEvaluation case in
/// review; with <c>suspend</c> the clearance is suspended at once. An Active or already Suspended clearance takes
/// incidents (a second one on a suspended clearance leaves it suspended); any other is 409.
/// </summary>
public static class ReportIncident
{
    [AllowRoles(Roles.SecurityOfficer, Roles.Adjudicator)]
    public sealed record Command(Guid ClearanceId, Guideline? Guideline, string? Summary, bool? Suspend) : ICommand<CaseDto>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Guideline).NotNull().IsInEnum();
            RuleFor(x => x.Summary).NotEmpty().MaximumLength(20000).Prose();
            RuleFor(x => x.Suspend).NotNull();
        }
    }

    public sealed class Handler(
        ClearanceDbContext db, ActorContext actors, CaseOpening opening, CaseAccess access, IDataProtector protector, AuditTrail audit, TimeProvider clock)
        : IRequestHandler<Command, CaseDto>
    {
        public async Task<CaseDto> Handle(Command request, CancellationToken cancellationToken)
        {
            var actor = actors.Current;
            var subjectId = await db.Clearances.Where(x => x.Id == request.ClearanceId).Select(x => x.SubjectId).FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException($"clearance {request.ClearanceId} was not found");
            // Read after the subject's lock: an evaluation closing now decides on whether this one is open, and an
            // interim granted now must be withdrawn by this suspension.
            await db.LockSubjectAsync(subjectId, cancellationToken);
            var clearance = await db.Clearances.FirstAsync(x => x.Id == request.ClearanceId, cancellationToken);
            clearance.RefuseHolder(actor.Id, "reports an incident on");

            var now = clock.Now();
            var c = await opening.OpenContinuousEvaluationAsync(
                clearance, request.Guideline!.Value, protector.Protect(request.Summary!), actor.Id, now, cancellationToken);
            var suspended = request.Suspend == true && clearance.Status == ClearanceStatus.Active;
            if (suspended)
            {
                var withdrawn = clearance.SuspendWithInterims(
                    await SubjectInterims.OfAsync(db, clearance.SubjectId, cancellationToken), actor.Id, $"suspended on report of an incident (case {c.Reference})", now);
                await SubjectClearances.AuditChangeAsync(audit, clearance, ClearanceStatus.Active, c.Reference, cancellationToken);
                await SubjectInterims.AuditWithdrawnAsync(audit, withdrawn, c.Reference, cancellationToken);
            }
            else
            {
                // The sweep expires clearances without the subject's lock: an evaluation is not opened on one expired meanwhile.
                await db.LockUnchangedAsync(clearance, cancellationToken);
            }

            await audit.AppendAsync("clearance.incident", c.Id, new
            {
                clearanceId = clearance.Id,
                reference = c.Reference,
                guideline = request.Guideline.Value.ToString(),
                suspend = request.Suspend,
                status = clearance.Status.ToString(),
            }, cancellationToken, actor.Id);
            return await access.ViewAsync(c, actor, cancellationToken);
        }
    }
}
