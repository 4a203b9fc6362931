using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ClearanceWorkflow.IntegrationTests.Support;

/// <summary>
/// The real service on a real database (SQLite, PostgreSQL or SQL Server), configured through the same settings an
/// operator uses. Tokens are really signed with the factory's own key. Pass another factory's
/// <see cref="TestKeys"/> to run a second service on the same database (the data stays readable and
/// tokens work on both).
/// </summary>
public sealed class ApiFactory(
    TestDatabase database,
    Action<IDictionary<string, string?>>? configure = null,
    Action<IServiceCollection>? services = null,
    TestKeys? keys = null)
    : WebApplicationFactory<Program>
{
    public TestKeys Keys { get; } = keys ?? new();

    /// <summary>The hosting environment the service starts in; <c>Testing</c> unless a test needs another.</summary>
    public string EnvironmentName { get; init; } = "Testing";

    /// <summary>
    /// Whether the factory configures its <see cref="Keys"/> (Auth, Encryption, BlindIndex settings). Off,
    /// the service resolves keys as it would with nothing configured.
    /// </summary>
    public bool WithTestKeys { get; init; } = true;

    public TestDatabase Database => database;

    /// <summary>Every log line the service wrote, formatted with its arguments.</summary>
    public CapturedLogs Logs { get; } = new();

    public HttpClient ClientFor(string sub, params string[] roles) => WithToken(Keys.Token(sub, roles));

    public HttpClient PartnerClient(string sub, string partnerId) => WithToken(Keys.PartnerToken(sub, partnerId));

    public HttpClient WithToken(string? token)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>(WithTestKeys ? Keys.Settings() : new Dictionary<string, string?>())
        {
            ["Database:Provider"] = database.Kind.ToString(),
            ["ConnectionStrings:Clearance"] = database.ConnectionString,
            ["DataPath"] = database.Directory,
            ["Logging:Console:LogLevel:Default"] = "None",
            // Investigators record check results by hand unless a test turns the automated checks on.
            ["Verification:Automated"] = "false",
            ["Jobs:PollInterval"] = "00:00:00.2",
            ["Jobs:SchedulePollInterval"] = "00:00:01",
            ["Jobs:WorkerCount"] = "4",
            // Granted clearances get periodic reinvestigation unless a test turns continuous vetting on.
            ["Vetting:Enabled"] = "false",
        };
        configure?.Invoke(settings);
        builder.UseEnvironment(EnvironmentName);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Debug);
            logging.AddProvider(Logs);
        });
        builder.ConfigureTestServices(s =>
        {
            services?.Invoke(s);
        });
    }
}

/// <summary>
/// Replaces the service's TimeProvider, the clock of the business rules. Hangfire keeps the wall clock: a
/// timer armed for a due time the test reaches by moving the clock is run by the test (<c>Requeue</c>), and
/// the recurring sweep is sent by the test too.
/// </summary>
public static class ServiceCollectionTestExtensions
{
    public static void UseClock(this IServiceCollection services, TimeProvider clock)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton(clock);
    }
}
