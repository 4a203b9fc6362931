using System.Globalization;
using System.Text.Json;
using ClearanceWorkflow.Infrastructure.Jobs;
using ClearanceWorkflow.IntegrationTests.Lifecycle;
using ClearanceWorkflow.IntegrationTests.Support;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Background;

/// <summary>
/// Base of the background-work fixtures (automated checks, timers, sweeps, notifications): the lifecycle
/// helpers plus waiting on background work, reading the audit trail, the database and the scheduler.
/// </summary>
public abstract class BackgroundTest(DatabaseKind kind) : LifecycleTest(kind)
{
    public static readonly string[] Tier3Kinds = ["identity", "criminal", "credit", "employment", "education"];

    protected HttpClient Auditor { get; private set; } = null!;

    [OneTimeSetUp]
    public void CreateAuditor() => Auditor = Factory.ClientFor(NewUser("audrey"), AuditorRole);

    [OneTimeTearDown]
    public void DisposeAuditor() => Auditor?.Dispose();

    private FakeProvider? _provider;

    /// <summary>A verification provider on loopback for the fixture: started on first use (in <c>CreateFactory</c>), stopped with the fixture.</summary>
    protected FakeProvider Provider => _provider ??= FakeProvider.Start();

    [OneTimeTearDown]
    public async Task StopProviderAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    /// <summary>On a failure, the service's warnings and errors go to the test output.</summary>
    [TearDown]
    public async Task ReportServiceProblemsAsync()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status != NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            return;
        }

        foreach (var line in Factory.Logs.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal)).TakeLast(60))
        {
            await TestContext.Out.WriteLineAsync(line.Length > 2000 ? line[..2000] : line);
        }
    }

    /// <summary>Automated checks against <paramref name="provider"/>, with timings short enough for tests.</summary>
    protected static void AutomatedChecks(IDictionary<string, string?> settings, Uri provider)
    {
        settings["Verification:Automated"] = "true";
        settings["Verification:BaseUrl"] = provider.ToString();
        settings["Verification:AttemptTimeout"] = "00:00:00.5";
        settings["Verification:Retries"] = "1";
        settings["Verification:RetryDelay"] = "00:00:00.05";
        settings["Verification:JobRetries"] = "2";
        settings["Verification:JobRetryDelay"] = "00:00:01";
        settings["Verification:JobRetryMaxDelay"] = "00:00:02";
        ShortIntervals(settings);
    }

    protected static void ShortIntervals(IDictionary<string, string?> settings)
    {
        settings["Jobs:DispatchInterval"] = "00:00:01";
        settings["Notifications:DispatchInterval"] = "00:00:01";
        settings["Notifications:RetryDelay"] = "00:00:00.2";
        // The daily sweep is fired by the tests that need it, never by the wall clock in the middle of one.
        settings["Jobs:ReinvestigationCron"] = Hangfire.Cron.Never();
    }

    /// <summary>A family name no other test uses, starting with <paramref name="prefix"/>.</summary>
    protected static string Family(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 8)];

    /// <summary>A new applicant whose subject has the family name given applies for <paramref name="level"/>, fills the questionnaire and submits.</summary>
    protected async Task<Guid> SubmitAsync(string familyName, string level = "Secret", ApiFactory? on = null)
    {
        var factory = on ?? Factory;
        using var applicant = factory.ClientFor(NewUser("alice"), ApplicantRole);
        return await new CaseDriver(factory).SubmittedCaseAsync(applicant, level, CaseDriver.Subject(familyName));
    }

    /// <summary>Waits until the case reaches <paramref name="stage"/> on its own.</summary>
    protected Task<JsonElement> WaitForStageAsync(Guid id, string stage, TimeSpan? timeout = null) =>
        Eventually.Until(() => Driver.GetCaseAsync(Adjudicator, id), c => Stage(c) == stage, $"case {id} to reach '{stage}'", timeout);

    /// <summary>The checks of the case by kind, as an investigator sees them.</summary>
    protected async Task<Dictionary<string, JsonElement>> ChecksAsync(Guid id) =>
        (await Driver.GetInvestigationAsync(Investigator, id)).GetProperty("checks").EnumerateArray()
            .ToDictionary(k => k.GetProperty("kind").GetString()!, k => k.Clone(), StringComparer.Ordinal);

    protected static string StatusOf(JsonElement check) => check.GetProperty("status").GetString()!;

    protected static bool IsTerminal(JsonElement check) => StatusOf(check) is "Clear" or "Flagged" or "Unable";

    /// <summary>Waits until every check of the case is terminal.</summary>
    protected Task<Dictionary<string, JsonElement>> WaitForChecksAsync(Guid id, TimeSpan? timeout = null) =>
        Eventually.Until(() => ChecksAsync(id), checks => checks.Count > 0 && checks.Values.All(IsTerminal), $"every check of case {id} to end", timeout);

    /// <summary>The audit events of a case, oldest first, read through the API as an auditor.</summary>
    protected async Task<IReadOnlyList<JsonElement>> AuditAsync(Guid caseId, ApiFactory? on = null)
    {
        HttpClient auditor = Auditor;
        using var other = on is null ? null : on.ClientFor(NewUser("audrey"), AuditorRole);
        if (other is not null)
        {
            auditor = other;
        }

        var events = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var result = await Driver.GetJsonAsync(auditor, $"/api/v1/audit?caseId={caseId}&page={page}&pageSize=500");
            var items = result.GetProperty("items").EnumerateArray().ToList();
            events.AddRange(items);
            if (items.Count < 500)
            {
                return events;
            }
        }
    }

    protected static string ActionOf(JsonElement auditEvent) => auditEvent.GetProperty("action").GetString()!;

    /// <summary>The audit event's detail, which the API carries as a JSON string.</summary>
    protected static JsonElement DetailOf(JsonElement auditEvent) =>
        JsonDocument.Parse(auditEvent.GetProperty("detail").GetString()!).RootElement.Clone();

    /// <summary>How many <c>check.result</c> events the case has per kind.</summary>
    protected async Task<Dictionary<string, int>> CheckResultEventsAsync(Guid caseId, ApiFactory? on = null) =>
        (await AuditAsync(caseId, on)).Where(e => ActionOf(e) == "check.result")
            .GroupBy(e => DetailOf(e).GetProperty("kind").GetString()!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>The attempts audited (<c>check.started</c>) per kind, each kind's attempt numbers in order.</summary>
    protected async Task<Dictionary<string, int[]>> CheckAttemptEventsAsync(Guid caseId) =>
        (await AuditAsync(caseId, null)).Where(e => ActionOf(e) == "check.started")
            .GroupBy(e => DetailOf(e).GetProperty("kind").GetString()!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => DetailOf(e).GetProperty("attempt").GetInt32()).Order().ToArray(), StringComparer.Ordinal);

    /// <summary>Sends a request through the pipeline as the system actor, the way the background jobs do.</summary>
    protected Task<T> AsSystemAsync<T>(IRequest<T> request, ApiFactory? on = null) =>
        (on ?? Factory).Services.GetRequiredService<SystemSender>().SendAsync(request, CancellationToken.None);

    /// <summary>The history entry of the visit to <paramref name="stage"/>: who ended it and how.</summary>
    protected static JsonElement Visit(JsonElement c, string stage) =>
        c.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("stage").GetString() == stage);

    protected static DateTime? DueAtOf(JsonElement c) =>
        c.GetProperty("dueAt").ValueKind == JsonValueKind.Null
            ? null
            : DateTime.Parse(c.GetProperty("dueAt").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
