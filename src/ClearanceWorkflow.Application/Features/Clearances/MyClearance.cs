using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Application.Features.Clearances;

public sealed record ClearanceDto(
    Guid Id, Guid CaseId, ClearanceLevel Level, ClearanceStatus Status, DateOnly GrantedOn, DateOnly? InvestigationClosedOn,
    string GrantingAgency, bool HasException, ExceptionType? ExceptionType, DateOnly ReinvestigationDueOn);

/// <summary>The caller's current clearance (<see cref="Clearance.CurrentRank"/>), or 404.</summary>
public static class MyClearance
{
    [AllowRoles(Roles.Applicant)]
    public sealed record Query : IRequest<ClearanceDto>;

    public sealed class Handler(ClearanceDbContext db, ActorContext actors) : IRequestHandler<Query, ClearanceDto>
    {
        public async Task<ClearanceDto> Handle(Query request, CancellationToken cancellationToken)
        {
            var c = await CurrentAsync(db.Clearances.AsNoTracking(), actors.Current.Id, cancellationToken);
            return ToDto(c);
        }

        /// <summary>The subject's current clearance: held before interim before ended, newest within a rank; 404 without one.</summary>
        public static async Task<Clearance> CurrentAsync(IQueryable<Clearance> clearances, string subjectId, CancellationToken cancellationToken) =>
            (await clearances.Where(x => x.SubjectId == subjectId).ToListAsync(cancellationToken))
                .OrderBy(x => Clearance.CurrentRank(x.Status)).ThenByDescending(x => x.CreatedAt).FirstOrDefault()
            ?? throw new NotFoundException("no clearance was found for the caller");

        public static ClearanceDto ToDto(Clearance c) => new(
            c.Id, c.CaseId, c.Level, c.Status, c.GrantedOn, c.InvestigationClosedOn, c.GrantingAgency, c.HasException, c.Exception, c.ReinvestigationDueOn);
    }
}
