using System.Net;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>Two actions that each close the case, sent at the same moment: exactly one wins.</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class ConcurrencyTests(DatabaseKind kind) : LifecycleTest(kind)
{
    private const int Trials = 15;

    [Test]
    public async Task GrantAndWithdraw_SentConcurrentlyInDecision_ExactlyOneWinsAndTheCaseMatchesIt()
    {
        var winners = new List<string>();
        for (var trial = 0; trial < Trials; trial++)
        {
            using var alice = NewApplicant();
            var id = await Driver.CaseInDecisionAsync(alice, Investigator, Adjudicator);
            using var start = new SemaphoreSlim(0, 2);

            var grant = Task.Run(async () =>
            {
                await start.WaitAsync();
                return await Driver.ActAsync(Adjudicator, id, "grant", CaseDriver.GrantBody());
            });
            var withdraw = Task.Run(async () =>
            {
                await start.WaitAsync();
                return await Driver.ActAsync(alice, id, "withdraw", new { reason = "Accepted another offer." });
            });
            start.Release(2);
            await Task.WhenAll(grant, withdraw);
            using var granted = await grant;
            using var withdrawn = await withdraw;

            var codes = new[] { granted.StatusCode, withdrawn.StatusCode };
            Assert.That(codes, Is.EquivalentTo(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }),
                $"trial {trial}: grant {(int)granted.StatusCode} {await granted.Content.ReadAsStringAsync()}; withdraw {(int)withdrawn.StatusCode} {await withdrawn.Content.ReadAsStringAsync()}");
            var loser = granted.StatusCode == HttpStatusCode.OK ? withdrawn : granted;
            await CaseDriver.ExpectProblem(loser, HttpStatusCode.Conflict);

            var c = await Driver.GetCaseAsync(Adjudicator, id);
            Assert.That(Stage(c), Is.EqualTo("closed"), $"trial {trial}");
            var clearance = await alice.GetAsync("/api/v1/me/clearance");
            if (granted.StatusCode == HttpStatusCode.OK)
            {
                winners.Add("grant");
                Assert.That(Status(c), Is.EqualTo("Granted"), $"trial {trial}");
                Assert.That(Status(await CaseDriver.Json(granted)), Is.EqualTo("Granted"));
                await CaseDriver.Expect(clearance, HttpStatusCode.OK);
                var record = await CaseDriver.Json(clearance);
                Assert.That(record.GetProperty("caseId").GetGuid(), Is.EqualTo(id));
                Assert.That(record.GetProperty("status").GetString(), Is.EqualTo("Active"));
            }
            else
            {
                winners.Add("withdraw");
                Assert.That(Status(c), Is.EqualTo("Withdrawn"), $"trial {trial}");
                Assert.That(Status(await CaseDriver.Json(withdrawn)), Is.EqualTo("Withdrawn"));
                await CaseDriver.Expect(clearance, HttpStatusCode.NotFound);
            }

            var closing = c.GetProperty("events").EnumerateArray().Count(e => e.GetProperty("toStage").GetString() == "closed");
            Assert.That(closing, Is.EqualTo(1), $"trial {trial}: one closing event");
        }

        using var auditor = Factory.ClientFor(NewUser("audrey"), AuditorRole);
        var verify = await Driver.GetJsonAsync(auditor, "/api/v1/audit/verify");
        Assert.That(verify.GetProperty("valid").GetBoolean(), Is.True, verify.ToString());
        Assert.That(Factory.Logs.Lines.Where(l => l.Contains("Unhandled exception", StringComparison.Ordinal)), Is.Empty);
        TestContext.Out.WriteLine($"winners: {string.Join(", ", winners)}");
    }
}
