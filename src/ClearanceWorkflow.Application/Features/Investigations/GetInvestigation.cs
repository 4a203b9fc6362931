using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Cases;
using ClearanceWorkflow.Domain;
using MediatR;

namespace ClearanceWorkflow.Application.Features.Investigations;

public static class GetInvestigation
{
    public sealed record Result(InvestigationTier Tier, IReadOnlyList<CheckDto> Checks);

    [AllowRoles(Roles.Investigator, Roles.Adjudicator, Roles.SeniorAdjudicator)]
    public sealed record Query(Guid CaseId) : IRequest<Result>;

    public sealed class Handler(ActorContext actors, CaseAccess access) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var c = await access.LoadVisibleAsync(request.CaseId, actors.Current, cancellationToken);
            return new Result(c.Tier, [.. c.Checks.OrderBy(k => k.Kind, StringComparer.Ordinal).Select(access.ToDto)]);
        }
    }
}
