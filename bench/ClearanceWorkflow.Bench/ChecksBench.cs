using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text.Json;
using ClearanceWorkflow.Api.Hosting;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Infrastructure.Jobs;
using Hangfire;
using Hangfire.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ClearanceWorkflow.Bench;

/// <summary>
/// Background checks on Hangfire, one node (docs/performance.md): automated checks against the simulated
/// provider per second, against an empty Hangfire job on the same storage with the same workers, and the time
/// from a submit's HTTP 200 to each of its check jobs starting (a worker begins it) and to each check starting
/// (its row is marked Running). Each run has a fresh database and a fresh host. Throughput is measured in rounds:
/// empty-job phases and bursts of checks alternate, and each burst is compared with the mean of the empty-job
/// phases just before and after it, so that the machine's load drifting (these hosts are shared) moves both alike.
/// </summary>
internal static class ChecksBench
{
    private const int ChecksPerCase = 5; // a Secret case: the Tier 3 kinds
    private const int WarmUpCases = 100;
    private static readonly TimeSpan WaitLimit = TimeSpan.FromMinutes(2);

    private sealed record Options(string Connection, string[] Storages, int Cases, int LatencyCases, TimeSpan LatencyGap, int Clients, int Workers, int Runs, int Rounds);

    /// <summary>A run's figures; the rates and ratio are the medians of its rounds (<see cref="RoundRatios"/>).</summary>
    private sealed record RunResult(
        string Storage, double EmptyJobsPerSecond, double ChecksPerSecond, double Ratio, IReadOnlyList<double> RoundRatios,
        Cpu PerEmptyJob, Cpu PerCheck, double SubmitSeconds, double BurstP50, double BurstP95, double JobP50, double JobP95, double P50, double P95, double Max);

    /// <summary>CPU milliseconds of the host's process (service and load generator) and of PostgreSQL's processes.</summary>
    private sealed record Cpu(double Process, double Postgres)
    {
        public static Cpu Median(IEnumerable<Cpu> phases) => new(ChecksBench.Median([.. phases.Select(p => p.Process)]), ChecksBench.Median([.. phases.Select(p => p.Postgres)]));

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Process:0.00} + {Postgres:0.00} ms");
    }

    private const string Usage = """
        ClearanceWorkflow background-check benchmark (docs/performance.md)

          dotnet run -c Release --project bench/ClearanceWorkflow.Bench -- checks [options]

          --storage <s>          postgres, sqlite or both (default both)
          --connection <cs>      PostgreSQL server, a user that may CREATE DATABASE
                                 (default: $CLEARANCE_BENCH_POSTGRES, then $CLEARANCE_TEST_POSTGRES)
          --cases <n>            Secret cases (5 checks each) submitted at once in each throughput round (default 200)
          --rounds <n>           throughput rounds per run, each burst between two empty-job phases (default 3)
          --latency-cases <n>    cases submitted one at a time for start latency (default 40)
          --latency-gap-ms <n>   pause between those submits (default 250)
          --clients <n>          concurrent HTTP clients submitting, and threads enqueuing empty jobs (default 8)
          --workers <n>          Jobs__WorkerCount (default 8, the shipped default)
          --runs <n>             runs per storage, each on a fresh database (default 3)
        """;

    public static async Task<int> MainAsync(string[] args)
    {
        if (args.Any(a => a is "--help" or "-h"))
        {
            Console.WriteLine(Usage);
            return 0;
        }

        Options options;
        try
        {
            options = Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var log = Console.Out;
        log.WriteLine($"# ClearanceWorkflow background-check benchmark, {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC");
        log.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, server GC {System.Runtime.GCSettings.IsServerGC}");
        log.WriteLine($"load: {options.Cases} Secret cases x {ChecksPerCase} checks submitted by {options.Clients} clients; {options.LatencyCases} cases one at a time every {options.LatencyGap.TotalMilliseconds:0} ms; {options.Workers} workers; {options.Rounds} rounds per run, {options.Runs} runs per storage");
        GlobalJobFilters.Filters.Add(new CheckJobStarts());
        var results = new List<RunResult>();
        var failures = 0;
        foreach (var storage in options.Storages)
        {
            for (var run = 1; run <= options.Runs; run++)
            {
                log.WriteLine();
                log.WriteLine($"## {storage}, run {run}; host: {BenchProgram.HostPressure()}");
                RunResult result;
                try
                {
                    result = await RunAsync(options, storage, log);
                }
                catch (TimeoutException ex)
                {
                    // Reported and left out of the medians: the other runs still say something.
                    failures++;
                    log.WriteLine($"  run FAILED: {ex.Message} within {WaitLimit.TotalMinutes:0} min");
                    continue;
                }
                catch (InvalidOperationException ex)
                {
                    // A request the service refused (e.g. a 500): reported and left out the same way.
                    failures++;
                    log.WriteLine($"  run FAILED: {ex.Message}");
                    continue;
                }

                results.Add(result);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  empty jobs {result.EmptyJobsPerSecond:0.0}/s; checks {result.ChecksPerSecond:0.0}/s (ratio {result.Ratio:0.00}; rounds {string.Join(", ", result.RoundRatios.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))}); CPU (host process + PostgreSQL) per empty job {result.PerEmptyJob}, per check {result.PerCheck}; submits took {result.SubmitSeconds:0.0} s; one at a time, job start p50 {result.JobP50:0} ms, p95 {result.JobP95:0} ms, check start p50 {result.P50:0} ms, p95 {result.P95:0} ms, max {result.Max:0} ms; in the burst, check start p50 {result.BurstP50:0} ms, p95 {result.BurstP95:0} ms"));
            }
        }

        log.WriteLine();
        log.WriteLine("| storage | empty jobs/s | checks/s | ratio | job start p50 | job start p95 | check start p50 | check start p95 | in burst p50 | in burst p95 |");
        log.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in results.GroupBy(r => r.Storage))
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key} (median of {group.Count()} runs; ratio: of their {group.Sum(r => r.RoundRatios.Count)} rounds) | {Median(group, r => r.EmptyJobsPerSecond):0.0} | {Median(group, r => r.ChecksPerSecond):0.0} | {Median([.. group.SelectMany(r => r.RoundRatios)]):0.00} | {Median(group, r => r.JobP50):0} ms | {Median(group, r => r.JobP95):0} ms | {Median(group, r => r.P50):0} ms | {Median(group, r => r.P95):0} ms | {Median(group, r => r.BurstP50):0} ms | {Median(group, r => r.BurstP95):0} ms |"));
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key}, each run (ratio; job start p95 ms; check start p95 ms) | | | {string.Join(", ", group.Select(r => r.Ratio.ToString("0.00", CultureInfo.InvariantCulture)))} | | {string.Join(", ", group.Select(r => r.JobP95.ToString("0", CultureInfo.InvariantCulture)))} | | {string.Join(", ", group.Select(r => r.P95.ToString("0", CultureInfo.InvariantCulture)))} | | |"));
        }

        log.WriteLine();
        foreach (var group in results.GroupBy(r => r.Storage))
        {
            log.WriteLine($"{group.Key}: CPU (host process + PostgreSQL), median of the runs: per empty job {Cpu.Median(group.Select(r => r.PerEmptyJob))}, per check {Cpu.Median(group.Select(r => r.PerCheck))}");
        }

        if (failures > 0)
        {
            log.WriteLine($"{failures} run(s) failed and are not in the medians");
        }

        return failures == 0 ? 0 : 1;
    }

    private static async Task<RunResult> RunAsync(Options options, string storage, TextWriter log)
    {
        var keys = BenchKeys.Create();
        var dataPath = Directory.CreateTempSubdirectory("cw-bench-checks-").FullName;
        var database = "clearance_bench_checks_" + TimeProvider.System.GetUtcNow().ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);
        var admin = new NpgsqlConnectionStringBuilder(options.Connection);
        var target = new NpgsqlConnectionStringBuilder(options.Connection) { Database = database, MaxPoolSize = 100 };
        string[] storageSettings = storage == "postgres"
            ? ["--Database:Provider=Postgres", $"--ConnectionStrings:Clearance={target.ConnectionString}"]
            : ["--Database:Provider=Sqlite"];
        if (storage == "postgres")
        {
            await BenchProgram.ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE \"{database}\"");
        }

        var port = BenchProgram.FreePort();
        var app = ApiHost.Build([
            "--urls", $"http://127.0.0.1:{port}",
            "--environment", "Production",
            .. storageSettings,
            $"--DataPath={dataPath}",
            "--Verification:Automated=true",
            $"--Jobs:WorkerCount={options.Workers}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.AspNetCore=Warning",
            "--Logging:LogLevel:Hangfire=Error",
            .. keys.Settings(),
        ]);
        await app.StartAsync();
        try
        {
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
            using var http = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(120) };

            // Warm-up, not measured: the first run of a process would otherwise measure its baseline with a cold JIT
            // and its checks warm. A few empty jobs, then a few cases submitted and their checks waited for.
            await EmptyJobsAsync(app, WarmUpCases * ChecksPerCase * 4, options.Clients, null);
            var warm = await StageAsync(http, keys, WarmUpCases, options.Clients, "warm");
            await SubmitAsync(http, warm, options.Clients, TimeSpan.Zero);
            await WaitForChecksAsync(app, warm.Select(c => c.Id).ToHashSet(), WarmUpCases * ChecksPerCase);

            // Throughput, in rounds. Every case is applied for and its questionnaire filled first (not measured). Each round
            // submits its cases at once, between two baselines: as many empty jobs as the burst has checks, enqueued by as
            // many threads as there are submitting clients. A round's ratio is against the mean of its two baselines.
            var jobs = options.Cases * ChecksPerCase;
            var staged = await StageAsync(http, keys, options.Cases * options.Rounds, options.Clients, "burst");
            Func<Task<string>>? describe = storage == "postgres" ? () => DescribeJobsAsync(target.ConnectionString) : null;
            var jobCpu = new List<Cpu>();
            var checkCpu = new List<Cpu>();
            var baselines = new List<double> { await Measured(jobCpu, jobs, () => EmptyJobsAsync(app, jobs, options.Clients, describe)) };
            var rates = new List<double>();
            var submitSeconds = new List<double>();
            var burstLatencies = new List<double>();
            foreach (var burst in staged.Chunk(options.Cases))
            {
                var started = TimeProvider.System.GetUtcNow().UtcDateTime;
                var cpu = CpuSplit.Start(Environment.ProcessId);
                var submitClock = Stopwatch.StartNew();
                var burstSubmitted = await SubmitAsync(http, [.. burst], options.Clients, TimeSpan.Zero);
                submitSeconds.Add(submitClock.Elapsed.TotalSeconds);
                var burstChecks = await WaitForChecksAsync(app, burst.Select(c => c.Id).ToHashSet(), jobs);
                rates.Add(jobs / (burstChecks.Max(c => c.CompletedAt) - started).TotalSeconds);
                checkCpu.Add(PerUnit(cpu, jobs));
                burstLatencies.AddRange(Latencies(burstSubmitted, burstChecks));
                baselines.Add(await Measured(jobCpu, jobs, () => EmptyJobsAsync(app, jobs, options.Clients, describe)));
            }

            var roundRatios = rates.Select((rate, i) => rate / ((baselines[i] + baselines[i + 1]) / 2)).ToList();
            burstLatencies.Sort();

            // Start latency: one case at a time, well below the throughput, so a check waits on the hand-over and not on a queue.
            var single = await StageAsync(http, keys, options.LatencyCases, options.Clients, "single");
            var singleSubmitted = await SubmitAsync(http, single, 1, options.LatencyGap);
            var singleChecks = await WaitForChecksAsync(app, single.Select(c => c.Id).ToHashSet(), options.LatencyCases * ChecksPerCase);
            var latencies = Latencies(singleSubmitted, singleChecks);
            var jobLatencies = JobLatencies(singleSubmitted);

            return new RunResult(storage, Median(baselines), Median(rates), Median(roundRatios), roundRatios, Cpu.Median(jobCpu), Cpu.Median(checkCpu), Median(submitSeconds),
                Percentile(burstLatencies, 50), Percentile(burstLatencies, 95), Percentile(jobLatencies, 50), Percentile(jobLatencies, 95),
                Percentile(latencies, 50), Percentile(latencies, 95), latencies[^1]);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (storage == "postgres")
            {
                await BenchProgram.ExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
                log.WriteLine($"  dropped database {database}");
            }

            Directory.Delete(dataPath, recursive: true);
        }
    }

    /// <summary>Runs a phase of <paramref name="units"/> jobs or checks and adds its CPU per unit to <paramref name="perUnit"/>.</summary>
    private static async Task<double> Measured(List<Cpu> perUnit, int units, Func<Task<double>> phase)
    {
        var cpu = CpuSplit.Start(Environment.ProcessId);
        var rate = await phase();
        perUnit.Add(PerUnit(cpu, units));
        return rate;
    }

    /// <summary>The CPU since <paramref name="cpu"/> started, in milliseconds per unit. A phase waits for its last unit by polling, so a little idle polling counts too.</summary>
    private static Cpu PerUnit(CpuSplit cpu, int units)
    {
        var (process, postgres) = cpu.Seconds();
        return new Cpu(process * 1000 / units, postgres * 1000 / units);
    }

    private static async Task<double> EmptyJobsAsync(WebApplication app, int count, int threads, Func<Task<string>>? describe)
    {
        var client = app.Services.GetRequiredService<IBackgroundJobClient>();
        EmptyJob.Reset();
        var start = Stopwatch.GetTimestamp();
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, threads).Select(_ => Task.Run(() =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                client.Enqueue(() => EmptyJob.Run());
            }
        })));
        var deadline = clock.Elapsed + WaitLimit;
        while (EmptyJob.Done < count)
        {
            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"only {EmptyJob.Done} of {count} empty jobs ran{(describe is null ? "" : "; " + await describe())}");
            }

            await Task.Delay(20);
        }

        return count / Stopwatch.GetElapsedTime(start, EmptyJob.LastDone).TotalSeconds;
    }

    /// <summary>Hangfire's jobs by state and its queue rows, to tell a lost job from a stuck one.</summary>
    private static async Task<string> DescribeJobsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var lines = new List<string>();
        foreach (var sql in new[]
        {
            "SELECT coalesce(statename, '(none)') || ' ' || count(*) FROM hangfire.job GROUP BY statename",
            "SELECT 'queue row ' || id || ' job ' || jobid || ' fetchedat ' || coalesce(fetchedat::text, 'null') FROM hangfire.jobqueue ORDER BY id LIMIT 10",
            "SELECT 'job ' || id || ' ' || coalesce(statename, '(none)') || ' created ' || createdat FROM hangfire.job WHERE statename IS DISTINCT FROM 'Succeeded' ORDER BY id LIMIT 10",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }

        return string.Join("; ", lines);
    }

    private sealed record StagedCase(Guid Id, AuthenticationHeaderValue Token);

    private static async Task<List<StagedCase>> StageAsync(HttpClient http, BenchKeys keys, int count, int clients, string label)
    {
        var staged = new ConcurrentBag<StagedCase>();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = clients }, async (i, ct) =>
        {
            var token = new AuthenticationHeaderValue("Bearer", keys.Token($"bench-applicant-{label}-{i}", "applicant"));
            var subject = new
            {
                givenName = "Jane",
                familyName = SyntheticSubjects.FamilyName(i),
                dateOfBirth = SyntheticSubjects.DateOfBirth(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                citizenship = "GB",
                nationalId = SyntheticSubjects.NationalId(i),
                email = $"applicant{i}@example.org",
            };
            using var apply = BenchProgram.Post("/api/v1/applications", new { requestedLevel = "Secret", sponsor = "Benchmark sponsor", subject }, token);
            using var applied = await Expect(http, apply, HttpStatusCode.Created, ct);
            var id = JsonDocument.Parse(await applied.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("id").GetGuid();
            using var fill = BenchProgram.Post($"/api/v1/applications/{id}/questionnaire", Questionnaire(), token);
            fill.Method = HttpMethod.Put;
            using var filled = await Expect(http, fill, HttpStatusCode.OK, ct);
            staged.Add(new StagedCase(id, token));
        });
        return [.. staged];
    }

    /// <summary>Submits the cases; returns when each submit's 200 arrived.</summary>
    private static async Task<Dictionary<Guid, DateTime>> SubmitAsync(HttpClient http, List<StagedCase> cases, int clients, TimeSpan gap)
    {
        var answered = new ConcurrentDictionary<Guid, DateTime>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = clients }, async (c, ct) =>
        {
            using var submit = BenchProgram.Post($"/api/v1/cases/{c.Id}/actions/submit", new { attestation = true }, c.Token);
            using var response = await Expect(http, submit, HttpStatusCode.OK, ct);
            answered[c.Id] = TimeProvider.System.GetUtcNow().UtcDateTime;
            if (gap > TimeSpan.Zero)
            {
                await Task.Delay(gap, ct);
            }
        });
        return new Dictionary<Guid, DateTime>(answered);
    }

    private sealed record CheckTimes(Guid CaseId, DateTime StartedAt, DateTime CompletedAt);

    /// <summary>Waits until <paramref name="expected"/> checks of the cases are complete; returns their start and end.</summary>
    private static async Task<List<CheckTimes>> WaitForChecksAsync(WebApplication app, HashSet<Guid> cases, int expected)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ClearanceDbContext>();
                var done = await db.Checks.AsNoTracking().Where(c => cases.Contains(c.CaseId) && c.CompletedAt != null)
                    .Select(c => new { c.CaseId, c.StartedAt, c.CompletedAt }).ToListAsync();
                if (done.Count >= expected)
                {
                    return [.. done.Select(c => new CheckTimes(c.CaseId, c.StartedAt!.Value, c.CompletedAt!.Value))];
                }

                if (clock.Elapsed > WaitLimit)
                {
                    throw new TimeoutException($"only {done.Count} of {expected} checks completed");
                }
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Milliseconds from each case's submit 200 to each of its checks starting, sorted.</summary>
    private static List<double> Latencies(Dictionary<Guid, DateTime> submitted, List<CheckTimes> checks) =>
        [.. checks.Select(c => (c.StartedAt - submitted[c.CaseId]).TotalMilliseconds).Order()];

    /// <summary>Milliseconds from each case's submit 200 to the first run of each of its check jobs starting, sorted.</summary>
    private static List<double> JobLatencies(Dictionary<Guid, DateTime> submitted)
    {
        var starts = submitted.Keys.SelectMany(CheckJobStarts.For).ToList();
        if (starts.Count != submitted.Count * ChecksPerCase)
        {
            throw new InvalidOperationException($"{starts.Count} check job starts seen for {submitted.Count * ChecksPerCase} checks");
        }

        return [.. starts.Select(s => (s.StartedAt - submitted[s.CaseId]).TotalMilliseconds).Order()];
    }

    private static double Percentile(List<double> sorted, int p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static double Median(IEnumerable<RunResult> runs, Func<RunResult, double> value) => Median([.. runs.Select(value)]);

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static async Task<HttpResponseMessage> Expect(HttpClient http, HttpRequestMessage request, HttpStatusCode status, CancellationToken ct)
    {
        var response = await http.SendAsync(request, ct);
        if (response.StatusCode != status)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            response.Dispose();
            throw new InvalidOperationException($"{request.Method} {request.RequestUri}: expected {(int)status}, got {(int)response.StatusCode}: {body}");
        }

        return response;
    }

    /// <summary>A complete questionnaire covering six years without gaps (what a Secret case needs).</summary>
    private static object Questionnaire()
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var start = today.AddYears(-6);
        var middle = today.AddYears(-3);
        return new
        {
            residences = new object[]
            {
                new { from = Day(start), to = Day(middle), address = "1 Old Street, Oldtown", country = "GB" },
                new { from = Day(middle.AddDays(1)), to = (string?)null, address = "12 Acacia Avenue, Springfield", country = "GB" },
            },
            employment = new object[] { new { from = Day(start), to = (string?)null, employer = "Acme Ltd", position = "Engineer" } },
            education = new object[] { new { institution = "University of Springfield", degree = "BSc", from = (string?)null, to = (string?)null } },
            references = new object[] { new { name = "Ref One", relationship = "colleague", contact = "ref.one@example.org" } },
            foreignContacts = Array.Empty<object>(),
            foreignTravel = Array.Empty<object>(),
            financial = new { bankruptcy = false, delinquentDebt = false, details = (string?)null },
            criminalRecord = Array.Empty<object>(),
            drugUse = new { illegalUseInScope = false, details = (string?)null },
        };

        static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"unknown argument '{args[i]}'");
            }

            values[args[i]] = args[++i];
        }

        var known = new[] { "--storage", "--connection", "--cases", "--rounds", "--latency-cases", "--latency-gap-ms", "--clients", "--workers", "--runs" };
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw new ArgumentException($"unknown option '{unknown}'");
        }

        var storages = Get("--storage") switch
        {
            null or "both" => new[] { "postgres", "sqlite" },
            "postgres" => ["postgres"],
            "sqlite" => ["sqlite"],
            var other => throw new ArgumentException($"--storage must be postgres, sqlite or both, not '{other}'"),
        };
        var connection = Get("--connection")
            ?? Environment.GetEnvironmentVariable(BenchOptions.ConnectionVariable)
            ?? Environment.GetEnvironmentVariable("CLEARANCE_TEST_POSTGRES")
            ?? (storages.Contains("postgres") ? throw new ArgumentException($"no PostgreSQL connection: pass --connection or set {BenchOptions.ConnectionVariable}") : string.Empty);
        var options = new Options(connection, storages, Int("--cases", 200), Int("--latency-cases", 40), TimeSpan.FromMilliseconds(Int("--latency-gap-ms", 250)),
            Int("--clients", 8), Int("--workers", 8), Int("--runs", 3), Int("--rounds", 3));
        if (options.Cases < 1 || options.LatencyCases < 1 || options.LatencyGap < TimeSpan.Zero || options.Clients < 1 || options.Workers < 1 || options.Runs < 1 || options.Rounds < 1)
        {
            throw new ArgumentException("counts must be positive and the gap not negative");
        }

        return options;

        string? Get(string name) => values.TryGetValue(name, out var v) ? v : null;
        int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
    }
}

/// <summary>The baseline job: does nothing but note that it ran.</summary>
public static class EmptyJob
{
    private static int _done;
    private static long _lastDone;

    public static int Done => Volatile.Read(ref _done);

    /// <summary><see cref="Stopwatch"/> timestamp of the latest run.</summary>
    public static long LastDone => Interlocked.Read(ref _lastDone);

    public static void Run()
    {
        Interlocked.Exchange(ref _lastDone, Stopwatch.GetTimestamp());
        Interlocked.Increment(ref _done);
    }

    internal static void Reset()
    {
        Volatile.Write(ref _done, 0);
        Interlocked.Exchange(ref _lastDone, 0);
    }
}

/// <summary>
/// A global Hangfire server filter: when a worker begins each verification check job's first run (before the
/// job's own code), keyed by case and kind. The service's <c>JobFilters</c> includes the global filters.
/// </summary>
internal sealed class CheckJobStarts : IServerFilter
{
    private static readonly ConcurrentDictionary<(Guid CaseId, string Kind), DateTime> Starts = new();

    public static IEnumerable<(Guid CaseId, DateTime StartedAt)> For(Guid caseId) =>
        Starts.Where(s => s.Key.CaseId == caseId).Select(s => (caseId, s.Value));

    public void OnPerforming(PerformingContext context)
    {
        if (context.BackgroundJob.Job is { Type: var type, Args: [Guid caseId, string kind, ..] } && type == typeof(VerificationCheckJob))
        {
            Starts.TryAdd((caseId, kind), TimeProvider.System.GetUtcNow().UtcDateTime);
        }
    }

    public void OnPerformed(PerformedContext context)
    {
    }
}
