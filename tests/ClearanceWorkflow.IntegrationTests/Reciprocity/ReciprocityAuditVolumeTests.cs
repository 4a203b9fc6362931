using System.Net;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Reciprocity;

/// <summary>Every query is audited, under load too: 1,000 queries from concurrent clients write 1,000 events and the chain holds.</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class ReciprocityAuditVolumeTests(DatabaseKind kind) : ReciprocityTest(kind)
{
    protected override ApiFactory CreateFactory(TestDatabase database) =>
        new(database, settings => settings["RateLimiting:PartnerPermitsPerMinute"] = "100000");

    [Test]
    public async Task Query_OneThousandTimes_WritesOneThousandAuditEvents()
    {
        var known = Enumerable.Range(0, 5).Select(i => NewSubject($"Known{i}")).ToList();
        foreach (var s in known)
        {
            await SeedClearanceAsync(s);
        }

        var (partner, sub, _) = await NewPartnerAsync();
        long before;
        using (var scope = Factory.Services.CreateScope())
        {
            before = await scope.ServiceProvider.GetRequiredService<ClearanceDbContext>().AuditEvents.LongCountAsync();
        }

        var next = -1;
        var failures = 0;
        var matches = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < 1000)
            {
                // Every other query asks about a known subject; the rest miss.
                var subject = i % 2 == 0 ? known[i / 2 % known.Count] : NewSubject();
                using var response = await QueryAsync(partner, QueryBody(subject));
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref failures);
                }
                else if ((await CaseDriver.Json(response)).GetProperty("match").GetBoolean())
                {
                    Interlocked.Increment(ref matches);
                }
            }
        })));

        Assert.That(failures, Is.Zero);
        Assert.That(matches, Is.EqualTo(500));
        var events = await ReciprocityEventsAsync(sub);
        Assert.That(events, Has.Count.EqualTo(1000));
        Assert.That(events.Count(e => Detail(e).GetProperty("outcome").GetString() == "match"), Is.EqualTo(500));
        using (var scope = Factory.Services.CreateScope())
        {
            var total = await scope.ServiceProvider.GetRequiredService<ClearanceDbContext>().AuditEvents.LongCountAsync();
            Assert.That(total - before, Is.EqualTo(1000), "nothing but the queries' events was written meanwhile");
        }

        using var auditor = Factory.ClientFor(NewUser("audrey"), "auditor");
        var verify = await Driver.GetJsonAsync(auditor, "/api/v1/audit/verify");
        Assert.That(verify.GetProperty("valid").GetBoolean(), Is.True, verify.ToString());
        partner.Dispose();
    }
}
