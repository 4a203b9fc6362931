using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Application.Features.Clearances;

public sealed record ClearanceDto(
    Guid Id, Guid CaseId, ClearanceLevel Level, ClearanceStatus Status, DateOnly GrantedOn, DateOnly? InvestigationClosedOn,
    string GrantingAgency, bool HasException, ExceptionType? ExceptionType, DateOnly ReinvestigationDueOn);

/// <summary>The caller's current clearance: the newest one, or 404.</summary>
public static class MyClearance
{
    [AllowRoles(Roles.Applicant)]
    public sealed record Query : IRequest<ClearanceDto>;

    public sealed class Handler(ClearanceDbContext db, ActorContext actors) : IRequestHandler<Query, ClearanceDto>
    {
        public async Task<ClearanceDto> Handle(Query request, CancellationToken cancellationToken)
        {
            var id = actors.Current.Id;
            var c = await db.Clearances.AsNoTracking()
                .Where(x => x.SubjectId == id)
                .OrderByDescending(x => x.CreatedAt)
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("no clearance was found for the caller");
            return ToDto(c);
        }

        public static ClearanceDto ToDto(Clearance c) => new(
            c.Id, c.CaseId, c.Level, c.Status, c.GrantedOn, c.InvestigationClosedOn, c.GrantingAgency, c.HasException, c.Exception, c.ReinvestigationDueOn);
    }
}
