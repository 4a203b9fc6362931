using System.Diagnostics;

namespace ClearanceWorkflow.IntegrationTests.Support;

/// <summary>Runs the built service (<c>dotnet ClearanceWorkflow.Api.dll ...</c>) as operators do, with only the settings given.</summary>
public static class ServiceProcess
{
    private static readonly string[] ServiceVariablePrefixes =
        ["Auth__", "Database__", "ConnectionStrings__", "Encryption__", "BlindIndex__", "Limits__", "Verification__", "Notifications__", "Jobs__", "ASPNETCORE_", "DataPath", "DOTNET_ENVIRONMENT"];

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = StartInfo(workingDirectory, environment, args);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the HTTP service on <paramref name="url"/> and waits until <c>/health/ready</c> answers 200. Dispose kills it (SIGKILL).</summary>
    public static Task<RunningService> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, Uri url) =>
        StartAsync(StartInfo(workingDirectory, WithUrl(environment, url), []), url);

    /// <summary>As the start above, through <c>dotnet run --project src/ClearanceWorkflow.Api</c> (its launch profile applies), as the README starts it.</summary>
    public static Task<RunningService> StartWithDotnetRunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, Uri url)
    {
        var start = StartInfo(workingDirectory, WithUrl(environment, url), []);
        start.ArgumentList.Clear();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        foreach (var arg in new[] { "run", "--project", Path.Combine(Tools.RepositoryRoot, "src", "ClearanceWorkflow.Api"), "--no-build", "-c", configuration })
        {
            start.ArgumentList.Add(arg);
        }

        return StartAsync(start, url);
    }

    private static Dictionary<string, string?> WithUrl(IReadOnlyDictionary<string, string?> environment, Uri url) =>
        new(environment) { ["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/') };

    private static async Task<RunningService> StartAsync(ProcessStartInfo start, Uri url)
    {
        var service = new RunningService(Process.Start(start)!, url);
        using var probe = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await WaitUntilReadyAsync(service, probe);
        }
        catch
        {
            service.Dispose(); // Never left running by a test that failed here.
            throw;
        }

        return service;
    }

    private static Task WaitUntilReadyAsync(RunningService service, HttpClient probe) =>
        Eventually.Until(
            async () =>
            {
                Assert.That(service.Process.HasExited, Is.False, "the service stopped while starting: " + service.Output);
                try
                {
                    return (await probe.GetAsync("/health/ready")).StatusCode == System.Net.HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            "the service process to be ready",
            TimeSpan.FromSeconds(90));

    private static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string?> environment, string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ClearanceWorkflow.Api.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => ServiceVariablePrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return start;
    }
}

/// <summary>A service process started by <see cref="ServiceProcess"/>; its output is kept.</summary>
public sealed class RunningService : IDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    public RunningService(Process process, Uri url)
    {
        Process = process;
        Url = url;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public Uri Url { get; }

    public string Output => string.Join('\n', _output.TakeLast(40));

    /// <summary>Kills the process at once, as <c>kill -9</c> does.</summary>
    public void Kill()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        Process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
