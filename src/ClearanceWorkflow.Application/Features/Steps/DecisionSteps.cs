using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Application.Workflows;
using ClearanceWorkflow.Domain;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClearanceWorkflow.Application.Features.Steps;

/// <summary><c>grant</c>: the favourable decision. Writes the clearance record with its reinvestigation due date.</summary>
[AuthorizedByHandler]
public sealed record Grant(CaseStep Context, Grant.Body Payload) : IWorkflowStep<Grant, Grant.Body>
{
    public static string Name => "Grant";

    public static Grant Create(CaseStep context, Body body) => new(context, body);

    public sealed record ExceptionInput(ExceptionType? Type, string? Details);

    public sealed record Body(ClearanceLevel? Level, string? Rationale, ExceptionInput? Exception);

    public sealed class Validator : AbstractValidator<Grant>
    {
        public Validator()
        {
            RuleFor(x => x.Payload.Level).NotNull().IsInEnum().OverridePropertyName("level");
            RuleFor(x => x.Payload.Level).Must((x, level) => level is null || level <= x.Context.Case.RequestedLevel)
                .WithMessage(x => $"must be at or below the requested level ({x.Context.Case.RequestedLevel})").OverridePropertyName("level");
            RuleFor(x => x.Payload.Rationale).NotEmpty().MaximumLength(20000).OverridePropertyName("rationale");
            When(x => x.Payload.Exception is not null, () =>
            {
                RuleFor(x => x.Payload.Exception!.Type).NotNull().IsInEnum().OverridePropertyName("exception.type");
                RuleFor(x => x.Payload.Exception!.Details).NotEmpty().MaximumLength(20000).OverridePropertyName("exception.details");
            });
        }
    }

    public sealed class Handler(ClearanceDbContext db, IDataProtector protector, IOptions<ClearanceOptions> options) : IRequestHandler<Grant, Unit>
    {
        public async Task<Unit> Handle(Grant request, CancellationToken cancellationToken)
        {
            var (c, now) = (request.Context.Case, request.Context.Now);
            var level = request.Payload.Level!.Value;
            var grantedOn = DateOnly.FromDateTime(now);
            var active = await db.Clearances.Where(x => x.SubjectId == c.SubjectId && x.Status == ClearanceStatus.Active).ToListAsync(cancellationToken);
            var exception = request.Payload.Exception;
            db.Clearances.Add(c.Grant(
                level,
                protector.Protect(request.Payload.Rationale!),
                exception?.Type,
                exception?.Details is null ? null : protector.Protect(exception.Details),
                options.Value.GrantingAgency,
                grantedOn.AddYears(options.Value.ReinvestigationYears(level)),
                active,
                now));
            return Unit.Value;
        }
    }
}

/// <summary><c>deny</c>: the unfavourable decision waits for a senior adjudicator's concurrence.</summary>
[AuthorizedByHandler]
public sealed record Deny(CaseStep Context, Deny.Body Payload) : IWorkflowStep<Deny, Deny.Body>
{
    public static string Name => "Deny";

    public static Deny Create(CaseStep context, Body body) => new(context, body);

    public sealed record Body(string? Rationale);

    public sealed class Validator : AbstractValidator<Deny>
    {
        public Validator() => RuleFor(x => x.Payload.Rationale).NotEmpty().MaximumLength(20000).OverridePropertyName("rationale");
    }

    public sealed class Handler(IDataProtector protector) : IRequestHandler<Deny, Unit>
    {
        public Task<Unit> Handle(Deny request, CancellationToken cancellationToken)
        {
            request.Context.Case.RecordDenial(protector.Protect(request.Payload.Rationale!), request.Context.Now);
            return Task.FromResult(Unit.Value);
        }
    }
}
