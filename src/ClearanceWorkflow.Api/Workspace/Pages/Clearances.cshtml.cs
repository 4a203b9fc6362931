using ClearanceWorkflow.Application.Features.Clearances;
using ClearanceWorkflow.Domain;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ClearanceWorkflow.Api.Workspace.Pages;

/// <summary>The security officer's clearances (status, vetting): those due for reinvestigation soon, all by due date (each list paging on its own), and their certificates; each links to its page.</summary>
[Authorize(Roles = Roles.SecurityOfficer)]
[AuditedView]
public sealed class ClearancesModel(IMediator mediator, TimeProvider clock) : WorkspacePage(mediator)
{
    /// <summary>How far ahead "due soon" looks.</summary>
    public const int DueWithinDays = 90;

    public ListClearances.Page? DueSoon { get; private set; }

    public ListClearances.Page? All { get; private set; }

    public int DuePage { get; private set; } = 1;

    public int AllPage { get; private set; } = 1;

    public async Task OnGetAsync()
    {
        if (!ReadListPageSize() || ListPage("due") is not { } due || ListPage("all") is not { } all)
        {
            return;
        }

        (DuePage, AllPage) = (due, all);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        (_, DueSoon) = await TrySendAsync(new ListClearances.Query(nameof(ClearanceStatus.Active), today.AddDays(DueWithinDays), due, ListPageSize));
        (_, All) = await TrySendAsync(new ListClearances.Query(null, null, all, ListPageSize));
    }

    /// <summary>
    /// The clearance's certificate as a PDF, issued (and audited) as the API's download is. A form's POST with the
    /// antiforgery token, not a link: a link followed from another site would carry the session cookie (SameSite=Lax) and issue one.
    /// </summary>
    public async Task<IActionResult> OnPostCertificateAsync(Guid id)
    {
        var (ok, pdf) = await TrySendAsync(new IssueCertificate.Query(id));
        if (!ok)
        {
            await OnGetAsync();
            return Page();
        }

        return File(pdf!, "application/pdf", "clearance-certificate.pdf");
    }
}
