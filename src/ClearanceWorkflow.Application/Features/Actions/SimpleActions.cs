using System.Text.Json;
using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Notifications;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Application.Scheduling;
using ClearanceWorkflow.Application.Workflows;
using ClearanceWorkflow.Domain;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace ClearanceWorkflow.Application.Features.Actions;

/// <summary><c>submit</c>: the applicant attests; the questionnaire guard has already checked completeness.</summary>
public sealed class Submit(IValidator<ActionInput<Submit.Body>> validator) : ICaseAction
{
    public sealed record Body(bool? Attestation);

    public sealed class Validator : AbstractValidator<ActionInput<Body>>
    {
        public Validator() => RuleFor(x => x.Payload.Attestation).Equal(true)
            .OverridePropertyName("attestation").WithMessage("the applicant must attest that the questionnaire is true and complete");
    }

    public async Task RunAsync(ActionContext context, JsonElement? body, CancellationToken cancellationToken)
    {
        await ActionBody.ReadAsync(body, context, validator, cancellationToken);
        context.Case.Submit(context.Change);
    }
}

/// <summary><c>refer-to-decision</c>: straight to decision when no interview is required (the guard <c>interviewNotRequired</c> says so first).</summary>
public sealed class ReferToDecision : ICaseAction
{
    public Task RunAsync(ActionContext context, JsonElement? body, CancellationToken cancellationToken)
    {
        ActionBody.Read<EmptyBody>(body);
        context.Case.ReferToDecision(context.Change);
        return Task.CompletedTask;
    }
}

/// <summary><c>claim</c>: an adjudicator takes an unassigned case from the queue.</summary>
public sealed class Claim : ICaseAction
{
    public Task RunAsync(ActionContext context, JsonElement? body, CancellationToken cancellationToken)
    {
        ActionBody.Read<EmptyBody>(body);
        context.Case.Claim(context.Change);
        return Task.CompletedTask;
    }
}

/// <summary><c>assign</c>: a senior adjudicator (re)assigns the case.</summary>
public sealed class Assign(IValidator<ActionInput<Assign.Body>> validator) : ICaseAction
{
    public sealed record Body(string? AdjudicatorId);

    public sealed class Validator : AbstractValidator<ActionInput<Body>>
    {
        public Validator() => RuleFor(x => x.Payload.AdjudicatorId).NotEmpty().MaximumLength(200).NoControlCharacters().NoOuterWhiteSpace().OverridePropertyName("adjudicatorId");
    }

    public async Task RunAsync(ActionContext context, JsonElement? body, CancellationToken cancellationToken)
    {
        var payload = await ActionBody.ReadAsync(body, context, validator, cancellationToken);
        context.Case.Assign(payload.AdjudicatorId!, context.Change);
    }
}

/// <summary><c>withdraw</c>: the applicant ends the case; the reason is kept, encrypted.</summary>
public sealed class Withdraw(IDataProtector protector, IValidator<ActionInput<Withdraw.Body>> validator) : ICaseAction
{
    public sealed record Body(string? Reason);

    public sealed class Validator : AbstractValidator<ActionInput<Body>>
    {
        public Validator() => RuleFor(x => x.Payload.Reason).NotEmpty().MaximumLength(2000).Prose().OverridePropertyName("reason");
    }

    public async Task RunAsync(ActionContext context, JsonElement? body, CancellationToken cancellationToken)
    {
        var payload = await ActionBody.ReadAsync(body, context, validator, cancellationToken);
        context.Case.Withdraw(protector.Protect(payload.Reason!), context.Change);
    }
}

/// <summary><c>complete-investigation</c>: fired by the system when every check is terminal, or by an investigator to close with gaps.</summary>
public sealed class CompleteInvestigation(IDataProtector protector) : ICaseAction
{
    public Task RunAsync(ActionContext context, JsonElement? body, CancellationToken cancellationToken)
    {
        ActionBody.Read<EmptyBody>(body);
        context.Case.CompleteInvestigation(protector.Protect("investigation closed before this check completed (gap)"), context.Change);
        return Task.CompletedTask;
    }
}

/// <summary>
/// <c>concur</c>: a senior adjudicator other than the denier concurs. Where the definition closes the case the denial is
/// final; otherwise a Statement of Reasons is issued, the answer deadline armed and the applicant notified.
/// </summary>
public sealed class Concur(ClearanceDbContext db, AuditTrail audit, IOptions<DueProcessOptions> dueProcess, Deadlines deadlines, Notifier notifier) : ICaseAction
{
    public async Task RunAsync(ActionContext context, JsonElement? body, CancellationToken cancellationToken)
    {
        ActionBody.Read<EmptyBody>(body);
        var c = context.Case;
        var held = await SubjectClearances.LoadAsync(db, c, cancellationToken);
        c.ConcurWithDenial(held.All, dueProcess.Value.AnswerPeriod, context.Change);
        await held.AuditChangesAsync(audit, c, cancellationToken);
        if (c.Status == CaseStatuses.AwaitingAnswer && c.AnswerDueAt is { } due)
        {
            deadlines.Arm(c, CaseActionNames.AnswerPeriodEnds, due);
            notifier.CaseNotice(DueProcessNotices.StatementIssued, c);
        }
    }
}

/// <summary><c>decline-concurrence</c>: a senior adjudicator who does not concur sends the case back to its adjudicator, with the reasons.</summary>
public sealed class DeclineConcurrence(IDataProtector protector, IValidator<ActionInput<DeclineConcurrence.Body>> validator) : ICaseAction
{
    public sealed record Body(string? Rationale);

    public sealed class Validator : AbstractValidator<ActionInput<Body>>
    {
        public Validator() => RuleFor(x => x.Payload.Rationale).NotEmpty().MaximumLength(20000).Prose().OverridePropertyName("rationale");
    }

    public async Task RunAsync(ActionContext context, JsonElement? body, CancellationToken cancellationToken)
    {
        var payload = await ActionBody.ReadAsync(body, context, validator, cancellationToken);
        context.Case.DeclineConcurrence(protector.Protect(payload.Rationale!), context.Change);
    }
}
