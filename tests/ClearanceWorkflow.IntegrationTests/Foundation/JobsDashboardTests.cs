using System.Net;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Infrastructure.Jobs;
using ClearanceWorkflow.IntegrationTests.Support;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

/// <summary>
/// Hangfire's dashboard at /jobs behind the service's bearer authentication: admin may act, security-officer
/// may only look (and not at exception details), everyone else is refused. It carries its own CSP.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class JobsDashboardTests(DatabaseKind kind) : IntegrationTest(kind)
{
    /// <summary>The job the sweep's recurring entry last created (a trigger sets it before it answers).</summary>
    private string? LastSweepJob()
    {
        using var connection = Factory.Storage().GetConnection();
        return connection.GetRecurringJobs().Single(r => r.Id == ReinvestigationSweepJob.RecurringId).LastJobId;
    }

    private static FormUrlEncodedContent TriggerSweep() =>
        new([new KeyValuePair<string, string>("jobs[]", ReinvestigationSweepJob.RecurringId)]);

    [Test]
    public async Task Dashboard_Anonymous_Returns401()
    {
        using var client = Factory.CreateClient();
        Assert.That((await client.GetAsync("/jobs")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCase("applicant")]
    [TestCase("auditor")]
    [TestCase("investigator")]
    public async Task Dashboard_OtherRoles_Return403(string role)
    {
        using var client = Factory.ClientFor($"someone-{role}", role);
        Assert.That((await client.GetAsync("/jobs")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await client.GetAsync("/jobs/recurring")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Dashboard_SecurityOfficer_SeesThePagesUnderTheDashboardsOwnCsp()
    {
        using var officer = Factory.ClientFor("sofia-officer", "security-officer");

        var page = await officer.GetAsync("/jobs/recurring");
        var html = await page.Content.ReadAsStringAsync();

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(html, Does.Contain(ReinvestigationSweepJob.RecurringId));
        Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'"));
        var script = html.Split('"').First(s => s.StartsWith("/jobs/js", StringComparison.Ordinal));
        Assert.That((await officer.GetAsync(script)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the dashboard's script loads from the service itself");
        using var api = Factory.CreateClient();
        Assert.That((await api.GetAsync("/health/live")).Headers.GetValues("Content-Security-Policy").Single(), Is.EqualTo("default-src 'none'; frame-ancestors 'none'"), "the API keeps its strict policy");
    }

    [Test]
    public async Task Stats_WithoutItsForm_Returns400()
    {
        using var officer = Factory.ClientFor(NewUser("sam"), "security-officer");

        using var response = await officer.GetAsync("/jobs/stats");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    /// <summary>A form the dashboard cannot read (no multipart boundary, cut short, over the field limit) is the caller's error.</summary>
    [TestCase("multipart/form-data", "metrics[]=a")]
    [TestCase("multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"metrics[]\"\r\n\r\na")]
    [TestCase("application/x-www-form-urlencoded", null)]
    public async Task Stats_UnreadableForm_Returns400(string contentType, string? body)
    {
        using var officer = Factory.ClientFor(NewUser("sam"), "security-officer");
        body ??= string.Join('&', Enumerable.Repeat("metrics[]=a", 1025));
        using var content = new StringContent(body);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await officer.PostAsync("/jobs/stats", content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task TriggerRecurringJob_SecurityOfficer_IsRefusedAndNothingRuns()
    {
        using var officer = Factory.ClientFor("sofia-officer", "security-officer");
        var before = LastSweepJob();

        var response = await officer.PostAsync("/jobs/recurring/trigger", TriggerSweep());

        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden));
        Assert.That(LastSweepJob(), Is.EqualTo(before));
    }

    [Test]
    public async Task TriggerRecurringJob_Admin_RunsTheSweep()
    {
        using var admin = Factory.ClientFor("root-admin", "admin");
        var before = LastSweepJob();

        var response = await admin.PostAsync("/jobs/recurring/trigger", TriggerSweep());

        Assert.That(response.IsSuccessStatusCode, Is.True, response.StatusCode.ToString());
        Assert.That(LastSweepJob(), Is.Not.Null.And.Not.EqualTo(before));
        await using var scope = Factory.Services.CreateAsyncScope();
        var audited = await scope.ServiceProvider.GetRequiredService<ClearanceDbContext>().AuditEvents
            .Where(e => (e.Action == "jobs.dashboard-requested" || e.Action == "jobs.dashboard-action") && e.Actor == "root-admin"
                && e.Detail.Contains("/jobs/recurring/trigger"))
            .OrderBy(e => e.Ordinal).Select(e => new { e.Action, e.Detail, e.Ordinal }).ToListAsync();
        var last = audited.FindLastIndex(e => e.Action == "jobs.dashboard-action");
        Assert.That(last, Is.GreaterThan(0), "what the admin did is audited");
        Assert.That(audited[last].Detail, Does.Contain(ReinvestigationSweepJob.RecurringId));
        Assert.That(audited[last - 1].Action, Is.EqualTo("jobs.dashboard-requested"), "and what they asked for, before the dashboard acted");
        Assert.That(audited[last - 1].Detail, Is.EqualTo(audited[last].Detail));
    }

    [Test]
    public async Task JobDetails_OnlyAdminSeesThem()
    {
        using var admin = Factory.ClientFor("root-admin", "admin");
        await admin.PostAsync("/jobs/recurring/trigger", TriggerSweep());
        var job = LastSweepJob();
        using var officer = Factory.ClientFor("sofia-officer", "security-officer");

        Assert.That((await admin.GetAsync($"/jobs/jobs/details/{job}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await officer.GetAsync($"/jobs/jobs/details/{job}")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await officer.GetAsync("/jobs/jobs/failed")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await officer.GetAsync("/jobs/retries")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await admin.GetAsync("/jobs/retries")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        // A job deleted when its attempts ran out (the notification dispatch's rule) keeps its exception on this list.
        Assert.That((await officer.GetAsync("/jobs/jobs/deleted")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await admin.GetAsync("/jobs/jobs/deleted")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // Hangfire's routes end in `$`, which matches before a final newline too: such a path reaches no page.
        foreach (var path in new[] { "/jobs/jobs/failed", "/jobs/retries", "/jobs/jobs/deleted" })
        {
            foreach (var suffix in new[] { "%0A", "%0a", "%0D%0A" })
            {
                var answer = await officer.GetAsync(path + suffix);
                Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), path + suffix);
            }
        }
    }
}
