namespace ClearanceWorkflow.Workflow;

/// <summary>One problem in a definition file; <c>JsonPath</c> says where, e.g. <c>$.actions[3].guards[0]</c>.</summary>
public sealed record WorkflowDefinitionError(string File, string JsonPath, string Message)
{
    public override string ToString() => $"{File}: {JsonPath}: {Message}";
}

/// <summary>Thrown when definition files are invalid; carries every error found, not just the first.</summary>
public sealed class WorkflowDefinitionException : Exception
{
    public WorkflowDefinitionException(IEnumerable<WorkflowDefinitionError> errors)
        : this(errors?.ToArray() ?? throw new ArgumentNullException(nameof(errors)))
    {
    }

    private WorkflowDefinitionException(WorkflowDefinitionError[] errors)
        : base(Format(errors)) => Errors = errors;

    public IReadOnlyList<WorkflowDefinitionError> Errors { get; }

    private static string Format(WorkflowDefinitionError[] errors) =>
        $"Invalid workflow definition ({errors.Length} error{(errors.Length == 1 ? "" : "s")}):\n" + string.Join('\n', errors);
}
