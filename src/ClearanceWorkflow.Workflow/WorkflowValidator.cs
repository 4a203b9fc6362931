using System.Text.RegularExpressions;

namespace ClearanceWorkflow.Workflow;

/// <summary>Checks what a deserialized definition means and builds the model, collecting every error with its JSON path.</summary>
internal sealed partial class WorkflowValidator(string file, WorkflowEnvironment environment)
{
    private const string NotActorOfPrefix = "notActorOf:";

    /// <summary>The role the host performs automatic actions as.</summary>
    private const string SystemRole = "system";

    private readonly List<WorkflowDefinitionError> errors = [];
    private readonly Dictionary<string, StageDefinition> stages = new(StringComparer.Ordinal);
    private readonly HashSet<string> statuses = new(StringComparer.Ordinal);

    // Set when a stage, a reference to one or an array element is wrong; graph checks would then only report noise.
    private bool brokenGraph;

    public IReadOnlyList<WorkflowDefinitionError> Errors => errors;

    /// <summary>Names are stored in 64-character columns; an action's also as <c>case.{name}</c> in the audit trail.</summary>
    public const int MaxNameLength = 64;

    public const int MaxActionNameLength = MaxNameLength - 5;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    public WorkflowDefinition? Validate(WorkflowJson doc)
    {
        CheckName(doc.Name, "$.name", "workflow");
        if (doc.Version < 1)
        {
            Error("$.version", $"version must be at least 1, got {doc.Version}");
        }

        var statusList = new List<string>();
        foreach (var (status, path) in Items(doc.Statuses, "$", "statuses", nonEmpty: true))
        {
            if (!CheckName(status, path, "status"))
            {
                continue;
            }

            if (statuses.Add(status))
            {
                statusList.Add(status);
            }
            else
            {
                Error(path, $"duplicate status '{status}'");
            }
        }

        var stageList = ReadStages(doc.Stages);
        CheckStage(doc.InitialStage, "$.initialStage");
        CheckStatus(doc.InitialStatus, "$.initialStatus");
        var actions = ReadActions(doc.Actions);
        CheckGraph(doc.InitialStage, stageList, actions);

        return errors.Count > 0 ? null : new WorkflowDefinition(
            doc.Name, doc.Version, doc.Description, doc.InitialStage, doc.InitialStatus,
            statusList, [.. stageList.Select(s => s.Stage)], actions);
    }

    private List<(StageDefinition Stage, string Path)> ReadStages(IReadOnlyList<StageJson?> items)
    {
        var list = new List<(StageDefinition, string)>();
        foreach (var (stage, path) in Items(items, "$", "stages", nonEmpty: true))
        {
            var validName = CheckName(stage.Name, $"{path}.name", "stage");
            TimeSpan? sla = null;
            if (stage.Sla is { } text)
            {
                if (IsoDuration.TryParse(text, out var duration, out var problem))
                {
                    sla = duration;
                }
                else
                {
                    Error($"{path}.sla", problem);
                }
            }

            var onEnter = Known(stage.OnEnter, path, "onEnter", environment.Effects, "effect", nonEmpty: false);
            if (!validName)
            {
                brokenGraph = true;
            }
            else if (stages.ContainsKey(stage.Name))
            {
                Error($"{path}.name", $"duplicate stage '{stage.Name}'");
                brokenGraph = true;
            }
            else
            {
                var definition = new StageDefinition(stage.Name, stage.Terminal, sla, onEnter);
                stages.Add(stage.Name, definition);
                list.Add((definition, path));
            }
        }

        return list;
    }

    private List<ActionDefinition> ReadActions(IReadOnlyList<ActionJson?> items)
    {
        var list = new List<ActionDefinition>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var variantStages = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var notActorOf = new List<(string Action, string Path)>();
        foreach (var (action, path) in Items(items, "$", "actions", nonEmpty: false))
        {
            var from = Items(action.From, path, "from", nonEmpty: true);
            if (CheckName(action.Name, $"{path}.name", "action") && !names.Add(action.Name)
                && from.Any(f => variantStages[action.Name].Contains(f.Value)))
            {
                Error($"{path}.name", $"duplicate action '{action.Name}': variants of an action must start from different stages");
            }

            if (variantStages.TryGetValue(action.Name, out var taken))
            {
                taken.UnionWith(from.Select(f => f.Value));
            }
            else
            {
                variantStages[action.Name] = [.. from.Select(f => f.Value)];
            }

            foreach (var (stage, stagePath) in from)
            {
                if (CheckStage(stage, stagePath) is { Terminal: true })
                {
                    Error(stagePath, $"stage '{stage}' is terminal; no action may start from it");
                }
            }

            if (action.To is not null)
            {
                CheckStage(action.To, $"{path}.to");
            }

            if (action.Status is not null)
            {
                CheckStatus(action.Status, $"{path}.status");
            }

            var whenStatus = Items(action.WhenStatus, path, "whenStatus", nonEmpty: false);
            foreach (var (status, statusPath) in whenStatus)
            {
                CheckStatus(status, statusPath);
            }

            var roles = Known(action.Roles, path, "roles", environment.Roles, "role", nonEmpty: true);
            if (action.Automatic)
            {
                // The host performs it as the system after every action; one that stays allowed would run for ever.
                if (!roles.Contains(SystemRole, StringComparer.Ordinal))
                {
                    Error($"{path}.roles", $"an automatic action is performed by the system: its roles must include '{SystemRole}'");
                }

                var moves = action.To is { } to && !from.Exists(f => f.Value == to);
                var settles = action.Status is { } status && whenStatus.Count > 0 && !whenStatus.Exists(w => w.Value == status);
                if (!moves && !settles)
                {
                    Error($"{path}.automatic", "an automatic action must take the case out of where it is allowed: a 'to' stage it does not start from, or a 'status' outside its 'whenStatus'");
                }
            }
            var ownership = Ownership(action.Ownership, $"{path}.ownership");
            if (ownership is { Kind: OwnershipKind.NotActorOf, Action: { } target })
            {
                notActorOf.Add((target, $"{path}.ownership"));
            }

            var separateFrom = Items(action.SeparateFrom, path, "separateFrom", nonEmpty: false);
            notActorOf.AddRange(separateFrom);
            var exempt = Known(action.OwnershipExemptRoles, path, "ownershipExemptRoles", environment.Roles, "role", nonEmpty: false);
            var exemptStages = Items(action.OwnershipExemptStages, path, "ownershipExemptStages", nonEmpty: false);
            foreach (var (stage, stagePath) in exemptStages.Where(s => !from.Exists(f => f.Value == s.Value)))
            {
                Error(stagePath, $"stage '{stage}' is not one the action starts from");
            }

            if (exemptStages.Count > 0 && ownership is { Kind: OwnershipKind.Any })
            {
                Error($"{path}.ownershipExemptStages", "an action without an ownership rule has nothing to exempt a stage from");
            }

            var guards = Known(action.Guards, path, "guards", environment.Guards, "guard", nonEmpty: false);
            if (!environment.Requests.Contains(action.Request))
            {
                Error($"{path}.request", $"request '{action.Request}' has no handler");
            }

            // Added even when broken, so the graph checks see its stages; a broken definition is never returned.
            list.Add(new ActionDefinition(
                action.Name, [.. from.Select(f => f.Value)], action.To, action.Status, [.. whenStatus.Select(s => s.Value)],
                roles, ownership ?? OwnershipRule.Any, exempt, [.. exemptStages.Select(s => s.Value)], guards, action.Request)
            {
                SeparateFrom = [.. separateFrom.Select(s => s.Value)],
                Automatic = action.Automatic,
            });
        }

        // The host performs automatic actions by name: a name's variants are all automatic, or none is.
        foreach (var mixed in list.GroupBy(a => a.Name, StringComparer.Ordinal).Where(g => g.Select(a => a.Automatic).Distinct().Count() > 1))
        {
            Error("$.actions", $"action '{mixed.Key}' is automatic in some variants and not in others: the host would perform the others as the system");
        }

        CheckAutomaticCycles(list);

        foreach (var (target, path) in notActorOf.Where(n => !names.Contains(n.Action) && !environment.HostActions.Contains(n.Action)))
        {
            Error(path, path.EndsWith(".ownership", StringComparison.Ordinal)
                ? $"ownership rule 'notActorOf:{target}' refers to unknown action '{target}'"
                : $"separateFrom refers to unknown action '{target}'");
        }

        return list;
    }

    /// <summary>
    /// The host performs one automatic action after another while one is allowed, so none may lead back, alone or with
    /// others, to a stage and status where one of them is allowed again: the host would perform them without end.
    /// </summary>
    private void CheckAutomaticCycles(List<ActionDefinition> actions)
    {
        var next = new Dictionary<(string Stage, string Status), List<(string Stage, string Status)>>();
        foreach (var action in actions.Where(a => a.Automatic))
        {
            foreach (var stage in action.From)
            {
                foreach (var status in action.WhenStatus.Count > 0 ? action.WhenStatus : [.. statuses])
                {
                    (string Stage, string Status) from = (stage, status), to = (action.To ?? stage, action.Status ?? status);
                    if (to != from)
                    {
                        if (!next.TryGetValue(from, out var targets))
                        {
                            next[from] = targets = [];
                        }

                        targets.Add(to);
                    }
                }
            }
        }

        var done = new HashSet<(string, string)>();
        var onPath = new List<(string Stage, string Status)>();
        bool Loops((string Stage, string Status) at)
        {
            if (onPath.Contains(at))
            {
                Error("$.actions", $"automatic actions lead back to stage '{at.Stage}' with status '{at.Status}' ({string.Join(" → ", onPath.SkipWhile(p => p != at).Append(at).Select(p => $"{p.Stage}/{p.Status}"))}): the host would perform them without end");
                return true;
            }

            if (!done.Add(at) || !next.TryGetValue(at, out var targets))
            {
                return false;
            }

            onPath.Add(at);
            var loops = targets.Exists(Loops);
            onPath.RemoveAt(onPath.Count - 1);
            return loops;
        }

        foreach (var start in next.Keys.ToList())
        {
            if (Loops(start))
            {
                return;
            }
        }
    }

    private OwnershipRule? Ownership(string? text, string path)
    {
        switch (text)
        {
            case null or "any":
                return OwnershipRule.Any;
            case "subject":
                return new OwnershipRule(OwnershipKind.Subject, null);
            case "assigned":
                return new OwnershipRule(OwnershipKind.Assigned, null);
            case not null when text.StartsWith(NotActorOfPrefix, StringComparison.Ordinal) && text.Length > NotActorOfPrefix.Length:
                return new OwnershipRule(OwnershipKind.NotActorOf, text[NotActorOfPrefix.Length..]);
            default:
                Error(path, $"unknown ownership rule '{text}' (expected any, subject, assigned or notActorOf:<action>)");
                return null;
        }
    }

    private void CheckGraph(string initialStage, List<(StageDefinition Stage, string Path)> stageList, List<ActionDefinition> actions)
    {
        if (stageList.Count == 0 || brokenGraph)
        {
            return;
        }

        var hasTerminal = stageList.Any(s => s.Stage.Terminal);
        if (!hasTerminal)
        {
            Error("$.stages", "no terminal stage");
        }

        var exits = stageList.ToDictionary(s => s.Stage.Name, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var action in actions.Where(a => a.To is not null))
        {
            foreach (var from in action.From.Where(f => f != action.To))
            {
                exits[from].Add(action.To!);
            }
        }

        var reachable = Reachable(initialStage, exits);
        foreach (var (stage, path) in stageList)
        {
            if (!reachable.Contains(stage.Name))
            {
                Error(path, $"stage '{stage.Name}' cannot be reached from '{initialStage}'");
            }

            if (stage.Terminal)
            {
                continue;
            }

            if (exits[stage.Name].Count == 0)
            {
                Error(path, $"stage '{stage.Name}' is not terminal and has no action leading out of it");
            }
            else if (hasTerminal && !Reachable(stage.Name, exits).Any(s => stages[s].Terminal))
            {
                Error(path, $"no terminal stage can be reached from stage '{stage.Name}'");
            }
        }
    }

    private static HashSet<string> Reachable(string start, Dictionary<string, List<string>> exits)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { start };
        var queue = new Queue<string>(seen);
        while (queue.TryDequeue(out var stage))
        {
            foreach (var next in exits[stage].Where(seen.Add))
            {
                queue.Enqueue(next);
            }
        }

        return seen;
    }

    private StageDefinition? CheckStage(string name, string path)
    {
        if (stages.TryGetValue(name, out var stage))
        {
            return stage;
        }

        Error(path, $"unknown stage '{name}'");
        brokenGraph = true;
        return null;
    }

    private void CheckStatus(string name, string path)
    {
        if (!statuses.Contains(name))
        {
            Error(path, $"unknown status '{name}'");
        }
    }

    private bool CheckName(string name, string path, string kind)
    {
        var max = kind == "action" ? MaxActionNameLength : MaxNameLength;
        if (name.Length > max)
        {
            Error(path, $"{kind} name '{name[..max]}…' is longer than {max} characters");
            return false;
        }

        if (NamePattern().IsMatch(name))
        {
            return true;
        }

        Error(path, name.Length == 0
            ? $"{kind} name must not be empty"
            : $"{kind} name '{name}' must start with a letter and contain only letters, digits, '-' and '_'");
        return false;
    }

    private string[] Known(IReadOnlyList<string?> names, string parent, string property, IReadOnlySet<string> known, string kind, bool nonEmpty)
    {
        var items = Items(names, parent, property, nonEmpty);
        foreach (var (name, path) in items.Where(i => !known.Contains(i.Value)))
        {
            Error(path, $"unknown {kind} '{name}'");
        }

        return [.. items.Select(i => i.Value)];
    }

    // The non-null elements of an array property with their paths; reports null elements and, if asked, an empty array.
    private List<(T Value, string Path)> Items<T>(IReadOnlyList<T?> list, string parent, string property, bool nonEmpty)
        where T : class
    {
        var path = $"{parent}.{property}";
        if (nonEmpty && list.Count == 0)
        {
            Error(path, $"'{property}' must not be empty");
        }

        var items = new List<(T, string)>();
        foreach (var (item, itemPath) in list.Select((item, index) => (item, $"{path}[{index}]")))
        {
            if (item is null)
            {
                Error(itemPath, $"expected {(typeof(T) == typeof(string) ? "a string" : "an object")} but found null");
                brokenGraph = true;
            }
            else
            {
                items.Add((item, itemPath));
            }
        }

        return items;
    }

    private void Error(string path, string message) => errors.Add(new WorkflowDefinitionError(file, path, message));
}
