using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Domain;
using MediatR;

namespace ClearanceWorkflow.Application.Audit;

/// <summary>
/// An answer kept under an <c>Idempotency-Key</c> and given again (a partner's is <c>ReciprocityReplay</c>'s): it may
/// hold a case's view with the subject's data, so giving it again is audited as a view is, under the case it is about.
/// </summary>
public static class AnswerReplayed
{
    public const string Action = "request.replayed";

    /// <summary>Every role but the partner's (whose replay is a reciprocity query's) records the replay of its own kept answer; the path carries ids only.</summary>
    [AllowRoles(Roles.Applicant, Roles.Investigator, Roles.Adjudicator, Roles.SeniorAdjudicator, Roles.SecurityOfficer, Roles.Auditor, Roles.Admin)]
    public sealed record Record(string Method, string Path, Guid? CaseId) : ICommand<Unit>;

    public sealed class Handler(AuditTrail audit) : IRequestHandler<Record, Unit>
    {
        public async Task<Unit> Handle(Record request, CancellationToken cancellationToken)
        {
            await audit.AppendAsync(Action, request.CaseId, new { method = request.Method, path = request.Path }, cancellationToken);
            return Unit.Value;
        }
    }

    /// <summary>The case a route or a <c>Location</c> names (<c>/api/v1/cases/{id}...</c>), if any.</summary>
    public static Guid? CaseIn(string? path)
    {
        const string Cases = "/api/v1/cases/";
        if (path is null || !path.StartsWith(Cases, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = path[Cases.Length..];
        var end = rest.IndexOf('/', StringComparison.Ordinal);
        return Guid.TryParse(end < 0 ? rest : rest[..end], out var id) ? id : null;
    }
}
