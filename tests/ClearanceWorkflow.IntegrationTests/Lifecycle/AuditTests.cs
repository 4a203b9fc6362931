using System.Net;
using System.Text.Json;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>Every change to a case writes an event to the audit ledger.</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class AuditTests(DatabaseKind kind) : LifecycleTest(kind)
{
    private HttpClient _auditor = null!;

    [OneTimeSetUp]
    public void CreateAuditor() => _auditor = Factory.ClientFor(NewUser("audrey"), AuditorRole);

    [OneTimeTearDown]
    public void DisposeAuditor() => _auditor?.Dispose();

    private async Task<List<JsonElement>> EventsAsync(Guid caseId)
    {
        await Factory.AllSealedAsync();
        var page = await Driver.GetJsonAsync(_auditor, $"/api/v1/audit?caseId={caseId}");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.That(page.GetProperty("total").GetInt32(), Is.EqualTo(items.Count));
        Assert.That(items.Select(e => e.GetProperty("caseId").GetGuid()), Is.All.EqualTo(caseId));
        return items;
    }

    [Test]
    public async Task AuditLog_GrantedCase_ListsEveryStateChangeInOrderAndTheChainVerifies()
    {
        using var alice = NewApplicant(out var aliceId);
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);
        await Driver.RecordFindingOkAsync(Adjudicator, id, "E", "Minor");
        await Driver.ActOkAsync(Adjudicator, id, "request-information", new { questions = new[] { "Why?" } });
        await Driver.ActOkAsync(alice, id, "provide-information", new { answers = new[] { "Because." } });
        await Driver.ActOkAsync(Adjudicator, id, "refer-to-decision");
        await Driver.ActOkAsync(Adjudicator, id, "grant", CaseDriver.GrantBody());

        var all = await EventsAsync(id);
        Assert.That(all.Select(e => e.GetProperty("action").GetString()), Has.Member("investigation.viewed"), "the investigator's reads are audited too");
        var events = all.Where(e => !e.GetProperty("action").GetString()!.EndsWith(".viewed", StringComparison.Ordinal)).ToList();

        var actions = events.Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.That(actions, Is.EqualTo(new[]
        {
            "case.apply", "case.questionnaire-updated", "case.submit",
            "check.result", "check.result", "check.result", "check.result", "check.result",
            "case.complete-investigation", "case.claim", "finding.recorded", "case.request-information",
            "case.provide-information", "case.refer-to-decision", "case.grant",
        }));
        Assert.That(events.Single(e => e.GetProperty("action").GetString() == "case.complete-investigation").GetProperty("actor").GetString(), Is.EqualTo("system"));
        Assert.That(events.Single(e => e.GetProperty("action").GetString() == "case.grant").GetProperty("actor").GetString(), Is.EqualTo(AdjudicatorId));
        Assert.That(events.Single(e => e.GetProperty("action").GetString() == "case.submit").GetProperty("actor").GetString(), Is.EqualTo(aliceId));
        var grant = JsonDocument.Parse(events[^1].GetProperty("detail").GetString()!).RootElement;
        Assert.That(grant.GetProperty("fromStage").GetString(), Is.EqualTo("decision"));
        Assert.That(grant.GetProperty("toStatus").GetString(), Is.EqualTo("Granted"));
        for (var i = 1; i < events.Count; i++)
        {
            Assert.That(events[i].GetProperty("at").GetDateTime(), Is.GreaterThanOrEqualTo(events[i - 1].GetProperty("at").GetDateTime()));
        }

        var verify = await Driver.GetJsonAsync(_auditor, "/api/v1/audit/verify");
        Assert.That(verify.GetProperty("valid").GetBoolean(), Is.True, verify.ToString());
        Assert.That(verify.GetProperty("events").GetInt64(), Is.GreaterThanOrEqualTo(events.Count));
        Assert.That(verify.GetProperty("firstInvalidEventId").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task AuditLog_DeniedAndWithdrawnCases_RecordDenyConcurAndWithdraw()
    {
        using var senior = Staff("sara", out _, SeniorRole);
        using var alice = NewApplicant();
        using var bob = NewApplicant();
        var denied = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);
        await Driver.RecordFindingOkAsync(Adjudicator, denied, "F", "Minor");
        await Driver.ActOkAsync(Adjudicator, denied, "refer-to-decision");
        await Driver.ActOkAsync(Adjudicator, denied, "deny", new { rationale = "Finances." });
        await Driver.ActOkAsync(senior, denied, "concur");
        var withdrawn = await Driver.SubmittedCaseAsync(bob);
        await Driver.ActOkAsync(bob, withdrawn, "withdraw", new { reason = "Moved abroad." });

        var deniedActions = (await EventsAsync(denied)).Select(e => e.GetProperty("action").GetString()).ToList();
        var withdrawnActions = (await EventsAsync(withdrawn)).Select(e => e.GetProperty("action").GetString()).ToList();

        Assert.That(deniedActions.TakeLast(2), Is.EqualTo(new[] { "case.deny", "case.concur" }));
        Assert.That(withdrawnActions, Is.EqualTo(new[] { "case.apply", "case.questionnaire-updated", "case.submit", "case.withdraw" }));
        var withdrawDetail = (await EventsAsync(withdrawn))[^1].GetProperty("detail").GetString()!;
        Assert.That(withdrawDetail, Does.Not.Contain("Moved abroad"), "the withdrawal reason is personal data and stays out of the log");
        Assert.That((await Driver.GetJsonAsync(_auditor, "/api/v1/audit/verify")).GetProperty("valid").GetBoolean(), Is.True);
    }

    [Test]
    public async Task AuditLog_RefusedAction_WritesNoEvent()
    {
        using var alice = NewApplicant();
        var id = await Driver.SubmittedCaseAsync(alice);
        var before = (await EventsAsync(id)).Count;

        await CaseDriver.ExpectProblem(await Driver.ActAsync(alice, id, "withdraw"), HttpStatusCode.BadRequest);
        await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "claim"), HttpStatusCode.Conflict);

        Assert.That(await EventsAsync(id), Has.Count.EqualTo(before));
        Assert.That((await Driver.GetJsonAsync(_auditor, "/api/v1/audit/verify")).GetProperty("valid").GetBoolean(), Is.True);
    }

    [Test]
    public async Task AuditLog_NonAuditor_Returns403()
    {
        using var alice = NewApplicant();

        await CaseDriver.ExpectProblem(await Adjudicator.GetAsync("/api/v1/audit"), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await alice.GetAsync("/api/v1/audit/verify"), HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task AuditLog_AnAuditorWhoIsTheSubject_Is403ForTheirOwnCase_AndItsEventsAreLeftOutOfTheWholeTrail()
    {
        // The trail names everyone who handled the case; the subject's own view withholds every staff identity.
        using var holder = Staff("hal", out _, ApplicantRole, AuditorRole);
        var own = await Driver.CaseInReviewAsync(holder, Investigator, Adjudicator);
        using var other = NewApplicant();
        var theirs = await Driver.SubmittedCaseAsync(other);

        var problem = await CaseDriver.ExpectProblem(await holder.GetAsync($"/api/v1/audit?caseId={own}"), HttpStatusCode.Forbidden);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("conflict of interest"));
        var cases = new List<string>();
        for (var page = 1; ; page++)
        {
            var items = (await Driver.GetJsonAsync(holder, $"/api/v1/audit?pageSize=500&page={page}")).GetProperty("items").EnumerateArray().ToList();
            cases.AddRange(items.Select(e => e.GetProperty("caseId").ToString()));
            if (items.Count < 500)
            {
                break;
            }
        }

        Assert.That(cases, Does.Not.Contain(own.ToString()).And.Contain(theirs.ToString()));
        var ownEvents = (await Driver.GetJsonAsync(_auditor, $"/api/v1/audit?caseId={own}")).GetProperty("items").EnumerateArray().ToList();
        Assert.That(ownEvents, Is.Not.Empty, "other auditors read it");

        // Nor through an event's inclusion proof, which carries the event.
        var eventId = ownEvents[0].GetProperty("id").GetGuid();
        await Eventually.Until(
            async () => (await _auditor.GetAsync($"/api/v1/audit/events/{eventId}/proof")).StatusCode, s => s == HttpStatusCode.OK, "the event sealed");
        await CaseDriver.ExpectProblem(await holder.GetAsync($"/api/v1/audit/events/{eventId}/proof"), HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task AuditLog_AnAuditorWhoHoldsAClearance_DoesNotSeeWhoListedIt()
    {
        using var holder = Staff("hana", out _, ApplicantRole, AuditorRole);
        using var officer = Factory.ClientFor(NewUser("sofia"), "security-officer");
        var id = await Driver.CaseInDecisionAsync(holder, Investigator, Adjudicator);
        await Driver.ActOkAsync(Adjudicator, id, "grant", CaseDriver.GrantBody());
        var clearanceId = (await Driver.GetJsonAsync(holder, "/api/v1/me/clearance")).GetProperty("id").GetString()!;
        using var other = NewApplicant();
        var theirs = await Driver.SubmittedCaseAsync(other);
        // The security officer pages through the clearance list to the page that holds it: each page is audited, case-less.
        for (var page = 1; ; page++)
        {
            var items = (await Driver.GetJsonAsync(officer, $"/api/v1/clearances?pageSize=200&page={page}")).GetProperty("items").EnumerateArray().ToList();
            if (items.Any(c => c.GetProperty("id").GetString() == clearanceId) || items.Count < 200)
            {
                break;
            }
        }

        var listed = (await AllEventsAsync(_auditor)).Where(e => e.GetProperty("action").GetString() == "clearances.listed" && e.GetProperty("detail").GetString()!.Contains(clearanceId, StringComparison.Ordinal)).ToList();
        Assert.That(listed, Has.Count.EqualTo(1), "other auditors see the page that held it");
        var seenByHolder = await AllEventsAsync(holder);
        Assert.That(seenByHolder.Select(e => e.GetProperty("detail").GetString()), Has.None.Contain(clearanceId), "nor what names the holder's own clearance");
        Assert.That(seenByHolder.Select(e => e.GetProperty("caseId").ToString()), Does.Contain(theirs.ToString()), "the rest of the trail is there");

        var eventId = listed[0].GetProperty("id").GetGuid();
        await Eventually.Until(
            async () => (await _auditor.GetAsync($"/api/v1/audit/events/{eventId}/proof")).StatusCode, s => s == HttpStatusCode.OK, "the event sealed");
        await CaseDriver.ExpectProblem(await holder.GetAsync($"/api/v1/audit/events/{eventId}/proof"), HttpStatusCode.Forbidden);
    }

    private async Task<List<JsonElement>> AllEventsAsync(HttpClient auditor)
    {
        var events = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var items = (await Driver.GetJsonAsync(auditor, $"/api/v1/audit?pageSize=500&page={page}")).GetProperty("items").EnumerateArray().ToList();
            events.AddRange(items);
            if (items.Count < 500)
            {
                return events;
            }
        }
    }
}
