using ClearanceWorkflow.Api.Security;
using ClearanceWorkflow.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ClearanceWorkflow.Api.Workspace.Pages;

/// <summary>
/// The development sign-in: a user id and staff roles, no password. Not found unless <see cref="WorkspaceSettings.DevelopmentSignIn"/>.
/// It mints a short-lived token with the local key, as the <c>token</c> verb does, and opens the session only when the
/// bearer API's validation accepts it: signing in proves the local key works.
/// </summary>
public sealed class SignInModel(WorkspaceSettings settings, AuthSettings auth, IOptionsMonitor<JwtBearerOptions> bearer) : PageModel
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
        if (userId is null || BearerTokens.SubjectRefusal(userId) is not null || chosen.Count == 0)
        {
            Error = "A user id (at most 200 characters, not 'system') and at least one staff role are needed.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // The bearer validation checks a token's lifetime against the wall clock, not the service's TimeProvider.
        var validated = auth.SigningKey is null
            ? null
            : await BearerAuthentication.ValidateAsync(
                bearer.Get(BearerAuthentication.SchemeName),
                TokenIssuer.Create(auth, TimeProvider.System, userId, chosen, null, TimeSpan.FromMinutes(1)));
        if (validated is null)
        {
            Error = "The bearer validation refused a token signed with the local key: check Auth__SigningKey.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(WorkspaceSetup.CookieScheme, WorkspaceSetup.SessionPrincipal(userId, chosen, "development"));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl.StartsWith(WorkspaceSetup.Path, StringComparison.Ordinal) ? ReturnUrl : WorkspaceSetup.Path);
    }
}
