using ClearanceWorkflow.Application.Features.Partners;
using ClearanceWorkflow.Domain;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ClearanceWorkflow.Api.Workspace.Pages;

/// <summary>
/// The admin's partner agencies and their agreements: the list, a new partner (the form made from
/// <see cref="CreatePartner.Command"/>, active unless unticked, as the API's default), deactivation and reactivation
/// (<see cref="UpdatePartner"/> with the agreement's terms as they are).
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class PartnersModel(IMediator mediator) : WorkspacePage(mediator)
{
    public IReadOnlyList<PartnerDto>? Partners { get; private set; }

    public IReadOnlyList<FormField> CreateFields { get; } =
        [.. FormSchema.For(typeof(CreatePartner.Command), "partner").Select(f => f.Name == "active" ? f with { OnByDefault = true } : f)];

    public async Task OnGetAsync() => (_, Partners) = await TrySendAsync(new ListPartners.Query());

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var command = ReadForm<CreatePartner.Command>(CreateFields, "partner");
        if (command is not null && (await TrySendAsync(command)).Ok)
        {
            Notice = $"Partner {command.PartnerId} added.";
            return RedirectToPage();
        }

        await OnGetAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostActivateAsync(string partnerId)
    {
        await OnGetAsync();
        if (Partners?.SingleOrDefault(p => p.PartnerId == partnerId) is not { } p)
        {
            return Partners is null ? Page() : NotFoundPage();
        }

        if ((await TrySendAsync(new UpdatePartner.Command(p.PartnerId, p.Name, p.Country, [.. p.Purposes], p.MaxLevel, p.AgreementExpiresOn, true, p.Version))).Ok)
        {
            Notice = $"Partner {partnerId} activated.";
            return RedirectToPage();
        }

        await OnGetAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDeactivateAsync(string partnerId)
    {
        if ((await TrySendAsync(new DeactivatePartner.Command(partnerId))).Ok)
        {
            Notice = $"Partner {partnerId} deactivated.";
            return RedirectToPage();
        }

        await OnGetAsync();
        return Page();
    }
}
