using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Cases;
using ClearanceWorkflow.Application.Features.Clearances;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.Infrastructure.Security;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace ClearanceWorkflow.Api.Endpoints;

internal static class ClearanceEndpoints
{
    public const string PdfType = "application/pdf";

    /// <summary>The rate-limiter policy of the public verification endpoint.</summary>
    public const string VerificationPolicy = "certificate-verification";

    /// <summary>Lookups one client IP may make per window (<c>RateLimiting__VerificationPermits</c>).</summary>
    public const int DefaultVerificationPermits = 30;

    /// <summary>The window, in seconds (<c>RateLimiting__VerificationWindowSeconds</c>).</summary>
    public const int DefaultVerificationWindowSeconds = 60;

    /// <summary>The rate-limiter policy of a holder's own certificate: each one is a new row, audit event and PDF.</summary>
    public const string HolderCertificatePolicy = "holder-certificate";

    /// <summary>Certificates one holder may take per window (<c>RateLimiting__HolderCertificatePermits</c>; the window is the verification one).</summary>
    public const int DefaultHolderCertificatePermits = 10;

    /// <summary>
    /// ASP.NET's rate limiter, a fixed window per client IP (per node: this endpoint is not tied to a partner, so
    /// it is not counted in the database like the reciprocity limit). Over the limit: 429 problem details.
    /// </summary>
    public static IServiceCollection AddVerificationRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("RateLimiting:VerificationPermits", DefaultVerificationPermits);
        var seconds = configuration.GetValue("RateLimiting:VerificationWindowSeconds", DefaultVerificationWindowSeconds);
        var certificates = configuration.GetValue("RateLimiting:HolderCertificatePermits", DefaultHolderCertificatePermits);
        if (permits < 1 || certificates < 1 || seconds is < 1 or > 3600)
        {
            throw new InvalidOperationException(
                "RateLimiting__VerificationPermits and RateLimiting__HolderCertificatePermits must be at least 1, and RateLimiting__VerificationWindowSeconds between 1 and 3600.");
        }

        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await TypedResults.Problem(statusCode: Status429TooManyRequests, title: "Too many certificate requests; try again later.")
                    .ExecuteAsync(context.HttpContext);
            };
            // Per node, as the verification limit; the endpoint requires an applicant, so the subject is always there.
            o.AddPolicy(HolderCertificatePolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.FindFirst(BearerTokens.SubjectClaim)?.Value ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = certificates, Window = TimeSpan.FromSeconds(seconds), QueueLimit = 0 }));
            o.AddPolicy(VerificationPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientOf(context.Connection.RemoteIpAddress),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromSeconds(seconds), QueueLimit = 0 }));
        });
    }

    /// <summary>
    /// Whom a window counts: an IPv4 address (mapped or not) on its own, an IPv6 one by its /64, the smallest network a
    /// client is given, so that stepping through its own addresses does not give it more windows.
    /// </summary>
    internal static string ClientOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var prefix = new byte[16];
        address.GetAddressBytes().AsSpan(0, 8).CopyTo(prefix);
        return $"{new IPAddress(prefix)}/64";
    }

    public static void MapClearanceEndpoints(this IEndpointRouteBuilder api)
    {
        var clearances = api.MapGroup("/clearances").WithTags("Clearances");
        clearances.MapGet("/", async Task<Ok<ListClearances.Page>> (string? status, DateOnly? dueBefore, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListClearances.Query(status, dueBefore, page ?? 1, pageSize ?? 50), ct)))
            .RequireRoles(Roles.SecurityOfficer, Roles.SeniorAdjudicator, Roles.Auditor)
            .WithName("listClearances").WithSummary("Clearances by status and reinvestigation due date, soonest due first").Problems(Status400BadRequest);
        clearances.MapGet("/{id:guid}", async Task<Ok<ClearanceView>> (Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetClearance.Query(id), ct)))
            .RequireRoles(Roles.SecurityOfficer, Roles.Adjudicator, Roles.SeniorAdjudicator, Roles.Auditor)
            .WithName("getClearance").WithSummary("A clearance with its status history").Problems(Status404NotFound);
        clearances.MapPost("/{id:guid}/incidents", async Task<Created<CaseDto>> (Guid id, IncidentBody body, IMediator mediator, CancellationToken ct) =>
        {
            var opened = await mediator.Send(new ReportIncident.Command(id, body.Guideline, body.Summary, body.Suspend), ct);
            return TypedResults.Created($"/api/v1/cases/{opened.Id}", opened);
        }).RequireRoles(Roles.SecurityOfficer, Roles.Adjudicator)
            .WithName("reportIncident").WithSummary("Report an incident: opens a ContinuousEvaluation case in review, and suspends the clearance at once when asked")
            .Problems(Status400BadRequest, Status404NotFound, Status409Conflict);
        clearances.MapGet("/{id:guid}/certificate", async Task<FileContentHttpResult> (Guid id, IMediator mediator, CancellationToken ct) =>
            TypedResults.File(await mediator.Send(new IssueCertificate.Query(id), ct), PdfType, "clearance-certificate.pdf"))
            .RequireRoles(Roles.SecurityOfficer)
            .Produces<byte[]>(Status200OK, PdfType)
            .WithName("issueClearanceCertificate").WithSummary("Issue a certificate for a clearance in force (Active or Interim), with a new verification code").Problems(Status404NotFound, Status409Conflict);

        api.MapGet("/me/clearance/certificate", async Task<FileContentHttpResult> (IMediator mediator, CancellationToken ct) =>
            TypedResults.File(await mediator.Send(new MyCertificate.Query(), ct), PdfType, "clearance-certificate.pdf"))
            .WithTags("Applicant").RequireRoles(Roles.Applicant).RequireRateLimiting(HolderCertificatePolicy)
            .Produces<byte[]>(Status200OK, PdfType)
            .WithName("getMyClearanceCertificate").WithSummary("A certificate for the caller's current clearance while it is in force (Active or Interim), with a new verification code (rate-limited)")
            .Problems(Status404NotFound, Status409Conflict, Status429TooManyRequests);

        api.MapGet("/certificates/{code}", async Task<Ok<VerifyCertificate.Answer>> (string code, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new VerifyCertificate.Query(code), ct) ?? throw new NotFoundException("no certificate has this code")))
            .WithTags("Certificates").AllowAnonymous().RequireRateLimiting(VerificationPolicy)
            .WithName("verifyCertificate").WithSummary("Whether a certificate's clearance is in force (public, rate-limited)")
            .Problems(Status400BadRequest, Status404NotFound, Status429TooManyRequests);
    }
}

/// <summary>The body of POST /clearances/{id}/incidents.</summary>
internal sealed record IncidentBody(Guideline? Guideline, string? Summary, bool? Suspend);
