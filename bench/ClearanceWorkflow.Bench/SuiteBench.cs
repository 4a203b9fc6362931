using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClearanceWorkflow.Api.Hosting;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Applications;
using ClearanceWorkflow.Application.Features.Timers;
using ClearanceWorkflow.Infrastructure.Jobs;
using ClearanceWorkflow.Infrastructure.Persistence;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.Bench;

/// <summary>
/// <c>all</c>: the service's performance figures in one run, each beside a baseline taken in the same run
/// (docs/performance.md). P1 workflow transitions and P2 reciprocity queries through the real HTTP API of
/// the service started as its own process; P4 the reinvestigation sweep; P5 that process's memory.
/// </summary>
internal static class SuiteBench
{
    private const string PartnerId = "bench-agency";
    private const string Purpose = "employment";
    private const string AdjudicatorId = "bench-adjudicator";
    private const int GraceDays = 90;

    /// <summary>Sequence numbers of the baselines' audit rows, unique across P1 and P2.</summary>
    private static long auditSequence;

    public static async Task<int> MainAsync(string[] args)
    {
        SuiteOptions? options;
        try
        {
            options = SuiteOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            await Console.Error.WriteLineAsync(SuiteOptions.Usage);
            return 2;
        }

        if (options is null)
        {
            Console.WriteLine(SuiteOptions.Usage);
            return 0;
        }

        var log = Console.Out;
        var database = "clearance_suite_" + TimeProvider.System.GetUtcNow().ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);
        var admin = new NpgsqlConnectionStringBuilder(options.Connection);
        // The baselines prepare their statements as the service does (its default, unless --postgres says otherwise).
        var target = new NpgsqlConnectionStringBuilder(DatabaseSettings.PostgresConnectionString(options.Connection)) { Database = database, MaxPoolSize = 100 };

        var keys = BenchKeys.Create();
        var total = Stopwatch.StartNew();
        int? servicePid = null;
        log.WriteLine($"# ClearanceWorkflow performance suite, {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC");
        log.WriteLine($"machine: {Environment.ProcessorCount} cores; {BenchProgram.HostPressure()}");
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"settings: {options.Rows:N0} clearances, {options.Rounds} rounds of {options.Warmup.TotalSeconds:0} s warm-up + {options.Duration.TotalSeconds:0} s measured, {options.Clients} clients, {options.Cases} cases; service environment: {(options.ServiceEnvironment.Count == 0 ? "as shipped" : string.Join(' ', options.ServiceEnvironment.Select(e => $"{e.Key}={e.Value}")))}"));

        await BenchProgram.ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE \"{database}\"");
        var dataPath = Directory.CreateTempSubdirectory("cw-suite-").FullName;
        try
        {
            var seedOptions = new BenchOptions { AdminConnectionString = options.Connection, Rows = options.Rows, DistinctPayloads = options.DistinctPayloads };
            await new Seeder(seedOptions, keys, log).SeedAsync(target.ConnectionString, CancellationToken.None);
            await using var data = NpgsqlDataSource.Create(target.ConnectionString);

            // The baselines write their audit rows here: the same columns and indexes, outside the service's hash chain.
            await ExecuteAsync(data, "CREATE TABLE bench_audit_events (LIKE audit_events INCLUDING ALL)");

            var figures = new List<Figure>();
            await using (var service = await BenchService.StartAsync(target.ConnectionString, keys, dataPath, options.ServiceEnvironment, log))
            {
                servicePid = service.ProcessId;
                using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
                using var http = new HttpClient(handler) { BaseAddress = service.Url, Timeout = TimeSpan.FromSeconds(60) };
                await BenchProgram.RegisterPartnerAsync(http, keys, PartnerId, Purpose);
                // The baseline gets cases of its own: its thousands of transitions a second would otherwise grow the
                // service's cases' histories far beyond any real case's, and every load and view with them.
                var p1 = new Transitions(http, data, keys, await TransitionCase.SetUpAsync(http, keys, "api", options.Cases, log), options);
                var p1Sql = new Transitions(http, data, keys, await TransitionCase.SetUpAsync(http, keys, "sql", options.Cases, log), options);
                var p2 = new Reciprocity(http, data, keys, options);

                // Warm-up of every path measured below, then the process at rest.
                await Workload.RunAsync("warm-up", "", options.Clients, TimeSpan.Zero, TimeSpan.FromSeconds(3), p1.ApiAsync);
                await Workload.RunAsync("warm-up", "", options.Clients, TimeSpan.Zero, TimeSpan.FromSeconds(3), p2.ApiAsync);
                await Task.Delay(TimeSpan.FromSeconds(5));
                var restBytes = service.Rss();
                log.WriteLine($"P5: RSS at rest {Mib(restBytes):0} MiB ({service.RssBreakdown()}), after start, {2 * options.Cases} cases set up and 6 s of warm-up load");

                var p1Rounds = new List<(PhaseResult Sql, PhaseResult Api)>();
                var lags = new List<SealingLag>();
                long peakBytes = 0;
                for (var round = 1; round <= options.Rounds; round++)
                {
                    await p1Sql.SyncAsync();
                    var sql = await Phase($"P1 sql r{round}", "request/provide information by plain SQL (Npgsql, one batch per transition, no lock)", p1Sql.SqlAsync);
                    using var sampler = new RssSampler(service);
                    var from = TimeProvider.System.GetUtcNow() + options.Warmup;
                    var api = await Phase($"P1 api r{round}", "POST /cases/{id}/actions/request-information | provide-information", p1.ApiAsync);
                    peakBytes = Math.Max(peakBytes, await sampler.StopAsync());

                    var lag = await SealingLagAsync(data, from, from + options.Duration);
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"    sealing lag of the {lag.Events:N0} audit events written {from:HH:mm:ss.fff}–{from + options.Duration:HH:mm:ss.fff} UTC: p50 {lag.P50Ms:0} ms, p99 {lag.P99Ms:0} ms, max {lag.MaxMs:0} ms{(lag.Unsealed > 0 ? $", {lag.Unsealed} still unsealed after 60 s" : "")}"));
                    lags.Add(lag);
                    p1Rounds.Add((sql, api));
                }

                figures.AddRange(Throughput("P1 transitions", p1Rounds, minRatio: 0.5, minPerSecond: 1000, maxP99Ms: null));
                var lagP99 = Median(lags.Select(l => l.P99Ms));
                var allSealed = lags.All(l => l.Unsealed == 0);
                figures.Add(new Figure("Sealing lag", "p50 ms at P1 load, write to sealed", Median(lags.Select(l => l.P50Ms)), null, "", null));
                figures.Add(new Figure("Sealing lag", "p99 ms at P1 load, write to sealed", lagP99, null, "< 1,000", lagP99 < 1000 && allSealed));
                figures.Add(new Figure("P5 memory", "RSS at rest, MiB", Mib(restBytes), null, "≤ 150", Mib(restBytes) <= 150));
                figures.Add(new Figure("P5 memory", "RSS peak under P1, MiB (sampled every 100 ms)", Mib(peakBytes), null, "≤ 400", Mib(peakBytes) <= 400));
                log.WriteLine($"P5: RSS peak under P1 {Mib(peakBytes):0} MiB; high-water mark since start (VmHWM) {Mib(service.PeakRss()):0} MiB; now {service.RssBreakdown()}");

                var auditBefore = await ScalarAsync<long>(data, "SELECT count(*) FROM audit_events WHERE \"Action\" LIKE 'reciprocity.%'");
                var p2Rounds = new List<(PhaseResult Sql, PhaseResult Api)>();
                for (var round = 1; round <= options.Rounds; round++)
                {
                    var sql = await Phase($"P2 sql r{round}", "HMAC + SELECT by blind index + one audit INSERT by plain SQL", p2.SqlAsync);
                    var api = await Phase($"P2 api r{round}", "POST /api/v1/reciprocity/queries", p2.ApiAsync);
                    p2Rounds.Add((sql, api));
                }

                var audited = await ScalarAsync<long>(data, "SELECT count(*) FROM audit_events WHERE \"Action\" LIKE 'reciprocity.%'") - auditBefore;
                var asked = p2Rounds.Sum(r => r.Api.TotalIncludingWarmup);
                log.WriteLine($"P2: {audited:N0} reciprocity audit events for {asked:N0} queries asked{(audited == asked ? "" : " — MISMATCH")}");
                figures.AddRange(Throughput("P2 reciprocity", p2Rounds, minRatio: 0.5, minPerSecond: null, maxP99Ms: 10));
                if (audited != asked)
                {
                    figures.Add(new Figure("P2 reciprocity", "audit events = queries", audited, asked, "equal", false));
                }

                var errors = p1Rounds.Concat(p2Rounds).Sum(r => r.Sql.Errors + r.Api.Errors);
                if (errors > 0)
                {
                    figures.Add(new Figure("P1/P2", "failed operations in the measured windows", errors, null, "0", false));
                }
            }

            figures.AddRange(await SweepAsync(target.ConnectionString, data, keys, dataPath, options, log));

            log.WriteLine();
            log.WriteLine($"host after the run: {BenchProgram.HostPressure()}");
            log.WriteLine();
            log.WriteLine($"Medians over {options.Rounds} rounds (P4: {options.SweepRounds} sweeps); each ratio is the median of the per-round ratios, taken within one round.");
            log.WriteLine();
            log.WriteLine("| figure | measure | value | baseline | ratio | goal | met |");
            log.WriteLine("|---|---|---:|---:|---:|---|---|");
            foreach (var f in figures)
            {
                log.WriteLine(f.Row());
            }

            log.WriteLine();
            log.WriteLine($"total run time {total.Elapsed.TotalMinutes:0.0} min");
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (!options.Keep)
            {
                await BenchProgram.ExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
                log.WriteLine($"dropped database {database}");
            }

            Directory.Delete(dataPath, recursive: true);
        }

        async Task<PhaseResult> Phase(string name, string what, Func<int, Random, CancellationToken, Task<bool>> operation)
        {
            var cpu = CpuSplit.Start(servicePid!.Value);
            var result = await Workload.RunAsync(name, what, options.Clients, options.Warmup, options.Duration, operation);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name}: {result.PerSecond:N0} ops/s, p50 {result.Percentile(50):0.00} ms, p99 {result.Percentile(99):0.00} ms, {result.Errors} errors"));
            log.WriteLine($"    {cpu.Stop()}");
            return result;
        }
    }

    /// <summary>Throughput, p50 and p99 of the API against the SQL baseline: medians over rounds, ratios within each round.</summary>
    private static IEnumerable<Figure> Throughput(string name, List<(PhaseResult Sql, PhaseResult Api)> rounds, double minRatio, double? minPerSecond, double? maxP99Ms)
    {
        var perSecond = Median(rounds.Select(r => r.Api.PerSecond));
        var ratio = Median(rounds.Select(r => r.Api.PerSecond / r.Sql.PerSecond));
        yield return new Figure(name, "ops/s vs baseline", perSecond, Median(rounds.Select(r => r.Sql.PerSecond)), $"ratio ≥ {minRatio:0.0}", ratio >= minRatio, ratio);
        if (minPerSecond is { } floor)
        {
            yield return new Figure(name, "ops/s", perSecond, null, $"≥ {floor:N0}", perSecond >= floor);
        }

        yield return new Figure(name, "p50 ms", Median(rounds.Select(r => r.Api.Percentile(50))), Median(rounds.Select(r => r.Sql.Percentile(50))), "", null,
            Median(rounds.Select(r => r.Api.Percentile(50) / r.Sql.Percentile(50))));
        var p99 = Median(rounds.Select(r => r.Api.Percentile(99)));
        yield return new Figure(name, "p99 ms", p99, Median(rounds.Select(r => r.Sql.Percentile(99))), maxP99Ms is { } max ? $"≤ {max:0}" : "", maxP99Ms is { } limit ? p99 <= limit : null,
            Median(rounds.Select(r => r.Api.Percentile(99) / r.Sql.Percentile(99))));
    }

    /// <summary>
    /// P4. The register is first brought to where a daily sweep would have left it today (set-based
    /// UPDATEs); a warm-up sweep then finds nothing. Each round moves every due date that can matter one
    /// day earlier, which is the next day's work, and sweeps. Baseline: counting the same due clearances set-based.
    /// </summary>
    private static async Task<List<Figure>> SweepAsync(string connectionString, NpgsqlDataSource data, BenchKeys keys, string dataPath, SuiteOptions options, TextWriter log)
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var prepare = Stopwatch.StartNew();
        await ExecuteAsync(data, """
            UPDATE clearances SET "Status" = 'Expired' WHERE "Status" IN ('Active', 'Suspended') AND "ReinvestigationDueOn" < $1;
            """, today.AddDays(-GraceDays));
        await ExecuteAsync(data, """
            UPDATE clearances SET "ReinvestigationCaseId" = "CaseId" WHERE "Status" = 'Active' AND "ReinvestigationDueOn" <= $1 AND "ReinvestigationCaseId" IS NULL;
            """, today);
        await ExecuteAsync(data, """
            UPDATE clearances SET "LastReminderDays" = CASE WHEN "ReinvestigationDueOn" - $1 <= 30 THEN 30 WHEN "ReinvestigationDueOn" - $1 <= 90 THEN 90 ELSE 180 END
            WHERE "Status" = 'Active' AND "ReinvestigationDueOn" > $1 AND "ReinvestigationDueOn" <= $1 + 180;
            """, today);
        await ExecuteAsync(data, """
            UPDATE clearances SET "LastReminderDays" = CASE WHEN $1 - "ReinvestigationDueOn" >= 60 THEN -60 ELSE -30 END
            WHERE "Status" = 'Active' AND "ReinvestigationDueOn" <= $1 - 30;
            """, today);
        await ExecuteAsync(data, "VACUUM (ANALYZE) clearances");
        log.WriteLine($"P4: register brought to today's swept state in {prepare.Elapsed.TotalSeconds:0.0} s");

        var app = ApiHost.Build([
            "--environment", "Production",
            "--Database:Provider=Postgres",
            $"--ConnectionStrings:Clearance={connectionString}",
            $"--DataPath={dataPath}",
            "--Logging:LogLevel:Default=Warning",
            .. keys.Settings(),
        ]);
        var sender = app.Services.GetRequiredService<SystemSender>();

        // Warm-up: a sweep with nothing due (today is swept), which also proves the prepared state is the sweep's own.
        var warm = Stopwatch.StartNew();
        var idle = await sender.SendAsync(new ReinvestigationSweep.Run(), CancellationToken.None);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  P4 warm-up sweep {warm.Elapsed.TotalSeconds:0.000} s ({idle.Reminders}/{idle.CasesOpened}/{idle.Escalations}/{idle.Expired})"));
        var sweeps = new List<double>();
        var counts = new List<double>();
        var empties = new List<double>();
        var exact = idle == new ReinvestigationSweep.Result(0, 0, 0, 0);
        var reminded = 0L;
        for (var round = 1; round <= options.SweepRounds; round++)
        {
            // The next day: every due date that can matter moves one day earlier.
            await ExecuteAsync(data, """
                UPDATE clearances SET "ReinvestigationDueOn" = "ReinvestigationDueOn" - 1
                WHERE "Status" IN ('Active', 'Suspended') AND "ReinvestigationDueOn" BETWEEN $1 AND $2;
                """, today.AddDays(-GraceDays - 10), today.AddDays(200));
            await ExecuteAsync(data, "VACUUM (ANALYZE) clearances");

            var watch = Stopwatch.StartNew();
            var (remind, open, escalate, expire) = await DueCountsAsync(data, today);
            counts.Add(watch.Elapsed.TotalSeconds);
            watch.Restart();
            var result = await sender.SendAsync(new ReinvestigationSweep.Run(), CancellationToken.None);
            sweeps.Add(watch.Elapsed.TotalSeconds);
            watch.Restart();
            var again = await sender.SendAsync(new ReinvestigationSweep.Run(), CancellationToken.None);
            empties.Add(watch.Elapsed.TotalSeconds);
            reminded += result.Reminders;
            var reminderEvents = await ScalarAsync<long>(data, "SELECT count(*) FROM audit_events WHERE \"Action\" = 'clearance.reinvestigation-reminder'");
            var roundExact = result == new ReinvestigationSweep.Result(remind, open, escalate, expire) && again == new ReinvestigationSweep.Result(0, 0, 0, 0) && reminderEvents == reminded;
            exact &= roundExact;
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  P4 r{round}: SQL count {counts[^1]:0.000} s (due: {remind} reminders, {open} to open, {escalate} to escalate, {expire} to expire); sweep {sweeps[^1]:0.000} s ({result.Reminders} reminders, {result.CasesOpened} opened, {result.Escalations} escalated, {result.Expired} expired); second sweep {empties[^1]:0.000} s ({again.Reminders}/{again.CasesOpened}/{again.Escalations}/{again.Expired}); {reminderEvents} reminder audit events so far{(roundExact ? "" : " — MISMATCH")}"));
        }

        await app.DisposeAsync();
        var sweep = Median(sweeps);
        return
        [
            new Figure("P4 sweep", $"one day's sweep over {options.Rows:N0} clearances, s", sweep, Median(counts), "≤ 10 s", sweep <= 10, Median(sweeps.Zip(counts, (s, c) => s / c))),
            new Figure("P4 sweep", $"slowest of the {sweeps.Count} days, s", sweeps.Max(), null, "≤ 10 s", sweeps.Max() <= 10),
            new Figure("P4 sweep", "second sweep the same day (nothing due), s", Median(empties), null, "", null),
            new Figure("P4 sweep", "did what the SQL count said was due, once", exact ? 1 : 0, null, "1", exact),
        ];
    }

    /// <summary>The clearances the sweep should act on today, counted set-based in one scan.</summary>
    private static async Task<(int Remind, int Open, int Escalate, int Expire)> DueCountsAsync(NpgsqlDataSource data, DateOnly today)
    {
        await using var command = data.CreateCommand("""
            SELECT
              count(*) FILTER (WHERE "Status" = 'Active' AND "ReinvestigationDueOn" > $1 AND (
                   ("ReinvestigationDueOn" <= $1 + 30 AND ("LastReminderDays" IS NULL OR "LastReminderDays" > 30))
                OR ("ReinvestigationDueOn" <= $1 + 90 AND ("LastReminderDays" IS NULL OR "LastReminderDays" > 90))
                OR ("ReinvestigationDueOn" <= $1 + 180 AND "LastReminderDays" IS NULL))),
              count(*) FILTER (WHERE "Status" = 'Active' AND "ReinvestigationDueOn" <= $1 AND "ReinvestigationCaseId" IS NULL),
              count(*) FILTER (WHERE "Status" = 'Active' AND (
                   ("ReinvestigationDueOn" <= $1 - 60 AND ("LastReminderDays" IS NULL OR "LastReminderDays" > -60))
                OR ("ReinvestigationDueOn" <= $1 - 30 AND ("LastReminderDays" IS NULL OR "LastReminderDays" > -30)))),
              count(*) FILTER (WHERE "Status" IN ('Active', 'Suspended') AND "ReinvestigationDueOn" < $2)
            FROM clearances
            """);
        command.Parameters.AddWithValue(today);
        command.Parameters.AddWithValue(today.AddDays(-GraceDays));
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return ((int)reader.GetInt64(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2), (int)reader.GetInt64(3));
    }

    /// <summary>
    /// The ledger's sealing lag for the audit events written in a window: each event's block's <c>SealedAt</c>
    /// minus the event's <c>At</c>, as the service's <c>clearance.ledger.sealing_lag</c> histogram measures it
    /// (from the write, a few milliseconds before the commit, to the seal). Waits up to 60 s for the window's
    /// events to be sealed; those still unsealed then are counted apart.
    /// </summary>
    private static async Task<SealingLag> SealingLagAsync(NpgsqlDataSource data, DateTimeOffset from, DateTimeOffset to)
    {
        var wait = Stopwatch.StartNew();
        long unsealed;
        do
        {
            await using var pending = data.CreateCommand("""SELECT count(*) FROM audit_events WHERE "At" >= $1 AND "At" < $2 AND "Sequence" IS NULL""");
            pending.Parameters.AddWithValue(from.UtcDateTime);
            pending.Parameters.AddWithValue(to.UtcDateTime);
            unsealed = (long)(await pending.ExecuteScalarAsync())!;
            if (unsealed > 0)
            {
                await Task.Delay(200);
            }
        }
        while (unsealed > 0 && wait.Elapsed < TimeSpan.FromSeconds(60));

        await using var command = data.CreateCommand("""
            SELECT count(*),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY lag),
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY lag),
                   max(lag)
            FROM (SELECT extract(epoch FROM b."SealedAt" - e."At") * 1000 AS lag
                  FROM audit_events e
                  JOIN ledger_blocks b ON e."Sequence" BETWEEN b."FirstSequence" AND b."LastSequence"
                  WHERE e."At" >= $1 AND e."At" < $2) AS sealed
            """);
        command.Parameters.AddWithValue(from.UtcDateTime);
        command.Parameters.AddWithValue(to.UtcDateTime);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        double Ms(int i) => reader.IsDBNull(i) ? double.NaN : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);
        return new SealingLag(reader.GetInt64(0), Ms(1), Ms(2), Ms(3), unsealed);
    }

    private sealed record SealingLag(long Events, double P50Ms, double P99Ms, double MaxMs, long Unsealed);

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static double Mib(long bytes) => bytes / (1024.0 * 1024);

    private static async Task ExecuteAsync(NpgsqlDataSource data, string sql, params object[] parameters)
    {
        await using var command = data.CreateCommand(sql);
        command.CommandTimeout = 0;
        foreach (var p in parameters)
        {
            command.Parameters.AddWithValue(p);
        }

        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>One line of the summary. Ratio: value over baseline (for latencies, above 1 is slower).</summary>
    private sealed record Figure(string Name, string Measure, double Value, double? Baseline, string Goal, bool? Met, double? Ratio = null)
    {
        public string Row() =>
            $"| {Name} | {Measure} | {Format(Value)} | {(Baseline is { } b ? Format(b) : "")} | {(Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "")} | {Goal} | {Met switch { true => "yes", false => "**no**", null => "" }} |";

        private static string Format(double value) => value.ToString(Math.Abs(value) >= 100 ? "N0" : "0.00", CultureInfo.InvariantCulture);
    }

    /// <summary>P1: each worker owns Cases / Clients claimed cases and moves each between request-information and provide-information.</summary>
    private sealed class Transitions(HttpClient http, NpgsqlDataSource data, BenchKeys keys, IReadOnlyList<TransitionCase> cases, SuiteOptions options)
    {
        private static readonly string[] Questions = ["Explain the 2023 county court judgment."];
        private static readonly string[] Answers = ["Paid in full in 2024."];
        private readonly AuthenticationHeaderValue _adjudicator = new("Bearer", keys.Token(AdjudicatorId, "adjudicator"));
        private readonly long[] _turns = new long[options.Clients];
        private readonly ClearanceWorkflow.Infrastructure.Security.AesGcmDataProtector _protector = keys.Protector();
        private TransitionCase Next(int worker)
        {
            var owned = cases.Count / options.Clients;
            return cases[(worker * owned) + (int)(_turns[worker]++ % owned)];
        }

        public async Task<bool> ApiAsync(int worker, Random random, CancellationToken cancellationToken)
        {
            var c = Next(worker);
            using var request = c.Awaiting
                ? BenchProgram.Post($"/api/v1/cases/{c.Id}/actions/provide-information", new { answers = Answers }, c.Applicant)
                : BenchProgram.Post($"/api/v1/cases/{c.Id}/actions/request-information", new { questions = Questions }, _adjudicator);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            c.Awaiting = !c.Awaiting;
            return true;
        }

        /// <summary>The rows the service writes for the same transition, in one transaction and one batch, without the lock or any read.</summary>
        public async Task<bool> SqlAsync(int worker, Random random, CancellationToken cancellationToken)
        {
            var c = Next(worker);
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            var (action, from, to) = c.Awaiting ? ("provide-information", "AwaitingApplicant", "InProgress") : ("request-information", "InProgress", "AwaitingApplicant");
            var actor = c.Awaiting ? c.ApplicantId : AdjudicatorId;
            await using var connection = await data.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(Command("""
                INSERT INTO case_events ("Id", "Action", "Actor", "At", "CaseId", "FromStage", "FromStatus", "Sequence", "ToStage", "ToStatus")
                VALUES ($1, $2, $3, $4, $5, 'review', $6, $7, 'review', $8)
                """, Guid.NewGuid(), action, actor, now, c.Id, from, c.Sequence + 1, to));
            batch.BatchCommands.Add(Command("""
                UPDATE cases SET "Status" = $1, "UpdatedAt" = $2, "Version" = $3 WHERE "Id" = $4 AND "Version" = $5
                """, to, now, c.Version + 1, c.Id, c.Version));
            var requestId = c.OpenRequest ?? Guid.NewGuid();
            batch.BatchCommands.Add(c.Awaiting
                ? Command("""UPDATE information_requests SET "AnsweredAt" = $1, "AnswersCipher" = $2 WHERE "Id" = $3""",
                    now, _protector.Protect(JsonSerializer.Serialize(Answers, Json.Options)), requestId)
                : Command("""
                    INSERT INTO information_requests ("Id", "AnsweredAt", "AnswersCipher", "CaseId", "QuestionsCipher", "RequestedAt", "RequestedBy")
                    VALUES ($1, NULL, NULL, $2, $3, $4, $5)
                    """, requestId, c.Id, _protector.Protect(JsonSerializer.Serialize(Questions, Json.Options)), now, AdjudicatorId));
            var detail = JsonSerializer.Serialize(new { reference = c.Id, workflow = "clearance.v1", fromStage = "review", toStage = "review", fromStatus = from, toStatus = to }, Json.Options);
            batch.BatchCommands.Add(AuditInsert($"case.{action}", actor, now, c.Id, detail, Interlocked.Increment(ref auditSequence)));
            await batch.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            c.Sequence++;
            c.Version++;
            c.OpenRequest = c.Awaiting ? null : requestId;
            c.Awaiting = !c.Awaiting;
            return true;
        }

        /// <summary>Reads each case's state after the other side's phase.</summary>
        public async Task SyncAsync()
        {
            foreach (var c in cases)
            {
                await using var command = data.CreateCommand("""
                    SELECT c."Status", c."Version",
                           (SELECT max("Sequence") FROM case_events WHERE "CaseId" = c."Id"),
                           (SELECT "Id" FROM information_requests WHERE "CaseId" = c."Id" AND "AnsweredAt" IS NULL LIMIT 1)
                    FROM cases c WHERE c."Id" = $1
                    """);
                command.Parameters.AddWithValue(c.Id);
                await using var reader = await command.ExecuteReaderAsync();
                await reader.ReadAsync();
                c.Awaiting = reader.GetString(0) == "AwaitingApplicant";
                c.Version = reader.GetInt32(1);
                c.Sequence = reader.GetInt32(2);
                c.OpenRequest = reader.IsDBNull(3) ? null : reader.GetGuid(3);
            }
        }
    }

    /// <summary>P2: single partner queries, 90% about seeded subjects.</summary>
    private sealed class Reciprocity(HttpClient http, NpgsqlDataSource data, BenchKeys keys, SuiteOptions options)
    {
        private readonly AuthenticationHeaderValue _partner = new("Bearer", keys.Token("bench-partner-user", "partner", PartnerId));
        private readonly ClearanceWorkflow.Infrastructure.Security.HmacBlindIndex _blindIndex = keys.BlindIndex();

        public async Task<bool> ApiAsync(int worker, Random random, CancellationToken cancellationToken)
        {
            var hit = random.NextDouble() < 0.9;
            var i = random.Next(options.Rows);
            var key = Seeder.PayloadKey(i, options.DistinctPayloads);
            var body = new
            {
                subject = new
                {
                    nationalId = hit ? SyntheticSubjects.NationalId(i) : $"MISS-{random.Next():D10}",
                    familyName = SyntheticSubjects.FamilyName(key).ToUpperInvariant(),
                    dateOfBirth = SyntheticSubjects.DateOfBirth(key).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                },
                purpose = Purpose,
                requiredLevel = "Confidential",
            };
            using var request = BenchProgram.Post("/api/v1/reciprocity/queries", body, _partner);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            var matched = (await response.Content.ReadAsStringAsync(cancellationToken)).StartsWith("{\"match\":true", StringComparison.Ordinal);
            return matched == hit;
        }

        /// <summary>The query's core and its audit row by plain SQL: HMAC, the indexed lookup, one INSERT (autocommit).</summary>
        public async Task<bool> SqlAsync(int worker, Random random, CancellationToken cancellationToken)
        {
            var i = random.Next(options.Rows);
            var index = _blindIndex.Compute(NationalIds.Purpose, NationalIds.Normalize(SyntheticSubjects.NationalId(i)));
            Guid? caseId = null;
            await using (var command = data.CreateCommand("""
                SELECT "Id", "CaseId", "Level", "Status", "GrantedOn", "InvestigationClosedOn", "GrantingAgency", "Exception", "PersonalDataCipher", "CreatedAt"
                FROM clearances WHERE "NationalIdIndex" = $1
                """))
            {
                command.Parameters.AddWithValue(index);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    caseId = reader.GetGuid(1);
                }
            }

            var detail = JsonSerializer.Serialize(new { partner = PartnerId, purpose = Purpose, match = caseId is not null }, Json.Options);
            await using var connection = await data.OpenConnectionAsync(cancellationToken);
            await using var insert = AuditInsert("reciprocity.query", "bench-partner-user", TimeProvider.System.GetUtcNow().UtcDateTime, caseId, detail, Interlocked.Increment(ref auditSequence)).AsCommand(connection);
            await insert.ExecuteNonQueryAsync(cancellationToken);
            return caseId is not null;
        }
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p ?? DBNull.Value });
        }

        return command;
    }

    private static NpgsqlBatchCommand AuditInsert(string action, string actor, DateTime at, Guid? caseId, string detail, long sequence)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(detail)));
        return Command("""
            INSERT INTO bench_audit_events ("Id", "Action", "Actor", "At", "CaseId", "Detail", "Hash", "PreviousHash", "Sequence")
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """, Guid.NewGuid(), action, actor, at, caseId, detail, hash, hash, sequence);
    }

    private static NpgsqlCommand AsCommand(this NpgsqlBatchCommand batchCommand, NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand(batchCommand.CommandText, connection);
        foreach (NpgsqlParameter p in batchCommand.Parameters)
        {
            command.Parameters.Add(p.Clone());
        }

        return command;
    }

    /// <summary>Samples the service's RSS every 100 ms until stopped; returns the largest sample.</summary>
    private sealed class RssSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<long> _sampling;

        public RssSampler(BenchService service) => _sampling = Task.Run(async () =>
        {
            long peak = 0;
            while (!_stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, service.Rss());
                try
                {
                    await Task.Delay(100, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }

            return peak;
        });

        public async Task<long> StopAsync()
        {
            await _stop.CancelAsync();
            return await _sampling;
        }

        public void Dispose() => _stop.Dispose();
    }
}

/// <summary>A claimed case in review, owned by one P1 worker, with what the SQL baseline needs to write its next transition.</summary>
internal sealed class TransitionCase(Guid id, string applicantId, AuthenticationHeaderValue applicant)
{
    public Guid Id => id;

    public string ApplicantId => applicantId;

    public AuthenticationHeaderValue Applicant => applicant;

    public bool Awaiting { get; set; }

    public int Version { get; set; }

    public int Sequence { get; set; }

    public Guid? OpenRequest { get; set; }

    /// <summary>Through the API as clients do: apply, questionnaire, submit, every check recorded clear, claimed.</summary>
    public static async Task<List<TransitionCase>> SetUpAsync(HttpClient http, BenchKeys keys, string set, int count, TextWriter log)
    {
        var watch = Stopwatch.StartNew();
        var investigator = new AuthenticationHeaderValue("Bearer", keys.Token("bench-investigator", "investigator"));
        var adjudicator = new AuthenticationHeaderValue("Bearer", keys.Token("bench-adjudicator", "adjudicator"));
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var cases = new List<TransitionCase>();
        for (var n = 0; n < count; n++)
        {
            var applicantId = string.Create(CultureInfo.InvariantCulture, $"bench-{set}-applicant-{n}");
            var applicant = new AuthenticationHeaderValue("Bearer", keys.Token(applicantId, "applicant"));
            var subject = new
            {
                givenName = "Jane",
                familyName = "Doe",
                dateOfBirth = "1988-02-14",
                citizenship = "GB",
                nationalId = string.Create(CultureInfo.InvariantCulture, $"P1-{set}-{n:D6}"),
                email = $"{applicantId}@example.org",
            };
            var created = await SendAsync(http, HttpMethod.Post, "/api/v1/applications", new { requestedLevel = "Secret", sponsor = "Ministry of Benchmarks", subject }, applicant, HttpStatusCode.Created);
            var id = created.GetProperty("id").GetGuid();
            await SendAsync(http, HttpMethod.Put, $"/api/v1/applications/{id}/questionnaire", Questionnaire(today), applicant);
            await SendAsync(http, HttpMethod.Post, $"/api/v1/cases/{id}/actions/submit", new { attestation = true }, applicant);
            var investigation = await SendAsync(http, HttpMethod.Get, $"/api/v1/cases/{id}/investigation", null, investigator);
            foreach (var check in investigation.GetProperty("checks").EnumerateArray())
            {
                await SendAsync(http, HttpMethod.Post, $"/api/v1/cases/{id}/investigation/checks/{check.GetProperty("kind").GetString()}/result",
                    new { outcome = "Clear", summary = "Clear by manual check" }, investigator);
            }

            await SendAsync(http, HttpMethod.Post, $"/api/v1/cases/{id}/actions/claim", new { }, adjudicator);
            cases.Add(new TransitionCase(id, applicantId, applicant));
        }

        log.WriteLine($"P1: {count} cases for the {set} phases applied for, investigated and claimed through the API in {watch.Elapsed.TotalSeconds:0.0} s");
        return cases;
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, object? body, AuthenticationHeaderValue token, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = body is null ? new HttpRequestMessage(method, path) { Headers = { Authorization = token } } : BenchProgram.Post(path, body, token);
        request.Method = method;
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static object Questionnaire(DateOnly today)
    {
        var start = today.AddYears(-6);
        var middle = today.AddYears(-3);
        return new
        {
            residences = new object[]
            {
                new { from = Date(start), to = Date(middle), address = "1 Old Street, Oldtown", country = "GB" },
                new { from = Date(middle.AddDays(1)), to = (string?)null, address = "12 Acacia Avenue, Springfield", country = "GB" },
            },
            employment = new object[] { new { from = Date(start), to = (string?)null, employer = "Acme Ltd", position = "Engineer" } },
            education = new object[] { new { institution = "University of Springfield", degree = "BSc", from = (string?)null, to = (string?)null } },
            references = new object[] { new { name = "Ref One", relationship = "colleague", contact = "ref.one@example.org" } },
            foreignContacts = Array.Empty<object>(),
            foreignTravel = Array.Empty<object>(),
            financial = new { bankruptcy = false, delinquentDebt = false, details = (string?)null },
            criminalRecord = Array.Empty<object>(),
            drugUse = new { illegalUseInScope = false, details = (string?)null },
        };

        static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
