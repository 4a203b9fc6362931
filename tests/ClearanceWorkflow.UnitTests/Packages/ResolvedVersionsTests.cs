using System.Text.Json;
using ClearanceWorkflow.UnitTests.Workflow;

namespace ClearanceWorkflow.UnitTests.Packages;

public class ResolvedVersionsTests
{
    private static JsonElement Assets(string resolvedB, string requestedB = "2.0.0") => JsonDocument.Parse($$"""
        {
          "targets": {
            "net10.0": {
              "A/1.0.0": { "type": "package", "dependencies": { "B": "{{requestedB}}", "System.Pruned": "10.0.0" } },
              "B/{{resolvedB}}": { "type": "package" },
              "App/1.0.0": { "type": "project", "dependencies": { "A": "1.0.0" } }
            }
          }
        }
        """).RootElement.Clone();

    [Test]
    public void Downgrades_DependencyResolvedBelowTheRequestedMinimum_NamesPackageDependencyAndBothVersions()
    {
        var downgrades = ResolvedVersions.Downgrades(Assets(resolvedB: "1.5.0"));

        Assert.That(downgrades, Is.EqualTo(new[] { "net10.0: A/1.0.0 asks for B (>= 2.0.0), but 1.5.0 is resolved" }));
    }

    [Test]
    public void Downgrades_PrereleaseOfTheRequestedVersion_IsLower()
    {
        Assert.That(ResolvedVersions.Downgrades(Assets(resolvedB: "2.0.0-rc.1")), Has.Count.EqualTo(1));
    }

    [Test]
    public void Downgrades_DependencySatisfiedOrHigher_NoneAndPrunedDependenciesIgnored()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ResolvedVersions.Downgrades(Assets(resolvedB: "2.0.0")), Is.Empty);
            Assert.That(ResolvedVersions.Downgrades(Assets(resolvedB: "10.0.0")), Is.Empty, "compared as numbers, not as text");
            Assert.That(ResolvedVersions.Downgrades(Assets(resolvedB: "2.0.0", requestedB: "[2.0.0, 3.0.0)")), Is.Empty);
        }
    }

    /// <summary>Every project's restore result in the repository (the suite runs after restore).</summary>
    [Test]
    public void Repository_EveryRestoredProject_NoPackageResolvedBelowWhatADependencyAsksFor()
    {
        var files = Directory.EnumerateFiles(WorkflowTestData.RepositoryRoot, "project.assets.json", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "obj")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.That(files.Select(Path.GetDirectoryName).Select(Path.GetDirectoryName).Select(Path.GetFileName), Does.Contain("ClearanceWorkflow.UnitTests"), "this project's own restore result is found");

        var downgrades = files.SelectMany(f => ResolvedVersions.Downgrades(JsonDocument.Parse(File.ReadAllText(f)).RootElement)
            .Select(d => $"{Path.GetRelativePath(WorkflowTestData.RepositoryRoot, f)} {d}")).ToList();

        Assert.That(downgrades, Is.Empty, "raise the pin in Directory.Packages.props:\n" + string.Join('\n', downgrades));
    }
}
