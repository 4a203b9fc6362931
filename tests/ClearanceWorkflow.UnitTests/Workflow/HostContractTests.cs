using ClearanceWorkflow.Application.Workflows;
using ClearanceWorkflow.Workflow;
using static ClearanceWorkflow.UnitTests.Workflow.WorkflowTestData;
using DI = ClearanceWorkflow.Application.DependencyInjection;

namespace ClearanceWorkflow.UnitTests.Workflow;

/// <summary>At load, the definitions are checked against the action classes and the names the code relies on.</summary>
public class HostContractTests
{
    private static WorkflowRegistry Load(string directory, IEnumerable<string>? actions = null) =>
        new(directory, null, actions ?? DI.CaseActions.Keys, DI.StageEffects.Keys);

    private static WorkflowDefinitionException LoadChanged(Func<string, string> change, IEnumerable<string>? actions = null)
    {
        using var directory = new TemporaryDirectory();
        directory.Write("clearance.v1.json", change(File.ReadAllText(ClearancePath)));
        // The later versions as they are: they use the action classes version 1 does not have.
        foreach (var later in Directory.GetFiles(Path.Combine(RepositoryRoot, "workflows"), "clearance.v*.json").Where(f => f != ClearancePath))
        {
            directory.Write(Path.GetFileName(later), File.ReadAllText(later));
        }

        return Assert.Throws<WorkflowDefinitionException>(() => Load(directory.Path, actions))!;
    }

    [Test]
    public void Load_RepositoryWorkflows_MatchTheCode()
    {
        var registry = Load(Path.Combine(RepositoryRoot, "workflows"));
        Assert.That(registry.Catalog.Names, Does.Contain("clearance"));
    }

    [Test]
    public void Load_StageTheCodeReliesOnRenamed_StartupErrorNamesStageAndCode()
    {
        var exception = LoadChanged(json => json.Replace("\"review\"", "\"assessment\"", StringComparison.Ordinal));
        Assert.That(exception.Errors.Select(e => e.Message), Has.One.Contains("no stage 'review'").And.Contains("Stages.Review"));
    }

    [Test]
    public void Load_StatusTheCodeReliesOnRenamed_StartupErrorNamesStatusAndCode()
    {
        var exception = LoadChanged(json => json.Replace("DenialPendingConcurrence", "AwaitingSecondOpinion", StringComparison.Ordinal));
        Assert.That(exception.Errors.Select(e => e.Message), Has.One.Contains("no status 'DenialPendingConcurrence'").And.Contains("CaseStatuses.DenialPendingConcurrence"));
    }

    [Test]
    public void Load_ActionTheServiceFiresRenamed_StartupErrorNamesActionAndCode()
    {
        var exception = LoadChanged(json => json.Replace("\"complete-investigation\"", "\"close-investigation\"", StringComparison.Ordinal));
        Assert.That(exception.Errors.Select(e => e.Message), Has.One.Contains("no action 'complete-investigation'").And.Contains("CheckRecorder"));
    }

    [Test]
    public void Load_WorkflowRenamed_StartupErrorNamesTheWorkflowTheCodeOpens()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("vetting.v1.json", File.ReadAllText(ClearancePath).Replace("\"name\": \"clearance\"", "\"name\": \"vetting\"", StringComparison.Ordinal));
        var exception = Assert.Throws<WorkflowDefinitionException>(() => Load(directory.Path))!;
        Assert.That(exception.Errors.Select(e => e.Message), Has.One.Contains("no definition named 'clearance'").And.Contains("CaseOpening"));
    }

    [Test]
    public void Load_ActionClassNoDefinitionUses_StartupErrorNamesTheClass()
    {
        var exception = LoadChanged(json => json, [.. DI.CaseActions.Keys, "Reconsider"]);
        Assert.That(exception.Errors.Select(e => e.Message), Is.EqualTo(new[] { "no action names request 'Reconsider', which has an action class (Features/Actions: Reconsider)" }));
    }

    [Test]
    public void Load_DueProcessDeadlineActionRenamed_StartupErrorNamesActionAndCode()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("clearance.v1.json", File.ReadAllText(ClearancePath));
        directory.Write("clearance.v2.json", File.ReadAllText(ClearanceV2Path).Replace("\"appeal-period-ends\"", "\"appeal-lapses\"", StringComparison.Ordinal));

        var exception = Assert.Throws<WorkflowDefinitionException>(() => Load(directory.Path))!;

        Assert.That(exception.Errors.Select(e => e.Message), Is.EqualTo(new[]
        {
            "no action 'appeal-period-ends', which due process relies on (CaseActionNames.AppealPeriodEnds: Deny arms it, DeadlineReached fires it)",
        }));
    }

    [Test]
    public void Load_VersionOneWithoutDueProcess_NeedsNoneOfItsNames()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("clearance.v1.json", File.ReadAllText(ClearancePath));
        directory.Write("clearance.v2.json", File.ReadAllText(ClearanceV2Path));

        Assert.That(Load(directory.Path).Catalog.Versions("clearance"), Is.EqualTo(new[] { 1, 2 }));
    }
}
