using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Domain;
using MediatR;

namespace ClearanceWorkflow.Application.Features.Reciprocity;

/// <summary>
/// Writes the audit events of reciprocity queries in a transaction of their own: one event per subject
/// asked about, for matches, non-matches and refusals alike. The query handlers send it before they
/// answer, and before they throw a refusal, so every answer and every refusal is on the record once
/// this command has committed. Events hold the partner, purpose, level asked, outcome and a blind-index
/// reference: never the identifier or a name.
/// </summary>
public static class RecordReciprocityQueries
{
    public const string QueryAction = "reciprocity.query";
    public const string RefusedAction = "reciprocity.refused";

    public static class Outcomes
    {
        public const string Match = "match";
        public const string NoMatch = "no-match";
        public const string Refused = "refused";
    }

    /// <summary>One subject's outcome. <paramref name="SubjectIndex"/> is the full blind index; only its prefix is recorded.</summary>
    public sealed record Entry(string SubjectIndex, string Outcome, string? Rule = null, ReciprocityDesk.Candidate? Disclosed = null, ReciprocityClearance? Answer = null)
    {
        public static Entry Refused(string subjectIndex, string rule) => new(subjectIndex, Outcomes.Refused, rule);

        public static Entry Answered(string subjectIndex, ReciprocityDesk.Candidate? match, ReciprocityClearance? answer) =>
            match is null ? new(subjectIndex, Outcomes.NoMatch) : new(subjectIndex, Outcomes.Match, null, match, answer);
    }

    [AllowRoles(Roles.Partner)]
    public sealed record Command(string? PartnerId, string Purpose, ClearanceLevel? RequiredLevel, Guid? BatchId, IReadOnlyList<Entry> Entries) : ICommand<Unit>;

    public sealed class Handler(AuditTrail audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            for (var i = 0; i < request.Entries.Count; i++)
            {
                var entry = request.Entries[i];
                await audit.AppendAsync(
                    entry.Outcome == Outcomes.Refused ? RefusedAction : QueryAction,
                    entry.Disclosed?.CaseId,
                    new
                    {
                        partnerId = request.PartnerId,
                        purpose = request.Purpose,
                        requiredLevel = request.RequiredLevel?.ToString(),
                        outcome = entry.Outcome,
                        rule = entry.Rule,
                        subjectRef = ReciprocityDesk.SubjectReference(entry.SubjectIndex),
                        batchId = request.BatchId,
                        position = request.BatchId is null ? (int?)null : i,
                        disclosed = entry.Disclosed is { } d && entry.Answer is { } a
                            ? new { clearanceId = d.Id, level = a.Level.ToString(), status = a.Status.ToString(), eligible = a.EligibleForRequiredLevel, outOfScope = a.InvestigationOutOfScope }
                            : null,
                    },
                    cancellationToken);
            }

            return Unit.Value;
        }
    }
}
