using ClearanceWorkflow.Application.Features.Sessions;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClearanceWorkflow.Api.Workspace.Pages;

/// <summary>
/// Ends the workspace session: its row on the server, so that no copy of the cookie opens it again (audited), and the
/// cookie. The identity provider's own session is left to it. A GET only says whether a session is still open.
/// </summary>
public sealed class SignOutModel(IMediator mediator) : PageModel
{
    public bool SignedIn { get; private set; }

    public async Task OnGetAsync() => SignedIn = (await HttpContext.AuthenticateAsync(WorkspaceSetup.CookieScheme)).Succeeded;

    public async Task<IActionResult> OnPostAsync()
    {
        var ticket = await HttpContext.AuthenticateAsync(WorkspaceSetup.CookieScheme);
        if (ticket.Properties?.Items.TryGetValue(WorkspaceSetup.SessionItem, out var sid) == true && Guid.TryParse(sid, out var id))
        {
            await mediator.Send(new WorkspaceSessions.Finish(id), HttpContext.RequestAborted);
        }

        await HttpContext.SignOutAsync(WorkspaceSetup.CookieScheme);
        return RedirectToPage();
    }
}
