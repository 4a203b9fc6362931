using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClearanceWorkflow.Workflow;
using static ClearanceWorkflow.UnitTests.Workflow.WorkflowTestData;

namespace ClearanceWorkflow.UnitTests.Workflow;

public partial class MermaidDiagramTests
{
    [Test]
    public void Render_DemoDefinition_IsExact()
    {
        var diagram = MermaidDiagram.Render(Demo());

        Assert.That(diagram, Is.EqualTo("""
            stateDiagram-v2
                state "in-review" as in_review
                [*] --> draft
                draft --> in_review: submit
                in_review --> in_review: ask (Waiting), answer (Open)
                in_review --> done: approve (Done)
                done --> [*]

            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public void Render_StageIdsThatWouldCollide_AreKeptApart()
    {
        var definition = Demo(n =>
        {
            n["stages"]!.AsArray().Add(new JsonObject { ["name"] = "in_review", ["terminal"] = true });
            n["actions"]!.AsArray().Add(JsonNode.Parse("""{ "name": "shortcut", "from": ["draft"], "to": "in_review", "roles": ["lead"], "request": "Approve" }"""));
        });

        var diagram = MermaidDiagram.Render(definition);

        Assert.That(diagram, Does.Contain("state \"in-review\" as in_review\n").And.Contain("state \"in_review\" as in_review_\n").And.Contain("draft --> in_review_: shortcut\n"));
    }

    [Test]
    public void Docs_EmbeddedDiagram_MatchesTheActiveClearanceVersion()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "workflows.md")).ReplaceLineEndings("\n");
        var match = MermaidBlock().Match(docs);

        var expected = MermaidDiagram.Render(ActiveClearance());

        Assert.That(match.Success, Is.True, "docs/workflows.md has no ```mermaid block");
        Assert.That(match.Groups["diagram"].Value, Is.EqualTo(expected),
            "docs/workflows.md is out of date; its mermaid block should read:\n" + expected);
    }

    [GeneratedRegex("^```mermaid\n(?<diagram>.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex MermaidBlock();
}
