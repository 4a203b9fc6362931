using System.Net;
using System.Net.Http.Json;
using ClearanceWorkflow.Application.Features.Investigations;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.IntegrationTests.Background;

/// <summary>
/// The two steps of a check's job, sent directly as the system (no jobs run: checks are not automated here):
/// <c>Begin</c> marks the check Running in one statement while a result is wanted, and the results of a case's
/// checks, recorded at the same moment, take turns on the case instead of failing on its version.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class CheckStepsTests(DatabaseKind kind) : BackgroundTest(kind)
{
    [Test]
    public async Task Begin_PendingCheck_RunningOneMoreAttemptEachRunAndNothingOnceComplete()
    {
        var id = await SubmitAsync(Family("Steps"));

        var first = await AsSystemAsync(new AutomatedChecks.Begin(id, "identity"));
        var started = await CheckAsync(id, "identity");
        var second = await AsSystemAsync(new AutomatedChecks.Begin(id, "identity"));
        var again = await CheckAsync(id, "identity");

        Assert.That(first, Is.Not.Null);
        Assert.That(first!.Attempt, Is.EqualTo(1));
        Assert.That(first.Subject.Keys, Is.EquivalentTo(new[] { "givenName", "familyName", "dateOfBirth", "nationalId", "citizenship" }));
        Assert.That(first.Subject["familyName"], Does.StartWith("Steps"));
        Assert.That(started.Status, Is.EqualTo(CheckStatus.Running));
        Assert.That(started.StartedAt, Is.Not.Null);
        Assert.That(second!.Attempt, Is.EqualTo(2));
        Assert.That(again.StartedAt, Is.EqualTo(started.StartedAt), "the first start is kept");
        Assert.That(again.Version, Is.EqualTo(started.Version + 1));
        Assert.That((await CheckAsync(id, "criminal")).Status, Is.EqualTo(CheckStatus.Pending), "only the check asked for");

        Assert.That(await AsSystemAsync(new AutomatedChecks.Complete(id, "identity", CheckOutcome.Clear, "clear", null)), Is.True);
        Assert.That(await AsSystemAsync(new AutomatedChecks.Begin(id, "identity")), Is.Null);
        Assert.That(await AsSystemAsync(new AutomatedChecks.Begin(id, "no-such-kind")), Is.Null);
        var done = await CheckAsync(id, "identity");
        Assert.That(done.Status, Is.EqualTo(CheckStatus.Clear));
        Assert.That(done.Attempts, Is.EqualTo(2));
    }

    [Test]
    public async Task Begin_CaseWithdrawnWithItsChecksQueued_NothingCountedAuditedOrSent()
    {
        using var applicant = Factory.ClientFor(NewUser("alice"), ApplicantRole);
        var id = await Driver.SubmittedCaseAsync(applicant, "Secret", CaseDriver.Subject(Family("Withdrawn")));
        await Driver.ActOkAsync(applicant, id, "withdraw", new { reason = "No longer needed." });

        // The withdrawal ends the checks as gaps; a job still queued for one then sends nothing.
        Assert.That((await CheckAsync(id, Tier3Kinds[0])).Status, Is.EqualTo(CheckStatus.Unable));
        Assert.That(await AsSystemAsync(new AutomatedChecks.Begin(id, Tier3Kinds[0])), Is.Null);

        // Nor for a check left Pending on a case that has left the background check (the stage alone stops it).
        Assert.That(await InDatabaseAsync(db => db.Checks.Where(k => k.CaseId == id && k.Kind == Tier3Kinds[0])
            .ExecuteUpdateAsync(u => u.SetProperty(k => k.Status, CheckStatus.Pending))), Is.EqualTo(1));
        Assert.That(await AsSystemAsync(new AutomatedChecks.Begin(id, Tier3Kinds[0])), Is.Null);
        Assert.That((await CheckAsync(id, Tier3Kinds[0])).Attempts, Is.Zero);
        Assert.That(await CheckAttemptEventsAsync(id), Is.Empty, "no attempt audited: nothing was sent");
    }

    [Test]
    public async Task Complete_EveryResultAtOnce_NoneConflictsAndTheInvestigationCompletesOnce()
    {
        var id = await SubmitAsync(Family("Together"));

        // No retries here: a result that lost a race on the case's version would fail with a conflict.
        var recorded = await Task.WhenAll(Tier3Kinds.Select(k => Task.Run(() =>
            AsSystemAsync(new AutomatedChecks.Complete(id, k, CheckOutcome.Clear, $"{k} clear", null)))));

        Assert.That(recorded, Is.All.True);
        await WaitForStageAsync(id, "review");
        Assert.That(await CheckResultEventsAsync(id), Is.EquivalentTo(Tier3Kinds.ToDictionary(k => k, _ => 1)));
        Assert.That((await AuditAsync(id)).Count(e => ActionOf(e) == "case.complete-investigation"), Is.EqualTo(1));
    }

    /// <summary>
    /// An investigator's result and the job's for the same last check, at the same moment: one is recorded, the other is a
    /// 409 or finds nothing to do. Both take the case's row first, so they never deadlock (a 503 to the investigator).
    /// </summary>
    [Test]
    public async Task Complete_ManualAndAutomatedResultForTheLastCheckAtOnce_OneRecordedNeverA503()
    {
        const int Cases = 12;
        var ids = new List<Guid>();
        for (var i = 0; i < Cases; i++)
        {
            var id = await SubmitAsync(Family("Race"));
            foreach (var k in Tier3Kinds.Skip(1))
            {
                await AsSystemAsync(new AutomatedChecks.Complete(id, k, CheckOutcome.Clear, "clear", null));
            }

            ids.Add(id);
        }

        var last = Tier3Kinds[0];
        var races = await Task.WhenAll(ids.Select(async id =>
        {
            var manual = Task.Run(() => Investigator.PostAsJsonAsync($"/api/v1/cases/{id}/investigation/checks/{last}/result", new { outcome = "Flagged", summary = "by hand" }));
            var automated = Task.Run(() => AsSystemAsync(new AutomatedChecks.Complete(id, last, CheckOutcome.Clear, "by the job", null)));
            using var response = await manual;
            return (Manual: response.StatusCode, Automated: await automated);
        }));

        Assert.That(races.Select(r => r.Manual), Has.All.AnyOf(HttpStatusCode.OK, HttpStatusCode.Conflict));
        Assert.That(races.Select(r => (r.Manual == HttpStatusCode.OK) ^ r.Automated), Has.All.True, "exactly one of the two is recorded");
        foreach (var id in ids)
        {
            Assert.That((await CheckResultEventsAsync(id))[last], Is.EqualTo(1));
        }
    }

    private Task<InvestigationCheck> CheckAsync(Guid caseId, string checkKind) =>
        InDatabaseAsync(db => db.Checks.AsNoTracking().SingleAsync(c => c.CaseId == caseId && c.Kind == checkKind));
}
