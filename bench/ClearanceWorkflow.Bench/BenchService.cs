using System.Diagnostics;
using System.Globalization;

namespace ClearanceWorkflow.Bench;

/// <summary>
/// The built service (<c>dotnet ClearanceWorkflow.Api.dll</c>, copied next to the benchmark) as its own
/// process on a free loopback port, configured by environment variables as an operator would, so that
/// its memory can be read apart from the load generator's. Disposing it kills it.
/// </summary>
internal sealed class BenchService : IAsyncDisposable
{
    private readonly Process _process;

    private BenchService(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<BenchService> StartAsync(string connectionString, BenchKeys keys, string dataPath, IReadOnlyDictionary<string, string> extra, TextWriter log)
    {
        var url = new Uri($"http://127.0.0.1:{BenchProgram.FreePort()}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ClearanceWorkflow.Api.dll"));
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Clearance"] = connectionString,
            ["DataPath"] = dataPath,
            ["Verification__Automated"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            // The scheduler of an earlier run on the same server shows up as a failed cluster node; that warning is noise here.
            ["Logging__LogLevel__Hangfire"] = "Error",
            ["RateLimiting__PartnerPermitsPerMinute"] = "100000000",
        };
        foreach (var setting in keys.Settings())
        {
            var (name, value) = (setting[2..setting.IndexOf('=', StringComparison.Ordinal)], setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            settings[name.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (name, value) in settings.Concat(extra))
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("the service process did not start");
        process.OutputDataReceived += (_, e) => Echo(e.Data);
        process.ErrorDataReceived += (_, e) => Echo(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new BenchService(process, url);
        using var probe = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the service exited while starting (code {process.ExitCode})");
            }

            try
            {
                if ((await probe.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (watch.Elapsed > TimeSpan.FromMinutes(2))
            {
                await service.DisposeAsync();
                throw new TimeoutException("the service was not ready within 2 minutes");
            }

            await Task.Delay(250);
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"service process {process.Id} ready at {url} after {watch.Elapsed.TotalSeconds:0.0} s"));
        return service;

        void Echo(string? line)
        {
            if (line is not null)
            {
                log.WriteLine("  [service] " + line);
            }
        }
    }

    public int ProcessId => _process.Id;

    /// <summary>Resident set size now (VmRSS), in bytes.</summary>
    public long Rss() => Status("VmRSS:");

    /// <summary>Largest resident set size since the process started (VmHWM), in bytes.</summary>
    public long PeakRss() => Status("VmHWM:");

    /// <summary>How the resident set splits: anonymous memory (heaps, stacks, JIT code) against mapped files (the assemblies).</summary>
    public string RssBreakdown() => string.Create(CultureInfo.InvariantCulture,
        $"anonymous {Status("RssAnon:") / (1024.0 * 1024):0} MiB, files {Status("RssFile:") / (1024.0 * 1024):0} MiB, threads {Threads()}");

    private int Threads() => (int)(Status("Threads:") / 1024);

    private long Status(string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
