using System.Globalization;
using System.Net;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>When the subject interview is required (TopSecret, or an unmitigated Moderate or Serious finding) and when it is not.</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class TopSecretAndInterviewTests(DatabaseKind kind) : LifecycleTest(kind)
{
    private static object InterviewBody(TimeSpan fromNow) =>
        new { scheduledAt = TimeProvider.System.GetUtcNow().Add(fromNow), location = "Interview room 2, Building C" };

    [Test]
    public async Task Submit_TopSecret_Tier5WithNinePendingChecks()
    {
        using var alice = NewApplicant();
        var id = await Driver.SubmittedCaseAsync(alice, "TopSecret");

        var investigation = await Driver.GetInvestigationAsync(Investigator, id);

        Assert.That(investigation.GetProperty("tier").GetString(), Is.EqualTo("Tier5"));
        var checks = investigation.GetProperty("checks").EnumerateArray().ToList();
        Assert.That(checks.Select(k => k.GetProperty("kind").GetString()), Is.EquivalentTo(new[]
        {
            "identity", "criminal", "credit", "employment", "education", "references", "residence", "foreign-travel", "foreign-contacts",
        }));
        Assert.That(checks.Select(k => k.GetProperty("status").GetString()), Is.All.EqualTo("Pending"));
    }

    [Test]
    public async Task ReferToDecision_TopSecret_Returns409MentioningTheInterview()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator, "TopSecret");

        var review = await Driver.GetCaseAsync(Adjudicator, id);
        var problem = await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "refer-to-decision"), HttpStatusCode.Conflict);

        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("interview"));
        Assert.That(Actions(review), Does.Not.Contain("refer-to-decision").And.Contain("schedule-interview"));
        Assert.That(review.GetProperty("interviewRequired").GetBoolean(), Is.True);
        Assert.That(Stage(await Driver.GetCaseAsync(Adjudicator, id)), Is.EqualTo("review"));
    }

    [Test]
    public async Task InterviewPath_TopSecret_ScheduleCompleteAndGrantWithFiveYearInterval()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator, "TopSecret");

        var scheduled = await Driver.ActOkAsync(Adjudicator, id, "schedule-interview", InterviewBody(TimeSpan.FromDays(3)));
        Assert.That(Stage(scheduled), Is.EqualTo("interview"));
        Assert.That(scheduled.GetProperty("interview").GetProperty("location").GetString(), Is.EqualTo("Interview room 2, Building C"));
        Assert.That(Actions(scheduled), Does.Contain("complete-interview"));

        // The applicant learns when and where to attend, and is notified; never the interview's notes.
        var applicantView = await Driver.GetCaseAsync(alice, id);
        var appointment = applicantView.GetProperty("interviewAppointment");
        Assert.That(appointment.GetProperty("location").GetString(), Is.EqualTo("Interview room 2, Building C"));
        Assert.That(appointment.GetProperty("scheduledAt").GetDateTime(), Is.EqualTo(scheduled.GetProperty("interview").GetProperty("scheduledAt").GetDateTime()));
        Assert.That(applicantView.TryGetProperty("interview", out _), Is.False);
        using (var scope = Factory.Services.CreateScope())
        {
            var payloads = await scope.ServiceProvider.GetRequiredService<ClearanceWorkflow.Application.Persistence.ClearanceDbContext>().OutboxMessages
                .AsNoTracking().Where(m => m.Type == "case.interview-scheduled").Select(m => m.Payload).ToListAsync();
            Assert.That(payloads.Count(p => p.Contains(id.ToString(), StringComparison.Ordinal)), Is.EqualTo(1));
        }

        var interviewed = await Driver.ActOkAsync(Adjudicator, id, "complete-interview", new { summary = "Candid, consistent with the questionnaire." });
        Assert.That(interviewed.TryGetProperty("interviewAppointment", out _), Is.False, "held: no appointment any more");
        Assert.That(Stage(interviewed), Is.EqualTo("decision"));
        Assert.That(interviewed.GetProperty("interview").GetProperty("summary").GetString(), Is.EqualTo("Candid, consistent with the questionnaire."));
        Assert.That(Actions(interviewed), Is.EqualTo(new[] { "grant" }), "the interview has taken place: no second one offered; no finding to deny on");
        var again = await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "schedule-interview", InterviewBody(TimeSpan.FromDays(3))), HttpStatusCode.Conflict);
        Assert.That(again.GetProperty("detail").GetString(), Does.Contain("already taken place"));

        var granted = await Driver.ActOkAsync(Adjudicator, id, "grant", CaseDriver.GrantBody("TopSecret"));
        Assert.That(Stage(granted), Is.EqualTo("closed"));
        Assert.That(Status(granted), Is.EqualTo("Granted"));
        var stages = granted.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("stage").GetString());
        Assert.That(stages, Is.EqualTo(new[] { "application", "background-check", "review", "interview", "decision", "closed" }));

        var clearance = await Driver.GetJsonAsync(alice, "/api/v1/me/clearance");
        Assert.That(clearance.GetProperty("level").GetString(), Is.EqualTo("TopSecret"));
        var grantedOn = DateOnly.Parse(clearance.GetProperty("grantedOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(clearance.GetProperty("reinvestigationDueOn").GetString(), Is.EqualTo(grantedOn.AddYears(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task ScheduleInterview_InThePastOrWithoutLocation_Returns400AndStaysInReview()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator, "TopSecret");

        var past = await CaseDriver.ExpectProblem(
            await Driver.ActAsync(Adjudicator, id, "schedule-interview", InterviewBody(TimeSpan.FromDays(-1))), HttpStatusCode.BadRequest);
        var noLocation = await CaseDriver.ExpectProblem(
            await Driver.ActAsync(Adjudicator, id, "schedule-interview", new { scheduledAt = TimeProvider.System.GetUtcNow().AddDays(2) }), HttpStatusCode.BadRequest);

        Assert.That(past.GetProperty("errors").TryGetProperty("scheduledAt", out _), Is.True, past.ToString());
        Assert.That(noLocation.GetProperty("errors").TryGetProperty("location", out _), Is.True, noLocation.ToString());
        Assert.That(Stage(await Driver.GetCaseAsync(Adjudicator, id)), Is.EqualTo("review"));
    }

    [Test]
    public async Task ScheduleInterview_MoreThanTwoYearsAhead_Returns400NamingScheduledAtAndStaysInReview()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator, "TopSecret");

        foreach (var scheduledAt in new object[] { "9999-12-31T23:59:59Z", TimeProvider.System.GetUtcNow().AddYears(2).AddDays(1) })
        {
            var problem = await CaseDriver.ExpectProblem(
                await Driver.ActAsync(Adjudicator, id, "schedule-interview", new { scheduledAt, location = "Room 1" }), HttpStatusCode.BadRequest);
            Assert.That(problem.GetProperty("errors").TryGetProperty("scheduledAt", out _), Is.True, problem.ToString());
        }

        Assert.That(Stage(await Driver.GetCaseAsync(Adjudicator, id)), Is.EqualTo("review"));
    }

    [Test]
    public async Task CompleteInterview_ByInvestigatorNotAssigned_MovesToDecision()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator, "TopSecret");
        await Driver.ActOkAsync(Adjudicator, id, "schedule-interview", InterviewBody(TimeSpan.FromDays(1)));

        var missing = await Driver.ActAsync(Investigator, id, "complete-interview");
        var done = await Driver.ActOkAsync(Investigator, id, "complete-interview", new { summary = "Interview held by the field investigator." });

        await CaseDriver.ExpectProblem(missing, HttpStatusCode.BadRequest);
        Assert.That(Stage(done), Is.EqualTo("decision"));
    }

    [Test]
    public async Task Decision_FindingRecordedThereRequiresTheInterview_NoGrantOrDenialUntilItIsHeld()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInDecisionAsync(alice, Investigator, Adjudicator);
        await Driver.RecordFindingOkAsync(Adjudicator, id, "J", "Serious", mitigated: false);

        var inDecision = await Driver.GetCaseAsync(Adjudicator, id);
        var grant = await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "grant", CaseDriver.GrantBody("Secret")), HttpStatusCode.Conflict);
        await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "deny", new { rationale = "Serious criminal conduct." }), HttpStatusCode.Conflict);
        await Driver.ActOkAsync(Adjudicator, id, "schedule-interview", InterviewBody(TimeSpan.FromDays(2)));
        var interviewed = await Driver.ActOkAsync(Adjudicator, id, "complete-interview", new { summary = "Explained the circumstances." });
        var granted = await Driver.ActOkAsync(Adjudicator, id, "grant", CaseDriver.GrantBody("Secret"));

        Assert.That(inDecision.GetProperty("interviewRequired").GetBoolean(), Is.True);
        Assert.That(Actions(inDecision), Does.Contain("schedule-interview").And.Not.Contain("grant").And.Not.Contain("deny"));
        Assert.That(grant.GetProperty("detail").GetString(), Does.Contain("interview"));
        Assert.That(Stage(interviewed), Is.EqualTo("decision"));
        Assert.That((Stage(granted), Status(granted)), Is.EqualTo(("closed", "Granted")));
    }

    [Test]
    public async Task ReferToDecision_SecretWithUnmitigatedModerateFinding_Returns409()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator, "Secret");
        Assert.That((await Driver.GetCaseAsync(Adjudicator, id)).GetProperty("interviewRequired").GetBoolean(), Is.False);
        await Driver.RecordFindingOkAsync(Adjudicator, id, "F", "Moderate", mitigated: false);

        var problem = await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "refer-to-decision"), HttpStatusCode.Conflict);

        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("interview"));
        var c = await Driver.GetCaseAsync(Adjudicator, id);
        Assert.That(Stage(c), Is.EqualTo("review"));
        Assert.That(c.GetProperty("interviewRequired").GetBoolean(), Is.True);
        Assert.That(Actions(c), Does.Not.Contain("refer-to-decision"));
    }

    [Test]
    public async Task ReferToDecision_SecretWithUnmitigatedSeriousFinding_Returns409()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator, "Secret");
        await Driver.RecordFindingOkAsync(Adjudicator, id, "J", "Serious", mitigated: false);

        await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "refer-to-decision"), HttpStatusCode.Conflict);
    }

    [Test]
    public async Task ReferToDecision_SecretWithOnlyMitigatedOrMinorFindings_Returns200()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator, "Secret");
        await Driver.RecordFindingOkAsync(Adjudicator, id, "F", "Serious", mitigated: true, mitigation: "Debts repaid in full three years ago.");
        await Driver.RecordFindingOkAsync(Adjudicator, id, "G", "Moderate", mitigated: true, mitigation: "Completed treatment.");
        await Driver.RecordFindingOkAsync(Adjudicator, id, "E", "Minor", mitigated: false);
        Assert.That(Actions(await Driver.GetCaseAsync(Adjudicator, id)), Does.Contain("refer-to-decision"));

        var referred = await Driver.ActOkAsync(Adjudicator, id, "refer-to-decision");

        Assert.That(Stage(referred), Is.EqualTo("decision"));
        Assert.That(referred.GetProperty("findings").GetArrayLength(), Is.EqualTo(3));
    }
}
