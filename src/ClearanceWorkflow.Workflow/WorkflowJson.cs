using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClearanceWorkflow.Workflow;

/// <summary>
/// A definition file as written. System.Text.Json checks its syntax, types, required and unknown properties;
/// <see cref="WorkflowValidator"/> checks what it means. Array elements may be null: the serializer does not check them.
/// </summary>
internal sealed record WorkflowJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        RespectNullableAnnotations = true,
    };

    public required string Name { get; init; }

    public required int Version { get; init; }

    public string? Description { get; init; }

    public required string InitialStage { get; init; }

    public required string InitialStatus { get; init; }

    public required IReadOnlyList<string?> Statuses { get; init; }

    public required IReadOnlyList<StageJson?> Stages { get; init; }

    public required IReadOnlyList<ActionJson?> Actions { get; init; }

    /// <summary>Deserializes a definition; the first JSON error stops reading and is returned with its path.</summary>
    public static bool TryRead(
        string json, string file, [NotNullWhen(true)] out WorkflowJson? definition, [NotNullWhen(false)] out WorkflowDefinitionError? error)
    {
        error = null;
        try
        {
            definition = JsonSerializer.Deserialize<WorkflowJson>(json, Options);
            error = definition is null ? new(file, "$", "expected an object but found null") : null;
        }
        catch (JsonException e)
        {
            // The serializer appends the path and position to its message; a reader error (bad syntax) is the inner one.
            var reason = e.Message.Split(" Path: ", 2)[0];
            var message = e.InnerException is JsonException
                ? string.Create(CultureInfo.InvariantCulture, $"malformed JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {reason}")
                : reason;
            definition = null;
            error = new(file, e.Path ?? "$", message);
        }

        return definition is not null;
    }
}

internal sealed record StageJson
{
    public required string Name { get; init; }

    public bool Terminal { get; init; }

    public string? Sla { get; init; }

    public IReadOnlyList<string?> OnEnter { get; init; } = [];
}

internal sealed record ActionJson
{
    public required string Name { get; init; }

    public required IReadOnlyList<string?> From { get; init; }

    public string? To { get; init; }

    public string? Status { get; init; }

    public IReadOnlyList<string?> WhenStatus { get; init; } = [];

    public required IReadOnlyList<string?> Roles { get; init; }

    public string? Ownership { get; init; }

    public IReadOnlyList<string?> OwnershipExemptRoles { get; init; } = [];

    public IReadOnlyList<string?> OwnershipExemptStages { get; init; } = [];

    public IReadOnlyList<string?> Guards { get; init; } = [];

    public IReadOnlyList<string?> SeparateFrom { get; init; } = [];

    public bool Automatic { get; init; }

    public required string Request { get; init; }
}
