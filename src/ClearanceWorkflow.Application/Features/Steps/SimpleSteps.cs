using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Workflows;
using ClearanceWorkflow.Domain;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Application.Features.Steps;

/// <summary><c>submit</c>: the applicant attests; the questionnaire guard has already checked completeness.</summary>
[AuthorizedByHandler]
public sealed record Submit(CaseStep Context, Submit.Body Payload) : IWorkflowStep<Submit, Submit.Body>
{
    public static string Name => "Submit";

    public static Submit Create(CaseStep context, Body body) => new(context, body);

    public sealed record Body(bool? Attestation);

    public sealed class Validator : AbstractValidator<Submit>
    {
        public Validator() => RuleFor(x => x.Payload.Attestation).Equal(true)
            .OverridePropertyName("attestation").WithMessage("the applicant must attest that the questionnaire is true and complete");
    }

    public sealed class Handler : IRequestHandler<Submit, Unit>
    {
        public Task<Unit> Handle(Submit request, CancellationToken cancellationToken) => Task.FromResult(Unit.Value);
    }
}

/// <summary><c>refer-to-decision</c>: the guard <c>interviewNotRequired</c> carries the rule.</summary>
[AuthorizedByHandler]
public sealed record ReferToDecision(CaseStep Context) : IWorkflowStep<ReferToDecision, EmptyBody>
{
    public static string Name => "ReferToDecision";

    public static ReferToDecision Create(CaseStep context, EmptyBody body) => new(context);

    public sealed class Handler : IRequestHandler<ReferToDecision, Unit>
    {
        public Task<Unit> Handle(ReferToDecision request, CancellationToken cancellationToken) => Task.FromResult(Unit.Value);
    }
}

/// <summary><c>claim</c>: an adjudicator takes an unassigned case from the queue.</summary>
[AuthorizedByHandler]
public sealed record Claim(CaseStep Context) : IWorkflowStep<Claim, EmptyBody>
{
    public static string Name => "Claim";

    public static Claim Create(CaseStep context, EmptyBody body) => new(context);

    public sealed class Handler : IRequestHandler<Claim, Unit>
    {
        public Task<Unit> Handle(Claim request, CancellationToken cancellationToken)
        {
            request.Context.Case.Claim(request.Context.Actor.Id, request.Context.Now);
            return Task.FromResult(Unit.Value);
        }
    }
}

/// <summary><c>assign</c>: a senior adjudicator (re)assigns the case.</summary>
[AuthorizedByHandler]
public sealed record Assign(CaseStep Context, Assign.Body Payload) : IWorkflowStep<Assign, Assign.Body>
{
    public static string Name => "Assign";

    public static Assign Create(CaseStep context, Body body) => new(context, body);

    public sealed record Body(string? AdjudicatorId);

    public sealed class Validator : AbstractValidator<Assign>
    {
        public Validator() => RuleFor(x => x.Payload.AdjudicatorId).NotEmpty().MaximumLength(200).NoControlCharacters().OverridePropertyName("adjudicatorId");
    }

    public sealed class Handler : IRequestHandler<Assign, Unit>
    {
        public Task<Unit> Handle(Assign request, CancellationToken cancellationToken)
        {
            request.Context.Case.AssignTo(request.Payload.AdjudicatorId!, request.Context.Now);
            return Task.FromResult(Unit.Value);
        }
    }
}

/// <summary><c>withdraw</c>: the applicant ends the case; the reason is kept, encrypted.</summary>
[AuthorizedByHandler]
public sealed record Withdraw(CaseStep Context, Withdraw.Body Payload) : IWorkflowStep<Withdraw, Withdraw.Body>
{
    public static string Name => "Withdraw";

    public static Withdraw Create(CaseStep context, Body body) => new(context, body);

    public sealed record Body(string? Reason);

    public sealed class Validator : AbstractValidator<Withdraw>
    {
        public Validator() => RuleFor(x => x.Payload.Reason).NotEmpty().MaximumLength(2000).OverridePropertyName("reason");
    }

    public sealed class Handler(IDataProtector protector) : IRequestHandler<Withdraw, Unit>
    {
        public Task<Unit> Handle(Withdraw request, CancellationToken cancellationToken)
        {
            request.Context.Case.RecordClosingReason(protector.Protect(request.Payload.Reason!), request.Context.Now);
            return Task.FromResult(Unit.Value);
        }
    }
}

/// <summary><c>complete-investigation</c>: fired by the system when every check is terminal, or by an investigator to close with gaps.</summary>
[AuthorizedByHandler]
public sealed record CompleteInvestigation(CaseStep Context) : IWorkflowStep<CompleteInvestigation, EmptyBody>
{
    public static string Name => "CompleteInvestigation";

    public static CompleteInvestigation Create(CaseStep context, EmptyBody body) => new(context);

    public sealed class Handler(IDataProtector protector) : IRequestHandler<CompleteInvestigation, Unit>
    {
        public Task<Unit> Handle(CompleteInvestigation request, CancellationToken cancellationToken)
        {
            var c = request.Context.Case;
            if (!c.AllChecksTerminal)
            {
                c.CloseRemainingChecksAsGaps(request.Context.Actor.Id, protector.Protect("investigation closed before this check completed (gap)"), request.Context.Now);
            }

            return Task.FromResult(Unit.Value);
        }
    }
}

/// <summary><c>concur</c>: a senior adjudicator other than the denier concurs. A reinvestigation denial revokes the clearance.</summary>
[AuthorizedByHandler]
public sealed record Concur(CaseStep Context) : IWorkflowStep<Concur, EmptyBody>
{
    public static string Name => "Concur";

    public static Concur Create(CaseStep context, EmptyBody body) => new(context);

    public sealed class Handler(Persistence.ClearanceDbContext db) : IRequestHandler<Concur, Unit>
    {
        public async Task<Unit> Handle(Concur request, CancellationToken cancellationToken)
        {
            var c = request.Context.Case;
            c.ConcurWithDenial(await db.Clearances.Where(x => x.SubjectId == c.SubjectId && x.Status == ClearanceStatus.Active).ToListAsync(cancellationToken), request.Context.Now);
            return Unit.Value;
        }
    }
}
