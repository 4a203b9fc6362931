using System.Text.Json.Nodes;
using ClearanceWorkflow.Workflow;

namespace ClearanceWorkflow.UnitTests.Workflow;

/// <summary>Shared definitions, environments and fakes for the workflow tests.</summary>
internal static class WorkflowTestData
{
    public const string DemoFile = "demo.v1.json";

    public static readonly WorkflowEnvironment ClearanceEnvironment = new(
        Set("applicant", "security-officer", "investigator", "adjudicator", "senior-adjudicator", "partner", "auditor", "admin", "system"),
        Set("questionnaireComplete", "unassigned", "interviewNotRequired", "interviewHeldIfRequired", "hasFindings",
            "answerPeriodOpen", "answerPeriodOver", "appealPeriodOpen", "appealPeriodOver", "boardUpheld", "boardReversed",
            "interimInForce", "noInterimInForce", "continuousEvaluation", "notContinuousEvaluation", "clearanceActive", "interviewNotHeld", "subjectNotSuspended"),
        Set("Submit", "Withdraw", "CompleteInvestigation", "Claim", "Assign", "RequestInformation", "ProvideInformation",
            "ScheduleInterview", "CompleteInterview", "ReferToDecision", "Grant", "Deny", "Concur", "DeclineConcurrence",
            "Answer", "EndAnswerPeriod", "Appeal", "EndAppealPeriod", "BoardVote", "UpholdDenial", "ReverseDenial",
            "GrantInterim", "WithdrawInterim", "Suspend", "Reinstate"),
        Set("startInvestigation", "closeCase"))
    {
        HostActions = Set("record-finding", "record-check-result", "assigned", "open-continuous-evaluation"),
    };

    public static readonly WorkflowEnvironment DemoEnvironment = new(
        Set("author", "reviewer", "lead", "system"),
        Set("complete", "unassigned"),
        Set("Submit", "Claim", "Ask", "Answer", "Approve", "Countersign"),
        Set("notify", "archive"));

    // A small valid definition; validation tests break one thing in it.
    public const string DemoJson = """
        {
          "name": "demo",
          "version": 1,
          "initialStage": "draft",
          "initialStatus": "Open",
          "statuses": ["Open", "Waiting", "Done"],
          "stages": [
            { "name": "draft", "sla": "P5D" },
            { "name": "in-review", "sla": "PT12H", "onEnter": ["notify"] },
            { "name": "done", "terminal": true, "onEnter": ["archive"] }
          ],
          "actions": [
            { "name": "submit", "from": ["draft"], "to": "in-review", "roles": ["author"], "ownership": "subject", "guards": ["complete"], "request": "Submit" },
            { "name": "claim", "from": ["in-review"], "roles": ["reviewer"], "guards": ["unassigned"], "request": "Claim" },
            { "name": "ask", "from": ["in-review"], "status": "Waiting", "whenStatus": ["Open"], "roles": ["reviewer"], "ownership": "assigned", "request": "Ask" },
            { "name": "answer", "from": ["in-review"], "status": "Open", "whenStatus": ["Waiting"], "roles": ["author"], "ownership": "subject", "request": "Answer" },
            { "name": "approve", "from": ["in-review"], "to": "done", "status": "Done", "whenStatus": ["Open"], "roles": ["reviewer", "lead"], "ownership": "assigned", "ownershipExemptRoles": ["lead"], "request": "Approve" },
            { "name": "countersign", "from": ["in-review"], "roles": ["lead"], "ownership": "notActorOf:approve", "request": "Countersign" }
          ]
        }
        """;

    private static string? repositoryRoot;

    /// <summary>The directory holding ClearanceWorkflow.sln, found by walking up from the test directory.</summary>
    public static string RepositoryRoot => repositoryRoot ??= FindRepositoryRoot();

    public static string ClearancePath => Path.Combine(RepositoryRoot, "workflows", "clearance.v1.json");

    public static string ClearanceV2Path => Path.Combine(RepositoryRoot, "workflows", "clearance.v2.json");

    public static WorkflowDefinition Clearance() => WorkflowLoader.LoadFile(ClearancePath, ClearanceEnvironment);

    /// <summary>Version 2: due process after a concurred denial.</summary>
    public static WorkflowDefinition ClearanceV2() => WorkflowLoader.LoadFile(ClearanceV2Path, ClearanceEnvironment);

    /// <summary>The version new cases start on: the highest in workflows/.</summary>
    public static WorkflowDefinition ActiveClearance() =>
        WorkflowLoader.LoadDirectory(Path.Combine(RepositoryRoot, "workflows"), ClearanceEnvironment).Active("clearance");

    public static WorkflowDefinition Demo(Action<JsonNode>? change = null) =>
        WorkflowLoader.Parse(DemoText(change), DemoFile, DemoEnvironment);

    /// <summary>The demo definition with <paramref name="change"/> applied, as JSON text.</summary>
    public static string DemoText(Action<JsonNode>? change = null)
    {
        var node = JsonNode.Parse(DemoJson)!;
        change?.Invoke(node);
        return node.ToJsonString();
    }

    /// <summary>The errors reported for the demo definition with <paramref name="change"/> applied.</summary>
    public static IReadOnlyList<WorkflowDefinitionError> DemoErrors(Action<JsonNode> change) => ErrorsOf(DemoText(change));

    public static IReadOnlyList<WorkflowDefinitionError> ErrorsOf(string json)
    {
        var exception = Assert.Throws<WorkflowDefinitionException>(() => WorkflowLoader.Parse(json, DemoFile, DemoEnvironment));
        return exception.Errors;
    }

    public static WorkflowDefinitionError DemoError(string path, string message) => new(DemoFile, path, message);

    public static JsonNode Action(this JsonNode root, int index) => root["actions"]![index]!;

    public static JsonNode Stage(this JsonNode root, int index) => root["stages"]![index]!;

    public static IReadOnlySet<string> Set(params string[] names) => new HashSet<string>(names, StringComparer.Ordinal);

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ClearanceWorkflow.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("ClearanceWorkflow.sln not found above " + TestContext.CurrentContext.TestDirectory);
    }
}

/// <summary>Guards answered from a dictionary; unlisted guards pass. Records which guards were asked.</summary>
internal sealed class FakeGuards(Dictionary<string, GuardResult>? results = null) : IGuardEvaluator
{
    public List<string> Evaluated { get; } = [];

    public ValueTask<GuardResult> EvaluateAsync(string guard, CancellationToken cancellationToken)
    {
        Evaluated.Add(guard);
        return ValueTask.FromResult(results is not null && results.TryGetValue(guard, out var result) ? result : GuardResult.Pass);
    }
}
