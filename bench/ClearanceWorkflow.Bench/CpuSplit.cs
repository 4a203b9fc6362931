using System.Diagnostics;
using System.Globalization;

namespace ClearanceWorkflow.Bench;

/// <summary>
/// Where the machine's CPU went during a phase, from /proc: the service process, this load generator, every
/// PostgreSQL process (the server is shared, so other databases' work counts too), the rest of the machine,
/// and idle. In cores, averaged over the phase.
/// </summary>
internal sealed class CpuSplit
{
    /// <summary>Clock ticks per second of /proc's CPU times (USER_HZ), 100 on Linux.</summary>
    private const double TicksPerSecond = 100;

    private readonly int _service;
    private readonly Sample _start;
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    private CpuSplit(int service)
    {
        _service = service;
        _start = Take(service);
    }

    public static CpuSplit Start(int serviceProcessId) => new(serviceProcessId);

    /// <summary>The split since the start, as one line.</summary>
    public string Stop()
    {
        var end = Take(_service);
        var seconds = _watch.Elapsed.TotalSeconds;
        double Cores(double from, double to) => (to - from) / seconds;
        var service = Cores(_start.Service, end.Service);
        var load = Cores(_start.Load, end.Load);
        var postgres = Cores(_start.Postgres, end.Postgres);
        var busy = Cores(_start.Busy, end.Busy);
        var idle = Cores(_start.Idle, end.Idle);
        return string.Create(CultureInfo.InvariantCulture,
            $"CPU in cores of {Environment.ProcessorCount}: service {service:0.00}, load generator {load:0.00}, PostgreSQL {postgres:0.00}, other {Math.Max(0, busy - service - load - postgres):0.00}, idle {idle:0.00}");
    }

    /// <summary>CPU seconds since the start of the service's process and of every PostgreSQL process.</summary>
    public (double Service, double Postgres) Seconds()
    {
        var end = Take(_service);
        return (end.Service - _start.Service, end.Postgres - _start.Postgres);
    }

    private static Sample Take(int service)
    {
        double postgres = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && Comm(pid) == "postgres")
            {
                postgres += ProcessSeconds(pid);
            }
        }

        // The first line of /proc/stat: cpu user nice system idle iowait irq softirq steal ...
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var idle = (fields[3] + fields[4]) / TicksPerSecond;
        var all = fields.Take(8).Sum() / TicksPerSecond;
        return new Sample(ProcessSeconds(service), Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, postgres, all - idle, idle);
    }

    private static string? Comm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>User and system CPU seconds of a process (fields 14 and 15 of /proc/pid/stat); 0 once it is gone.</summary>
    private static double ProcessSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private sealed record Sample(double Service, double Load, double Postgres, double Busy, double Idle);
}
