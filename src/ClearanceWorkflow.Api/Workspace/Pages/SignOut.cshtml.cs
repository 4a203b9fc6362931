using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClearanceWorkflow.Api.Workspace.Pages;

/// <summary>Ends the workspace session (the cookie); the identity provider's own session is left to it.</summary>
public sealed class SignOutModel : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(WorkspaceSetup.CookieScheme);
        return RedirectToPage();
    }
}
