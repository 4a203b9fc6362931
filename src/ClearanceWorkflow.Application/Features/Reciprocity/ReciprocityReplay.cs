using System.Text.Json;
using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Domain;
using MediatR;

namespace ClearanceWorkflow.Application.Features.Reciprocity;

/// <summary>
/// A partner's query sent again under its <c>Idempotency-Key</c>, before the kept answer is replayed: the agreement
/// in force must still permit the purpose and level, as for a new query, and its <c>maxLevel</c> must still cover every
/// level the kept answer shows (403 naming the rule otherwise), and the replay is audited either way. The kept answer's own subjects were audited when it was first given.
/// </summary>
public static class ReciprocityReplay
{
    public const string ReplayedAction = "reciprocity.replayed";

    [AllowRoles(Roles.Partner)]
    public sealed record Query(string Purpose, ClearanceLevel? RequiredLevel, IReadOnlyList<ClearanceLevel> AnsweredLevels, IReadOnlyList<string> NationalIds) : IRequest<Unit>;

    /// <summary>
    /// The replay's audit event, in a transaction of its own, so that a refusal is recorded though the request fails. It
    /// names the subjects by the blind-index reference their first answer's events carry, never their identifiers.
    /// </summary>
    [AllowRoles(Roles.Partner)]
    public sealed record Record(string Purpose, ClearanceLevel? RequiredLevel, string? RefusedBy, IReadOnlyList<string> SubjectRefs) : ICommand<Unit>;

    public sealed class Handler(ActorContext actors, ReciprocityDesk desk, IMediator mediator) : IRequestHandler<Query, Unit>
    {
        public async Task<Unit> Handle(Query request, CancellationToken cancellationToken)
        {
            var partnerId = actors.Current.PartnerId;
            var refusal = desk.ReplayRefusal(await desk.PartnerAsync(partnerId, cancellationToken), partnerId, request.Purpose, request.RequiredLevel, request.AnsweredLevels);
            var subjectRefs = request.NationalIds.Select(id => ReciprocityDesk.SubjectReference(desk.IndexOf(id))).ToList();
            await mediator.Send(new Record(request.Purpose, request.RequiredLevel, refusal?.Rule, subjectRefs), CancellationToken.None);
            return refusal is null ? Unit.Value : throw new ForbiddenException($"{refusal.Reason} (rule: {refusal.Rule})", refusal.Rule);
        }
    }

    /// <summary>The clearance levels a kept answer (single or batch) shows.</summary>
    public static IReadOnlyList<ClearanceLevel> LevelsIn(string answer)
    {
        using var json = JsonDocument.Parse(answer);
        var root = json.RootElement;
        var answers = root.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array ? results.EnumerateArray().ToList() : [root];
        return answers
            .Where(a => a.TryGetProperty("clearance", out var c) && c.ValueKind == JsonValueKind.Object)
            .Select(a => Enum.Parse<ClearanceLevel>(a.GetProperty("clearance").GetProperty("level").GetString()!))
            .ToList();
    }

    public sealed class RecordHandler(ActorContext actors, AuditTrail audit) : IRequestHandler<Record, Unit>
    {
        public async Task<Unit> Handle(Record request, CancellationToken cancellationToken)
        {
            await audit.AppendAsync(request.RefusedBy is null ? ReplayedAction : RecordReciprocityQueries.RefusedAction, null, new
            {
                partnerId = actors.Current.PartnerId,
                purpose = request.Purpose,
                requiredLevel = request.RequiredLevel?.ToString(),
                outcome = request.RefusedBy is null ? "replayed" : RecordReciprocityQueries.Outcomes.Refused,
                rule = request.RefusedBy,
                subjectRefs = request.SubjectRefs,
            }, cancellationToken);
            return Unit.Value;
        }
    }
}
