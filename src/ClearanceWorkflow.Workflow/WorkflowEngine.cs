namespace ClearanceWorkflow.Workflow;

/// <summary>Decides whether an actor may perform an action on an instance, and what the action does.</summary>
public static class WorkflowEngine
{
    /// <summary>
    /// Checks, in order: the action exists, the actor holds one of its roles, the ownership rule (unless the actor
    /// holds an exempt role or the instance is in an exempt stage), separation of duties, the instance's stage, its status,
    /// then each guard. The first failing check decides. Of an action with variants, the one that may start in the
    /// instance's stage is checked.
    /// </summary>
    public static async ValueTask<ActionDecision> DecideAsync(
        WorkflowDefinition definition, WorkflowInstance instance, string action, WorkflowActor actor, IGuardEvaluator guards, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(guards);
        if (definition.FindAction(action, instance.Stage) is not { } found)
        {
            return new ActionDecision(ActionVerdict.UnknownAction, null, $"unknown action '{action}'");
        }

        if (Refusal(definition, found, instance, actor) is { } refusal)
        {
            return refusal;
        }

        foreach (var guard in found.Guards)
        {
            var result = await guards.EvaluateAsync(guard, cancellationToken);
            if (!result.Passed)
            {
                var reason = result.Reason ?? $"guard '{guard}' failed";
                return result.Errors is null
                    ? new ActionDecision(ActionVerdict.Conflict, found, reason)
                    : new ActionDecision(ActionVerdict.Invalid, found, reason, result.Errors);
            }
        }

        return new ActionDecision(ActionVerdict.Allowed, found, null);
    }

    /// <summary>The transition an allowed action causes.</summary>
    public static Transition TransitionFor(WorkflowDefinition definition, WorkflowInstance instance, ActionDefinition action)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(action);
        var toStage = action.To ?? instance.Stage;
        var effects = toStage == instance.Stage ? [] : definition.Stage(toStage).OnEnter;
        return new Transition(action.Name, instance.Stage, toStage, instance.Status, action.Status ?? instance.Status, effects);
    }

    /// <summary>The actions the actor may perform now (every check, guards included, passes), in definition order.</summary>
    public static async ValueTask<IReadOnlyList<string>> AvailableActionsAsync(
        WorkflowDefinition definition, WorkflowInstance instance, WorkflowActor actor, IGuardEvaluator guards, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var available = new List<string>();
        foreach (var action in definition.ActionNames)
        {
            if ((await DecideAsync(definition, instance, action, actor, guards, cancellationToken)).IsAllowed)
            {
                available.Add(action);
            }
        }

        return available;
    }

    // The checks before the guards; null when they all pass.
    private static ActionDecision? Refusal(WorkflowDefinition definition, ActionDefinition action, WorkflowInstance instance, WorkflowActor actor)
    {
        if (!action.Roles.Any(actor.Roles.Contains))
        {
            return Refuse(ActionVerdict.Forbidden, $"action '{action.Name}' requires one of the roles {Quoted(action.Roles, "or")}");
        }

        if (!action.OwnershipExemptRoles.Any(actor.Roles.Contains) && !action.OwnershipExemptStages.Contains(instance.Stage)
            && OwnershipRefusal(action, instance, actor) is { } ownership)
        {
            return Refuse(ActionVerdict.Forbidden, ownership);
        }

        if (action.SeparateFrom.FirstOrDefault(a => instance.History.Any(h => h.Action == a && h.Actor == actor.Id)) is { } performed)
        {
            return Refuse(ActionVerdict.Forbidden, $"action '{action.Name}' may not be performed by an actor who performed '{performed}' on this case");
        }

        if (!action.From.Contains(instance.Stage))
        {
            var from = definition.Actions.Where(a => a.Name == action.Name).SelectMany(a => a.From).Distinct(StringComparer.Ordinal);
            return Refuse(ActionVerdict.Conflict, $"action '{action.Name}' is not available in stage '{instance.Stage}' (only in {Quoted(from, "or")})");
        }

        if (action.WhenStatus.Count > 0 && !action.WhenStatus.Contains(instance.Status))
        {
            return Refuse(ActionVerdict.Conflict, $"action '{action.Name}' requires status {Quoted(action.WhenStatus, "or")}, but the status is '{instance.Status}'");
        }

        return null;

        ActionDecision Refuse(ActionVerdict verdict, string reason) => new(verdict, action, reason);
    }

    private static string? OwnershipRefusal(ActionDefinition action, WorkflowInstance instance, WorkflowActor actor) => action.Ownership.Kind switch
    {
        OwnershipKind.Subject when instance.OwnerId != actor.Id =>
            $"action '{action.Name}' may only be performed by the case's subject",
        OwnershipKind.Assigned when instance.AssigneeId != actor.Id =>
            $"action '{action.Name}' may only be performed by the case's assignee",
        OwnershipKind.NotActorOf when instance.History.LastOrDefault(h => h.Action == action.Ownership.Action)?.Actor == actor.Id =>
            $"action '{action.Name}' may not be performed by the actor who performed '{action.Ownership.Action}'",
        _ => null,
    };

    private static string Quoted(IEnumerable<string> names, string conjunction)
    {
        var quoted = names.Select(n => $"'{n}'").ToArray();
        return quoted.Length < 2 ? string.Concat(quoted) : $"{string.Join(", ", quoted[..^1])} {conjunction} {quoted[^1]}";
    }
}
