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
            // Made from what a step loads anyway: assignees from the claim and assign events, findings and checks with the case.
            .SelectMany(a => a switch
            {
                WorkflowRunner.Assigned => ["claim", "assign"],
                WorkflowRunner.RecordFinding or WorkflowRunner.RecordCheckResult => [],
                _ => new[] { a },
            })
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

        QueueSeparation = definitions
            .SelectMany(d => d.Actions.Where(a => QueueActions.Contains(a.Name)))
            .SelectMany(a => a.From.Select(stage => (Stage: stage, a.SeparateFrom)))
            .Where(x => x.SeparateFrom.Count > 0)
            .GroupBy(x => x.Stage, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.SelectMany(x => x.SeparateFrom).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>The actions by which an adjudicator takes up a case the queue lists: a claim, and on the appeal board a vote.</summary>
    private static readonly string[] QueueActions = ["claim", "board-vote"];

    /// <summary>
    /// Per stage, the actions (and host actions) whose performers the stage's <see cref="QueueActions"/> refuse by their
    /// <c>separateFrom</c>: the adjudication queue leaves the stage's cases out for them. Stages with none are absent.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> QueueSeparation { get; }

    /// <summary>The actions whose past actors some definition's <c>notActorOf</c> or <c>separateFrom</c> rule looks back at: the only events, besides the latest, a transition loads.</summary>
    public IReadOnlyList<string> LookedBackActions { get; }

    public WorkflowCatalog Catalog { get; }

    public WorkflowEnvironment Environment { get; }
}
