using System.Globalization;

namespace ClearanceWorkflow.Bench;

/// <summary>Command-line options. Every one has a default; <c>--help</c> lists them.</summary>
internal sealed record BenchOptions
{
    public const string ConnectionVariable = "CLEARANCE_BENCH_POSTGRES";

    /// <summary>A connection string to a PostgreSQL server whose user may create databases.</summary>
    public required string AdminConnectionString { get; init; }

    public string Database { get; init; } = "clearance_bench_" + TimeProvider.System.GetUtcNow().ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);

    public int Rows { get; init; } = 1_000_000;

    /// <summary>0: every row's personal data is encrypted on its own. N: N distinct ciphertexts are made and reused.</summary>
    public int DistinctPayloads { get; init; }

    public int Clients { get; init; } = 16;

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    public int BatchSize { get; init; } = 100;

    /// <summary>Share of single queries asked about a seeded subject (the rest miss).</summary>
    public double HitRatio { get; init; } = 0.9;

    public bool Keep { get; init; }

    /// <summary>Reuse <see cref="Database"/> as it is (seeded by an earlier run with --keep).</summary>
    public bool SkipSeed { get; init; }

    public string? KeysFile { get; init; }

    public static string Usage => $"""
        ClearanceWorkflow reciprocity benchmark (docs/performance.md)

          dotnet run -c Release --project bench/ClearanceWorkflow.Bench -- [options]
          dotnet run -c Release --project bench/ClearanceWorkflow.Bench -- checks [options]   (background checks; checks --help)
          dotnet run -c Release --project bench/ClearanceWorkflow.Bench -- all [options]      (P1 transitions, P2, P4 sweep, P5 memory; all --help)

          --connection <cs>        PostgreSQL server, a user that may CREATE DATABASE
                                   (default: ${ConnectionVariable}, then $CLEARANCE_TEST_POSTGRES)
          --database <name>        database to create (default clearance_bench_<utc timestamp>)
          --rows <n>               clearances to seed (default 1000000)
          --distinct-payloads <n>  encrypt n distinct personal-data payloads and reuse them (default 0: all distinct)
          --clients <n>            concurrent HTTP clients (default 16)
          --warmup <s>             seconds of warm-up per phase, not measured (default 5)
          --duration <s>           measured seconds per phase (default 20)
          --batch-size <n>         subjects per batch request (default 100)
          --hit-ratio <0..1>       share of queries about seeded subjects (default 0.9)
          --keep                   keep the database afterwards (drops it otherwise)
          --skip-seed              reuse an existing --database seeded by a run with --keep (needs --keys-file)
          --keys-file <path>       where the run's keys are written (with --keep) or read (with --skip-seed)
        """;

    public static BenchOptions? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                return null;
            }

            if (arg is "--keep" or "--skip-seed")
            {
                flags.Add(arg);
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                values[arg] = args[++i];
            }
            else
            {
                throw new ArgumentException($"unknown argument '{arg}'");
            }
        }

        var connection = Get("--connection")
            ?? Environment.GetEnvironmentVariable(ConnectionVariable)
            ?? Environment.GetEnvironmentVariable("CLEARANCE_TEST_POSTGRES")
            ?? throw new ArgumentException($"no PostgreSQL connection: pass --connection or set {ConnectionVariable}");
        var options = new BenchOptions { AdminConnectionString = connection, Keep = flags.Contains("--keep"), SkipSeed = flags.Contains("--skip-seed"), KeysFile = Get("--keys-file") };
        options = Get("--database") is { } database ? options with { Database = database } : options;
        options = Int("--rows") is { } rows ? options with { Rows = rows } : options;
        options = Int("--distinct-payloads") is { } distinct ? options with { DistinctPayloads = distinct } : options;
        options = Int("--clients") is { } clients ? options with { Clients = clients } : options;
        options = Int("--warmup") is { } warmup ? options with { Warmup = TimeSpan.FromSeconds(warmup) } : options;
        options = Int("--duration") is { } duration ? options with { Duration = TimeSpan.FromSeconds(duration) } : options;
        options = Int("--batch-size") is { } batch ? options with { BatchSize = batch } : options;
        options = Get("--hit-ratio") is { } ratio ? options with { HitRatio = double.Parse(ratio, CultureInfo.InvariantCulture) } : options;
        if (options.Rows < 1 || options.Clients < 1 || options.BatchSize is < 1 or > 100 || options.HitRatio is < 0 or > 1 || options.Duration <= TimeSpan.Zero)
        {
            throw new ArgumentException("--rows and --clients must be positive, --batch-size 1..100, --hit-ratio 0..1, --duration positive");
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(options.Database, "^[a-z_][a-z0-9_]{0,62}$"))
        {
            throw new ArgumentException("--database must be a plain lower-case identifier");
        }

        if (options.SkipSeed && options.KeysFile is null)
        {
            throw new ArgumentException("--skip-seed needs the --keys-file written by the run that seeded the database");
        }

        return options;

        string? Get(string name) => values.TryGetValue(name, out var v) ? v : null;
        int? Int(string name) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;
    }
}
