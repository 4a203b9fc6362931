using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Application.Features.Partners;

/// <summary>An administrator registers a partner agency and its data-sharing agreement.</summary>
public static class CreatePartner
{
    [AllowRoles(Roles.Admin)]
    public sealed record Command(
        string? PartnerId, string? Name, string? Country, IReadOnlyList<string?>? Purposes, ClearanceLevel? MaxLevel, DateOnly? AgreementExpiresOn, bool? Active)
        : ICommand<PartnerDto>, IAgreementTerms;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(x => x.PartnerId).NotEmpty().Matches(PartnerRules.PartnerIdPattern)
                .WithMessage("must be 2 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
            this.AgreementTerms(clock);
        }
    }

    public sealed class Handler(ClearanceDbContext db, AuditTrail audit, TimeProvider clock) : IRequestHandler<Command, PartnerDto>
    {
        public async Task<PartnerDto> Handle(Command request, CancellationToken cancellationToken)
        {
            var partnerId = request.PartnerId!;
            var lower = partnerId.ToLowerInvariant();
            // Ids that differ only in case would be confusing in audit and support: they count as duplicates. The unique
            // index sees case, so registrations take turns from this check to their commit.
            await db.LockAsync("partner-ids", cancellationToken);
#pragma warning disable CA1862, CA1304, CA1311 // Inside an EF query: ToLower() becomes SQL lower() on every provider, so no .NET culture is involved.
            if (await db.Partners.AnyAsync(p => p.PartnerId.ToLower() == lower, cancellationToken))
#pragma warning restore CA1862, CA1304, CA1311
            {
                throw new ConflictException($"a partner with the id '{partnerId}' already exists");
            }

            var now = clock.Now();
            var partner = Partner.Register(
                partnerId, request.Name!.Trim(), request.Country!, request.Purposes!.Select(p => p!), request.MaxLevel!.Value,
                request.AgreementExpiresOn!.Value, request.Active ?? true, now);
            db.Partners.Add(partner);
            await audit.AppendAsync("partner.created", null, AuditDetail(partner), cancellationToken);
            return PartnerDto.From(partner);
        }

        internal static object AuditDetail(Partner p) => new
        {
            partnerId = p.PartnerId,
            country = p.Country,
            purposes = p.Purposes,
            maxLevel = p.MaxLevel.ToString(),
            agreementExpiresOn = p.AgreementExpiresOn,
            active = p.Active,
            version = p.Version,
        };
    }
}
