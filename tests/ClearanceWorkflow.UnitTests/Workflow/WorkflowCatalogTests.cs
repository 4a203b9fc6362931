using ClearanceWorkflow.Workflow;
using static ClearanceWorkflow.UnitTests.Workflow.WorkflowTestData;

namespace ClearanceWorkflow.UnitTests.Workflow;

public class WorkflowCatalogTests
{
    private static readonly WorkflowDefinition V1 = Demo();
    private static readonly WorkflowDefinition V2 = Demo(n => n["version"] = 2);
    private static readonly WorkflowDefinition Other = Demo(n => n["name"] = "other");

    [Test]
    public void Active_NoConfiguredVersion_IsTheHighest()
    {
        var catalog = new WorkflowCatalog([V2, V1, Other]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(catalog.Active("demo"), Is.SameAs(V2));
            Assert.That(catalog.Active("other"), Is.SameAs(Other));
            Assert.That(catalog.Names, Is.EqualTo(new[] { "demo", "other" }));
            Assert.That(catalog.Versions("demo"), Is.EqualTo(new[] { 1, 2 }));
            Assert.That(catalog.Versions("missing"), Is.Empty);
        }
    }

    [Test]
    public void Active_ConfiguredVersion_Wins()
    {
        var catalog = new WorkflowCatalog([V1, V2], new Dictionary<string, int> { ["demo"] = 1 });

        Assert.That(catalog.Active("demo"), Is.SameAs(V1));
    }

    [Test]
    public void Get_PinnedOlderVersion_StillWorks()
    {
        var catalog = new WorkflowCatalog([V1, V2]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(catalog.Get("demo", 1), Is.SameAs(V1));
            Assert.That(catalog.TryGet("demo", 1, out var definition), Is.True);
            Assert.That(definition, Is.SameAs(V1));
        }
    }

    [Test]
    public void Get_UnknownVersionOrName_Throws()
    {
        var catalog = new WorkflowCatalog([V1]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => catalog.Get("demo", 3), Throws.TypeOf<KeyNotFoundException>().With.Message.EqualTo("workflow 'demo' version 3 is not defined"));
            Assert.That(() => catalog.Active("missing"), Throws.TypeOf<KeyNotFoundException>());
            Assert.That(catalog.TryGet("missing", 1, out _), Is.False);
        }
    }

    [Test]
    public void Constructor_UndefinedActiveVersion_Throws()
    {
        Assert.That(
            () => new WorkflowCatalog([V1], new Dictionary<string, int> { ["demo"] = 2 }),
            Throws.ArgumentException.With.Message.StartsWith("active version 2 of workflow 'demo' is not defined"));
    }

    [Test]
    public void Constructor_DuplicateVersion_Throws()
    {
        Assert.That(() => new WorkflowCatalog([V1, Demo()]), Throws.ArgumentException);
    }

    [Test]
    public void LoadDirectory_TwoVersions_ConfiguredActiveVersionWinsAndBothLoad()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("demo.v1.json", DemoText());
        directory.Write("demo.v2.json", DemoText(n => n["version"] = 2));

        var catalog = WorkflowLoader.LoadDirectory(directory.Path, DemoEnvironment, new Dictionary<string, int> { ["demo"] = 1 });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(catalog.Active("demo").Version, Is.EqualTo(1));
            Assert.That(catalog.Versions("demo"), Is.EqualTo(new[] { 1, 2 }));
            Assert.That(catalog.Get("demo", 2).Version, Is.EqualTo(2));
        }
    }

    [Test]
    public void LoadDirectory_UndefinedActiveVersion_IsReported()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("demo.v1.json", DemoText());

        var exception = Assert.Throws<WorkflowDefinitionException>(
            () => WorkflowLoader.LoadDirectory(directory.Path, DemoEnvironment, new Dictionary<string, int> { ["demo"] = 3 }));

        Assert.That(exception.Errors, Is.EqualTo(new[]
        {
            new WorkflowDefinitionError(directory.Path, "$", "active version 3 of workflow 'demo' is not defined (expected file 'demo.v3.json')"),
        }));
    }

    [Test]
    public void LoadDirectory_RepositoryWorkflows_LoadWithClearanceActive()
    {
        var catalog = WorkflowLoader.LoadDirectory(Path.Combine(RepositoryRoot, "workflows"), ClearanceEnvironment);

        Assert.That(catalog.Active("clearance").Name, Is.EqualTo("clearance"));
    }
}
