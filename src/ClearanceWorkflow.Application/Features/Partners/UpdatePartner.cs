using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Application.Features.Partners;

/// <summary>
/// An administrator replaces the terms of a partner's agreement. <c>active</c> left out keeps the current
/// state; <c>version</c> is the version the administrator read (409 when it moved on since), so that a change made
/// meanwhile is never overwritten unseen.
/// </summary>
public static class UpdatePartner
{
    public sealed record Body(
        string? Name, string? Country, IReadOnlyList<string?>? Purposes, ClearanceLevel? MaxLevel, DateOnly? AgreementExpiresOn, bool? Active, int? Version);

    [AllowRoles(Roles.Admin)]
    public sealed record Command(
        string PartnerId, string? Name, string? Country, IReadOnlyList<string?>? Purposes, ClearanceLevel? MaxLevel, DateOnly? AgreementExpiresOn, bool? Active, int? Version)
        : ICommand<PartnerDto>, IAgreementTerms
    {
        public static Command From(string partnerId, Body body) =>
            new(partnerId, body.Name, body.Country, body.Purposes, body.MaxLevel, body.AgreementExpiresOn, body.Active, body.Version);
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            this.AgreementTerms(clock);
            RuleFor(x => x.Version).NotNull();
        }
    }

    public sealed class Handler(ClearanceDbContext db, AuditTrail audit, TimeProvider clock) : IRequestHandler<Command, PartnerDto>
    {
        public async Task<PartnerDto> Handle(Command request, CancellationToken cancellationToken)
        {
            var partner = await db.Partners.SingleOrDefaultAsync(p => p.PartnerId == request.PartnerId, cancellationToken)
                ?? throw new NotFoundException($"no partner with the id '{request.PartnerId}'");
            if (request.Version != partner.Version)
            {
                throw new ConflictException($"the agreement changed since version {request.Version} (now {partner.Version}); reload and try again");
            }

            var now = clock.Now();
            partner.UpdateAgreement(
                request.Name!.Trim(), request.Country!, request.Purposes!.Select(p => p!), request.MaxLevel!.Value,
                request.AgreementExpiresOn!.Value, request.Active ?? partner.Active, now);
            await audit.AppendAsync("partner.updated", null, CreatePartner.Handler.AuditDetail(partner), cancellationToken);
            return PartnerDto.From(partner);
        }
    }
}
