using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Application.Features.Reciprocity;

/// <summary>
/// Writes the audit events of reciprocity queries: one event per subject asked about, for matches,
/// non-matches and refusals alike, each under the partner user who asked. It runs in a transaction of its
/// own, sent by <see cref="ReciprocityAuditWriter"/> for the queries of one or more concurrent requests;
/// the query handlers wait for that commit before they answer, and before they throw a refusal. Events
/// hold the partner, purpose, level asked, outcome and a blind-index reference: never the identifier or a name.
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

    /// <summary>
    /// The subjects of one request: who asked, under which partner, for what purpose and level. <paramref name="ClaimId"/>
    /// is the request's <see cref="IdempotencyClaim"/>, marked committed with its events, as a command's is.
    /// </summary>
    public sealed record Request(string Actor, string? PartnerId, string Purpose, ClearanceLevel? RequiredLevel, Guid? BatchId, IReadOnlyList<Entry> Entries, Guid? ClaimId = null)
    {
        /// <summary>The id of the request's first event: all of its events commit together, so that one tells whether they did.</summary>
        public Guid FirstEventId { get; init; } = Guid.NewGuid();
    }

    /// <summary>
    /// Sent by the service itself (<see cref="ReciprocityAuditWriter"/>); the partner was authorized by the query.
    /// <paramref name="AfterFailedCommit"/>: the requests were in a transaction whose commit failed, which may still
    /// have committed (the connection lost before the answer); a request whose events are there is not written again.
    /// </summary>
    [AllowRoles(Roles.System)]
    public sealed record Command(IReadOnlyList<Request> Requests, bool AfterFailedCommit = false) : ICommand<Unit>;

    public sealed class Handler(ClearanceDbContext db, AuditTrail audit, TransactionResources resources, ClearanceTelemetry telemetry, TimeProvider clock)
        : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var written = new List<Request>();
            foreach (var request in command.Requests)
            {
                if (command.AfterFailedCommit && await db.AuditEvents.AnyAsync(e => e.Id == request.FirstEventId, cancellationToken))
                {
                    continue;
                }

                written.Add(request);
                // A keyed answer is audited once: a retry after a crash is told it was carried out, not answered again.
                if (request.ClaimId is { } claim)
                {
                    await IdempotencyClaim.MarkCommittedAsync(db, claim, clock.Now(), cancellationToken);
                }

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
                        cancellationToken,
                        request.Actor,
                        i == 0 ? request.FirstEventId : null);
                }
            }

            resources.AfterCommit(() =>
            {
                foreach (var entry in written.SelectMany(r => r.Entries))
                {
                    telemetry.ReciprocityAnswered(entry.Outcome);
                }

                return Task.CompletedTask;
            });
            return Unit.Value;
        }
    }
}
