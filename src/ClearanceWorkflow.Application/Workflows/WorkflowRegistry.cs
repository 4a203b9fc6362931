using ClearanceWorkflow.Domain;
using ClearanceWorkflow.Workflow;

namespace ClearanceWorkflow.Application.Workflows;

/// <summary>
/// The loaded workflow definitions, and the host's side of the contract with them: which roles, guards,
/// actions (by <c>request</c> name) and effects exist. Built once at startup; an invalid definition stops the service.
/// </summary>
public sealed class WorkflowRegistry
{
    public WorkflowRegistry(string directory, IReadOnlyDictionary<string, int>? activeVersions, IEnumerable<string> actions, IEnumerable<string> effects)
    {
        Environment = new WorkflowEnvironment(
            Roles.All,
            CaseGuards.Names,
            actions.ToHashSet(StringComparer.Ordinal),
            effects.ToHashSet(StringComparer.Ordinal))
        {
            HostActions = WorkflowRunner.HostActions,
        };
        Catalog = WorkflowLoader.LoadDirectory(directory, Environment, activeVersions);
        var errors = HostContract.Check(Catalog, Environment.Requests).ToList();
        if (errors.Count > 0)
        {
            throw new WorkflowDefinitionException(errors);
        }

        var definitions = Catalog.Names.SelectMany(name => Catalog.Versions(name).Select(version => Catalog.Get(name, version))).ToList();
        LookedBackActions = [.. definitions
            .SelectMany(d => d.Actions)
            .SelectMany(a => a.Ownership is { Kind: OwnershipKind.NotActorOf, Action: { } target } ? [target, .. a.SeparateFrom] : a.SeparateFrom)
            // Made from what a step loads anyway: assignees from the claim and assign events, findings with the case.
            .SelectMany(a => a switch
            {
                WorkflowRunner.Assigned => ["claim", "assign"],
                WorkflowRunner.RecordFinding => [],
                _ => new[] { a },
            })
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

        // Per definition and stage, what every separated adjudicator's action from the stage is separated from; then the
        // union of the definitions. Side actions without a separateFrom (withdraw-interim) do not count.
        StaffSeparation = definitions
            .SelectMany(d => d.Actions
                .Where(a => a.SeparateFrom.Count > 0 && (a.Roles.Contains(Roles.Adjudicator) || a.Roles.Contains(Roles.SeniorAdjudicator)))
                .SelectMany(a => a.From.Select(stage => (Stage: stage, a.SeparateFrom)))
                .GroupBy(x => x.Stage, StringComparer.Ordinal)
                .Select(g => (Stage: g.Key, Actions: g.Select(x => x.SeparateFrom).Aggregate<IEnumerable<string>>((all, next) => all.Intersect(next, StringComparer.Ordinal)))))
            .GroupBy(x => x.Stage, StringComparer.Ordinal)
            .Select(g => (Stage: g.Key, Actions: g.SelectMany(x => x.Actions).ToHashSet(StringComparer.Ordinal)))
            .Where(x => x.Actions.Count > 0)
            .ToDictionary(x => x.Stage, x => (IReadOnlySet<string>)x.Actions, StringComparer.Ordinal);
    }

    /// <summary>
    /// Per stage, the actions (and host actions) whose performers every adjudicator's action from the stage with a
    /// <c>separateFrom</c> refuses: the adjudication queue leaves the stage's cases out for them. Stages with none are absent.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> StaffSeparation { get; }

    /// <summary>The actions whose past actors some definition's <c>notActorOf</c> or <c>separateFrom</c> rule looks back at: the only events, besides the latest, a transition loads.</summary>
    public IReadOnlyList<string> LookedBackActions { get; }

    public WorkflowCatalog Catalog { get; }

    public WorkflowEnvironment Environment { get; }
}
