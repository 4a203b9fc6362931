using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Cases;
using ClearanceWorkflow.Application.Features.Findings;
using ClearanceWorkflow.Application.Workflows;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.Infrastructure.Security;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace ClearanceWorkflow.Api.Workspace.Pages;

/// <summary>One action the caller may take now, with the form its request's body makes.</summary>
public sealed record ActionForm(string Name, string Label, IReadOnlyList<FormField> Fields);

/// <summary>
/// A case: the staff view (<see cref="GetCase"/>, audited as the API's), a form per action in its <c>availableActions</c>
/// (built from the body of the request the definition names), and the finding form. Every post carries the version
/// the page showed, as the API's <c>If-Match</c>: a case changed meanwhile is not acted on.
/// </summary>
[AuditedView]
public sealed class CaseModel(IMediator mediator, WorkflowRegistry registry) : WorkspacePage(mediator)
{
    public CaseDto? Case { get; private set; }

    /// <summary>The signed-in staff member is the case's subject: the staff view is withheld (conflict of interest).</summary>
    public bool OwnCase { get; private set; }

    public IReadOnlyList<ActionForm> Actions { get; private set; } = [];

    public IReadOnlyList<FormField> FindingFields { get; } = FormSchema.For(typeof(RecordFinding.Command), "finding", nameof(RecordFinding.Command.CaseId), nameof(RecordFinding.Command.IfMatch));

    /// <summary>The finding form is offered to the case's assigned adjudicator only, whom alone the case lets record one.</summary>
    public bool CanRecordFindings => Case is { Findings: not null, AssignedAdjudicator: { } assignee } && assignee == User.Identity?.Name
        && ClearanceCase.TakesFindings(Case.Stage, Case.Status);

    /// <summary>Whether the signed-in user may open the clearance page (the roles <see cref="Application.Features.Clearances.GetClearance"/> allows), so the incident's clearance is a link.</summary>
    public bool CanOpenClearances => MayRun<Application.Features.Clearances.GetClearance.Query>();

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostActionAsync(Guid id, string? action, string? workflow, int? workflowVersion, int? version)
    {
        if (action is null)
        {
            return NotFoundPage();
        }

        var ok = false;
        Posted(action);
        try
        {
            if (version is null)
            {
                throw RequestValidationException.For("version", "The version of the case this page showed is missing or not a whole number.");
            }

            // The body as the form's workflow version shapes it. An action that version lacks (a page from before an
            // upgrade, a hand-made post) goes with an empty body: the case's own workflow answers it, as the API does.
            var body = workflow is not null && workflowVersion is { } shown && registry.Catalog.TryGet(workflow, shown, out var definition)
                && definition.FindAction(action) is { } found
                ? FormSchema.ToJson(FormSchema.For(BodyType(found.Request), action), key => Request.Form[key])
                : new System.Text.Json.Nodes.JsonObject();
            (ok, _) = await TrySendAsync(new PerformAction.Command(id, action, FormSchema.ToElement(body), [CaseDto.ETagOf(version.Value)]));
        }
        catch (RequestValidationException ex)
        {
            Refuse(ex);
        }

        return await AfterAsync(id, ok, $"Done: {FormSchema.Label(action.Replace('-', ' '))}.");
    }

    /// <summary>On the version of the case the page showed, as an action is: the form sent again (a retried post) records nothing twice.</summary>
    public async Task<IActionResult> OnPostFindingAsync(Guid id, int? version)
    {
        var ok = false;
        var command = ReadForm<RecordFinding.Command>(FindingFields, "finding", json => json["caseId"] = id);
        if (command is not null && version is null)
        {
            Refuse(RequestValidationException.For("version", "The version of the case this page showed is missing or not a whole number."));
        }
        else if (command is not null)
        {
            (ok, _) = await TrySendAsync(command with { IfMatch = [CaseDto.ETagOf(version!.Value)] });
        }

        return await AfterAsync(id, ok, "Finding recorded.");
    }

    /// <summary>Post, redirect, get: after a success the page is loaded afresh; after a refusal it shows why, with the case as it is.</summary>
    private async Task<IActionResult> AfterAsync(Guid id, bool ok, string notice)
    {
        if (ok)
        {
            Notice = notice;
            return RedirectToPage(new { id });
        }

        var status = Response.StatusCode;
        if (!await LoadAsync(id))
        {
            return NotFoundPage();
        }

        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var (ok, view) = await TrySendAsync(new GetCase.Query(id));
        if (!ok)
        {
            return false;
        }

        Case = view!;
        OwnCase = Case.SubjectId == User.FindFirst(BearerTokens.SubjectClaim)?.Value;
        if (!OwnCase && registry.Catalog.TryGet(Case.Workflow.Name, Case.Workflow.Version, out var definition))
        {
            Actions = [.. Case.AvailableActions
                .Select(definition.FindAction)
                .OfType<Workflow.ActionDefinition>()
                .Select(a => new ActionForm(a.Name, FormSchema.Label(a.Name.Replace('-', ' ')), FormSchema.For(BodyType(a.Request), a.Name)))];
        }

        return true;
    }

    private static Type BodyType(string request) =>
        Application.DependencyInjection.CaseActions.TryGetValue(request, out var type) ? type.GetNestedType("Body") ?? typeof(EmptyBody) : typeof(EmptyBody);
}
