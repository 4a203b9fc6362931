using ClearanceWorkflow.Application.Features.AuditLog;
using ClearanceWorkflow.Application.Features.WorkflowDefinitions;
using ClearanceWorkflow.Domain;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClearanceWorkflow.Api.Endpoints;

internal static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder api)
    {
        var workflows = api.MapGroup("/workflows").WithTags("Workflows").RequireRoles(Roles.Admin, Roles.Adjudicator, Roles.SeniorAdjudicator);
        workflows.MapGet("/", async Task<Ok<IReadOnlyList<ListWorkflows.Item>>> (IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListWorkflows.Query(), ct)));
        workflows.MapGet("/{name}/diagram", async Task<ContentHttpResult> (string name, int? version, IMediator mediator, CancellationToken ct) =>
            TypedResults.Text(await mediator.Send(new WorkflowDiagram.Query(name, version), ct), "text/vnd.mermaid"));

        var audit = api.MapGroup("/audit").WithTags("Audit").RequireRoles(Roles.Auditor);
        audit.MapGet("/", async Task<Ok<ListAuditEvents.Page>> (Guid? caseId, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListAuditEvents.Query(caseId, from, to, page ?? 1, pageSize ?? 100), ct)));
        audit.MapGet("/verify", async Task<Ok<VerificationResult>> (IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new VerifyAuditChain.Query(), ct)));
        audit.MapPost("/verify", async Task<Ok<VerificationResult>> (VerifyAgainstDigest.Query query, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(query, ct)));
        audit.MapGet("/digest", async Task<Ok<LedgerDigest>> (IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetLedgerDigest.Query(), ct)));
        audit.MapGet("/events/{id:guid}/proof", async Task<Ok<GetEventProof.Proof>> (Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetEventProof.Query(id), ct)));
        audit.MapGet("/keys", async Task<Ok<IReadOnlyList<GetLedgerKeys.Key>>> (IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetLedgerKeys.Query(), ct)));
    }
}
