using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using ClearanceWorkflow.Api.Hosting;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Applications;
using Npgsql;

namespace ClearanceWorkflow.Bench;

/// <summary>
/// Seeds N clearances on a fresh PostgreSQL database, starts the real service in-process on Kestrel
/// (127.0.0.1, the same host the API ships with), and measures reciprocity queries against two baselines
/// taken in the same run: the same HTTP pipeline answering <c>/health/live</c>, and the raw SQL lookup by
/// blind index the query is built on. See docs/performance.md.
/// </summary>
internal static class BenchProgram
{
    private const string PartnerId = "bench-agency";
    private const string Purpose = "employment";

    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "checks")
        {
            return await ChecksBench.MainAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "all")
        {
            return await SuiteBench.MainAsync(args[1..]);
        }

        BenchOptions? options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            await Console.Error.WriteLineAsync(BenchOptions.Usage);
            return 2;
        }

        if (options is null)
        {
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        }

        var log = Console.Out;
        var admin = new NpgsqlConnectionStringBuilder(options.AdminConnectionString);
        var target = new NpgsqlConnectionStringBuilder(options.AdminConnectionString) { Database = options.Database, MaxPoolSize = Math.Max(100, options.Clients * 2) };
        BenchKeys keys;
        SeedReport? seed = null;
        var total = Stopwatch.StartNew();

        log.WriteLine($"# ClearanceWorkflow reciprocity benchmark, {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC");
        log.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, server GC {System.Runtime.GCSettings.IsServerGC}");
        if (options.SkipSeed)
        {
            keys = BenchKeys.Load(options.KeysFile!);
            log.WriteLine($"reusing database {options.Database}");
        }
        else
        {
            keys = BenchKeys.Create();
            await ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE \"{options.Database}\"");
            log.WriteLine($"seeding {options.Rows:N0} clearances into new database {options.Database}" +
                (options.DistinctPayloads > 0 ? $" ({options.DistinctPayloads:N0} distinct encrypted payloads, reused)" : " (every payload encrypted on its own)"));
            seed = await new Seeder(options, keys, log).SeedAsync(target.ConnectionString, CancellationToken.None);
            if (options.Keep && options.KeysFile is { } keysFile)
            {
                keys.Save(keysFile);
            }
        }

        var postgres = await ScalarAsync<string>(target.ConnectionString, "SHOW server_version");
        var fsync = await ScalarAsync<string>(target.ConnectionString, "SHOW fsync");
        var syncCommit = await ScalarAsync<string>(target.ConnectionString, "SHOW synchronous_commit");
        var rowsPresent = await ScalarAsync<long>(target.ConnectionString, "SELECT count(*) FROM clearances");
        log.WriteLine($"PostgreSQL {postgres} (fsync={fsync}, synchronous_commit={syncCommit}); {rowsPresent:N0} clearances");

        var results = new List<PhaseResult>();
        var port = FreePort();
        var dataPath = Directory.CreateTempSubdirectory("cw-bench-").FullName;
        var app = ApiHost.Build([
            "--urls", $"http://127.0.0.1:{port}",
            "--environment", "Production",
            "--Database:Provider=Postgres",
            $"--ConnectionStrings:Clearance={target.ConnectionString}",
            $"--DataPath={dataPath}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.AspNetCore=Warning",
            // The scheduler of an earlier run on the same database shows up as a failed cluster node; that warning is noise here.
            "--Logging:LogLevel:Hangfire=Error",
            "--RateLimiting:PartnerPermitsPerMinute=100000000",
            .. keys.Settings(),
        ]);
        await app.StartAsync();
        try
        {
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
            using var http = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
            await RegisterPartnerAsync(http, keys, PartnerId, Purpose);

            var partnerToken = new AuthenticationHeaderValue("Bearer", keys.Token("bench-partner-user", "partner", PartnerId));
            var blindIndex = keys.BlindIndex();
            var auditBefore = await ScalarAsync<long>(target.ConnectionString, "SELECT count(*) FROM audit_events WHERE \"Action\" LIKE 'reciprocity.%'");

            log.WriteLine();
            log.WriteLine($"host before the load: {HostPressure()}");
            log.WriteLine($"load: {options.Clients} concurrent clients, {options.Warmup.TotalSeconds:0} s warm-up + {options.Duration.TotalSeconds:0} s measured per phase, {options.HitRatio:P0} of single queries about seeded subjects");

            results.Add(await Phase("health", "GET /health/live (same HTTP pipeline, no auth, no database)", async (random, ct) =>
            {
                using var response = await http.GetAsync("/health/live", ct);
                return response.StatusCode == HttpStatusCode.OK;
            }));

            var adminToken = new AuthenticationHeaderValue("Bearer", keys.Token("bench-admin", "admin"));
            results.Add(await Phase("auth-read", "GET /api/v1/partners/{id} as admin (JWT, mediator pipeline, one indexed EF query)", async (random, ct) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/partners/{PartnerId}");
                request.Headers.Authorization = adminToken;
                using var response = await http.SendAsync(request, ct);
                return response.StatusCode == HttpStatusCode.OK;
            }));

            await using var dataSource = NpgsqlDataSource.Create(target.ConnectionString);
            results.Add(await Phase("sql-lookup", "raw SQL: HMAC + SELECT clearances by blind index (no HTTP, no decryption, no audit)", async (random, ct) =>
            {
                var i = random.Next(options.Rows);
                var index = blindIndex.Compute(NationalIds.Purpose, NationalIds.Normalize(SyntheticSubjects.NationalId(i)));
                await using var command = dataSource.CreateCommand("""
                    SELECT "Id", "CaseId", "Level", "Status", "GrantedOn", "InvestigationClosedOn", "GrantingAgency", "Exception", "PersonalDataCipher", "CreatedAt"
                    FROM clearances WHERE "NationalIdIndex" = $1
                    """);
                command.Parameters.AddWithValue(index);
                await using var reader = await command.ExecuteReaderAsync(ct);
                var found = 0;
                while (await reader.ReadAsync(ct))
                {
                    found++;
                }

                return found == 1;
            }));

            results.Add(await Phase("query", "POST /api/v1/reciprocity/queries (auth, agreement, blind-index lookup, decrypt, audit commit)", async (random, ct) =>
            {
                var hit = random.NextDouble() < options.HitRatio;
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
                using var request = Post("/api/v1/reciprocity/queries", body, partnerToken);
                using var response = await http.SendAsync(request, ct);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }

                // A seeded subject must match and a made-up one must not: a wrong answer counts as an error.
                var matched = (await response.Content.ReadAsStringAsync(ct)).StartsWith("{\"match\":true", StringComparison.Ordinal);
                return matched == hit;
            }));

            results.Add(await Phase("batch", $"POST /api/v1/reciprocity/queries/batch, {options.BatchSize} subjects per request", async (random, ct) =>
            {
                var subjects = Enumerable.Range(0, options.BatchSize).Select(n =>
                {
                    var i = random.Next(options.Rows);
                    var key = Seeder.PayloadKey(i, options.DistinctPayloads);
                    return new
                    {
                        correlationId = n.ToString(CultureInfo.InvariantCulture),
                        nationalId = SyntheticSubjects.NationalId(i),
                        familyName = SyntheticSubjects.FamilyName(key),
                        dateOfBirth = SyntheticSubjects.DateOfBirth(key).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    };
                }).ToList();
                using var request = Post("/api/v1/reciprocity/queries/batch", new { purpose = Purpose, subjects }, partnerToken);
                using var response = await http.SendAsync(request, ct);
                return response.StatusCode == HttpStatusCode.OK;
            }, options.BatchSize));

            var auditAfter = await ScalarAsync<long>(target.ConnectionString, "SELECT count(*) FROM audit_events WHERE \"Action\" LIKE 'reciprocity.%'");
            var query = results.Single(r => r.Name == "query");
            var batch = results.Single(r => r.Name == "batch");
            var answered = query.TotalIncludingWarmup + (batch.TotalIncludingWarmup * options.BatchSize);

            log.WriteLine($"host after the load: {HostPressure()}");
            log.WriteLine();
            log.WriteLine(Workload.Table(results));
            log.WriteLine();
            log.WriteLine("| ratio | throughput | p50 | p95 | p99 |");
            log.WriteLine("|---|---:|---:|---:|---:|");
            log.WriteLine(Workload.Ratios(query, results.Single(r => r.Name == "health")));
            log.WriteLine(Workload.Ratios(query, results.Single(r => r.Name == "sql-lookup")));
            log.WriteLine();
            log.WriteLine($"audit: {auditAfter - auditBefore:N0} reciprocity events written for {answered:N0} subjects asked during the query and batch phases (warm-up included)");
            if (seed is not null)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"seed: migrate {seed.Migrate:0.0} s, encrypt+index {seed.Generate:0.0} s, COPY {seed.Copy:0.0} s, indexes {seed.Indexes:0.0} s, vacuum {seed.Vacuum:0.0} s; database {seed.DatabaseBytes / (1024.0 * 1024):N0} MiB"));
            }

            log.WriteLine($"total run time {total.Elapsed.TotalMinutes:0.0} min");
            return results.Sum(r => r.Errors) == 0 && auditAfter - auditBefore == answered ? 0 : 1;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            if (!options.Keep)
            {
                await ExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS \"{options.Database}\" WITH (FORCE)");
                log.WriteLine($"dropped database {options.Database}");
            }

            Directory.Delete(dataPath, recursive: true);
        }

        async Task<PhaseResult> Phase(string name, string what, Func<Random, CancellationToken, Task<bool>> operation, int items = 1)
        {
            log.WriteLine($"  phase {name} ...");
            var result = await Workload.RunAsync(name, what, options.Clients, options.Warmup, options.Duration, operation, items);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {result.PerSecond:N0} ops/s, p50 {result.Percentile(50):0.00} ms, p99 {result.Percentile(99):0.00} ms, {result.Errors} errors"));
            return result;
        }
    }

    internal static HttpRequestMessage Post(string path, object body, AuthenticationHeaderValue token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, Json.Options)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = token;
        return request;
    }

    internal static async Task RegisterPartnerAsync(HttpClient http, BenchKeys keys, string partnerId, string purpose)
    {
        var body = new
        {
            partnerId,
            name = "Benchmark partner agency",
            country = "DE",
            purposes = new[] { purpose },
            maxLevel = "TopSecret",
            agreementExpiresOn = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddYears(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            active = true,
        };
        using var request = Post("/api/v1/partners", body, new AuthenticationHeaderValue("Bearer", keys.Token("bench-admin", "admin")));
        using var response = await http.SendAsync(request);
        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
        {
            throw new InvalidOperationException($"registering the partner failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>
    /// Load average and CPU pressure (PSI) of the host, when Linux reports them: the figures are only
    /// comparable between runs on an equally busy machine, and shared CI or VM hosts rarely are.
    /// </summary>
    internal static string HostPressure()
    {
        var parts = new List<string>();
        try
        {
            parts.Add("loadavg " + File.ReadAllText("/proc/loadavg").Trim());
            parts.Add("cpu pressure " + File.ReadLines("/proc/pressure/cpu").First().Trim());
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return parts.Count == 0 ? "not reported" : string.Join("; ", parts);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
