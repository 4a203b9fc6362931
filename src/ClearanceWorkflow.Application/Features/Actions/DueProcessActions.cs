using System.Text.Json;
using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Notifications;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Application.Workflows;
using ClearanceWorkflow.Domain;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace ClearanceWorkflow.Application.Features.Actions;

/// <summary><c>answer</c>: the applicant answers the Statement of Reasons (encrypted), in time; the case waits for an adjudicator who took no part in the denial.</summary>
public sealed class Answer(IDataProtector protector, IValidator<ActionInput<Answer.Body>> validator) : ICaseAction
{
    public sealed record Body(string? Response, bool? RequestHearing);

    public sealed class Validator : AbstractValidator<ActionInput<Body>>
    {
        public Validator()
        {
            RuleFor(x => x.Payload.Response).NotEmpty().MaximumLength(50000).Prose().OverridePropertyName("response");
            RuleFor(x => x.Payload.RequestHearing).NotNull().OverridePropertyName("requestHearing");
        }
    }

    public async Task RunAsync(ActionContext context, JsonElement? body, CancellationToken cancellationToken)
    {
        var payload = await ActionBody.ReadAsync(body, context, validator, cancellationToken);
        context.Case.Answer(protector.Protect(payload.Response!), payload.RequestHearing!.Value, context.Change);
    }
}

/// <summary><c>answer-period-ends</c>, fired by the answer deadline: the case is decided on the written record.</summary>
public sealed class EndAnswerPeriod(Notifier notifier) : ICaseAction
{
    public Task RunAsync(ActionContext context, JsonElement? body, CancellationToken cancellationToken)
    {
        ActionBody.Read<EmptyBody>(body);
        context.Case.EndAnswerPeriod(context.Change);
        notifier.CaseNotice(DueProcessNotices.AnswerPeriodEnded, context.Case);
        return Task.CompletedTask;
    }
}

/// <summary><c>appeal</c>: the applicant appeals the final denial (grounds encrypted), in time; the appeal board decides.</summary>
public sealed class Appeal(IDataProtector protector, IValidator<ActionInput<Appeal.Body>> validator) : ICaseAction
{
    public sealed record Body(string? Grounds);

    public sealed class Validator : AbstractValidator<ActionInput<Body>>
    {
        public Validator() => RuleFor(x => x.Payload.Grounds).NotEmpty().MaximumLength(50000).Prose().OverridePropertyName("grounds");
    }

    public async Task RunAsync(ActionContext context, JsonElement? body, CancellationToken cancellationToken)
    {
        var payload = await ActionBody.ReadAsync(body, context, validator, cancellationToken);
        context.Case.Appeal(protector.Protect(payload.Grounds!), context.Change);
    }
}

/// <summary><c>appeal-period-ends</c>, fired by the appeal deadline: no appeal came, the denial stands.</summary>
public sealed class EndAppealPeriod(ClearanceDbContext db, AuditTrail audit, Notifier notifier) : ICaseAction
{
    public async Task RunAsync(ActionContext context, JsonElement? body, CancellationToken cancellationToken)
    {
        ActionBody.Read<EmptyBody>(body);
        var c = context.Case;
        var held = await SubjectClearances.LoadAsync(db, c, cancellationToken);
        c.EndAppealPeriod(held.All, context.Change);
        await held.AuditChangesAsync(audit, c, cancellationToken);
        notifier.CaseNotice(DueProcessNotices.Decided, c);
    }
}

/// <summary>
/// <c>board-vote</c>: a member of the appeal board votes (rationale encrypted). The definition keeps out whoever took part
/// before. The vote itself goes into the audit ledger too (<c>board.vote</c>), where a changed vote row would show.
/// </summary>
public sealed class BoardVote(IDataProtector protector, AuditTrail audit, IValidator<ActionInput<BoardVote.Body>> validator) : ICaseAction
{
    public sealed record Body(BoardVoteChoice? Vote, string? Rationale);

    public sealed class Validator : AbstractValidator<ActionInput<Body>>
    {
        public Validator()
        {
            RuleFor(x => x.Payload.Vote).NotNull().IsInEnum().OverridePropertyName("vote");
            RuleFor(x => x.Payload.Rationale).NotEmpty().MaximumLength(20000).Prose().OverridePropertyName("rationale");
        }
    }

    public async Task RunAsync(ActionContext context, JsonElement? body, CancellationToken cancellationToken)
    {
        var payload = await ActionBody.ReadAsync(body, context, validator, cancellationToken);
        var vote = context.Case.CastBoardVote(payload.Vote!.Value, protector.Protect(payload.Rationale!), context.Change);
        await audit.AppendAsync("board.vote", context.Case.Id, new { reference = context.Case.Reference, voteId = vote.Id, vote = vote.Vote.ToString() }, cancellationToken);
    }
}

/// <summary><c>uphold-denial</c>, automatic once two board members voted Uphold: the case closes Denied.</summary>
public sealed class UpholdDenial(ClearanceDbContext db, AuditTrail audit, Notifier notifier) : ICaseAction
{
    public async Task RunAsync(ActionContext context, JsonElement? body, CancellationToken cancellationToken)
    {
        ActionBody.Read<EmptyBody>(body);
        var c = context.Case;
        var held = await SubjectClearances.LoadAsync(db, c, cancellationToken);
        c.UpholdDenial(held.All, context.Change);
        await held.AuditChangesAsync(audit, c, cancellationToken);
        notifier.CaseNotice(DueProcessNotices.Decided, c);
    }
}

/// <summary><c>reverse-denial</c>, automatic once two board members voted Reverse: the case closes Granted at the requested level.</summary>
public sealed class ReverseDenial(ClearanceDbContext db, AuditTrail audit, IOptions<ClearanceOptions> options, IOptions<VettingOptions> vetting, Notifier notifier) : ICaseAction
{
    public async Task RunAsync(ActionContext context, JsonElement? body, CancellationToken cancellationToken)
    {
        ActionBody.Read<EmptyBody>(body);
        var c = context.Case;
        var held = await SubjectClearances.LoadAsync(db, c, cancellationToken);
        // As in Grant: the case holds the clearance it issues, so EF inserts it or updates the interim one.
        var granted = c.ReverseDenial(
            options.Value.GrantingAgency,
            Grant.ReinvestigationDueOn(options.Value, c.RequestedLevel, context.Change),
            held.All,
            context.Change);
        await held.AuditChangesAsync(audit, c, cancellationToken);
        if (granted.CaseId == c.Id && vetting.Value.Enabled)
        {
            granted.EnrollInVetting(vetting.Value.NextRunAfter(context.Change.At), context.Change.At);
        }

        notifier.CaseNotice(DueProcessNotices.Decided, c);
    }
}
