using ClearanceWorkflow.Api.Cli;
using ClearanceWorkflow.Api.Hosting;

if ((args.Length > 0 && Commands.Verbs.Contains(args[0])) || Commands.IsHelp(args))
{
    return await Commands.RunAsync(args);
}

if (Commands.MisspeltVerb(args) is { } meant)
{
    Console.Error.WriteLine($"'{(args[0] == "--" ? $"-- {meant}" : args[0])}' is not a verb; did you mean '{meant}'?");
    return 2;
}

if (Commands.IsUnknownVerb(args))
{
    Console.Error.WriteLine($"unknown verb '{args[0]}'; the verbs are {string.Join(", ", Commands.Verbs.Order(StringComparer.Ordinal))}, and without one the service runs");
    return 2;
}

try
{
    await ApiHost.Build(args).RunAsync();
}
catch (Exception ex) when (Commands.IsRefusal(ex) && System.Reflection.Assembly.GetEntryAssembly() == typeof(Program).Assembly)
{
    // The service refuses to start (a setting, a file, a key): the message names the cause; the log has the rest.
    // Only as the process's own program: a host that runs it in-process (the test factory) is handed the exception.
    Console.Error.WriteLine($"The service did not start: {Commands.RefusalMessage(ex)}");
    return 1;
}

return 0;

/// <summary>The entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
