using System.Globalization;

namespace ClearanceWorkflow.Workflow;

/// <summary>Loads and validates workflow definition files.</summary>
public static class WorkflowLoader
{
    /// <summary>Parses and validates one file, whose name must be <c>{name}.v{version}.json</c>.</summary>
    /// <exception cref="WorkflowDefinitionException">With every error found in the file.</exception>
    public static WorkflowDefinition LoadFile(string path, WorkflowEnvironment environment)
    {
        var (definition, errors) = Load(path, environment);
        return definition ?? throw new WorkflowDefinitionException(errors);
    }

    /// <summary>Parses and validates a definition; <paramref name="fileName"/> is only used in error messages.</summary>
    /// <exception cref="WorkflowDefinitionException">With every error found.</exception>
    public static WorkflowDefinition Parse(string json, string fileName, WorkflowEnvironment environment)
    {
        var (definition, errors) = Parse(json, fileName, environment, checkFileName: false);
        return definition ?? throw new WorkflowDefinitionException(errors);
    }

    /// <summary>
    /// Loads every <c>*.json</c> file in a directory. <paramref name="activeVersions"/>: version to use for new
    /// instances, by workflow name; others default to their highest version.
    /// </summary>
    /// <exception cref="WorkflowDefinitionException">With the errors of all files.</exception>
    public static WorkflowCatalog LoadDirectory(string directory, WorkflowEnvironment environment, IReadOnlyDictionary<string, int>? activeVersions = null)
    {
        var definitions = new List<WorkflowDefinition>();
        var errors = new List<WorkflowDefinitionError>();
        var files = new Dictionary<(string, int), string>();
        foreach (var path in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var (definition, fileErrors) = Load(path, environment);
            errors.AddRange(fileErrors);
            if (definition is null)
            {
                continue;
            }

            if (files.TryAdd((definition.Name, definition.Version), path))
            {
                definitions.Add(definition);
            }
            else
            {
                errors.Add(new(path, "$", $"workflow '{definition.Name}' version {definition.Version} is already defined in '{files[(definition.Name, definition.Version)]}'"));
            }
        }

        foreach (var (name, version) in activeVersions ?? new Dictionary<string, int>())
        {
            if (!definitions.Any(d => d.Name == name && d.Version == version) && !errors.Any(e => e.File.EndsWith(FileName(name, version), StringComparison.Ordinal)))
            {
                errors.Add(new(directory, "$", $"active version {version} of workflow '{name}' is not defined (expected file '{FileName(name, version)}')"));
            }
        }

        return errors.Count > 0 ? throw new WorkflowDefinitionException(errors) : new WorkflowCatalog(definitions, activeVersions);
    }

    /// <summary>The file name a definition must have: <c>{name}.v{version}.json</c>.</summary>
    public static string FileName(string name, int version) => string.Create(CultureInfo.InvariantCulture, $"{name}.v{version}.json");

    private static (WorkflowDefinition?, IReadOnlyList<WorkflowDefinitionError>) Load(string path, WorkflowEnvironment environment) =>
        Parse(File.ReadAllText(path), path, environment, checkFileName: true);

    private static (WorkflowDefinition?, IReadOnlyList<WorkflowDefinitionError>) Parse(string json, string fileName, WorkflowEnvironment environment, bool checkFileName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(environment);

        if (!WorkflowJson.TryRead(json, fileName, out var file, out var jsonError))
        {
            return (null, [jsonError]);
        }

        var validator = new WorkflowValidator(fileName, environment);
        var definition = validator.Validate(file);
        if (definition is not null && checkFileName && Path.GetFileName(fileName) != FileName(definition.Name, definition.Version))
        {
            return (null, [new(fileName, "$", $"file name must be '{FileName(definition.Name, definition.Version)}' for workflow '{definition.Name}' version {definition.Version}")]);
        }

        return (definition, validator.Errors);
    }
}
