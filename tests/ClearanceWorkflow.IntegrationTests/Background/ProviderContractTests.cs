using System.Text.Json;
using ClearanceWorkflow.Application.Features.Investigations;
using ClearanceWorkflow.Application.Scheduling;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.IntegrationTests.Support;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.IntegrationTests.Background;

/// <summary>
/// The verification provider contract (docs/verification-providers.md) seen from two real HTTP providers:
/// the main one, whose base URL has a path, and a second one that the per-kind override sends the
/// criminal check to. Also: a check's job that runs again after its result records nothing twice.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class ProviderContractTests(DatabaseKind kind) : BackgroundTest(kind)
{
    private const string Email = "contract.subject@example.org";
    private const string NationalId = "NI-CONTRACT-77";

#pragma warning disable NUnit1032 // Started with the service in CreateFactory (OneTimeSetUp) and stopped in OneTimeTearDown.
    private FakeProvider _main = null!;
    private FakeProvider _criminal = null!;
#pragma warning restore NUnit1032

    protected override ApiFactory CreateFactory(TestDatabase database)
    {
        _main = FakeProvider.Start("/verify");
        _criminal = FakeProvider.Start();
        return new ApiFactory(database, settings =>
        {
            AutomatedChecks(settings, _main.BaseUrl);
            settings["Verification:Kinds:criminal:BaseUrl"] = _criminal.BaseUrl.ToString();
            // Long enough for a request parked on a gate not to time out.
            settings["Verification:AttemptTimeout"] = "00:00:30";
            // The pipeline's Debug lines tell when a job ran (AutomatedChecks.Begin handled).
            settings["Logging:LogLevel:ClearanceWorkflow"] = "Debug";
        });
    }

    [OneTimeTearDown]
    public async Task StopProvidersAsync()
    {
        await _main.DisposeAsync();
        await _criminal.DisposeAsync();
    }

    [SetUp]
    public void AnswerClear()
    {
        _main.Respond = _ => ProviderReply.Clear();
        _criminal.Respond = _ => ProviderReply.Clear();
    }

    private async Task<(Guid Id, string Reference)> SubmitWithIdentifiersAsync(string familyName)
    {
        using var applicant = NewApplicant();
        var id = await Driver.SubmittedCaseAsync(applicant, "Secret", CaseDriver.Subject(familyName, NationalId, Email));
        var reference = (await Driver.GetCaseAsync(Adjudicator, id)).GetProperty("reference").GetString()!;
        return (id, reference);
    }

    [Test]
    public async Task Submit_SecretCase_EachCheckPostedOnceWithTheContractRequest()
    {
        var (id, reference) = await SubmitWithIdentifiersAsync(Family("Contract"));
        await WaitForStageAsync(id, "review");

        var calls = _main.CallsFor(id).Concat(_criminal.CallsFor(id)).ToList();
        Assert.That(calls.Select(c => c.Kind), Is.EquivalentTo(Tier3Kinds), "one request per check of the tier");
        foreach (var call in calls)
        {
            Assert.Multiple(() =>
            {
                Assert.That(call.Method, Is.EqualTo("POST"));
                Assert.That(call.IdempotencyKey, Is.EqualTo($"{id}:{call.Kind}"));
                Assert.That(call.Json.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "caseReference", "kind", "subject" }), call.Body);
                Assert.That(call.CaseReference, Is.EqualTo(reference));
                Assert.That(call.Subject.GetProperty("familyName").GetString(), Does.StartWith("Contract"));
                Assert.That(call.Body, Does.Not.Contain("email").IgnoreCase, "no email is ever sent");
                Assert.That(call.Body, Does.Not.Contain(Email));
            });
        }

        var subjects = calls.ToDictionary(c => c.Kind!, c => c.Subject);
        Assert.Multiple(() =>
        {
            // The service keeps national ids normalised: letters and digits, upper case.
            Assert.That(subjects["identity"].GetProperty("nationalId").GetString(), Is.EqualTo("NICONTRACT77"));
            Assert.That(subjects["identity"].GetProperty("citizenship").GetString(), Is.EqualTo("GB"));
            Assert.That(subjects["criminal"].GetProperty("nationalId").GetString(), Is.EqualTo("NICONTRACT77"));
            Assert.That(subjects["credit"].GetProperty("nationalId").GetString(), Is.EqualTo("NICONTRACT77"));
            Assert.That(subjects["employment"].TryGetProperty("nationalId", out _), Is.False, "employment needs no national id");
            Assert.That(subjects["employment"].GetProperty("employment").GetArrayLength(), Is.GreaterThan(0));
            Assert.That(subjects["education"].TryGetProperty("nationalId", out _), Is.False, "education needs no national id");
            Assert.That(subjects["education"].TryGetProperty("employment", out _), Is.False, "a kind gets its own questionnaire section only");
        });
    }

    [Test]
    public async Task Submit_KindOverrideForCriminal_CriminalGoesToTheSecondProviderOnly()
    {
        var (id, _) = await SubmitWithIdentifiersAsync(Family("Override"));
        await WaitForStageAsync(id, "review");

        var main = _main.CallsFor(id);
        var criminal = _criminal.CallsFor(id);
        Assert.That(main.Select(c => c.Kind), Is.EquivalentTo(new[] { "identity", "credit", "employment", "education" }));
        Assert.That(main.Select(c => c.Path), Is.All.Match("^/verify/checks/[a-z-]+$"), "the main provider's base URL keeps its path");
        Assert.That(main.Select(c => c.Path), Is.EquivalentTo(main.Select(c => $"/verify/checks/{c.Kind}")));
        Assert.That(criminal.Select(c => c.Path), Is.EqualTo(new[] { "/checks/criminal" }));
    }

    [Test]
    public async Task Submit_ProviderAnswersClear_ReachesReviewByItselfWithFiveClearChecks()
    {
        var (id, _) = await SubmitWithIdentifiersAsync(Family("Clear"));

        var inReview = await WaitForStageAsync(id, "review");

        var checks = await ChecksAsync(id);
        Assert.That(checks.Keys, Is.EquivalentTo(Tier3Kinds));
        Assert.That(checks.Values.Select(StatusOf), Is.All.EqualTo("Clear"));
        Assert.That(checks.Values.Select(c => c.GetProperty("attempts").GetInt32()), Is.All.EqualTo(1));
        var visit = Visit(inReview, "background-check");
        Assert.That(visit.GetProperty("action").GetString(), Is.EqualTo("complete-investigation"));
        Assert.That(visit.GetProperty("actor").GetString(), Is.EqualTo("system"));
        Assert.That(await CheckResultEventsAsync(id), Is.EquivalentTo(Tier3Kinds.ToDictionary(k => k, _ => 1)));
    }

    [Test]
    public async Task Submit_ProviderFlagsCriminal_CheckRecordedFlaggedWithTheProvidersSummary()
    {
        var family = Family("Flagged");
        _criminal.Respond = call => call.FamilyName == family
            ? ProviderReply.With("Flagged", "conviction on record, 2019")
            : ProviderReply.Clear();
        var (id, _) = await SubmitWithIdentifiersAsync(family);

        await WaitForStageAsync(id, "review");

        var checks = await ChecksAsync(id);
        Assert.That(StatusOf(checks["criminal"]), Is.EqualTo("Flagged"));
        Assert.That(checks["criminal"].GetProperty("summary").GetString(), Is.EqualTo("conviction on record, 2019"));
        Assert.That(checks.Where(c => c.Key != "criminal").Select(c => StatusOf(c.Value)), Is.All.EqualTo("Clear"));
    }

    /// <summary>Parks the education check of a new case at the main provider; the other four end Clear.</summary>
    private async Task<(Guid Id, TaskCompletionSource Gate)> CaseWithEducationHeldAsync()
    {
        var family = Family("Held");
        var gate = _main.NewGate();
        _main.Respond = call => call.FamilyName == family && call.Kind == "education"
            ? new ProviderReply { Gate = gate.Task }
            : ProviderReply.Clear();
        var (id, _) = await SubmitWithIdentifiersAsync(family);
        await Eventually.Until(
            () => ChecksAsync(id),
            checks => checks.Count == 5 && checks.Where(c => c.Key != "education").All(c => StatusOf(c.Value) == "Clear") && StatusOf(checks["education"]) == "Running",
            "four checks Clear and education Running");
        await Eventually.Until(() => _main.CallsFor(id).Any(c => c.Kind == "education") && _main.Waiting > 0, "the education request to be parked");
        // The results are committed a moment before Hangfire is done with the jobs that recorded them.
        foreach (var kind in Tier3Kinds.Where(k => k != "education"))
        {
            await Eventually.Until(() => Factory.CheckJobs(id, kind) is [{ State: "Succeeded" }], $"the finished {kind} job to succeed");
        }

        return (id, gate);
    }

    private int BeginsHandled() => Factory.Logs.Lines.Count(l => l.Contains("Handled AutomatedChecks.Begin", StringComparison.Ordinal));

    [Test]
    public async Task VerificationJob_RunAgainAfterItsResult_NoSecondProviderCallAndOneResult()
    {
        var (id, gate) = await CaseWithEducationHeldAsync();
        var job = Factory.CheckJobs(id, "identity").Single();
        var beginsBefore = BeginsHandled();

        // The same job run again, as a redelivered one would be.
        Assert.That(Factory.JobClient().Requeue(job.Id), Is.True);
        await Eventually.Until(() => BeginsHandled() > beginsBefore && Factory.StateOf(job.Id) == "Succeeded", "the repeated identity job to run");

        Assert.That(BeginsHandled(), Is.EqualTo(beginsBefore + 1), "the repeated job ran and found nothing to do");
        Assert.That(_main.CallsFor(id).Count(c => c.Kind == "identity"), Is.EqualTo(1), "no second provider call");
        var checks = await ChecksAsync(id);
        Assert.That(StatusOf(checks["identity"]), Is.EqualTo("Clear"));
        Assert.That(checks["identity"].GetProperty("attempts").GetInt32(), Is.EqualTo(1));
        Assert.That((await CheckResultEventsAsync(id))["identity"], Is.EqualTo(1));

        gate.SetResult();
        await WaitForStageAsync(id, "review");
        Assert.That(await CheckResultEventsAsync(id), Is.EquivalentTo(Tier3Kinds.ToDictionary(k => k, _ => 1)));
    }

    [Test]
    public async Task ScheduledWork_HandedToTheSchedulerTwice_SecondRunRecordsNothing()
    {
        var (id, gate) = await CaseWithEducationHeldAsync();
        var beginsBefore = BeginsHandled();

        // What a crash between the scheduling and the deletion of the outbox row leaves behind.
        var work = await InDatabaseAsync(async db =>
        {
            var row = new ScheduledWork(ScheduledWorkKind.Check, id, "credit", null, TimeProvider.System.GetUtcNow().UtcDateTime);
            db.ScheduledWork.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });
        await Eventually.Until(() => InDatabaseAsync(db => db.ScheduledWork.AnyAsync(w => w.Id == work)), gone => !gone, "the dispatcher to take the row");
        await Eventually.Until(() => Factory.CheckJobs(id, "credit") is { Count: 2 } jobs && jobs.All(j => j.State == "Succeeded"), "the re-dispatched credit job to run");

        Assert.That(BeginsHandled(), Is.EqualTo(beginsBefore + 1));
        Assert.That(_main.CallsFor(id).Count(c => c.Kind == "credit"), Is.EqualTo(1));
        Assert.That((await CheckResultEventsAsync(id))["credit"], Is.EqualTo(1));

        gate.SetResult();
        await WaitForStageAsync(id, "review");
    }

    [Test]
    public async Task CompleteCommand_SentTwiceWhileTheJobStillRuns_OnlyTheFirstResultIsRecorded()
    {
        var (id, gate) = await CaseWithEducationHeldAsync();

        var first = await AsSystemAsync(new AutomatedChecks.Complete(id, "education", CheckOutcome.Clear, "first answer", "REF-1"));
        var second = await AsSystemAsync(new AutomatedChecks.Complete(id, "education", CheckOutcome.Flagged, "second answer", "REF-2"));

        Assert.That(first, Is.True);
        Assert.That(second, Is.False);
        await WaitForStageAsync(id, "review");
        // The parked job now gets its answer too, and must record nothing.
        var recordedBefore = Factory.Logs.Lines.Count(l => l.Contains($"Verification education for case {id} ended", StringComparison.Ordinal));
        gate.SetResult();
        await Eventually.Until(
            () => Factory.Logs.Lines.Count(l => l.Contains($"Verification education for case {id} ended", StringComparison.Ordinal)) > recordedBefore,
            "the parked education job to finish");
        Assert.That(Factory.Logs.Lines.Single(l => l.Contains($"Verification education for case {id} ended", StringComparison.Ordinal)), Does.Contain("recorded now: False"));
        var checks = await ChecksAsync(id);
        Assert.That(StatusOf(checks["education"]), Is.EqualTo("Clear"));
        Assert.That(checks["education"].GetProperty("summary").GetString(), Is.EqualTo("first answer"));
        Assert.That((await CheckResultEventsAsync(id))["education"], Is.EqualTo(1));
        Assert.That(JsonSerializer.Serialize(await AuditAsync(id)), Does.Not.Contain("second answer"));
    }
}
