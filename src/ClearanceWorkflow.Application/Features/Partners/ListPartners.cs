using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Application.Features.Partners;

/// <summary>Every partner and its agreement, by partner id.</summary>
public static class ListPartners
{
    [AllowRoles(Roles.Admin)]
    public sealed record Query : IRequest<IReadOnlyList<PartnerDto>>;

    public sealed class Handler(ClearanceDbContext db) : IRequestHandler<Query, IReadOnlyList<PartnerDto>>
    {
        public async Task<IReadOnlyList<PartnerDto>> Handle(Query request, CancellationToken cancellationToken)
        {
            var partners = await db.Partners.AsNoTracking().OrderBy(p => p.PartnerId).ToListAsync(cancellationToken);
            return [.. partners.Select(PartnerDto.From)];
        }
    }
}

/// <summary>One partner and its agreement, or 404.</summary>
public static class GetPartner
{
    [AllowRoles(Roles.Admin)]
    public sealed record Query(string PartnerId) : IRequest<PartnerDto>;

    public sealed class Handler(ClearanceDbContext db) : IRequestHandler<Query, PartnerDto>
    {
        public async Task<PartnerDto> Handle(Query request, CancellationToken cancellationToken)
        {
            var partner = await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.PartnerId == request.PartnerId, cancellationToken)
                ?? throw new NotFoundException($"no partner with the id '{request.PartnerId}'");
            return PartnerDto.From(partner);
        }
    }
}
