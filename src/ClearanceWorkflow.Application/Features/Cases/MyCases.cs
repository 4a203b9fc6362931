using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Application.Features.Cases;

/// <summary>The caller's own cases, newest first.</summary>
public static class MyCases
{
    [AllowRoles(Roles.Applicant)]
    public sealed record Query : IRequest<IReadOnlyList<CaseDto>>;

    public sealed class Handler(ClearanceDbContext db, ActorContext actors, CaseAccess access) : IRequestHandler<Query, IReadOnlyList<CaseDto>>
    {
        public async Task<IReadOnlyList<CaseDto>> Handle(Query request, CancellationToken cancellationToken)
        {
            var actor = actors.Current;
            var cases = await db.Cases
                .Where(c => c.SubjectId == actor.Id)
                .Include(x => x.Events)
                .Include(x => x.Checks)
                .Include(x => x.Findings)
                .Include(x => x.InformationRequests)
                .AsSplitQuery()
                .OrderByDescending(c => c.CreatedAt)
                .Take(100)
                .ToListAsync(cancellationToken);
            var views = new List<CaseDto>(cases.Count);
            foreach (var c in cases)
            {
                views.Add(await access.ViewLoadedAsync(c, actor, cancellationToken));
            }

            return views;
        }
    }
}
