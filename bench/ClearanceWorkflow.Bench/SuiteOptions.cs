using System.Globalization;

namespace ClearanceWorkflow.Bench;

/// <summary>Options of the <c>all</c> mode. Every one has a default; <c>all --help</c> lists them.</summary>
internal sealed record SuiteOptions
{
    public required string Connection { get; init; }

    public int Rows { get; init; } = 1_000_000;

    public int DistinctPayloads { get; init; }

    public int Rounds { get; init; } = 3;

    public int SweepRounds { get; init; } = 5;

    public int Clients { get; init; } = 16;

    public int Cases { get; init; } = 32;

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public bool Keep { get; init; }

    /// <summary>Extra environment variables of the service process, to compare runtime settings (e.g. <c>DOTNET_gcServer=0</c>).</summary>
    public IReadOnlyDictionary<string, string> ServiceEnvironment { get; init; } = new Dictionary<string, string>();

    public static string Usage => $"""
        ClearanceWorkflow performance suite: P1 transitions, P2 reciprocity, P4 sweep, P5 memory (docs/performance.md)

          dotnet run -c Release --project bench/ClearanceWorkflow.Bench -- all [options]

          --postgres <cs>          PostgreSQL server, a user that may CREATE DATABASE
                                   (default: ${BenchOptions.ConnectionVariable}, then $CLEARANCE_TEST_POSTGRES)
          --rows <n>               clearances to seed (default 1000000)
          --distinct-payloads <n>  encrypt n distinct personal-data payloads and reuse them (default 0: all distinct)
          --rounds <n>             rounds of each P1 and P2 phase, baseline and service alternating (default 3)
          --sweep-rounds <n>       days swept in P4 (default 5)
          --clients <n>            concurrent HTTP clients (default 16)
          --cases <n>              claimed cases for P1, a multiple of --clients (default 32)
          --warmup <s>             seconds of warm-up per phase, not measured (default 3)
          --duration <s>           measured seconds per phase (default 10)
          --service-env <list>     extra environment of the service process, NAME=VALUE;NAME=VALUE
                                   (e.g. DOTNET_gcServer=0 to compare its memory under workstation GC)
          --keep                   keep the database afterwards (drops it otherwise)
        """;

    public static SuiteOptions? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h":
                    return null;
                case "--keep":
                    keep = true;
                    break;
                case var name when name.StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length:
                    values[name] = args[++i];
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }

        var connection = Get("--postgres") ?? Get("--connection")
            ?? Environment.GetEnvironmentVariable(BenchOptions.ConnectionVariable)
            ?? Environment.GetEnvironmentVariable("CLEARANCE_TEST_POSTGRES")
            ?? throw new ArgumentException($"no PostgreSQL connection: pass --postgres or set {BenchOptions.ConnectionVariable}");
        var options = new SuiteOptions
        {
            Connection = connection,
            Keep = keep,
            Rows = Int("--rows") ?? 1_000_000,
            DistinctPayloads = Int("--distinct-payloads") ?? 0,
            Rounds = Int("--rounds") ?? 3,
            SweepRounds = Int("--sweep-rounds") ?? 5,
            Clients = Int("--clients") ?? 16,
            Cases = Int("--cases") ?? 32,
            Warmup = TimeSpan.FromSeconds(Int("--warmup") ?? 3),
            Duration = TimeSpan.FromSeconds(Int("--duration") ?? 10),
            ServiceEnvironment = (Get("--service-env") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(pair => pair.Split('=', 2))
                .ToDictionary(pair => pair[0], pair => pair.Length == 2 ? pair[1] : throw new ArgumentException($"--service-env: '{pair[0]}' has no '='"), StringComparer.Ordinal),
        };
        var unknown = values.Keys.Except(["--postgres", "--connection", "--rows", "--distinct-payloads", "--rounds", "--sweep-rounds", "--clients", "--cases", "--warmup", "--duration", "--service-env"]).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown option '{unknown[0]}'");
        }

        if (options.Rows < 1 || options.Rounds < 1 || options.SweepRounds < 1 || options.Clients < 1 || options.Cases < options.Clients
            || options.Cases % options.Clients != 0 || options.Duration <= TimeSpan.Zero || options.Warmup < TimeSpan.Zero)
        {
            throw new ArgumentException("--rows, --rounds, --sweep-rounds, --clients and --duration must be positive, and --cases a multiple of --clients");
        }

        return options;

        string? Get(string name) => values.TryGetValue(name, out var v) ? v : null;
        int? Int(string name) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;
    }
}
