namespace ClearanceWorkflow.Workflow;

/// <summary>Who is acting, with the roles they hold.</summary>
public sealed record WorkflowActor(string Id, IReadOnlySet<string> Roles);

/// <summary>An action performed on an instance, and by whom.</summary>
public sealed record WorkflowHistoryItem(string Action, string Actor);

/// <summary>
/// The state of one instance as the engine sees it. <c>OwnerId</c> (the subject) and <c>AssigneeId</c> are checked by
/// the <c>subject</c> and <c>assigned</c> ownership rules; <c>History</c> holds performed actions, oldest first, for <c>notActorOf</c>.
/// </summary>
public sealed record WorkflowInstance(string Stage, string Status, string? OwnerId, string? AssigneeId, IReadOnlyList<WorkflowHistoryItem> History);

/// <summary>
/// The outcome of a guard: <c>Reason</c> says why it failed; <c>Errors</c> (validation errors by field), when set,
/// make the action <see cref="ActionVerdict.Invalid"/> rather than a conflict.
/// </summary>
public sealed record GuardResult(bool Passed, string? Reason = null, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static readonly GuardResult Pass = new(true);

    public static GuardResult Fail(string reason) => new(false, reason);

    public static GuardResult Invalid(string reason, IReadOnlyDictionary<string, string[]> errors) => new(false, reason, errors);
}

/// <summary>Evaluates named guards for one instance; implemented by the host.</summary>
public interface IGuardEvaluator
{
    ValueTask<GuardResult> EvaluateAsync(string guard, CancellationToken cancellationToken);
}

public enum ActionVerdict
{
    Allowed,
    /// <summary>The definition has no such action: HTTP 404 when no version has it, else 409 or 403 (the host decides).</summary>
    UnknownAction,
    /// <summary>The actor lacks a role or fails the ownership rule (HTTP 403).</summary>
    Forbidden,
    /// <summary>The instance's stage, status or a guard does not allow the action now (HTTP 409).</summary>
    Conflict,
    /// <summary>A guard reported validation errors (HTTP 400).</summary>
    Invalid,
}

public sealed record ActionDecision(ActionVerdict Verdict, ActionDefinition? Action, string? Reason, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public bool IsAllowed => Verdict == ActionVerdict.Allowed;
}

/// <summary>What an allowed action does to an instance; <c>Effects</c> are the target stage's <c>onEnter</c> effects when the stage changes, else empty.</summary>
public sealed record Transition(string Action, string FromStage, string ToStage, string FromStatus, string ToStatus, IReadOnlyList<string> Effects)
{
    public bool StageChanged => FromStage != ToStage;
}
