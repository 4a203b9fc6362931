using ClearanceWorkflow.Api.Cli;
using ClearanceWorkflow.Api.Hosting;

if (args.Length > 0 && Commands.Verbs.Contains(args[0]))
{
    return await Commands.RunAsync(args);
}

await ApiHost.Build(args).RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
