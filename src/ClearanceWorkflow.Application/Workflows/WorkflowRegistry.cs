using System.Reflection;
using System.Text.Json;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.Workflow;
using MediatR;

namespace ClearanceWorkflow.Application.Workflows;

/// <summary>
/// The loaded workflow definitions, and the host's side of the contract with them: which roles,
/// guards, requests (steps with a handler) and effects exist. Built once at startup; an invalid
/// definition stops the service.
/// </summary>
public sealed class WorkflowRegistry
{
    private readonly Dictionary<string, StepFactory> _steps;

    public WorkflowRegistry(string directory, IReadOnlyDictionary<string, int>? activeVersions, IEnumerable<string> effects)
    {
        _steps = DiscoverSteps(typeof(WorkflowRegistry).Assembly);
        Environment = new WorkflowEnvironment(
            Roles.All,
            CaseGuards.Names,
            _steps.Keys.ToHashSet(StringComparer.Ordinal),
            effects.ToHashSet(StringComparer.Ordinal));
        Catalog = WorkflowLoader.LoadDirectory(directory, Environment, activeVersions);
    }

    public WorkflowCatalog Catalog { get; }

    public WorkflowEnvironment Environment { get; }

    public IWorkflowStep CreateStep(string request, CaseStep step, JsonElement? body)
    {
        var factory = _steps[request];
        object? parsed;
        try
        {
            parsed = body is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } element
                ? element.Deserialize(factory.BodyType, Json.Options)
                : JsonSerializer.Deserialize("{}", factory.BodyType, Json.Options);
        }
        catch (JsonException ex)
        {
            throw RequestValidationException.For(JsonPathToProperty(ex.Path), "The value is not valid here: " + Trim(ex.Message));
        }

        return factory.Create(step, parsed ?? throw RequestValidationException.For("body", "A JSON object is required."));
    }

    private static string JsonPathToProperty(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');

    private static string Trim(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static Dictionary<string, StepFactory> DiscoverSteps(Assembly assembly)
    {
        var handlerTypes = assembly.GetTypes()
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>))
            .Select(i => i.GetGenericArguments()[0])
            .ToHashSet();
        var steps = new Dictionary<string, StepFactory>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false }))
        {
            var contract = type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IWorkflowStep<,>));
            if (contract is null || !handlerTypes.Contains(type))
            {
                continue;
            }

            var bodyType = contract.GetGenericArguments()[1];
            var build = typeof(WorkflowRegistry).GetMethod(nameof(Build), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(type, bodyType);
            var factory = (StepFactory)build.Invoke(null, null)!;
            steps.Add(factory.Name, factory);
        }

        return steps;
    }

    private static StepFactory Build<TStep, TBody>()
        where TStep : IWorkflowStep<TStep, TBody> =>
        new(TStep.Name, typeof(TBody), (step, body) => TStep.Create(step, (TBody)body));

    private sealed record StepFactory(string Name, Type BodyType, Func<CaseStep, object, IWorkflowStep> Create);
}
