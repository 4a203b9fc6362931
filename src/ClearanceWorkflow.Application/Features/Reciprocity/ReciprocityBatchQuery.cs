using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Applications;
using ClearanceWorkflow.Domain;
using FluentValidation;
using MediatR;

namespace ClearanceWorkflow.Application.Features.Reciprocity;

/// <summary>
/// Up to <see cref="MaxSubjects"/> subjects in one call, for partners who verify lists of people. Each
/// result carries the partner's own correlation id; each subject is audited as a query of its own. The
/// agreement rules do not depend on the subject, so a refusal refuses the whole batch (and is audited
/// for every subject in it).
/// </summary>
public static class ReciprocityBatchQuery
{
    public const int MaxSubjects = 100;

    public sealed record SubjectInput(string? CorrelationId, string? NationalId, string? FamilyName, DateOnly? DateOfBirth);

    [AllowRoles(Roles.Partner)]
    public sealed record Query(string? Purpose, ClearanceLevel? RequiredLevel, IReadOnlyList<SubjectInput?>? Subjects) : IRequest<ReciprocityBatchAnswer>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.Purpose).Purpose();
            RuleFor(x => x.RequiredLevel).IsInEnum();
            RuleFor(x => x.Subjects).NotEmpty().WithMessage("must list at least one subject")
                .Must(s => s is null || s.Count <= MaxSubjects).WithMessage($"may list at most {MaxSubjects} subjects per batch");
            When(x => x.Subjects is { Count: > 0 and <= MaxSubjects }, () =>
            {
                RuleForEach(x => x.Subjects).NotNull().ChildRules(subject =>
                {
                    subject.RuleFor(s => s!.CorrelationId).NotEmpty().MaximumLength(100).NoControlCharacters().WellFormedText();
                    subject.RuleFor(s => s!.NationalId).NationalId();
                    subject.RuleFor(s => s!.FamilyName).FamilyName();
                    subject.RuleFor(s => s!.DateOfBirth).DateOfBirth(clock);
                });
                RuleFor(x => x.Subjects)
                    .Must(s => s!.Where(x => x?.CorrelationId is not null).GroupBy(x => x!.CorrelationId, StringComparer.Ordinal).All(g => g.Count() == 1))
                    .WithMessage("correlation ids must be unique within a batch");
            });
        }
    }

    public sealed class Handler(ActorContext actors, ReciprocityDesk desk, ReciprocityAuditWriter audit, IdempotencyClaim claim) : IRequestHandler<Query, ReciprocityBatchAnswer>
    {
        public async Task<ReciprocityBatchAnswer> Handle(Query request, CancellationToken cancellationToken)
        {
            var actor = actors.Current;
            var partnerId = actor.PartnerId;
            var purpose = request.Purpose!;
            var batchId = Guid.NewGuid();
            var subjects = request.Subjects!.Select(s => (Input: s!, Index: desk.IndexOf(s!.NationalId!))).ToList();

            var partner = await desk.PartnerAsync(partnerId, cancellationToken);
            if (desk.Refusal(partner, partnerId, purpose, request.RequiredLevel) is { } refusal)
            {
                var refused = subjects.Select(s => RecordReciprocityQueries.Entry.Refused(s.Index, refusal.Rule)).ToList();
                await audit.WriteAsync(new RecordReciprocityQueries.Request(actor.Id, partnerId, purpose, request.RequiredLevel, batchId, refused));
                throw new ForbiddenException($"{refusal.Reason} (rule: {refusal.Rule})", refusal.Rule);
            }

            var maxLevel = partner!.MaxLevel; // Without a partner the query was refused above.
            var candidates = await desk.CandidatesAsync(subjects.Select(s => s.Index).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
            var results = new List<ReciprocityBatchResult>(subjects.Count);
            var entries = new List<RecordReciprocityQueries.Entry>(subjects.Count);
            foreach (var (input, index) in subjects)
            {
                var match = desk.Match(candidates[index], input.FamilyName!, input.DateOfBirth!.Value);
                var clearance = match is null ? null : desk.Answer(match, request.RequiredLevel, maxLevel);
                results.Add(new ReciprocityBatchResult(input.CorrelationId!, match is not null, clearance));
                entries.Add(RecordReciprocityQueries.Entry.Answered(index, match, clearance));
            }

            await audit.WriteAsync(new RecordReciprocityQueries.Request(actor.Id, partnerId, purpose, request.RequiredLevel, batchId, entries, claim.Id));
            return new ReciprocityBatchAnswer(results);
        }
    }
}
