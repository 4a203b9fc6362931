using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Application.Features.Partners;

/// <summary>An administrator suspends a partner's agreement: its queries are refused from now on. 409 when it is already inactive.</summary>
public static class DeactivatePartner
{
    [AllowRoles(Roles.Admin)]
    public sealed record Command(string PartnerId) : ICommand<PartnerDto>;

    public sealed class Handler(ClearanceDbContext db, AuditTrail audit, TimeProvider clock) : IRequestHandler<Command, PartnerDto>
    {
        public async Task<PartnerDto> Handle(Command request, CancellationToken cancellationToken)
        {
            var partner = await db.Partners.SingleOrDefaultAsync(p => p.PartnerId == request.PartnerId, cancellationToken)
                ?? throw new NotFoundException($"no partner with the id '{request.PartnerId}'");
            partner.Deactivate(clock.Now());
            await audit.AppendAsync("partner.deactivated", null, new { partnerId = partner.PartnerId, version = partner.Version }, cancellationToken);
            return PartnerDto.From(partner);
        }
    }
}
