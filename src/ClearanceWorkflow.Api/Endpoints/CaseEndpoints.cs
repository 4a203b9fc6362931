using ClearanceWorkflow.Application.Features.Adjudication;
using ClearanceWorkflow.Application.Features.Applications;
using ClearanceWorkflow.Application.Features.Cases;
using ClearanceWorkflow.Application.Features.Clearances;
using ClearanceWorkflow.Application.Features.Findings;
using ClearanceWorkflow.Application.Features.Investigations;
using ClearanceWorkflow.Application.Workflows;
using ClearanceWorkflow.Domain;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace ClearanceWorkflow.Api.Endpoints;

internal sealed record CheckResultBody(CheckOutcome? Outcome, string? Summary);

internal sealed record FindingBody(Guideline? Guideline, Severity? Severity, string? Summary, bool? Mitigated, string? Mitigation = null, RecordFinding.WholePerson? WholePerson = null);

internal static class CaseEndpoints
{
    public static void MapCaseEndpoints(this IEndpointRouteBuilder api)
    {
        var applications = api.MapGroup("/applications").WithTags("Applicant").RequireRoles(Roles.Applicant);
        applications.MapPost("/", async Task<Created<CaseDto>> (CreateApplication.Command command, IMediator mediator, CancellationToken ct) =>
        {
            var created = await mediator.Send(command, ct);
            return TypedResults.Created($"/api/v1/cases/{created.Id}", created);
        }).WithName("createApplication").WithSummary("Apply for a clearance: opens a case in stage application").Problems(Status400BadRequest, Status409Conflict);
        applications.MapPut("/{id:guid}/questionnaire", async Task<Ok<CaseDto>> (Guid id, Questionnaire questionnaire, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new UpdateQuestionnaire.Command(id, questionnaire), ct)))
            .WithName("updateQuestionnaire").WithSummary("Fill in or replace the questionnaire of the caller's case")
            .Problems(Status400BadRequest, Status404NotFound, Status409Conflict);

        var me = api.MapGroup("/me").WithTags("Applicant").RequireRoles(Roles.Applicant);
        me.MapGet("/cases", async Task<Ok<IReadOnlyList<CaseDto>>> (IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new MyCases.Query(), ct)))
            .WithName("listMyCases").WithSummary("The caller's cases");
        me.MapGet("/clearance", async Task<Ok<ClearanceDto>> (IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new MyClearance.Query(), ct)))
            .WithName("getMyClearance").WithSummary("The caller's current clearance").Problems(Status404NotFound);

        var cases = api.MapGroup("/cases/{id:guid}").WithTags("Cases");
        cases.MapGet("/", async Task<Ok<CaseDto>> (Guid id, HttpResponse response, IMediator mediator, CancellationToken ct) =>
            WithETag(response, await mediator.Send(new GetCase.Query(id), ct))).RequireRoles(Roles.CaseReaders)
            .WithName("getCase").WithSummary("A case, as the caller may see it").Problems(Status404NotFound);
        cases.MapGet("/events", async Task<Ok<CaseRecords.EventPage>> (Guid id, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new CaseRecords.Events(id, page ?? 1, pageSize ?? 50), ct))).RequireRoles(Roles.CaseReaders)
            .WithName("listCaseEvents").WithSummary("All of the case's events, oldest first, paged (staff); the case carries the latest 50")
            .Problems(Status400BadRequest, Status404NotFound);
        cases.MapGet("/information-requests", async Task<Ok<CaseRecords.RequestPage>> (Guid id, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new CaseRecords.InformationRequests(id, page ?? 1, pageSize ?? 50), ct))).RequireRoles(Roles.CaseReaders)
            .WithName("listInformationRequests").WithSummary("All of the case's information requests, oldest first, paged; the case carries the latest 20")
            .Problems(Status400BadRequest, Status404NotFound);
        // The document shows one path per action, each with its own body (ApiDocument).
        cases.MapPost("/actions/{action}", async Task<Ok<CaseDto>> (Guid id, string action, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        {
            var ifMatch = request.IfMatchTags();
            var body = await request.ReadOptionalJsonAsync(ct);
            return WithETag(request.HttpContext.Response, await mediator.Send(new PerformAction.Command(id, action, body, ifMatch), ct));
        }).RequireRoles(Roles.CaseReaders)
            .WithName("performAction").WithSummary("Perform a workflow action on a case").Problems(Status400BadRequest, Status404NotFound, Status409Conflict, Status412PreconditionFailed);

        cases.MapGet("/investigation", async Task<Ok<GetInvestigation.Result>> (Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetInvestigation.Query(id), ct)))
            .RequireRoles(Roles.Investigator, Roles.Adjudicator, Roles.SeniorAdjudicator)
            .WithName("getInvestigation").WithSummary("The case's investigation tier and checks").Problems(Status404NotFound);
        cases.MapPost("/investigation/checks/{kind}/result", async Task<Ok<CheckDto>> (Guid id, string kind, CheckResultBody body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new RecordCheckResult.Command(id, kind, body.Outcome, body.Summary), ct)))
            .RequireRoles(Roles.Investigator)
            .WithName("recordCheckResult").WithSummary("Record a manual result for one check")
            .Problems(Status400BadRequest, Status404NotFound, Status409Conflict);
        cases.MapPost("/findings", async Task<Created<FindingDto>> (Guid id, FindingBody body, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        {
            var finding = await mediator.Send(
                new RecordFinding.Command(id, body.Guideline, body.Severity, body.Summary, body.Mitigated, body.Mitigation, body.WholePerson, request.IfMatchTags()), ct);
            return TypedResults.Created($"/api/v1/cases/{id}", finding);
        }).RequireRoles(Roles.Adjudicator, Roles.SeniorAdjudicator)
            .WithName("recordFinding").WithSummary("Record an adjudicative finding on the case")
            .WithDescription("`wholePerson` is optional; when given, all five factors are required: `recency` (WithinOneYear, OneToFiveYears, OverFiveYears), "
                + "`frequency` (Isolated, Occasional, Repeated), `ageAtConduct` (10 to 120), `rehabilitation` (None, Partial, Substantial) and "
                + "`recurrenceLikelihood` (Low, Moderate, High). A bad or missing factor is 400 naming it, e.g. `wholePerson.ageAtConduct`. "
                + "Staff read the factors back in the case's findings; they are stored encrypted. "
                + "With `If-Match` (the case's `ETag`) it is recorded only on that version of the case: 412 otherwise.")
            .Problems(Status400BadRequest, Status404NotFound, Status409Conflict, Status412PreconditionFailed);

        api.MapGet("/adjudication/queue", async Task<Ok<AdjudicationWorklist.Page>> (string? assignedTo, string? stage, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new AdjudicationWorklist.Query(assignedTo, stage, page ?? 1, pageSize ?? 50), ct)))
            .WithTags("Adjudication").RequireRoles(Roles.Adjudicator, Roles.SeniorAdjudicator)
            .WithName("getAdjudicationQueue").WithSummary("Cases awaiting adjudication, oldest first")
            .WithDescription("Leaves out the caller's own cases; in `due-process`, cases whose denial the caller made, concurred with or declined to concur with; in `appeal`, cases the caller took part in or has voted on.")
            .Problems(Status400BadRequest);
    }

    /// <summary>The case with its version as the strong <c>ETag</c> an action's <c>If-Match</c> repeats.</summary>
    private static Ok<CaseDto> WithETag(HttpResponse response, CaseDto view)
    {
        response.Headers.ETag = view.ETag;
        return TypedResults.Ok(view);
    }
}
