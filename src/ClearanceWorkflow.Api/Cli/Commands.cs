using System.CommandLine;
using System.Globalization;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Application.Features.Maintenance;
using ClearanceWorkflow.Domain;
using MediatR;
using ClearanceWorkflow.Infrastructure.Persistence;
using ClearanceWorkflow.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Api.Cli;

/// <summary>Operator verbs: <c>token</c>, <c>migrate</c>, <c>healthcheck</c>, <c>rekey</c> read the same configuration as the service; <c>verify-proof</c> reads only its files.</summary>
public static class Commands
{
    /// <summary>The longest lifetime <c>token</c> signs: a leaked token must run out.</summary>
    public const int MaxTokenMinutes = 30 * 24 * 60;

    public static readonly IReadOnlySet<string> Verbs = new HashSet<string>(StringComparer.Ordinal) { "token", "migrate", "healthcheck", "rekey", "verify-proof" };

    /// <summary>
    /// Whether the first argument looks like a verb that does not exist: not an option (<c>--urls</c>, <c>/key=value</c>)
    /// nor a setting (<c>key=value</c>), which the service itself reads.
    /// </summary>
    public static bool IsUnknownVerb(string[] args) =>
        args.Length > 0 && !Verbs.Contains(args[0]) && !args[0].StartsWith('-') && !args[0].StartsWith('/') && !args[0].Contains('=', StringComparison.Ordinal);

    /// <summary>
    /// A verb written as an option (<c>--migrate</c>) or after <c>--</c> (<c>-- migrate</c>, as <c>dotnet run</c> takes it):
    /// the service would otherwise start and never exit, in a job meant to migrate. Returns the verb meant, or null.
    /// </summary>
    public static string? MisspeltVerb(string[] args) =>
        args.Length == 0 ? null
        : args[0] == "--" && args.Length > 1 && Verbs.Contains(args[1]) ? args[1]
        : args[0].StartsWith("--", StringComparison.Ordinal) && Verbs.Contains(args[0][2..]) ? args[0][2..]
        : null;

    public static async Task<int> RunAsync(string[] args)
    {
        var sub = new Option<string>("--sub") { Description = "The token's subject (user id).", Required = true };
        var role = new Option<string[]>("--role") { Description = "A role; repeat for more.", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false, Required = true };
        var partner = new Option<string?>("--partner-id") { Description = "The partner_id claim, for partner tokens." };
        var minutes = new Option<int>("--minutes") { Description = "Lifetime in minutes.", DefaultValueFactory = _ => 60 };
        var token = new Command("token", "Print a bearer token signed with the configured shared key (in Development, the local key).") { sub, role, partner, minutes };
        token.SetAction(parse =>
        {
            if (parse.GetValue(minutes) is < 1 or > MaxTokenMinutes)
            {
                Console.Error.WriteLine($"--minutes must be from 1 to {MaxTokenMinutes} (30 days)");
                return 2;
            }

            var roles = parse.GetValue(role) ?? [];
            var unknown = roles.Where(r => !Roles.TokenRoles.Contains(r)).ToList();
            if (unknown.Count > 0)
            {
                Console.Error.WriteLine($"unknown role(s): {string.Join(", ", unknown)}; known: {string.Join(", ", Roles.TokenRoles.Order(StringComparer.Ordinal))}");
                return 2;
            }

            if ((BearerTokens.SubjectRefusal(parse.GetValue(sub)) ?? (roles.Contains(Roles.Partner) ? BearerTokens.PartnerRefusal(parse.GetValue(partner)) : null)) is { } refusal)
            {
                Console.Error.WriteLine($"the service would refuse this token: {refusal}");
                return 2;
            }

            var (configuration, environment) = HostConfiguration();
            var keys = KeyMaterial.Resolve(configuration, environment.IsDevelopment(), DatabaseSettings.From(configuration).DataPath);
            Console.WriteLine(TokenIssuer.Create(keys.Auth, TimeProvider.System, parse.GetValue(sub)!, roles, parse.GetValue(partner), TimeSpan.FromMinutes(parse.GetValue(minutes))));
            return 0;
        });

        var migrate = new Command("migrate", "Apply pending database migrations and exit.");
        migrate.SetAction(async (_, cancellationToken) =>
        {
            var (configuration, _) = HostConfiguration();
            var database = DatabaseSettings.From(configuration);
            using var folder = DataFolderLock.Acquire(database);
            using (var loggers = LoggerFactory.Create(b => b.AddConfiguration(configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true)))
            {
                await new DatabaseMigrator(database, loggers.CreateLogger<DatabaseMigrator>()).MigrateAsync(cancellationToken);
            }

            // After the logger is disposed: the console logger writes from a queue, which disposing flushes.
            Console.WriteLine("migrated");
            return 0;
        });

        var url = new Option<string?>("--url") { Description = "Readiness URL; defaults to the local port." };
        var healthcheck = new Command("healthcheck", "Exit 0 when /health/ready answers 200 (for container health checks).") { url };
        healthcheck.SetAction(async (parse, cancellationToken) =>
        {
            if (!Uri.TryCreate(parse.GetValue(url) ?? LocalReadyUrl(Environment.GetEnvironmentVariable), UriKind.Absolute, out var ready) || (ready.Scheme != Uri.UriSchemeHttp && ready.Scheme != Uri.UriSchemeHttps))
            {
                Console.Error.WriteLine("--url must be an absolute http or https URL");
                return 2;
            }

            // Silent when ready (a container probe runs it every few seconds); one line on stderr when not. The service's
            // own port on this machine is asked by its loopback address, which its certificate does not name.
            using var handler = new HttpClientHandler();
            if (ready.IsLoopback)
            {
                handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
            }

            using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
            try
            {
                using var response = await http.GetAsync(ready, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return 0;
                }

                Console.Error.WriteLine($"not ready: {ready} answered {(int)response.StatusCode}");
                return 1;
            }
            catch (HttpRequestException ex)
            {
                Console.Error.WriteLine($"not ready: {ready}: {ex.Message}");
                return 1;
            }
            catch (TaskCanceledException)
            {
                Console.Error.WriteLine($"not ready: {ready} did not answer within 5 s");
                return 1;
            }
        });

        var rekey = new Command("rekey", "Re-encrypt all personal data under Encryption__ActiveKeyId; older keys must still be configured.");
        rekey.SetAction(async (_, cancellationToken) =>
        {
            RekeyData.Result result;
            try
            {
                result = await RekeyAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is ConflictException or DbUpdateException or System.Data.Common.DbException)
            {
                // Each batch commits on its own, so what was re-encrypted stays so and a second run goes on from there.
                Console.Error.WriteLine($"rekey stopped part-way ({ex.Message}); what it re-encrypted is kept: run it again");
                return 1;
            }

            foreach (var (table, count) in result.Reencrypted)
            {
                Console.WriteLine($"{table}: {count} values re-encrypted");
            }

            if (!result.Complete)
            {
                foreach (var (table, count) in result.Remaining.Where(r => r.Value > 0))
                {
                    Console.Error.WriteLine($"{table}: {count} values still under another key");
                }

                Console.Error.WriteLine($"not all personal data is under key '{result.ActiveKeyId}': a node still writing with another Encryption__ActiveKeyId? "
                    + "Run rekey again once every node runs with this one, and keep the older keys until it exits 0.");
                return 1;
            }

            Console.WriteLine($"all personal data is under key '{result.ActiveKeyId}'");
            return 0;
        });

        var proofFile = new Option<FileInfo>("--proof") { Description = "A proof saved from GET /api/v1/audit/events/{id}/proof.", Required = true };
        var keyFile = new Option<FileInfo>("--public-key") { Description = "The ledger public key (SPKI PEM) of the proof's key id, from GET /api/v1/audit/keys.", Required = true };
        var verifyProof = new Command("verify-proof", "Check an audit event's inclusion proof offline; exit 0 when valid.") { proofFile, keyFile };
        verifyProof.SetAction(async (parse, cancellationToken) =>
        {
            string proof, key;
            try
            {
                proof = await File.ReadAllTextAsync(parse.GetValue(proofFile)!.FullName, cancellationToken);
                key = await File.ReadAllTextAsync(parse.GetValue(keyFile)!.FullName, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"cannot read: {ex.Message}");
                return 2;
            }

            if (ProofCheck.Problem(proof, key) is { } problem)
            {
                Console.WriteLine($"invalid: {problem}");
                return 1;
            }

            Console.WriteLine("valid");
            return 0;
        });

        var root = new RootCommand("ClearanceWorkflow service. Without a verb, runs the HTTP service.") { token, migrate, healthcheck, rekey, verifyProof };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // A usage error, as the verbs' own checks answer one: the errors on stderr, nothing on stdout (a script
            // reading a token from stdout must not take help text for one), exit 2.
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine(error.Message);
            }

            return 2;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (IsRefusal(ex))
        {
            // A setting missing or invalid, or a file or folder it names that cannot be used: the message says which;
            // a stack trace would only hide it.
            Console.Error.WriteLine(RefusalMessage(ex));
            return 1;
        }
    }

    /// <summary>The one line a refusal prints.</summary>
    public static string RefusalMessage(Exception ex) =>
        ex is System.Data.Common.DbException ? $"the database cannot be used: {ex.Message}" : ex.Message;

    /// <summary>
    /// What stops a verb or the service before it does anything: a setting missing or invalid (its message names it), a
    /// file or folder it names that cannot be used, a key that cannot open the data (a rotation's old key removed too early),
    /// a database that cannot be reached or is not one, an invalid workflow definition (file, JSON path and problem), or a
    /// value the framework cannot parse (Kestrel's "Invalid url" for <c>ASPNETCORE_URLS</c>).
    /// </summary>
    public static bool IsRefusal(Exception ex) =>
        ex is InvalidOperationException or Microsoft.Extensions.Options.OptionsValidationException or IOException or UnauthorizedAccessException
            or System.Security.Cryptography.CryptographicException or System.Data.Common.DbException or ClearanceWorkflow.Workflow.WorkflowDefinitionException
            or FormatException;

    /// <summary>Asking what the program does, not running the service.</summary>
    public static bool IsHelp(string[] args) => args.Length > 0 && args[0] is "--help" or "-h" or "-?" or "--version";

    /// <summary>
    /// Runs the rotation with the service's own composition, without starting the service; it may run beside running
    /// nodes, so it migrates nothing (migrating SQLite needs the data folder, which a running node holds). On SQLite it
    /// holds the folder's maintenance lock, so no migration runs beside it.
    /// </summary>
    public static async Task<RekeyData.Result> RekeyAsync(CancellationToken cancellationToken, params string[] args)
    {
        var (configuration, _) = HostConfiguration();
        using var maintenance = DataFolderLock.AcquireMaintenance(DatabaseSettings.From(configuration));
        await using var app = Hosting.ApiHost.Build(args);
        await using var scope = app.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<ClearanceDbContext>().Database;
        if (!(await database.GetAppliedMigrationsAsync(cancellationToken)).Any())
        {
            throw new InvalidOperationException("There is no ClearanceWorkflow database here (no migration applied): check DataPath or ConnectionStrings__Clearance.");
        }

        if ((await database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            throw new InvalidOperationException("The database has pending migrations: start the service or run the 'migrate' verb first, then rekey.");
        }

        scope.ServiceProvider.GetRequiredService<ActorContext>().Set(Actor.System);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RekeyData.Run(), cancellationToken);
    }

    private static (IConfiguration Configuration, IHostEnvironment Environment) HostConfiguration()
    {
        var builder = WebApplication.CreateBuilder();
        return (builder.Configuration, builder.Environment);
    }

    /// <summary>
    /// The service's own readiness URL on this machine: the first of <c>ASPNETCORE_HTTP_PORTS</c>, else the first
    /// <c>http://</c> one of <c>ASPNETCORE_URLS</c> or its first (a wildcard host becomes 127.0.0.1), else port 8080. An empty setting counts as unset,
    /// as the service reads it (the image clears <c>ASPNETCORE_HTTP_PORTS</c>).
    /// </summary>
    internal static string LocalReadyUrl(Func<string, string?> setting)
    {
        if (First(setting("ASPNETCORE_HTTP_PORTS")) is { } port)
        {
            return string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/health/ready");
        }

        if (Preferred(setting("ASPNETCORE_URLS")) is { } url
            && Uri.TryCreate(url.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var bound))
        {
            var host = bound.Host is "localhost" or "0.0.0.0" or "[::]" ? "127.0.0.1" : bound.Host;
            return string.Create(CultureInfo.InvariantCulture, $"{bound.Scheme}://{host}:{bound.Port}/health/ready");
        }

        return "http://127.0.0.1:8080/health/ready";

        static string[] Entries(string? list) => list?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        static string? First(string? list) => Entries(list).FirstOrDefault();
        // Plain HTTP where the service has it, else the first address.
        static string? Preferred(string? list) =>
            Entries(list).FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? First(list);
    }
}
