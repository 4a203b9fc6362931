using ClearanceWorkflow.Domain;
using ClearanceWorkflow.Workflow;

namespace ClearanceWorkflow.Application.Workflows;

/// <summary>
/// The names the code relies on that the workflow file owns: each definition must have them. Checked
/// when the definitions load, so a renamed stage stops the service at startup instead of failing a request.
/// </summary>
public static class HostContract
{
    /// <summary>Stages, each with the code that relies on it.</summary>
    public static readonly IReadOnlyList<(string Name, string UsedBy)> Stages =
    [
        (Domain.Stages.Application, "Stages.Application: ClearanceCase (questionnaire changes, submission time)"),
        (Domain.Stages.BackgroundCheck, "Stages.BackgroundCheck: ClearanceCase (check results, investigation end)"),
        (Domain.Stages.Review, "Stages.Review: ClearanceCase.RecordFinding, the adjudication queue"),
        (Domain.Stages.Interview, "Stages.Interview: ClearanceCase.RecordFinding, the adjudication queue"),
        (Domain.Stages.Decision, "Stages.Decision: ClearanceCase.RecordFinding, the adjudication queue"),
        (Domain.Stages.Closed, "Stages.Closed: ClearanceCase.IsClosed"),
    ];

    /// <summary>Statuses, each with the code that relies on it.</summary>
    public static readonly IReadOnlyList<(string Name, string UsedBy)> Statuses =
    [
        (CaseStatuses.DenialPendingConcurrence, "CaseStatuses.DenialPendingConcurrence: ClearanceCase.RecordFinding and ConcurWithDenial"),
    ];

    /// <summary>Actions the service fires itself, each with the code that fires it.</summary>
    public static readonly IReadOnlyList<(string Name, string UsedBy)> Actions =
    [
        (CaseActionNames.CompleteInvestigation, "CaseActionNames.CompleteInvestigation: CheckRecorder, after the last check"),
    ];

    /// <summary>
    /// Names of due process, required together: a definition with the stage <c>due-process</c> must have them all
    /// (the deadlines fire the actions; the actions and the case rely on the stages and statuses).
    /// </summary>
    public static readonly IReadOnlyList<(string Kind, string Name, string UsedBy)> DueProcess =
    [
        ("stage", Domain.Stages.DueProcess, "Stages.DueProcess: ClearanceCase.Deny and AssignTo, the adjudication queue"),
        ("stage", Domain.Stages.Appeal, "Stages.Appeal: ClearanceCase.CastBoardVote, the adjudication queue"),
        ("status", CaseStatuses.AwaitingAnswer, "CaseStatuses.AwaitingAnswer: ClearanceCase answer period, Concur"),
        ("status", CaseStatuses.AwaitingAppeal, "CaseStatuses.AwaitingAppeal: ClearanceCase appeal period, Deny"),
        ("action", CaseActionNames.AnswerPeriodEnds, "CaseActionNames.AnswerPeriodEnds: Concur arms it, DeadlineReached fires it"),
        ("action", CaseActionNames.AppealPeriodEnds, "CaseActionNames.AppealPeriodEnds: Deny arms it, DeadlineReached fires it"),
    ];

    /// <summary>
    /// Every mismatch between the loaded definitions and the code, as load errors naming both sides: a name
    /// above missing from a <c>clearance</c> definition, no <c>clearance</c> definition at all, or an action class
    /// (by its <c>request</c> name) that no definition uses. A request with no action class is the loader's error.
    /// </summary>
    public static IEnumerable<WorkflowDefinitionError> Check(WorkflowCatalog catalog, IEnumerable<string> actionClasses)
    {
        var versions = catalog.Versions(WorkflowNames.Clearance);
        if (versions.Count == 0)
        {
            yield return new WorkflowDefinitionError($"{WorkflowNames.Clearance}.v*.json", "$.name", $"no definition named '{WorkflowNames.Clearance}', which the code opens cases on (WorkflowNames.Clearance: CaseOpening)");
        }

        foreach (var version in versions)
        {
            foreach (var error in Check(catalog.Get(WorkflowNames.Clearance, version)))
            {
                yield return error;
            }
        }

        var requested = catalog.Names.SelectMany(n => catalog.Versions(n).SelectMany(v => catalog.Get(n, v).Actions.Select(a => a.Request))).ToHashSet(StringComparer.Ordinal);
        foreach (var unused in actionClasses.Where(a => !requested.Contains(a)).Order(StringComparer.Ordinal))
        {
            yield return new WorkflowDefinitionError("workflows/*.json", "$.actions[*].request", $"no action names request '{unused}', which has an action class (Features/Actions: {unused})");
        }
    }

    private static IEnumerable<WorkflowDefinitionError> Check(WorkflowDefinition definition)
    {
        var file = $"{definition.Name}.v{definition.Version}.json";
        foreach (var (name, usedBy) in Stages.Where(s => definition.FindStage(s.Name) is null))
        {
            yield return new WorkflowDefinitionError(file, "$.stages", $"no stage '{name}', which the code relies on ({usedBy})");
        }

        foreach (var (name, usedBy) in Statuses.Where(s => !definition.Statuses.Contains(s.Name)))
        {
            yield return new WorkflowDefinitionError(file, "$.statuses", $"no status '{name}', which the code relies on ({usedBy})");
        }

        foreach (var (name, usedBy) in Actions.Where(a => definition.FindAction(a.Name) is null))
        {
            yield return new WorkflowDefinitionError(file, "$.actions", $"no action '{name}', which the code relies on ({usedBy})");
        }

        if (definition.FindStage(Domain.Stages.DueProcess) is null)
        {
            yield break;
        }

        foreach (var (kind, name, usedBy) in DueProcess)
        {
            var present = kind switch
            {
                "stage" => definition.FindStage(name) is not null,
                "status" => definition.Statuses.Contains(name),
                _ => definition.FindAction(name) is not null,
            };
            if (!present)
            {
                yield return new WorkflowDefinitionError(file, kind == "status" ? "$.statuses" : $"$.{kind}s", $"no {kind} '{name}', which due process relies on ({usedBy})");
            }
        }
    }
}
