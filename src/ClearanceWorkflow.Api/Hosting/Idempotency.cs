using System.Text.Json;
using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Reciprocity;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.Infrastructure.Persistence;
using MediatR;

namespace ClearanceWorkflow.Api.Hosting;

/// <summary>
/// <c>Idempotency-Key</c> on any POST of the API (<c>/api</c>): the first answer (2xx) is kept with the key, scoped to the caller, for
/// 24 hours; the same key with the same method, path and body, sent with the same roles and partner id, gets that
/// answer again and changes nothing; with another request, or other roles, it is 422 (a replay is not authorised
/// again, so an answer is never replayed to roles that could not have asked for it). While the first request runs, a second one with the key gets 409 and
/// <c>Retry-After</c>: it is not held waiting for a request that may take long or never finish on this node.
/// A first request that fails (4xx, 5xx) without committing frees its key, since it changed nothing. A first request
/// whose node failed: after <see cref="IdempotencyStore.Lease"/> the key is taken over if it never committed, and
/// answered 409 (carried out, answer not kept) if it did. A replay is audited, <c>request.replayed</c> under the case
/// it is about (<see cref="AnswerReplayed"/>); a partner's kept answer is replayed only once the agreement in force
/// permits the query again and shows no level above its <c>maxLevel</c>, and is audited as <c>reciprocity.replayed</c>
/// (<see cref="ReciprocityReplay"/>).
/// </summary>
internal static partial class Idempotency
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    public static async Task Middleware(HttpContext context, Func<Task> next)
    {
        // The API's posts only: the workspace's forms and the dashboard are not covered by the contract's key.
        if (!HttpMethods.IsPost(context.Request.Method)
            || !context.Request.Path.StartsWithSegments("/api")
            || !context.Request.Headers.TryGetValue(HeaderName, out var values)
            || context.User.Identity?.IsAuthenticated != true)
        {
            await next();
            return;
        }

        var key = Validated(values);
        var actor = context.RequestServices.GetRequiredService<ActorContext>().Current;
        var caller = actor.Id;
        var fingerprint = await FingerprintAsync(context, actor);
        var store = context.RequestServices.GetRequiredService<IdempotencyStore>();
        var (outcome, stored, claimId) = await store.ClaimAsync(caller, key, fingerprint, context.RequestAborted);
        switch (outcome)
        {
            case IdempotencyOutcome.Replay:
                // A reciprocity query's replay is checked against the agreement again and audited as a query; any other
                // post's, a partner's too (a token may hold more roles), as a replayed answer.
                if (context.GetEndpoint()?.Metadata.GetMetadata<PartnerRateLimiting.Limited>() is { } limited && actor.IsInRole(Roles.Partner))
                {
                    var (purpose, requiredLevel, nationalIds) = await ReciprocityTermsAsync(context, limited.PerSubject);
                    await context.RequestServices.GetRequiredService<IMediator>().Send(
                        new ReciprocityReplay.Query(purpose, requiredLevel, ReciprocityReplay.LevelsIn(stored!.Body), nationalIds), context.RequestAborted);
                }
                else
                {
                    var path = context.Request.Path.Value!;
                    await context.RequestServices.GetRequiredService<IMediator>().Send(
                        new AnswerReplayed.Record(context.Request.Method, path, AnswerReplayed.CaseIn(path) ?? AnswerReplayed.CaseIn(stored!.Location)), context.RequestAborted);
                }

                await ReplayAsync(context, stored!);
                return;
            case IdempotencyOutcome.Mismatch:
                await ProblemAsync(context, StatusCodes.Status422UnprocessableEntity, "Idempotency key reused",
                    "This Idempotency-Key was used with another request (method, path or body); send a new key for a new request.");
                return;
            case IdempotencyOutcome.InProgress:
                context.Response.Headers.RetryAfter = "1";
                await ProblemAsync(context, StatusCodes.Status409Conflict, "Request in progress",
                    "A request with this Idempotency-Key is still in progress; retry after it has finished.");
                return;
            case IdempotencyOutcome.Unanswered:
                await ProblemAsync(context, StatusCodes.Status409Conflict, "Request carried out, answer not kept",
                    "The first request with this Idempotency-Key was carried out, but its answer was not kept (its node failed). It will not be carried out again; read the current state instead.");
                return;
        }

        context.RequestServices.GetRequiredService<IdempotencyClaim>().Id = claimId;

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        // A claimed request runs to its end and keeps its whole answer though the client goes away: its retry is answered from it.
        var aborted = context.RequestAborted;
        context.RequestAborted = CancellationToken.None;
        var succeeded = false;
        try
        {
            await next();
            succeeded = context.Response.StatusCode is >= 200 and < 300;
        }
        finally
        {
            context.RequestAborted = aborted;
            context.Response.Body = original;
            if (!succeeded)
            {
                await store.ReleaseAsync(claimId);
                // What runs after us in this request (the partner's refusal audit) no longer holds the key.
                context.RequestServices.GetRequiredService<IdempotencyClaim>().Id = null;
            }
        }

        // A success's key is never freed: should keeping the answer fail, a retry is told after the lease that it was carried out.
        if (succeeded)
        {
            var response = context.Response;
            var body = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            await store.CompleteAsync(claimId, new StoredAnswer(
                response.StatusCode, response.ContentType, Header(response.Headers.Location), Header(response.Headers.ETag), body), CancellationToken.None);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, aborted);
    }

    /// <summary>1 to 255 printable ASCII characters, sent once; 400 otherwise.</summary>
    private static string Validated(Microsoft.Extensions.Primitives.StringValues values)
    {
        var key = values.Count == 1 ? values[0] : null;
        if (key is null || key.Length is 0 or > MaxKeyLength || key.Any(c => c is < ' ' or > '~'))
        {
            throw RequestValidationException.For(HeaderName,
                $"Send one Idempotency-Key of 1 to {MaxKeyLength} printable ASCII characters.");
        }

        return key;
    }

    /// <summary>A keyed hash of the caller's roles and partner id, the method, path and body (buffered, so the endpoint reads it after us).</summary>
    private static async Task<string> FingerprintAsync(HttpContext context, Actor actor)
    {
        var request = context.Request;
        request.EnableBuffering();
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, context.RequestAborted);
        request.Body.Position = 0;
        var index = context.RequestServices.GetRequiredService<IBlindIndex>();
        return index.Compute("idempotency-key", $"{CallerScope(actor)}\n{request.Method} {request.Path}{request.QueryString}\n{Convert.ToBase64String(copy.GetBuffer(), 0, (int)copy.Length)}");
    }

    /// <summary>What a kept answer is bound to besides the caller's id: their roles and partner id (a replay is not authorised again).</summary>
    internal static string CallerScope(Actor actor) => $"{string.Join(',', actor.Roles.Order(StringComparer.Ordinal))}\n{actor.PartnerId}";

    /// <summary>
    /// The purpose, level and subjects of a partner's query (single or batch), from a body that was valid when first
    /// answered, read with the options the endpoint binds with (so <c>RequiredLevel</c> reads as <c>requiredLevel</c> there and here).
    /// </summary>
    /// <summary>Read as the query's own endpoint read it, so that what it ignored (another shape's property) is ignored here too.</summary>
    private static async Task<(string Purpose, ClearanceLevel? RequiredLevel, IReadOnlyList<string> NationalIds)> ReciprocityTermsAsync(HttpContext context, bool batch)
    {
        var body = context.Request.Body;
        body.Position = 0;
        string? purpose;
        ClearanceLevel? requiredLevel;
        IReadOnlyList<SubjectTerms?> subjects;
        if (batch)
        {
            var terms = await JsonSerializer.DeserializeAsync<BatchTerms>(body, Json.Options, context.RequestAborted);
            (purpose, requiredLevel, subjects) = (terms?.Purpose, terms?.RequiredLevel, terms?.Subjects ?? []);
        }
        else
        {
            var terms = await JsonSerializer.DeserializeAsync<QueryTerms>(body, Json.Options, context.RequestAborted);
            (purpose, requiredLevel, subjects) = (terms?.Purpose, terms?.RequiredLevel, [terms?.Subject]);
        }

        body.Position = 0;
        return (purpose ?? string.Empty, requiredLevel, subjects.Select(s => s?.NationalId).OfType<string>().ToList());
    }

    /// <summary>What a replay checks and audits of a single query (<see cref="ReciprocityQuery"/>).</summary>
    private sealed record QueryTerms(string? Purpose, ClearanceLevel? RequiredLevel, SubjectTerms? Subject);

    /// <summary>What a replay checks and audits of a batch (<see cref="ReciprocityBatchQuery"/>).</summary>
    private sealed record BatchTerms(string? Purpose, ClearanceLevel? RequiredLevel, IReadOnlyList<SubjectTerms?>? Subjects);

    private sealed record SubjectTerms(string? NationalId);

    private static async Task ReplayAsync(HttpContext context, StoredAnswer answer)
    {
        var response = context.Response;
        response.StatusCode = answer.StatusCode;
        response.ContentType = answer.ContentType;
        if (answer.Location is { } location)
        {
            response.Headers.Location = location;
        }

        if (answer.ETag is { } etag)
        {
            response.Headers.ETag = etag;
        }

        response.Headers[ReplayedHeader] = "true";
        await response.WriteAsync(answer.Body, context.RequestAborted);
    }

    private static Task ProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }

    private static string? Header(Microsoft.Extensions.Primitives.StringValues value) => value.Count == 0 ? null : value.ToString();
}
