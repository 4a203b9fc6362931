using System.Diagnostics.CodeAnalysis;

namespace ClearanceWorkflow.Workflow;

/// <summary>All loaded definitions, by name and version, with the active version of each name.</summary>
public sealed class WorkflowCatalog
{
    private readonly Dictionary<string, SortedList<int, WorkflowDefinition>> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkflowDefinition> active = new(StringComparer.Ordinal);

    /// <summary><paramref name="activeVersions"/>: version to use for new instances, by name; a name not listed uses its highest version.</summary>
    /// <exception cref="ArgumentException">A name and version appear twice, or an active version is not among the definitions.</exception>
    public WorkflowCatalog(IEnumerable<WorkflowDefinition> definitions, IReadOnlyDictionary<string, int>? activeVersions = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        foreach (var definition in definitions)
        {
            if (!byName.TryGetValue(definition.Name, out var versions))
            {
                byName.Add(definition.Name, versions = []);
            }

            if (!versions.TryAdd(definition.Version, definition))
            {
                throw new ArgumentException($"workflow '{definition.Name}' version {definition.Version} is defined twice", nameof(definitions));
            }
        }

        foreach (var (name, versions) in byName)
        {
            active[name] = versions.Values[^1];
        }

        foreach (var (name, version) in activeVersions ?? new Dictionary<string, int>())
        {
            active[name] = TryGet(name, version, out var definition)
                ? definition
                : throw new ArgumentException($"active version {version} of workflow '{name}' is not defined", nameof(activeVersions));
        }

        Names = [.. byName.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>Workflow names, in ordinal order.</summary>
    public IReadOnlyCollection<string> Names { get; }

    /// <exception cref="KeyNotFoundException">No such name and version.</exception>
    public WorkflowDefinition Get(string name, int version) =>
        TryGet(name, version, out var definition) ? definition : throw new KeyNotFoundException($"workflow '{name}' version {version} is not defined");

    public bool TryGet(string name, int version, [NotNullWhen(true)] out WorkflowDefinition? definition)
    {
        definition = null;
        return byName.TryGetValue(name, out var versions) && versions.TryGetValue(version, out definition);
    }

    /// <summary>The definition new instances of this workflow start on.</summary>
    /// <exception cref="KeyNotFoundException">No workflow has this name.</exception>
    public WorkflowDefinition Active(string name) =>
        active.TryGetValue(name, out var definition) ? definition : throw new KeyNotFoundException($"workflow '{name}' is not defined");

    /// <summary>The defined versions of a workflow, ascending; empty for an unknown name.</summary>
    public IReadOnlyList<int> Versions(string name) => byName.TryGetValue(name, out var versions) ? [.. versions.Keys] : [];
}
