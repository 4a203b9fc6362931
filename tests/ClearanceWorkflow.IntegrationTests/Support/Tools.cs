using System.Diagnostics;

namespace ClearanceWorkflow.IntegrationTests.Support;

/// <summary>The repository the tests run from, and the command-line tools they call (installed by test.sh).</summary>
public static class Tools
{
    private static string? repositoryRoot;

    public static string RepositoryRoot => repositoryRoot ??= FindRepositoryRoot();

    /// <summary><c>@redocly/cli</c>, installed from tests/tools/package-lock.json by <c>npm ci</c>.</summary>
    public static string Redocly => Path.Combine(RepositoryRoot, "tests", "tools", "node_modules", ".bin", "redocly");

    /// <summary>Runs a command to its end; returns the exit code and everything it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish in time");
        }

        return (process.ExitCode, await output + await error);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClearanceWorkflow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ClearanceWorkflow.sln not found above " + AppContext.BaseDirectory);
    }
}
