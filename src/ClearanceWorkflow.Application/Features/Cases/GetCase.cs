using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Domain;
using MediatR;

namespace ClearanceWorkflow.Application.Features.Cases;

public static class GetCase
{
    [AllowRoles(Roles.Applicant, Roles.Investigator, Roles.Adjudicator, Roles.SeniorAdjudicator, Roles.SecurityOfficer, Roles.Auditor, Roles.Admin)]
    public sealed record Query(Guid CaseId) : IRequest<CaseDto>;

    public sealed class Handler(ActorContext actors, CaseAccess access) : IRequestHandler<Query, CaseDto>
    {
        public async Task<CaseDto> Handle(Query request, CancellationToken cancellationToken)
        {
            var c = await access.LoadVisibleAsync(request.CaseId, actors.Current, cancellationToken);
            return await access.ViewAsync(c, actors.Current, cancellationToken);
        }
    }
}
