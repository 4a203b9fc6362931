using ClearanceWorkflow.Api.Hosting;
using ClearanceWorkflow.Application.Features.Partners;
using ClearanceWorkflow.Application.Features.Reciprocity;
using ClearanceWorkflow.Domain;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace ClearanceWorkflow.Api.Endpoints;

internal static class ReciprocityEndpoints
{
    public static void MapReciprocityEndpoints(this IEndpointRouteBuilder api)
    {
        var reciprocity = api.MapGroup("/reciprocity").WithTags("Reciprocity").RequireRoles(Roles.Partner)
            .RequirePartnerRateLimit().Problems(Status400BadRequest, Status429TooManyRequests);
        reciprocity.MapPost("/queries", async Task<Ok<ReciprocityAnswer>> (ReciprocityQuery.Query query, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(query, ct)))
            .WithName("queryReciprocity").WithSummary("Does this subject hold a clearance the partner's agreement covers?");
        reciprocity.MapPost("/queries/batch", async Task<Ok<ReciprocityBatchAnswer>> (ReciprocityBatchQuery.Query query, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(query, ct)))
            .WithName("queryReciprocityBatch").WithSummary("The same question for many subjects at once").RequirePartnerRateLimit(perSubject: true);

        var partners = api.MapGroup("/partners").WithTags("Partners").RequireRoles(Roles.Admin);
        partners.MapPost("/", async Task<Created<PartnerDto>> (CreatePartner.Command command, IMediator mediator, CancellationToken ct) =>
        {
            var created = await mediator.Send(command, ct);
            return TypedResults.Created($"/api/v1/partners/{Uri.EscapeDataString(created.PartnerId)}", created);
        }).WithName("createPartner").WithSummary("Register a partner agency and its agreement").Problems(Status400BadRequest, Status409Conflict);
        partners.MapGet("/", async Task<Ok<IReadOnlyList<PartnerDto>>> (IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListPartners.Query(), ct)))
            .WithName("listPartners").WithSummary("The partner agencies");
        partners.MapGet("/{partnerId}", async Task<Ok<PartnerDto>> (string partnerId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetPartner.Query(partnerId), ct)))
            .WithName("getPartner").WithSummary("One partner agency").Problems(Status404NotFound);
        partners.MapPut("/{partnerId}", async Task<Ok<PartnerDto>> (string partnerId, UpdatePartner.Body body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(UpdatePartner.Command.From(partnerId, body), ct)))
            .WithName("updatePartner").WithSummary("Change a partner's agreement").Problems(Status400BadRequest, Status404NotFound, Status409Conflict);
        partners.MapPost("/{partnerId}/deactivate", async Task<Ok<PartnerDto>> (string partnerId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new DeactivatePartner.Command(partnerId), ct)))
            .WithName("deactivatePartner").WithSummary("End a partner's agreement now").Problems(Status404NotFound, Status409Conflict);
    }
}
