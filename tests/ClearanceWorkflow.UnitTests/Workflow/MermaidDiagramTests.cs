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
    public void Docs_EmbeddedDiagrams_MatchClearanceV1ThenV2()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "workflows.md")).ReplaceLineEndings("\n");
        var blocks = MermaidBlock().Matches(docs).Select(m => m.Groups["diagram"].Value).ToList();

        string[] expected = [MermaidDiagram.Render(Clearance()), MermaidDiagram.Render(ClearanceV2())];

        Assert.That(blocks, Has.Count.EqualTo(2), "docs/workflows.md should have two ```mermaid blocks: version 1, then version 2");
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.That(blocks[i], Is.EqualTo(expected[i]),
                $"docs/workflows.md is out of date; its mermaid block for version {i + 1} should read:\n" + expected[i]);
        }
    }

    [GeneratedRegex("^```mermaid\n(?<diagram>.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex MermaidBlock();
}
