using ClearanceWorkflow.Application.Features.Clearances;
using ClearanceWorkflow.Domain;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ClearanceWorkflow.Api.Workspace.Pages;

/// <summary>
/// One clearance, for the roles the API's <see cref="GetClearance"/> allows: its status history and vetting (with gaps),
/// viewed as the API does (audited), and for those <see cref="ReportIncident"/> allows, the incident form.
/// </summary>
[Authorize(Roles = $"{Roles.SecurityOfficer},{Roles.Adjudicator},{Roles.SeniorAdjudicator},{Roles.Auditor}")]
[AuditedView]
public sealed class ClearanceModel(IMediator mediator) : WorkspacePage(mediator)
{
    public ClearanceView? Clearance { get; private set; }

    public IReadOnlyList<FormField> IncidentFields { get; } = FormSchema.For(typeof(ReportIncident.Command), "incident", nameof(ReportIncident.Command.ClearanceId));

    /// <summary>Whether the signed-in user holds one of the roles <see cref="ReportIncident"/> allows.</summary>
    public bool CanReportIncidents => MayRun<ReportIncident.Command>();

    /// <summary>The case the last incident opened, kept across its redirect.</summary>
    [TempData]
    public Guid? OpenedCase { get; set; }

    [TempData]
    public string? OpenedReference { get; set; }

    /// <summary>The clearance, or the refusal as the API gives it (404, or 403 for the signed-in staff member's own).</summary>
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostIncidentAsync(Guid id)
    {
        var command = ReadForm<ReportIncident.Command>(IncidentFields, "incident", json => json["clearanceId"] = id);
        var ok = false;
        if (command is not null)
        {
            // A case opened per incident, with no version to condition on: the form is sent once.
            var (sent, opened) = await TrySendOnceAsync(command, c => ($"{c.Id} {c.Reference}", c.Id));
            if (sent)
            {
                ok = true;
                var (caseId, reference) = (Guid.Parse(opened![..36]), opened[37..]);
                Notice = $"Incident reported: case {reference} opened.";
                OpenedCase = caseId;
                OpenedReference = reference;
            }
        }

        if (ok)
        {
            return RedirectToPage(new { id });
        }

        var status = Response.StatusCode;
        if (await LoadAsync(id))
        {
            Response.StatusCode = status;
        }

        return Page();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        (var ok, Clearance) = await TrySendAsync(new GetClearance.Query(id));
        return ok;
    }
}
