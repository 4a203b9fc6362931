using System.Text.Json;
using ClearanceWorkflow.Application.Common;
using FluentValidation;

namespace ClearanceWorkflow.Application.Workflows;

/// <summary>Reads an action's JSON body: 400 when it is not the expected shape, or when the action's validator refuses it.</summary>
public static class ActionBody
{
    public static TBody Read<TBody>(JsonElement? body)
    {
        try
        {
            var parsed = body is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } element
                ? element.Deserialize<TBody>(Json.Options)
                : JsonSerializer.Deserialize<TBody>("{}", Json.Options);
            return parsed ?? throw RequestValidationException.For("body", "A JSON object is required.");
        }
        catch (JsonException ex)
        {
            throw RequestValidationException.For(JsonPathToProperty(ex.Path), Json.Describe(ex));
        }
    }

    public static async Task<TBody> ReadAsync<TBody>(JsonElement? body, ActionContext context, IValidator<ActionInput<TBody>> validator, CancellationToken cancellationToken)
    {
        var payload = Read<TBody>(body);
        await Validation.ThrowIfInvalidAsync([validator], new ActionInput<TBody>(context, payload), cancellationToken);
        return payload;
    }

    private static string JsonPathToProperty(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');
}
