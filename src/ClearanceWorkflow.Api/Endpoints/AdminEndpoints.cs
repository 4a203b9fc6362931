using ClearanceWorkflow.Application.Features.AuditLog;
using ClearanceWorkflow.Application.Features.Notifications;
using ClearanceWorkflow.Application.Features.Reports;
using ClearanceWorkflow.Application.Features.Sessions;
using ClearanceWorkflow.Application.Features.WorkflowDefinitions;
using ClearanceWorkflow.Api.Workspace;
using ClearanceWorkflow.Domain;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace ClearanceWorkflow.Api.Endpoints;

internal static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder api)
    {
        var workflows = api.MapGroup("/workflows").WithTags("Workflows").RequireRoles(Roles.Admin, Roles.Adjudicator, Roles.SeniorAdjudicator);
        workflows.MapGet("/", async Task<Ok<IReadOnlyList<ListWorkflows.Item>>> (IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListWorkflows.Query(), ct)))
            .WithName("listWorkflows").WithSummary("The workflow definitions, their versions and the active version");
        workflows.MapGet("/{name}/diagram", async Task<ContentHttpResult> (string name, int? version, IMediator mediator, CancellationToken ct) =>
            TypedResults.Text(await mediator.Send(new WorkflowDiagram.Query(name, version), ct), "text/vnd.mermaid"))
            .Produces<string>(StatusCodes.Status200OK, "text/vnd.mermaid")
            .WithName("getWorkflowDiagram").WithSummary("A workflow definition as a Mermaid state diagram").Problems(Status400BadRequest, Status404NotFound);

        var audit = api.MapGroup("/audit").WithTags("Audit").RequireRoles(Roles.Auditor);
        audit.MapGet("/", async Task<Ok<ListAuditEvents.Page>> (Guid? caseId, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListAuditEvents.Query(caseId, from, to, page ?? 1, pageSize ?? 100), ct)))
            .WithName("listAuditEvents").WithSummary("Audit events in ledger order (unsealed last), paged").Problems(Status400BadRequest);
        audit.MapGet("/verify", async Task<Ok<VerificationResult>> (IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new VerifyAuditChain.Query(), ct)))
            .WithName("verifyAuditLedger").WithSummary("Check the whole ledger: every event hash, block root, block link and signature");
        audit.MapPost("/verify", async Task<Ok<VerificationResult>> (VerifyAgainstDigest.Query query, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(query, ct)))
            .WithName("verifyAuditLedgerAgainstDigest").WithSummary("Check that everything a saved digest covered is still there, unchanged and in order").Problems(Status400BadRequest);
        audit.MapGet("/digest", async Task<Ok<LedgerDigest>> (IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetLedgerDigest.Query(), ct)))
            .WithName("getAuditDigest").WithSummary("The latest signed ledger digest").Problems(Status404NotFound);
        audit.MapGet("/events/{id:guid}/proof", async Task<Ok<GetEventProof.Proof>> (Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetEventProof.Query(id), ct)))
            .WithName("getAuditEventProof").WithSummary("An event's inclusion proof in its signed block").Problems(Status404NotFound, Status409Conflict);
        audit.MapGet("/keys", async Task<Ok<IReadOnlyList<GetLedgerKeys.Key>>> (IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetLedgerKeys.Query(), ct)))
            .WithName("listAuditLedgerKeys").WithSummary("The ledger's public keys, for checking digests and proofs offline");

        var notifications = api.MapGroup("/notifications").WithTags("Notifications").RequireRoles(Roles.Admin);
        notifications.MapGet("/dead", async Task<Ok<ListDeadNotifications.Page>> (int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListDeadNotifications.Query(page ?? 1, pageSize ?? 100), ct)))
            .WithName("listDeadNotifications").WithSummary("Notifications the webhook never accepted, most recently dead first").Problems(Status400BadRequest);
        notifications.MapPost("/dead/redrive", async Task<Ok<RedriveNotifications.Result>> (IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new RedriveNotifications.Command(null), ct)))
            .WithName("redriveDeadNotifications").WithSummary("Send dead notifications again, the oldest first, at most 500 a call (`remaining` says how many are left)");
        notifications.MapPost("/{id:guid}/redrive", async Task<Ok<RedriveNotifications.Result>> (Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new RedriveNotifications.Command(id), ct)))
            .WithName("redriveNotification").WithSummary("Send one dead notification again").Problems(Status404NotFound, Status409Conflict);

        var sessions = api.MapGroup("/sessions").WithTags("Sessions").RequireRoles(Roles.Admin);
        sessions.MapGet("/", async Task<Ok<IReadOnlyList<WorkspaceSessions.OpenSession>>> (string? userId, WorkspaceSettings settings, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new WorkspaceSessions.ListOpen(userId, settings.SessionMaxLifetime), ct)))
            .WithName("listWorkspaceSessions").WithSummary("The workspace sessions that may still be in use, of one staff member or of all, most recent first").Problems(Status400BadRequest);
        sessions.MapPost("/end", async Task<Ok<WorkspaceSessions.Ended>> (WorkspaceSessions.EndAll command, WorkspaceSettings settings, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(command with { MaxLifetime = settings.SessionMaxLifetime }, ct)))
            .WithName("endWorkspaceSessions").WithSummary("End every open workspace session of a staff member").Problems(Status400BadRequest);

        var reports = api.MapGroup("/reports").WithTags("Reports").RequireRoles(Roles.SecurityOfficer, Roles.SeniorAdjudicator, Roles.Auditor);
        reports.MapGet("/timeliness", async Task<Ok<Timeliness.Report>> (DateOnly? from, DateOnly? to, string? level, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new Timeliness.Query(from, to, level), ct)))
            .WithName("getTimelinessReport").WithSummary("Days per phase (fastest-90% average, p50, p90) and open cases by age").Problems(Status400BadRequest);
    }
}
