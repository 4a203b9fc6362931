using ClearanceWorkflow.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClearanceWorkflow.Api.Workspace.Pages;

/// <summary>The development sign-in: a user id and staff roles, no password. Not found unless <see cref="WorkspaceSettings.DevelopmentSignIn"/>.</summary>
public sealed class SignInModel(WorkspaceSettings settings) : PageModel
{
    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => settings.DevelopmentSignIn ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string? userId, string[]? roles)
    {
        if (!settings.DevelopmentSignIn)
        {
            return NotFound();
        }

        userId = userId?.Trim();
        var chosen = (roles ?? []).Where(WorkspaceSetup.StaffRoles.Contains).Distinct(StringComparer.Ordinal).ToList();
        if (string.IsNullOrEmpty(userId) || userId.Length > BearerTokens.MaxSubjectLength || userId.Any(char.IsControl) || chosen.Count == 0)
        {
            Error = "A user id (at most 200 characters) and at least one staff role are needed.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await HttpContext.SignInAsync(WorkspaceSetup.CookieScheme, WorkspaceSetup.SessionPrincipal(userId, chosen, "development"));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl.StartsWith(WorkspaceSetup.Path, StringComparison.Ordinal) ? ReturnUrl : WorkspaceSetup.Path);
    }
}
