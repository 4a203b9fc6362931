using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Domain;
using MediatR;

namespace ClearanceWorkflow.Application.Features.Reciprocity;

/// <summary>
/// A partner's reciprocity request refused before any lookup: unreadable or invalid (400), or over the partner's
/// rate limit (429); or one that failed on the service's side (5xx), whose answer's audit rolled back. The partner asked, so it is audited (<c>reciprocity.rejected</c>) before the reply, with the
/// fields at fault by name and never their values. Over the rate limit only a window's first refusal is recorded,
/// with the window it closes, so that a flood cannot grow the ledger by a row a request.
/// </summary>
public static class ReciprocityRejected
{
    public const string Action = "reciprocity.rejected";

    [AllowRoles(Roles.Partner)]
    public sealed record Record(string Path, int Status, IReadOnlyList<string> Fields, DateTime? RefusedUntil = null) : ICommand<Unit>;

    public sealed class Handler(AuditTrail audit, ActorContext actors) : IRequestHandler<Record, Unit>
    {
        public async Task<Unit> Handle(Record request, CancellationToken cancellationToken)
        {
            await audit.AppendAsync(
                Action,
                null,
                new { partnerId = actors.Current.PartnerId, path = request.Path, status = request.Status, fields = request.Fields, refusedUntil = request.RefusedUntil },
                cancellationToken);
            return Unit.Value;
        }
    }
}
