using System.Text.Json;
using ClearanceWorkflow.Application.Common;

namespace ClearanceWorkflow.Api.Endpoints;

internal static class EndpointExtensions
{
    /// <summary>Allows any one of the roles; each role is also a named policy of its own.</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy.RequireAuthenticatedUser().RequireRole(roles));

    /// <summary>An optional JSON body, read with the service's limits; malformed JSON is a 400.</summary>
    public static async Task<JsonElement?> ReadOptionalJsonAsync(this HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0)
        {
            return null;
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 32 }, cancellationToken);
            return document.RootElement.ValueKind == JsonValueKind.Null ? null : document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw RequestValidationException.For("body", "The body is not valid JSON: " + ex.Message.Split(" Path:")[0]);
        }
    }
}
