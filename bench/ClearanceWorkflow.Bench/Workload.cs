using System.Diagnostics;
using System.Globalization;

namespace ClearanceWorkflow.Bench;

/// <summary>One measured phase: operations, throughput and latency percentiles over the measured window.</summary>
internal sealed record PhaseResult(
    string Name, string What, int Clients, double Seconds, long Operations, long Errors, long TotalIncludingWarmup, double[] SortedLatenciesMs,
    double ProcessCpuSeconds, int ItemsPerOperation = 1)
{
    /// <summary>CPU of this process (load generator and service together; PostgreSQL not included) per operation, in ms.</summary>
    public double CpuMsPerOperation => TotalIncludingWarmup == 0 ? double.NaN : ProcessCpuSeconds * 1000 / TotalIncludingWarmup;

    public double PerSecond => Operations / Seconds;

    public double ItemsPerSecond => PerSecond * ItemsPerOperation;

    public double Percentile(double p)
    {
        if (SortedLatenciesMs.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * SortedLatenciesMs.Length) - 1;
        return SortedLatenciesMs[Math.Clamp(rank, 0, SortedLatenciesMs.Length - 1)];
    }

    public double Mean => SortedLatenciesMs.Length == 0 ? double.NaN : SortedLatenciesMs.Average();
}

/// <summary>
/// Closed-loop load: <c>clients</c> workers each run the operation back to back. The first
/// <c>warmup</c> is not measured; then every operation that starts and ends inside the measured window
/// counts, with its latency.
/// </summary>
internal static class Workload
{
    public static Task<PhaseResult> RunAsync(
        string name, string what, int clients, TimeSpan warmup, TimeSpan duration, Func<Random, CancellationToken, Task<bool>> operation, int itemsPerOperation = 1) =>
        RunAsync(name, what, clients, warmup, duration, (_, random, ct) => operation(random, ct), itemsPerOperation);

    /// <summary>As above; the operation is also given its worker's number (0 to clients - 1), for workers that own their data.</summary>
    public static async Task<PhaseResult> RunAsync(
        string name, string what, int clients, TimeSpan warmup, TimeSpan duration, Func<int, Random, CancellationToken, Task<bool>> operation, int itemsPerOperation = 1)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var samples = new List<double>[clients];
        var errors = new long[clients];
        var total = new long[clients];
        using var stop = new CancellationTokenSource();

        await Task.WhenAll(Enumerable.Range(0, clients).Select(worker => Task.Run(async () =>
        {
            var random = new Random(HashCode.Combine(name, worker));
            var mine = samples[worker] = new List<double>(64 * 1024);
            while (true)
            {
                var began = Stopwatch.GetTimestamp();
                if (began >= measureTo)
                {
                    return;
                }

                bool ok;
                try
                {
                    ok = await operation(worker, random, stop.Token);
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }

                var ended = Stopwatch.GetTimestamp();
                total[worker]++;
                if (began >= measureFrom && ended <= measureTo)
                {
                    mine.Add(Stopwatch.GetElapsedTime(began, ended).TotalMilliseconds);
                    if (!ok)
                    {
                        errors[worker]++;
                    }
                }
            }
        })));

        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var sorted = samples.SelectMany(s => s).Order().ToArray();
        return new PhaseResult(name, what, clients, duration.TotalSeconds, sorted.Length, errors.Sum(), total.Sum(), sorted, cpu, itemsPerOperation);
    }

    public static string Table(IEnumerable<PhaseResult> results)
    {
        var lines = new List<string>
        {
            "| phase | what | clients | ops | ops/s | items/s | mean ms | p50 ms | p95 ms | p99 ms | errors | CPU ms/op |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        };
        lines.AddRange(results.Select(r => string.Create(
            CultureInfo.InvariantCulture,
            $"| {r.Name} | {r.What} | {r.Clients} | {r.Operations:N0} | {r.PerSecond:N0} | {r.ItemsPerSecond:N0} | {r.Mean:0.00} | {r.Percentile(50):0.00} | {r.Percentile(95):0.00} | {r.Percentile(99):0.00} | {r.Errors:N0} | {r.CpuMsPerOperation:0.00} |")));
        return string.Join(Environment.NewLine, lines);
    }

    public static string Ratios(PhaseResult subject, PhaseResult baseline) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {subject.Name} vs {baseline.Name} | {subject.PerSecond / baseline.PerSecond:0.000} | {subject.Percentile(50) / baseline.Percentile(50):0.0}x | {subject.Percentile(95) / baseline.Percentile(95):0.0}x | {subject.Percentile(99) / baseline.Percentile(99):0.0}x |");
}
