using ClearanceWorkflow.Api.Hosting;
using ClearanceWorkflow.Application.Features.Partners;
using ClearanceWorkflow.Application.Features.Reciprocity;
using ClearanceWorkflow.Domain;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClearanceWorkflow.Api.Endpoints;

internal static class ReciprocityEndpoints
{
    public static void MapReciprocityEndpoints(this IEndpointRouteBuilder api)
    {
        var reciprocity = api.MapGroup("/reciprocity").WithTags("Reciprocity").RequireRoles(Roles.Partner)
            .RequirePartnerRateLimit();
        reciprocity.MapPost("/queries", async Task<Ok<ReciprocityAnswer>> (ReciprocityQuery.Query query, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(query, ct)));
        reciprocity.MapPost("/queries/batch", async Task<Ok<ReciprocityBatchAnswer>> (ReciprocityBatchQuery.Query query, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(query, ct)));

        var partners = api.MapGroup("/partners").WithTags("Partners").RequireRoles(Roles.Admin);
        partners.MapPost("/", async Task<Created<PartnerDto>> (CreatePartner.Command command, IMediator mediator, CancellationToken ct) =>
        {
            var created = await mediator.Send(command, ct);
            return TypedResults.Created($"/api/v1/partners/{Uri.EscapeDataString(created.PartnerId)}", created);
        });
        partners.MapGet("/", async Task<Ok<IReadOnlyList<PartnerDto>>> (IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListPartners.Query(), ct)));
        partners.MapGet("/{partnerId}", async Task<Ok<PartnerDto>> (string partnerId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetPartner.Query(partnerId), ct)));
        partners.MapPut("/{partnerId}", async Task<Ok<PartnerDto>> (string partnerId, UpdatePartner.Body body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(UpdatePartner.Command.From(partnerId, body), ct)));
        partners.MapPost("/{partnerId}/deactivate", async Task<Ok<PartnerDto>> (string partnerId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new DeactivatePartner.Command(partnerId), ct)));
    }
}
