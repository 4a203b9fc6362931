using ClearanceWorkflow.Infrastructure.Jobs;
using ClearanceWorkflow.IntegrationTests.Support;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Background;

/// <summary>
/// The job server with the shipped settings (no test overrides of <c>Jobs__*</c>): the configured workers,
/// and a new job picked up by an idle server within about a second (Hangfire's own default polls every 15 s).
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class JobServerSettingsTests(DatabaseKind kind) : IntegrationTest(kind)
{
    protected override ApiFactory CreateFactory(TestDatabase database) => new(database, settings =>
    {
        foreach (var key in settings.Keys.Where(k => k.StartsWith("Jobs:", StringComparison.Ordinal)).ToList())
        {
            settings.Remove(key);
        }
    });

    [Test]
    public async Task IdleServer_NewJob_StartsWithinASecondOnTheShippedWorkers()
    {
        using var client = Factory.CreateClient();
        await Readiness.ReadyAsync(client);
        var server = Factory.Storage().GetMonitoringApi().Servers().Single(s => s.Name.Contains(Factory.Services.GetRequiredService<JobServerName>().Value, StringComparison.OrdinalIgnoreCase));
        Assert.That(server.WorkersCount, Is.EqualTo(new JobSettings().WorkerCount));

        var latencies = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            // Let the workers go idle, so each job waits on polling (or a notification), not on a busy worker.
            await Task.Delay(TimeSpan.FromSeconds(2));
            // A check of a case that does not exist: the job starts, finds nothing to do, and ends.
            var id = Factory.JobClient().Enqueue<VerificationCheckJob>(j => j.RunAsync(Guid.NewGuid(), "identity", null, CancellationToken.None));
            await Factory.SucceededAsync(id);
            var history = Factory.Storage().GetMonitoringApi().JobDetails(id).History;
            var enqueued = history.Last(h => h.StateName == "Enqueued").CreatedAt;
            var processing = history.Single(h => h.StateName == "Processing").CreatedAt;
            latencies.Add(processing - enqueued);
        }

        await TestContext.Out.WriteLineAsync($"{Database.Kind}: enqueued to processing: " + string.Join(", ", latencies.Select(l => $"{l.TotalMilliseconds:0} ms")));
        Assert.That(latencies, Has.All.LessThan(TimeSpan.FromSeconds(2)), "about a second at most: one poll interval and the query");
    }
}
