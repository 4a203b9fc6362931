using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using ClearanceWorkflow.Infrastructure.Jobs;
using ClearanceWorkflow.IntegrationTests.Privacy;
using ClearanceWorkflow.IntegrationTests.Support;
using static ClearanceWorkflow.IntegrationTests.Support.PrometheusScrape;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

/// <summary>
/// Metrics at /metrics, traces over OTLP: the domain's counters and gauges by workflow names, job and database
/// spans, and no personal value anywhere in what is exported.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class ObservabilityTests(DatabaseKind kind) : IntegrationTest(kind)
{
    private const string DateOfBirth = "1988-02-14";
    private readonly SpanCollector _spans = new();
#pragma warning disable NUnit1032 // Started with the service in CreateFactory (OneTimeSetUp) and stopped in OneTimeTearDown.
    private OtlpReceiver _otlp = null!;
#pragma warning restore NUnit1032

    protected override ApiFactory CreateFactory(TestDatabase database)
    {
        _otlp = new OtlpReceiver();
        return new ApiFactory(database, settings =>
        {
            _otlp.Configure(settings);
            settings["Metrics:GaugeInterval"] = "00:00:00";
        }, services => SpanCollector.AddTo(services, _spans));
    }

    [OneTimeTearDown]
    public async Task StopReceiverAsync()
    {
        if (_otlp is not null)
        {
            await _otlp.DisposeAsync();
        }
    }

    [Test]
    public async Task FullCaseAndReciprocityQuery_MetricsAndSpans_CountByNameAndCarryNoPersonalData()
    {
        using var anonymous = Factory.CreateClient();
        var before = Samples(await ScrapeAsync(anonymous));

        var caseId = await PrivacySubject.DriveFullCaseAsync(Factory, NewUser("applicant"));
        using var admin = Factory.ClientFor(NewUser("root"), "admin");
        var partnerId = NewUser("agency");
        await CaseDriver.Expect(await admin.PostAsJsonAsync("/api/v1/partners", new
        {
            partnerId,
            name = "Partner agency",
            country = "DE",
            purposes = new[] { "employment" },
            maxLevel = "TopSecret",
            agreementExpiresOn = CaseDriver.Today.AddYears(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            active = true,
        }), HttpStatusCode.Created);
        using var partner = Factory.PartnerClient(NewUser("pat"), partnerId);
        var query = await partner.PostAsJsonAsync("/api/v1/reciprocity/queries", new
        {
            subject = new { nationalId = PrivacySubject.NationalId, familyName = PrivacySubject.FamilyName, dateOfBirth = DateOfBirth },
            purpose = "employment",
        });
        await CaseDriver.Expect(query, HttpStatusCode.OK);
        Assert.That((await CaseDriver.Json(query)).GetProperty("match").GetBoolean(), Is.True);
        // A personal value in a query string: the span's URL must not keep it.
        using var adjudicator = Factory.ClientFor("ada-adjudicator", "adjudicator");
        await CaseDriver.Expect(await adjudicator.GetAsync($"/api/v1/adjudication/queue?assignedTo={PrivacySubject.FamilyName}"), HttpStatusCode.OK);

        await Factory.AllSealedAsync();
        var text = await ScrapeAsync(anonymous);
        var after = Samples(text);
        Assert.Multiple(() =>
        {
            Assert.That(Delta(before, after, "clearance_transitions_total", "action=\"submit\""), Is.EqualTo(1), "submit counted once");
            Assert.That(Delta(before, after, "clearance_transitions_total", "action=\"grant\""), Is.EqualTo(1), "grant counted once");
            Assert.That(Delta(before, after, "clearance_checks_total", "outcome=\"Clear\""), Is.GreaterThan(0), "checks by outcome");
            Assert.That(Delta(before, after, "clearance_reciprocity_queries_total", "outcome=\"match\""), Is.EqualTo(1), "the reciprocity query by outcome");
            Assert.That(Value(after, "clearance_cases", "stage=\"closed\""), Is.GreaterThan(0), "cases by stage and status:\n" + text);
            Assert.That(after.Keys, Has.Some.StartsWith("clearance_jobs_queue{"), "job queue depth");
            Assert.That(after.Keys, Has.Some.StartsWith("http_server_request_duration_seconds_count{"), "ASP.NET Core's metrics");
            Assert.That(Delta(before, after, "clearance_ledger_sealing_lag_seconds_count", string.Empty), Is.GreaterThan(0), "the sealing lag of the case's audit events");
        });

        var spans = await Eventually.Until(
            () => Task.FromResult(_spans.Spans.ToList()),
            s => s.Any(x => x.Tags.GetValueOrDefault("url.query") is not null) && s.Any(x => x.Tags.ContainsKey("http.route") && x.Tags["http.route"].Contains("reciprocity", StringComparison.Ordinal)),
            "the requests' spans");
        var db = Kind switch
        {
            DatabaseKind.Postgres => "postgresql",
            DatabaseKind.SqlServer => "microsoft.sql_server",
            _ => "sqlite",
        };
        Assert.That(spans, Has.Some.Matches<CapturedSpan>(s => s.Tags.Values.Contains(db)), $"{db} command spans");
        Assert.That(spans.Where(s => s.ParentSpanId is null && s.Tags.ContainsKey("db.system.name")).ToList(), Is.Empty, "no background polling traces");
        Assert.That(spans.Where(s => s.Tags.ContainsKey("url.query")).Select(s => s.Tags["url.query"]), Has.All.Contains("Redacted"));

        var received = await Eventually.Until(
            () => Task.FromResult(_otlp.Posts.ToList()), p => p.Any(x => x.Path == "/v1/traces") && p.Any(x => x.Path == "/v1/metrics"), "OTLP posts of traces and metrics");
        foreach (var secret in PrivacySubject.Secrets.Append(DateOfBirth))
        {
            Assert.That(text, Does.Not.Contain(secret).IgnoreCase, "/metrics");
            Assert.That(spans.SelectMany(s => s.Strings()).Where(v => v.Contains(secret, StringComparison.OrdinalIgnoreCase)).ToList(), Is.Empty, secret);
            var bytes = Encoding.UTF8.GetBytes(secret);
            Assert.That(received.Where(p => p.Body.AsSpan().IndexOf(bytes) >= 0).Select(p => p.Path).ToList(), Is.Empty, $"OTLP posts carrying '{secret}'");
        }

        // Ids are not personal, but they would make a metric label of unbounded cardinality.
        Assert.That(text, Does.Not.Contain(caseId.ToString()), "/metrics");
    }

    [Test]
    public async Task Otlp_EndpointSet_SpansArriveAsProtobufPosts()
    {
        using var client = Factory.CreateClient();
        await CaseDriver.Expect(await client.GetAsync("/health/live"), HttpStatusCode.OK);
        var name = Encoding.UTF8.GetBytes("/health/live");
        var posts = await Eventually.Until(
            () => Task.FromResult(_otlp.Posts.Where(p => p.Path == "/v1/traces").ToList()),
            p => p.Any(x => x.Body.AsSpan().IndexOf(name) >= 0),
            "a span of GET /health/live posted to /v1/traces");
        Assert.That(posts.Select(p => p.ContentType), Has.All.EqualTo("application/x-protobuf"));
        Assert.That(posts.Any(p => p.Body.AsSpan().IndexOf(Encoding.UTF8.GetBytes("ClearanceWorkflow")) >= 0), Is.True, "the service name in the resource");
    }

    [Test]
    public async Task Job_Run_TracedWithItsCommandsAndTimedByOutcome()
    {
        var jobId = Factory.TriggerRecurring(ReinvestigationSweepJob.RecurringId);
        await Factory.SucceededAsync(jobId);
        var span = await Eventually.Until(
            () => Task.FromResult(_spans.Spans.FirstOrDefault(s => s.Name == "job ReinvestigationSweepJob" && s.Tags.GetValueOrDefault("job.id") == jobId)),
            s => s is not null, "the job's span");
        Assert.That(span!.Tags["job.outcome"], Is.EqualTo("succeeded"));
        Assert.That(span.Tags.Keys, Has.None.Contains("arg"), "no job arguments");
        Assert.That(_spans.Spans.Where(s => s.TraceId == span.TraceId && s.Name != span.Name).ToList(), Is.Not.Empty, "the job's commands are its children");

        using var client = Factory.CreateClient();
        var samples = Samples(await ScrapeAsync(client));
        Assert.That(Value(samples, "clearance_jobs_duration_seconds_count", "job=\"ReinvestigationSweepJob\"", "outcome=\"succeeded\""), Is.GreaterThanOrEqualTo(1));
        Assert.That(samples.Keys.Where(k => k.StartsWith("clearance_jobs_duration_seconds_bucket{", StringComparison.Ordinal)), Has.Some.Contains("le=\"0.5\""), "bucket bounds in seconds");
    }

    [Test]
    public async Task Metrics_Disabled_NoEndpoint()
    {
        await using var database = await TestDatabase.CreateAsync(Kind);
        await using var factory = new ApiFactory(database, s => s["Metrics:Enabled"] = "false");
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/metrics");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("# TYPE"));
    }

    private static double Delta(Dictionary<string, double> before, Dictionary<string, double> after, string name, string label) =>
        Value(after, name, label) - Value(before, name, label);
}
