using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Applications;
using ClearanceWorkflow.Domain;
using FluentValidation;
using MediatR;

namespace ClearanceWorkflow.Application.Features.Reciprocity;

/// <summary>
/// A partner asks whether a subject holds a clearance it may rely on. National identifier, family name
/// and date of birth must all agree. The partner's agreement must permit the purpose and level (403
/// naming the rule otherwise). Every query, answered or refused, is audited before the reply.
/// </summary>
public static class ReciprocityQuery
{
    public sealed record SubjectInput(string? NationalId, string? FamilyName, DateOnly? DateOfBirth);

    [AllowRoles(Roles.Partner)]
    public sealed record Query(SubjectInput? Subject, string? Purpose, ClearanceLevel? RequiredLevel) : IRequest<ReciprocityAnswer>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.Purpose).Purpose();
            RuleFor(x => x.RequiredLevel).IsInEnum();
            RuleFor(x => x.Subject).NotNull();
            When(x => x.Subject is not null, () =>
            {
                RuleFor(x => x.Subject!.NationalId).NationalId();
                RuleFor(x => x.Subject!.FamilyName).FamilyName();
                RuleFor(x => x.Subject!.DateOfBirth).DateOfBirth(clock);
            });
        }
    }

    public sealed class Handler(ActorContext actors, ReciprocityDesk desk, ReciprocityAuditWriter audit, IdempotencyClaim claim) : IRequestHandler<Query, ReciprocityAnswer>
    {
        public async Task<ReciprocityAnswer> Handle(Query request, CancellationToken cancellationToken)
        {
            var actor = actors.Current;
            var partnerId = actor.PartnerId;
            var subject = request.Subject!;
            var purpose = request.Purpose!;
            var index = desk.IndexOf(subject.NationalId!);

            var partner = await desk.PartnerAsync(partnerId, cancellationToken);
            if (desk.Refusal(partner, partnerId, purpose, request.RequiredLevel) is { } refusal)
            {
                await audit.WriteAsync(new RecordReciprocityQueries.Request(actor.Id, partnerId, purpose, request.RequiredLevel, null, [RecordReciprocityQueries.Entry.Refused(index, refusal.Rule)]));
                throw new ForbiddenException($"{refusal.Reason} (rule: {refusal.Rule})", refusal.Rule);
            }

            var maxLevel = partner!.MaxLevel; // Without a partner the query was refused above.
            var candidates = await desk.CandidatesAsync([index], cancellationToken);
            var match = desk.Match(candidates[index], subject.FamilyName!, subject.DateOfBirth!.Value);
            var answer = match is null ? ReciprocityAnswer.NoMatch : new ReciprocityAnswer(true, desk.Answer(match, request.RequiredLevel, maxLevel));
            await audit.WriteAsync(new RecordReciprocityQueries.Request(actor.Id, partnerId, purpose, request.RequiredLevel, null, [RecordReciprocityQueries.Entry.Answered(index, match, answer.Clearance)], claim.Id));
            return answer;
        }
    }
}
