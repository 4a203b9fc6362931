using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClearanceWorkflow.Workflow;

/// <summary>Reads a definition from a parsed JSON document, collecting every error with its JSON path.</summary>
internal sealed partial class DefinitionParser(string file, WorkflowEnvironment environment)
{
    private static readonly string[] RootProperties = ["name", "version", "description", "initialStage", "initialStatus", "statuses", "stages", "actions"];
    private static readonly string[] StageProperties = ["name", "terminal", "sla", "onEnter"];
    private static readonly string[] ActionProperties = ["name", "from", "to", "status", "whenStatus", "roles", "ownership", "ownershipExemptRoles", "guards", "request"];

    private const string NotActorOfPrefix = "notActorOf:";

    private readonly List<WorkflowDefinitionError> errors = [];
    private readonly Dictionary<string, StageDefinition> stages = new(StringComparer.Ordinal);
    private readonly HashSet<string> statuses = new(StringComparer.Ordinal);

    // False when a stage entry could not be read.
    private bool stagesComplete = true;

    // Set when the stage graph could not be read completely; graph checks would then only report noise.
    private bool incompleteGraph;

    public IReadOnlyList<WorkflowDefinitionError> Errors => errors;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    public WorkflowDefinition? Read(JsonElement root)
    {
        if (ReadObject(root, "$", RootProperties) is not { } doc)
        {
            return null;
        }

        var name = CheckName(String(doc, "name", required: true), "$.name", "workflow");
        var version = Int(doc, "version", required: true);
        if (version < 1)
        {
            Error("$.version", $"version must be at least 1, got {version}");
        }

        var description = String(doc, "description", required: false);
        var statusList = ReadStatuses(doc);
        var stageList = ReadStages(doc);

        var initialStage = String(doc, "initialStage", required: true);
        if (initialStage is not null)
        {
            CheckStage(initialStage, "$.initialStage");
        }
        else
        {
            incompleteGraph = true;
        }

        var initialStatus = String(doc, "initialStatus", required: true);
        if (initialStatus is not null)
        {
            CheckStatus(initialStatus, "$.initialStatus");
        }

        var actions = ReadActions(doc);
        CheckGraph(initialStage, stageList, actions);

        return errors.Count > 0 ? null : new WorkflowDefinition(
            name!, version!.Value, description, initialStage!, initialStatus!,
            statusList, [.. stageList.Select(s => s.Stage)], actions);
    }

    private List<string> ReadStatuses(Node doc)
    {
        var list = new List<string>();
        foreach (var item in Strings(doc, "statuses", required: true, nonEmpty: true) ?? [])
        {
            if (CheckName(item.Value, item.Path, "status") is not { } status)
            {
                continue;
            }

            if (statuses.Add(status))
            {
                list.Add(status);
            }
            else
            {
                Error(item.Path, $"duplicate status '{status}'");
            }
        }

        return list;
    }

    private List<(StageDefinition Stage, string Path)> ReadStages(Node doc)
    {
        var list = new List<(StageDefinition, string)>();
        var items = Elements(doc, "stages", required: true, nonEmpty: true);
        if (items is null || items.Count == 0)
        {
            incompleteGraph = true;
            return list;
        }

        foreach (var (element, path) in items)
        {
            if (ReadObject(element, path, StageProperties) is not { } obj)
            {
                incompleteGraph = true;
                stagesComplete = false;
                continue;
            }

            var name = CheckName(String(obj, "name", required: true), $"{path}.name", "stage");
            var errorsBeforeTerminal = errors.Count;
            var terminal = Bool(obj, "terminal") ?? false;
            if (errors.Count > errorsBeforeTerminal)
            {
                incompleteGraph = true;
                stagesComplete = false;
            }

            TimeSpan? sla = null;
            if (String(obj, "sla", required: false) is { } text)
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

            var onEnter = Known(Strings(obj, "onEnter", required: false, nonEmpty: false), environment.Effects, "effect");
            if (name is null)
            {
                incompleteGraph = true;
                stagesComplete = false;
            }
            else if (stages.ContainsKey(name))
            {
                Error($"{path}.name", $"duplicate stage '{name}'");
                incompleteGraph = true;
            }
            else
            {
                var stage = new StageDefinition(name, terminal, sla, onEnter);
                stages.Add(name, stage);
                list.Add((stage, path));
            }
        }

        return list;
    }

    private List<ActionDefinition> ReadActions(Node doc)
    {
        var list = new List<ActionDefinition>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var notActorOf = new List<(string Action, string Path)>();
        foreach (var (element, path) in Elements(doc, "actions", required: true, nonEmpty: false) ?? [])
        {
            if (ReadObject(element, path, ActionProperties) is not { } obj)
            {
                incompleteGraph = true;
                continue;
            }

            var name = CheckName(String(obj, "name", required: true), $"{path}.name", "action");
            if (name is not null && !names.Add(name))
            {
                Error($"{path}.name", $"duplicate action '{name}'");
            }

            var errorsBeforeStages = errors.Count;
            var from = Strings(obj, "from", required: true, nonEmpty: true) ?? [];
            foreach (var item in from)
            {
                if (CheckStage(item.Value, item.Path) is { Terminal: true })
                {
                    Error(item.Path, $"stage '{item.Value}' is terminal; no action may start from it");
                }
            }

            var to = String(obj, "to", required: false);
            if (to is not null)
            {
                CheckStage(to, $"{path}.to");
            }

            if (errors.Count > errorsBeforeStages)
            {
                incompleteGraph = true;
            }

            var status = String(obj, "status", required: false);
            if (status is not null)
            {
                CheckStatus(status, $"{path}.status");
            }

            var whenStatus = Strings(obj, "whenStatus", required: false, nonEmpty: false) ?? [];
            foreach (var item in whenStatus)
            {
                CheckStatus(item.Value, item.Path);
            }

            var roles = Known(Strings(obj, "roles", required: true, nonEmpty: true), environment.Roles, "role");
            var ownership = Ownership(String(obj, "ownership", required: false), $"{path}.ownership");
            if (ownership is { Kind: OwnershipKind.NotActorOf, Action: { } target })
            {
                notActorOf.Add((target, $"{path}.ownership"));
            }

            var exempt = Known(Strings(obj, "ownershipExemptRoles", required: false, nonEmpty: false), environment.Roles, "role");
            var guards = Known(Strings(obj, "guards", required: false, nonEmpty: false), environment.Guards, "guard");
            var request = String(obj, "request", required: true);
            if (request is not null && !environment.Requests.Contains(request))
            {
                Error($"{path}.request", $"request '{request}' has no handler");
            }

            // Added even when broken, so the graph checks see its stages; a broken definition is never returned.
            list.Add(new ActionDefinition(
                name ?? "", [.. from.Select(f => f.Value)], to, status, [.. whenStatus.Select(s => s.Value)],
                roles, ownership ?? OwnershipRule.Any, exempt, guards, request ?? ""));
        }

        foreach (var (target, path) in notActorOf.Where(n => !names.Contains(n.Action)))
        {
            Error(path, $"ownership rule 'notActorOf:{target}' refers to unknown action '{target}'");
        }

        return list;
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

    private void CheckGraph(string? initialStage, List<(StageDefinition Stage, string Path)> stageList, List<ActionDefinition> actions)
    {
        if (stageList.Count == 0)
        {
            return;
        }

        var hasTerminal = stageList.Any(s => s.Stage.Terminal);
        if (!hasTerminal && stagesComplete)
        {
            Error("$.stages", "no terminal stage");
        }

        if (incompleteGraph || initialStage is null)
        {
            return;
        }

        var exits = stageList.ToDictionary(s => s.Stage.Name, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var action in actions)
        {
            foreach (var from in action.From.Where(f => action.To is not null && f != action.To))
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
        incompleteGraph = true;
        return null;
    }

    private void CheckStatus(string name, string path)
    {
        if (!statuses.Contains(name))
        {
            Error(path, $"unknown status '{name}'");
        }
    }

    private string? CheckName(string? name, string path, string kind)
    {
        if (name is null || NamePattern().IsMatch(name))
        {
            return name;
        }

        Error(path, name.Length == 0
            ? $"{kind} name must not be empty"
            : $"{kind} name '{name}' must start with a letter and contain only letters, digits, '-' and '_'");
        return null;
    }

    private string[] Known(List<Item>? items, IReadOnlySet<string> known, string kind)
    {
        foreach (var item in (items ?? []).Where(i => !known.Contains(i.Value)))
        {
            Error(item.Path, $"unknown {kind} '{item.Value}'");
        }

        return [.. (items ?? []).Select(i => i.Value)];
    }

    // JSON access: each reader reports missing properties and wrong types and returns null.

    private Node? ReadObject(JsonElement element, string path, string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            TypeError(path, "an object", element);
            return null;
        }

        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                Error(Child(path, property.Name), $"unknown property '{property.Name}'");
            }
            else if (!properties.TryAdd(property.Name, property.Value))
            {
                Error(Child(path, property.Name), $"duplicate property '{property.Name}'");
            }
        }

        return new Node(path, properties);
    }

    private JsonElement? Get(Node obj, string name, bool required)
    {
        if (obj.Properties.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            return value;
        }

        if (required)
        {
            Error(obj.Path, $"missing required property '{name}'");
        }

        return null;
    }

    private string? String(Node obj, string name, bool required)
    {
        var value = Get(obj, name, required);
        if (value is { ValueKind: JsonValueKind.String })
        {
            return value.Value.GetString();
        }

        if (value is { } other)
        {
            TypeError(Child(obj.Path, name), "a string", other);
        }

        return null;
    }

    private bool? Bool(Node obj, string name)
    {
        switch (Get(obj, name, required: false))
        {
            case null:
                return null;
            case { ValueKind: JsonValueKind.True or JsonValueKind.False } value:
                return value.GetBoolean();
            case { } other:
                TypeError(Child(obj.Path, name), "true or false", other);
                return null;
        }
    }

    private int? Int(Node obj, string name, bool required)
    {
        var value = Get(obj, name, required);
        if (value is { ValueKind: JsonValueKind.Number } number && number.TryGetInt32(out var result))
        {
            return result;
        }

        if (value is { } other)
        {
            TypeError(Child(obj.Path, name), "an integer", other);
        }

        return null;
    }

    private List<(JsonElement Element, string Path)>? Elements(Node obj, string name, bool required, bool nonEmpty)
    {
        var path = Child(obj.Path, name);
        switch (Get(obj, name, required))
        {
            case null:
                return null;
            case { ValueKind: JsonValueKind.Array } value:
                if (nonEmpty && value.GetArrayLength() == 0)
                {
                    Error(path, $"'{name}' must not be empty");
                }

                return [.. value.EnumerateArray().Select((e, i) => (e, $"{path}[{i}]"))];
            case { } other:
                TypeError(path, "an array", other);
                return null;
        }
    }

    private List<Item>? Strings(Node obj, string name, bool required, bool nonEmpty)
    {
        if (Elements(obj, name, required, nonEmpty) is not { } elements)
        {
            return null;
        }

        var items = new List<Item>();
        foreach (var (element, path) in elements)
        {
            if (element.ValueKind == JsonValueKind.String)
            {
                items.Add(new Item(element.GetString()!, path));
            }
            else
            {
                TypeError(path, "a string", element);
            }
        }

        return items;
    }

    private void TypeError(string path, string expected, JsonElement actual) =>
        Error(path, $"expected {expected} but found {actual.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        }}");

    private void Error(string path, string message) => errors.Add(new WorkflowDefinitionError(file, path, message));

    internal static string Child(string path, string name) =>
        NamePattern().IsMatch(name) ? $"{path}.{name}" : $"{path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    private sealed record Node(string Path, Dictionary<string, JsonElement> Properties);

    private readonly record struct Item(string Value, string Path);
}
