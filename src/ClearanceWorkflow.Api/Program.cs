using ClearanceWorkflow.Api.Cli;
using ClearanceWorkflow.Api.Hosting;

if (args.Length > 0 && Commands.Verbs.Contains(args[0]))
{
    return await Commands.RunAsync(args);
}

if (Commands.IsUnknownVerb(args))
{
    Console.Error.WriteLine($"unknown verb '{args[0]}'; the verbs are {string.Join(", ", Commands.Verbs.Order(StringComparer.Ordinal))}, and without one the service runs");
    return 2;
}

await ApiHost.Build(args).RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
