using ClearanceWorkflow.Application.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClearanceWorkflow.Api.Workspace.Pages;

/// <summary>
/// Ends the workspace session: its row on the server, so that no copy of the cookie opens it again, and the cookie.
/// The identity provider's own session is left to it.
/// </summary>
public sealed class SignOutModel(ClearanceDbContext db, TimeProvider clock) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ticket = await HttpContext.AuthenticateAsync(WorkspaceSetup.CookieScheme);
        if (ticket.Properties?.Items.TryGetValue(WorkspaceSetup.SessionItem, out var sid) == true && Guid.TryParse(sid, out var id)
            && await db.WorkspaceSessions.FindAsync(id) is { } session)
        {
            session.End(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }

        await HttpContext.SignOutAsync(WorkspaceSetup.CookieScheme);
        return RedirectToPage();
    }
}
