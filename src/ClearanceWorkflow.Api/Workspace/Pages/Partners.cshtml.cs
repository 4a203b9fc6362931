using ClearanceWorkflow.Application.Features.Partners;
using ClearanceWorkflow.Domain;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ClearanceWorkflow.Api.Workspace.Pages;

/// <summary>The admin's partner agencies and their agreements: the list, a new partner (the form made from <see cref="CreatePartner.Command"/>), deactivation.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class PartnersModel(IMediator mediator) : WorkspacePage(mediator)
{
    public IReadOnlyList<PartnerDto>? Partners { get; private set; }

    public IReadOnlyList<FormField> CreateFields { get; } = FormSchema.For(typeof(CreatePartner.Command), "partner");

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
