using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Application.Workflows;
using ClearanceWorkflow.Domain;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Application.Features.Adjudication;

/// <summary>Cases awaiting adjudication (review, interview, decision; in version 2 also due process and the appeal board), oldest first, paged.</summary>
public static class AdjudicationWorklist
{
    public static readonly string[] AdjudicationStages = [Stages.Review, Stages.Interview, Stages.Decision, Stages.DueProcess, Stages.Appeal];

    public sealed record Item(Guid Id, string Reference, CaseType Type, ClearanceLevel RequestedLevel, string Stage, string Status, string? AssignedAdjudicator, DateTime CreatedAt, DateTime? SubmittedAt, DateTime StageEnteredAt, DateTime? DueAt, bool Overdue);

    public sealed record Page(IReadOnlyList<Item> Items, int Total);

    /// <summary>AssignedTo: <c>me</c>, <c>none</c>, or an adjudicator id.</summary>
    [AllowRoles(Roles.Adjudicator, Roles.SeniorAdjudicator)]
    public sealed record Query(string? AssignedTo, string? Stage, int Page = 1, int PageSize = 50) : IRequest<Page>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.Stage).Must(s => s is null || AdjudicationStages.Contains(s))
                .WithMessage($"must be one of: {string.Join(", ", AdjudicationStages)}");
            RuleFor(x => x.Page).GreaterThanOrEqualTo(1).AddressablePage(x => x.PageSize);
            RuleFor(x => x.PageSize).InclusiveBetween(1, 200);
            RuleFor(x => x.AssignedTo).MaximumLength(200).NoControlCharacters().NoOuterWhiteSpace();
        }
    }

    public sealed class Handler(ClearanceDbContext db, ActorContext actors, WorkflowRegistry workflows) : IRequestHandler<Query, Page>
    {
        public async Task<Page> Handle(Query request, CancellationToken cancellationToken)
        {
            // The caller's own cases are left out: their own view withholds who handles them (conflict of interest).
            var caller = actors.Current.Id;
            var query = db.Cases.AsNoTracking().Where(c => AdjudicationStages.Contains(c.Stage) && c.SubjectId != caller);
            // A stage's cases are not listed for whoever the separateFrom of its claim or board vote keeps out
            // (WorkflowRegistry.QueueSeparation): in due process who denied, concurred or declined to; in the appeal who took part.
            foreach (var (separatedStage, separated) in workflows.QueueSeparation)
            {
                var actions = separated.Where(a => a is not (WorkflowRunner.Assigned or WorkflowRunner.RecordFinding or WorkflowRunner.RecordCheckResult)).ToArray();
                var assigned = separated.Contains(WorkflowRunner.Assigned);
                var recordedFinding = separated.Contains(WorkflowRunner.RecordFinding);
                var recordedResult = separated.Contains(WorkflowRunner.RecordCheckResult);
                query = query.Where(c => c.Stage != separatedStage
                    || !(db.CaseEvents.Any(e => e.CaseId == c.Id && ((e.Actor == caller && actions.Contains(e.Action)) || (assigned && e.Assignee == caller)))
                        || (recordedFinding && db.Findings.Any(f => f.CaseId == c.Id && f.RecordedBy == caller))
                        || (recordedResult && db.Checks.Any(k => k.CaseId == c.Id && k.CompletedBy == caller))));
            }

            if (request.Stage is { } stage)
            {
                query = query.Where(c => c.Stage == stage);
            }

            query = request.AssignedTo switch
            {
                null or "" => query,
                "me" => query.Where(c => c.AssignedAdjudicator == actors.Current.Id),
                "none" => query.Where(c => c.AssignedAdjudicator == null),
                var id => query.Where(c => c.AssignedAdjudicator == id),
            };

            var total = await query.CountAsync(cancellationToken);
            var items = await query
                .OrderBy(c => c.SubmittedAt ?? c.CreatedAt).ThenBy(c => c.Reference)
                .Skip((request.Page - 1) * request.PageSize)
                .Take(request.PageSize)
                .Select(c => new Item(c.Id, c.Reference, c.Type, c.RequestedLevel, c.Stage, c.Status, c.AssignedAdjudicator, c.CreatedAt, c.SubmittedAt, c.StageEnteredAt, c.DueAt, c.Overdue))
                .ToListAsync(cancellationToken);
            return new Page(items, total);
        }
    }
}
