using System.Text.Json;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Application.Workflows;
using ClearanceWorkflow.Domain;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClearanceWorkflow.Application.Features.Actions;

/// <summary><c>grant-interim</c>: interim eligibility at a level no higher than requested, while the case goes on. The rationale is kept encrypted.</summary>
public sealed class GrantInterim(ClearanceDbContext db, IDataProtector protector, IOptions<ClearanceOptions> options, IValidator<ActionInput<GrantInterim.Body>> validator) : ICaseAction
{
    public sealed record Body(ClearanceLevel? Level, string? Rationale);

    public sealed class Validator : AbstractValidator<ActionInput<Body>>
    {
        public Validator()
        {
            RuleFor(x => x.Payload.Level).NotNull().IsInEnum().OverridePropertyName("level");
            RuleFor(x => x.Payload.Level).Must((x, level) => level is null || level <= x.Context.Case.RequestedLevel)
                .WithMessage(x => $"must be at or below the requested level ({x.Context.Case.RequestedLevel})").OverridePropertyName("level");
            RuleFor(x => x.Payload.Rationale).NotEmpty().MaximumLength(20000).Prose().OverridePropertyName("rationale");
        }
    }

    public async Task RunAsync(ActionContext context, JsonElement? body, CancellationToken cancellationToken)
    {
        var payload = await ActionBody.ReadAsync(body, context, validator, cancellationToken);
        var level = payload.Level!.Value;
        var subjectId = context.Case.SubjectId;
        // A suspension of the subject's clearance at the same moment would otherwise miss this interim, and this its suspension.
        await db.LockSubjectAsync(subjectId, cancellationToken);
        context.Case.GrantInterim(
            level,
            protector.Protect(payload.Rationale!),
            options.Value.GrantingAgency,
            DateOnly.FromDateTime(context.Change.At).AddYears(options.Value.ReinvestigationYears(level)),
            await db.Clearances.AsNoTracking().Where(x => x.SubjectId == subjectId && x.Status == ClearanceStatus.Suspended).ToListAsync(cancellationToken),
            context.Change);
    }
}

/// <summary><c>withdraw-interim</c>: the case's interim clearance becomes Withdrawn; the case goes on. The rationale is kept encrypted.</summary>
public sealed class WithdrawInterim(IDataProtector protector, IValidator<ActionInput<WithdrawInterim.Body>> validator) : ICaseAction
{
    public sealed record Body(string? Rationale);

    public sealed class Validator : AbstractValidator<ActionInput<Body>>
    {
        public Validator() => RuleFor(x => x.Payload.Rationale).NotEmpty().MaximumLength(20000).Prose().OverridePropertyName("rationale");
    }

    public async Task RunAsync(ActionContext context, JsonElement? body, CancellationToken cancellationToken)
    {
        var payload = await ActionBody.ReadAsync(body, context, validator, cancellationToken);
        context.Case.WithdrawInterim(protector.Protect(payload.Rationale!), context.Change);
    }
}
