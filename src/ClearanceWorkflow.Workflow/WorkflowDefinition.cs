namespace ClearanceWorkflow.Workflow;

/// <summary>A validated workflow definition, loaded from one JSON file.</summary>
public sealed record WorkflowDefinition(
    string Name,
    int Version,
    string? Description,
    string InitialStage,
    string InitialStatus,
    IReadOnlyList<string> Statuses,
    IReadOnlyList<StageDefinition> Stages,
    IReadOnlyList<ActionDefinition> Actions)
{
    /// <summary>The stage with this name; throws <see cref="KeyNotFoundException"/> if there is none.</summary>
    public StageDefinition Stage(string name) =>
        FindStage(name) ?? throw new KeyNotFoundException($"workflow '{Name}' version {Version} has no stage '{name}'");

    public StageDefinition? FindStage(string name) => Stages.FirstOrDefault(s => s.Name == name);

    /// <summary>The first action with this name; an action may have variants for different stages (see <see cref="FindAction(string, string)"/>).</summary>
    public ActionDefinition? FindAction(string name) => Actions.FirstOrDefault(a => a.Name == name);

    /// <summary>The variant of the named action that may start in <paramref name="stage"/>, else its first variant; null when there is no such action.</summary>
    public ActionDefinition? FindAction(string name, string stage) =>
        Actions.FirstOrDefault(a => a.Name == name && a.From.Contains(stage)) ?? FindAction(name);

    /// <summary>The action names, each once, in definition order.</summary>
    public IEnumerable<string> ActionNames => Actions.Select(a => a.Name).Distinct(StringComparer.Ordinal);

    /// <summary>The actions that may start in this stage, in definition order.</summary>
    public IEnumerable<ActionDefinition> ActionsFrom(string stage) => Actions.Where(a => a.From.Contains(stage));
}

/// <summary>
/// A stage. <c>Sla</c>: how long a case should stay in it, parsed from an ISO 8601 duration.
/// <c>OnEnter</c>: effects the host runs when an action moves a case into it.
/// </summary>
public sealed record StageDefinition(string Name, bool Terminal, TimeSpan? Sla, IReadOnlyList<string> OnEnter);

/// <summary>
/// An action. <c>To</c>: target stage, null to stay. <c>Status</c>: new status, null to keep it.
/// <c>WhenStatus</c>: statuses the case must be in, empty for any. <c>OwnershipExemptRoles</c> / <c>OwnershipExemptStages</c>:
/// an actor holding one of those roles, or a case in one of those stages, skips the ownership rule.
/// <c>Request</c>: the host request that carries out the step.
/// <c>SeparateFrom</c>: actions whose performers, at any time on the instance, may not perform this one (separation of duties).
/// <c>Automatic</c>: the host performs the action itself, as soon as it is allowed, after any other action.
/// </summary>
public sealed record ActionDefinition(
    string Name,
    IReadOnlyList<string> From,
    string? To,
    string? Status,
    IReadOnlyList<string> WhenStatus,
    IReadOnlyList<string> Roles,
    OwnershipRule Ownership,
    IReadOnlyList<string> OwnershipExemptRoles,
    IReadOnlyList<string> OwnershipExemptStages,
    IReadOnlyList<string> Guards,
    string Request)
{
    public IReadOnlyList<string> SeparateFrom { get; init; } = [];

    public bool Automatic { get; init; }
}

public enum OwnershipKind
{
    /// <summary>Anyone holding one of the roles.</summary>
    Any,
    /// <summary>Only the case's owner (its subject).</summary>
    Subject,
    /// <summary>Only the case's assignee.</summary>
    Assigned,
    /// <summary>Anyone except the actor who most recently performed <see cref="OwnershipRule.Action"/>.</summary>
    NotActorOf,
}

/// <summary>Who may perform an action; <c>Action</c> is the action named by <see cref="OwnershipKind.NotActorOf"/>, else null.</summary>
public sealed record OwnershipRule(OwnershipKind Kind, string? Action)
{
    public static readonly OwnershipRule Any = new(OwnershipKind.Any, null);

    /// <summary>The rule as written in a definition file, e.g. <c>notActorOf:deny</c>.</summary>
    public override string ToString() => Kind switch
    {
        OwnershipKind.Subject => "subject",
        OwnershipKind.Assigned => "assigned",
        OwnershipKind.NotActorOf => $"notActorOf:{Action}",
        _ => "any",
    };
}

/// <summary>The names the host application implements; definitions may only refer to these.</summary>
public sealed record WorkflowEnvironment(
    IReadOnlySet<string> Roles,
    IReadOnlySet<string> Guards,
    IReadOnlySet<string> Requests,
    IReadOnlySet<string> Effects)
{
    /// <summary>What the host puts in an instance's history besides the definition's actions (recording a finding); <c>separateFrom</c> and <c>notActorOf</c> may name them.</summary>
    public IReadOnlySet<string> HostActions { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}
