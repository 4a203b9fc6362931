using System.Text.Json;
using ClearanceWorkflow.Application.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace ClearanceWorkflow.Api.Endpoints;

internal static partial class EndpointExtensions
{
    private const string ProblemJson = "application/problem+json";

    /// <summary>Allows any one of the roles; the caller without a token gets 401, one without the role 403 (both documented).</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy.RequireAuthenticatedUser().RequireRole(roles))
            .Problems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);

    /// <summary>Documents the error responses, as problem details; a 400 carries the <c>errors</c> map.</summary>
    public static TBuilder Problems<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata([.. statuses.Select(status => new ProducesResponseTypeMetadata(
            status, status == StatusCodes.Status400BadRequest ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails), [ProblemJson]))]);

    /// <summary>
    /// The entity tags of <c>If-Match</c> (RFC 9110 13.1.1), as sent; null without the header or with <c>*</c>
    /// (the case exists once it is loaded). A weak tag never matches (strong comparison). Malformed: 400.
    /// </summary>
    public static IReadOnlyList<string>? IfMatchTags(this HttpRequest request)
    {
        var values = request.Headers.IfMatch;
        if (values.Count == 0)
        {
            return null;
        }

        // "*" stands alone (If-Match = "*" / #entity-tag): in a list it would switch the check off for the whole list.
        if (!EntityTagHeaderValue.TryParseStrictList(values, out var tags) || tags.Count == 0
            || (tags.Count > 1 && tags.Any(t => t.Equals(EntityTagHeaderValue.Any))))
        {
            throw RequestValidationException.For("If-Match", "If-Match must be * or a list of entity tags, such as \"7\".");
        }

        return tags[0].Equals(EntityTagHeaderValue.Any) ? null : [.. tags.Select(t => t.ToString())];
    }

    /// <summary>
    /// Dates and times in the query as the contract writes them: a date <c>yyyy-MM-dd</c>, a time ISO 8601 with <c>Z</c>
    /// or an offset, each once. The binder reads more (<c>5/6/2026</c>, <c>Jan 5</c>, a time without a zone, and a
    /// parameter sent twice joined as <c>1,2</c>); those are 400 here, with the binder's own words.
    /// </summary>
    public static EndpointFilterDelegate StrictQueryDates(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var dates = context.MethodInfo.GetParameters()
            .Select(p => (Name: p.Name!, Type: Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType))
            .Where(p => p.Type == typeof(DateOnly) || p.Type == typeof(DateTimeOffset))
            .ToArray();
        if (dates.Length == 0)
        {
            return next;
        }

        return invocation =>
        {
            var query = invocation.HttpContext.Request.Query;
            foreach (var (name, type) in dates)
            {
                if (query.TryGetValue(name, out var values)
                    && (values.Count != 1 || !(type == typeof(DateOnly) ? IsoDate(values[0]) : IsoTime(values[0]))))
                {
                    throw RequestValidationException.For(name, type == typeof(DateOnly) ? "not a valid date (yyyy-MM-dd)" : "not a valid date and time (ISO 8601)");
                }
            }

            return next(invocation);
        };

        // The binder has read the value already; only its form is checked here.
        static bool IsoDate(string? value) => value is not null && IsoDateForm().IsMatch(value);

        static bool IsoTime(string? value) => value is not null && IsoTimeForm().IsMatch(value);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}\z")]
    private static partial System.Text.RegularExpressions.Regex IsoDateForm();

    /// <summary>RFC 3339: a time with seconds optional, any fraction of them, and Z or an offset.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:\d{2})\z")]
    private static partial System.Text.RegularExpressions.Regex IsoTimeForm();

    /// <summary>An optional JSON body, read with the service's limits; malformed JSON (a property twice, too) is a 400, a body that is not JSON a 415.</summary>
    public static async Task<JsonElement?> ReadOptionalJsonAsync(this HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0)
        {
            return null;
        }

        if (request.ContentLength is null)
        {
            // No Content-Length (chunked, or a bare `curl -X POST`): an empty body is no body too.
            request.EnableBuffering();
            var first = new byte[1];
            if (await request.Body.ReadAsync(first, cancellationToken) == 0)
            {
                return null;
            }

            request.Body.Position = 0;
        }

        if (!request.HasJsonContentType())
        {
            // As the routes that bind their body answer: a body is JSON, and says so.
            throw new UnsupportedMediaTypeException();
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false }, cancellationToken);
            return document.RootElement.ValueKind == JsonValueKind.Null ? null : document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw RequestValidationException.For("body", "The body is not valid JSON: " + ex.Message.Split(" Path:")[0]);
        }
        catch (InvalidOperationException)
        {
            // The duplicate check unescapes every property name; one escaping a lone surrogate ("\udc00") has no text.
            throw RequestValidationException.For("body", "The body is not valid JSON: a property name is not valid UTF-16 text.");
        }
    }
}

/// <summary>A request body that is not <c>application/json</c>: 415.</summary>
public sealed class UnsupportedMediaTypeException() : Exception("The request body must be JSON, sent with Content-Type: application/json.");
