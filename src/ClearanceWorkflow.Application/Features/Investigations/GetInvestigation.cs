using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Cases;
using ClearanceWorkflow.Domain;
using MediatR;

namespace ClearanceWorkflow.Application.Features.Investigations;

public static class GetInvestigation
{
    public sealed record Result(InvestigationTier Tier, IReadOnlyList<CheckDto> Checks);

    /// <summary>Audited when read by anyone but the subject, so it runs as a command.</summary>
    [AllowRoles(Roles.Investigator, Roles.Adjudicator, Roles.SeniorAdjudicator)]
    public sealed record Query(Guid CaseId) : ICommand<Result>;

    public sealed class Handler(ActorContext actors, CaseAccess access, AuditTrail audit) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var c = await access.LoadVisibleAsync(request.CaseId, actors.Current, cancellationToken);
            CaseAccess.RequireStaffFor(actors.Current, c);
            if (actors.Current.Id != c.SubjectId)
            {
                await audit.AppendAsync("investigation.viewed", c.Id, new { reference = c.Reference }, cancellationToken);
            }

            return new Result(c.Tier, [.. c.Checks.OrderBy(k => k.Kind, StringComparer.Ordinal).Select(access.ToDto)]);
        }
    }
}
