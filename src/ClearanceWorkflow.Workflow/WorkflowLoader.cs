using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ClearanceWorkflow.Workflow;

/// <summary>Loads and validates workflow definition files.</summary>
public static class WorkflowLoader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip };
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip };

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

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}");
            var reason = e.Message.Split(" LineNumber:", 2)[0];
            return (null, [new(fileName, PathAtError(json), $"malformed JSON at {at}: {reason}")]);
        }

        using (document)
        {
            var parser = new DefinitionParser(fileName, environment);
            var definition = parser.Read(document.RootElement);
            if (definition is not null && checkFileName && Path.GetFileName(fileName) != FileName(definition.Name, definition.Version))
            {
                return (null, [new(fileName, "$", $"file name must be '{FileName(definition.Name, definition.Version)}' for workflow '{definition.Name}' version {definition.Version}")]);
            }

            return (definition, parser.Errors);
        }
    }

    // The JSON path of the value being read when the reader failed (JsonDocument does not report one).
    private static string PathAtError(string json)
    {
        var frames = new List<(bool IsArray, int Count, string? Property)>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), ReaderOptions);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    frames.RemoveAt(frames.Count - 1);
                    continue;
                }

                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    frames[^1] = frames[^1] with { Property = reader.GetString() };
                    continue;
                }

                if (frames.Count > 0 && frames[^1].IsArray)
                {
                    frames[^1] = frames[^1] with { Count = frames[^1].Count + 1 };
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    frames.Add((reader.TokenType == JsonTokenType.StartArray, 0, null));
                }
            }
        }
        catch (JsonException)
        {
            // Expected: the frames now describe where reading stopped.
        }

        var path = "$";
        foreach (var (isArray, count, property) in frames)
        {
            if (isArray && count > 0)
            {
                path += string.Create(CultureInfo.InvariantCulture, $"[{count - 1}]");
            }
            else if (!isArray && property is not null)
            {
                path = DefinitionParser.Child(path, property);
            }
        }

        return path;
    }
}
