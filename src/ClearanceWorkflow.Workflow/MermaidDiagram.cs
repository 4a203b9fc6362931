using System.Text;

namespace ClearanceWorkflow.Workflow;

/// <summary>Renders a definition as a Mermaid <c>stateDiagram-v2</c>.</summary>
public static class MermaidDiagram
{
    /// <summary>
    /// One edge per source and target stage, labelled with its actions in definition order, each followed by the
    /// status it sets; actions that only change the status are self-edges; actions that change neither are left out.
    /// </summary>
    public static string Render(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var ids = Identifiers(definition.Stages);
        var text = new StringBuilder("stateDiagram-v2\n");
        void Line(string line) => text.Append("    ").Append(line).Append('\n');

        foreach (var stage in definition.Stages.Where(s => ids[s.Name] != s.Name))
        {
            Line($"state \"{stage.Name}\" as {ids[stage.Name]}");
        }

        Line($"[*] --> {ids[definition.InitialStage]}");
        foreach (var stage in definition.Stages)
        {
            var edges = new List<(string Target, List<string> Labels)>();
            foreach (var action in definition.ActionsFrom(stage.Name))
            {
                if ((action.To ?? (action.Status is null ? null : stage.Name)) is not { } target)
                {
                    continue;
                }

                var label = action.Status is null ? action.Name : $"{action.Name} ({action.Status})";
                var index = edges.FindIndex(e => e.Target == target);
                if (index < 0)
                {
                    edges.Add((target, [label]));
                }
                else
                {
                    edges[index].Labels.Add(label);
                }
            }

            foreach (var (target, labels) in edges)
            {
                Line($"{ids[stage.Name]} --> {ids[target]}: {string.Join(", ", labels)}");
            }
        }

        foreach (var stage in definition.Stages.Where(s => s.Terminal))
        {
            Line($"{ids[stage.Name]} --> [*]");
        }

        return text.ToString();
    }

    // Mermaid state ids: stage names with characters other than letters, digits and '_' replaced by '_', kept unique.
    private static Dictionary<string, string> Identifiers(IEnumerable<StageDefinition> stages)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var stage in stages)
        {
            var id = new string([.. stage.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_')]);
            while (ids.ContainsValue(id))
            {
                id += "_";
            }

            ids[stage.Name] = id;
        }

        return ids;
    }
}
