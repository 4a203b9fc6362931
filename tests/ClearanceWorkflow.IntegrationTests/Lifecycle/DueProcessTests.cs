using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClearanceWorkflow.Application.Features.Timers;
using ClearanceWorkflow.Infrastructure.Jobs;
using ClearanceWorkflow.IntegrationTests.Background;
using ClearanceWorkflow.IntegrationTests.Support;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>
/// Due process after a concurred denial (workflows/clearance.v2.json, the active version): the Statement of Reasons,
/// the applicant's answer or its deadline, a second decision by an adjudicator who took no part in the denial, the
/// appeal or its deadline, and the appeal board. The deadlines are Hangfire scheduled jobs at the due time; under a
/// clock the test moves, the test runs the job once the clock is past it, as the scheduler would then.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class DueProcessTests(DatabaseKind kind) : BackgroundTest(kind)
{
    private const string Response = "The debts were settled in 2024; the statements are attached.";
    private const string Grounds = "The second decision ignored the settlement of the debts.";
    private static readonly object DenyBody = new { rationale = "Unmitigated financial considerations." };

    private readonly ShiftedClock _clock = new();

    protected override ApiFactory CreateFactory(TestDatabase database) =>
        new(database, ShortIntervals, services => services.UseClock(_clock));

    /// <summary>The people of one case: its applicant, the first denier (the fixture's adjudicator), the senior who concurs, and a second adjudicator who took no part.</summary>
    private sealed record People(HttpClient Applicant, string ApplicantId, HttpClient Senior, string SeniorId, HttpClient Second, string SecondId) : IDisposable
    {
        public void Dispose()
        {
            Applicant.Dispose();
            Senior.Dispose();
            Second.Dispose();
        }
    }

    private People NewPeople()
    {
        var applicant = NewApplicant(out var applicantId);
        var senior = Staff("sam", out var seniorId, SeniorRole);
        var second = Staff("eve", out var secondId, AdjudicatorRole);
        return new People(applicant, applicantId, senior, seniorId, second, secondId);
    }

    /// <summary>Denied by the fixture's adjudicator, concurred by the senior: the Statement of Reasons is issued.</summary>
    private async Task<(Guid Id, JsonElement Concurred)> ConcurredAsync(People p)
    {
        var id = await Driver.CaseInReviewAsync(p.Applicant, Investigator, Adjudicator);
        return (id, await ConcurAsync(p, id));
    }

    /// <summary>The fixture's adjudicator, who holds the case in review, records a finding and denies; the senior concurs.</summary>
    private async Task<JsonElement> ConcurAsync(People p, Guid id)
    {
        await Driver.RecordFindingOkAsync(Adjudicator, id, "F", "Minor");
        await Driver.ActOkAsync(Adjudicator, id, "refer-to-decision");
        await Driver.ActOkAsync(Adjudicator, id, "deny", DenyBody);
        return await Driver.ActOkAsync(p.Senior, id, "concur");
    }

    /// <summary>Answered, claimed by the second adjudicator and denied again: the denial may be appealed.</summary>
    private async Task<Guid> FinallyDeniedAsync(People p)
    {
        var (id, _) = await ConcurredAsync(p);
        await FinallyDenyAsync(p, id);
        return id;
    }

    private async Task FinallyDenyAsync(People p, Guid id)
    {
        await Driver.ActOkAsync(p.Applicant, id, "answer", new { response = Response, requestHearing = false });
        await Driver.ActOkAsync(p.Second, id, "claim");
        await Driver.ActOkAsync(p.Second, id, "deny", new { rationale = "The answer does not mitigate the debts." });
    }

    private async Task<Guid> AppealedAsync(People p)
    {
        var id = await FinallyDeniedAsync(p);
        await Driver.ActOkAsync(p.Applicant, id, "appeal", new { grounds = Grounds });
        return id;
    }

    /// <summary>Denied, concurred, finally denied and appealed, from review where the fixture's adjudicator holds the case.</summary>
    private async Task AppealFromReviewAsync(People p, Guid id)
    {
        await ConcurAsync(p, id);
        await FinallyDenyAsync(p, id);
        await Driver.ActOkAsync(p.Applicant, id, "appeal", new { grounds = Grounds });
    }

    /// <summary>The senior is offered no vote, is refused one naming what they did on the case, and is not queued for the appeal.</summary>
    private async Task AssertKeptOffTheBoardAsync(HttpClient senior, Guid id, string performed)
    {
        Assert.That(Actions(await Driver.GetCaseAsync(senior, id)), Does.Not.Contain("board-vote"));
        var refused = await CaseDriver.ExpectProblem(await Driver.ActAsync(senior, id, "board-vote", new { vote = "Reverse", rationale = "r" }), HttpStatusCode.Forbidden);
        Assert.That(refused.GetProperty("detail").GetString(), Does.Contain($"'{performed}'"));
        Assert.That(await QueuedAsync(senior, id, "appeal"), Is.False);
    }

    /// <summary>Whether the case is listed in the caller's adjudication queue for the stage.</summary>
    private async Task<bool> QueuedAsync(HttpClient adjudicator, Guid id, string stage) =>
        (await Driver.GetJsonAsync(adjudicator, $"/api/v1/adjudication/queue?stage={stage}&pageSize=200")).GetProperty("items").EnumerateArray().Any(c => c.GetProperty("id").GetGuid() == id);

    private static DateTime? DateOf(JsonElement c, string property) =>
        c.GetProperty("dueProcess").GetProperty(property) is { ValueKind: JsonValueKind.String } value
            ? DateTime.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
            : null;

    /// <summary>Waits until the deadline job of the case for <paramref name="action"/> is scheduled; returns it.</summary>
    private async Task<JobRecord> DeadlineArmedAsync(Guid id, string action, ApiFactory? on = null) =>
        (await Eventually.Until(
            () => Task.FromResult((on ?? Factory).AllJobs().FirstOrDefault(j => j.State == "Scheduled" && j.Job?.Type == typeof(DeadlineJob) && (Guid)j.Job.Args[0] == id && (string)j.Job.Args[1] == action)),
            job => job is not null,
            $"the '{action}' deadline of case {id} to be armed"))!;

    /// <summary>Moves the clock just past <paramref name="dueAt"/>.</summary>
    private void MovePast(DateTime dueAt)
    {
        var ahead = dueAt - _clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(1);
        if (ahead > TimeSpan.Zero)
        {
            _clock.Advance(ahead);
        }
    }

    private async Task<int> NotificationsAsync(Guid id, string type) =>
        (await InDatabaseAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Type == type).Select(m => m.Payload).ToListAsync()))
            .Count(p => JsonDocument.Parse(p).RootElement.GetProperty("caseId").GetGuid() == id);

    [Test]
    public async Task Concur_DenialOfANewCase_IssuesTheStatementWithTheAnswerDueInTwentyDaysAndNotifiesTheApplicant()
    {
        using var p = NewPeople();

        var (id, concurred) = await ConcurredAsync(p);

        Assert.That(concurred.GetProperty("workflow").GetProperty("version").GetInt32(), Is.EqualTo(2));
        Assert.That((Stage(concurred), Status(concurred)), Is.EqualTo(("due-process", "AwaitingAnswer")));
        Assert.That(concurred.GetProperty("assignedAdjudicator").ValueKind, Is.EqualTo(JsonValueKind.Null), "the denier no longer holds the case");
        var issued = DateOf(concurred, "statementIssuedAt")!.Value;
        Assert.That(DateOf(concurred, "answerDueAt"), Is.EqualTo(issued.AddDays(20)));
        var applicantView = await Driver.GetCaseAsync(p.Applicant, id);
        Assert.That(Actions(applicantView), Is.EqualTo(new[] { "answer" }), "a recorded denial is not withdrawn from");
        // The applicant answers a statement they can read: the concurred denial's reasons and the guidelines at issue.
        var statement = applicantView.GetProperty("dueProcess").GetProperty("statementOfReasons");
        Assert.That(statement.GetProperty("reasons").GetString(), Is.EqualTo("Unmitigated financial considerations."));
        Assert.That(CaseDriver.Strings(statement.GetProperty("guidelines")), Is.EqualTo(new[] { "F" }));
        Assert.That(applicantView.GetProperty("dueProcess").GetProperty("finalDecision").ValueKind, Is.EqualTo(JsonValueKind.Null), "no final decision yet");
        var deadline = await DeadlineArmedAsync(id, "answer-period-ends");
        Assert.That(deadline.EnqueueAt, Is.EqualTo(SlaTimers.FireTime(issued.AddDays(20)).UtcDateTime));
        Assert.That(await NotificationsAsync(id, "case.statement-issued"), Is.EqualTo(1));
        Assert.That((await AuditAsync(id)).Select(ActionOf), Does.Contain("case.concur"));
    }

    [Test]
    public async Task Upgrade_AStatementIssuedBeforeTheServiceKeptIt_IsFilledInFromTheConcurredDenial()
    {
        using var p = NewPeople();
        var (id, _) = await ConcurredAsync(p);

        // Back to the schema before the statement was kept, and up again: the migration fills it in.
        await InDatabaseAsync(async db =>
        {
            var migrator = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
            var all = db.Database.GetMigrations().ToList();
            var kept = all.FindIndex(m => m.EndsWith("_StatementOfReasons", StringComparison.Ordinal));
            await migrator.MigrateAsync(all[kept - 1]);
            Assert.That(await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM cases").SingleAsync(), Is.GreaterThan(0));
            await migrator.MigrateAsync();
            return 0;
        });
        // Connections that prepared statements against the table as it was are not reused.
        Npgsql.NpgsqlConnection.ClearAllPools();
        Microsoft.Data.SqlClient.SqlConnection.ClearAllPools();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var statement = (await Driver.GetCaseAsync(p.Applicant, id)).GetProperty("dueProcess").GetProperty("statementOfReasons");
        Assert.That(statement.GetProperty("reasons").GetString(), Is.EqualTo("Unmitigated financial considerations."));
        Assert.That(CaseDriver.Strings(statement.GetProperty("guidelines")), Is.EqualTo(new[] { "F" }));
    }

    [Test]
    public async Task DueProcess_AnsweredThenGrantedByAnAdjudicatorWhoTookNoPart_ClosesGrantedWithAClearance()
    {
        using var p = NewPeople();
        var (id, _) = await ConcurredAsync(p);

        var answered = await Driver.ActOkAsync(p.Applicant, id, "answer", new { response = Response, requestHearing = true });
        Assert.That((Stage(answered), Status(answered)), Is.EqualTo(("due-process", "InProgress")));
        Assert.That(DateOf(answered, "answeredAt"), Is.Not.Null);
        Assert.That(Actions(await Driver.GetCaseAsync(p.Second, id)), Is.EqualTo(new[] { "claim" }));
        var queue = await Driver.GetJsonAsync(p.Second, "/api/v1/adjudication/queue?assignedTo=none&stage=due-process&pageSize=200");
        Assert.That(queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), Does.Contain(id), "the answered case waits in the queue");
        await Driver.ActOkAsync(p.Second, id, "claim");
        var granted = await Driver.ActOkAsync(p.Second, id, "grant", CaseDriver.GrantBody());

        Assert.That((Stage(granted), Status(granted)), Is.EqualTo(("closed", "Granted")));
        Assert.That((await Driver.GetJsonAsync(p.Applicant, "/api/v1/me/clearance")).GetProperty("level").GetString(), Is.EqualTo("Secret"));
        Assert.That((await AuditAsync(id)).Select(ActionOf).Where(a => a.StartsWith("case.", StringComparison.Ordinal) && a != "case.viewed").TakeLast(4),
            Is.EqualTo(new[] { "case.concur", "case.answer", "case.claim", "case.grant" }));
        Assert.That(await NotificationsAsync(id, "case.decided"), Is.EqualTo(1));
        var cipher = await InDatabaseAsync(db => db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => c.AnswerCipher).SingleAsync());
        Assert.That(cipher, Is.Not.Null.And.Not.Contain("settled"), "the answer is encrypted at rest");
        // A late run of the answer deadline changes nothing.
        MovePast(DateOf(answered, "answerDueAt")!.Value);
        Assert.That(await AsSystemAsync(new DeadlineReached.Command(id, "answer-period-ends")), Is.False);
    }

    [Test]
    public async Task DueProcess_TheFirstDenierOrTheConcurrer_MayNotTakeOrDecideTheCase()
    {
        using var p = NewPeople();
        using var seniorAssigner = Staff("sally", out _, SeniorRole);
        var (id, _) = await ConcurredAsync(p);
        await Driver.ActOkAsync(p.Applicant, id, "answer", new { response = Response, requestHearing = false });

        var claim = await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "claim"), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await Driver.ActAsync(p.Senior, id, "claim"), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "grant", CaseDriver.GrantBody()), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "deny", DenyBody), HttpStatusCode.Forbidden);
        var assign = await CaseDriver.ExpectProblem(await Driver.ActAsync(seniorAssigner, id, "assign", new { adjudicatorId = AdjudicatorId }), HttpStatusCode.Forbidden);
        var concurrerChooses = await CaseDriver.ExpectProblem(await Driver.ActAsync(p.Senior, id, "assign", new { adjudicatorId = p.SecondId }), HttpStatusCode.Forbidden);

        Assert.That(claim.GetProperty("detail").GetString(), Does.Contain("'deny'"));
        Assert.That(assign.GetProperty("detail").GetString(), Does.Contain("took part in the denial"));
        Assert.That(concurrerChooses.GetProperty("detail").GetString(), Does.Contain("'concur'"), "the concurrer does not choose who reconsiders");
        Assert.That(Actions(await Driver.GetCaseAsync(Adjudicator, id)), Is.Empty);
        Assert.That((await QueuedAsync(Adjudicator, id, "due-process"), await QueuedAsync(p.Senior, id, "due-process"), await QueuedAsync(p.Second, id, "due-process")), Is.EqualTo((false, false, true)), "the queue of due process: only for who took no part in the denial");
        var still = await Driver.GetCaseAsync(p.Second, id);
        Assert.That((Stage(still), Status(still), still.GetProperty("assignedAdjudicator").ValueKind), Is.EqualTo(("due-process", "InProgress", JsonValueKind.Null)));
    }

    /// <summary>A senior who declined to concur with an earlier denial took part in the denial as much as the concurrer did.</summary>
    [Test]
    public async Task DueProcess_ASeniorWhoDeclinedToConcur_MayNotTakeAssignOrSeeTheCaseQueued()
    {
        using var p = NewPeople();
        using var decliner = Staff("dan", out _, SeniorRole);
        var id = await Driver.CaseInReviewAsync(p.Applicant, Investigator, Adjudicator);
        await Driver.RecordFindingOkAsync(Adjudicator, id, "F", "Minor");
        await Driver.ActOkAsync(Adjudicator, id, "refer-to-decision");
        await Driver.ActOkAsync(Adjudicator, id, "deny", DenyBody);
        await Driver.ActOkAsync(decliner, id, "decline-concurrence", new { rationale = "Not enough to deny on." });
        await Driver.ActOkAsync(Adjudicator, id, "deny", new { rationale = "The debts are recent and repeated." });
        await Driver.ActOkAsync(p.Senior, id, "concur");
        await Driver.ActOkAsync(p.Applicant, id, "answer", new { response = Response, requestHearing = false });

        Assert.That(Actions(await Driver.GetCaseAsync(decliner, id)), Is.Empty);
        var claim = await CaseDriver.ExpectProblem(await Driver.ActAsync(decliner, id, "claim"), HttpStatusCode.Forbidden);
        var assign = await CaseDriver.ExpectProblem(await Driver.ActAsync(decliner, id, "assign", new { adjudicatorId = p.SecondId }), HttpStatusCode.Forbidden);
        Assert.That(new[] { claim.GetProperty("detail").GetString(), assign.GetProperty("detail").GetString() }, Has.All.Contain("'decline-concurrence'"));
        Assert.That(await QueuedAsync(decliner, id, "due-process"), Is.False);
        await Driver.ActOkAsync(p.Second, id, "claim");
    }

    [Test]
    public async Task Answer_AfterTheDueTimeBeforeTheTimerRan_Returns409AndIsNotOffered()
    {
        using var p = NewPeople();
        var (id, concurred) = await ConcurredAsync(p);
        MovePast(DateOf(concurred, "answerDueAt")!.Value);

        var late = await CaseDriver.ExpectProblem(await Driver.ActAsync(p.Applicant, id, "answer", new { response = Response, requestHearing = false }), HttpStatusCode.Conflict);

        Assert.That(late.GetProperty("detail").GetString(), Does.Contain("answer period ended"));
        var view = await Driver.GetCaseAsync(p.Applicant, id);
        Assert.That(Status(view), Is.EqualTo("AwaitingAnswer"));
        Assert.That(Actions(view), Does.Not.Contain("answer"));
        Assert.That(DateOf(view, "answeredAt"), Is.Null);
    }

    [Test]
    public async Task AnswerDeadline_Unanswered_MovesTheCaseOnOnceToBeDecidedOnTheRecord()
    {
        using var p = NewPeople();
        var (id, concurred) = await ConcurredAsync(p);
        var timer = await DeadlineArmedAsync(id, "answer-period-ends");
        Assert.That(await AsSystemAsync(new DeadlineReached.Command(id, "answer-period-ends")), Is.False, "before the due time it does nothing");

        MovePast(DateOf(concurred, "answerDueAt")!.Value);
        Assert.That(Factory.JobClient().Requeue(timer.Id), Is.True);
        var moved = await Eventually.Until(() => Driver.GetCaseAsync(p.Second, id), c => Status(c) == "InProgress", "the answer deadline to fire");
        await Factory.SucceededAsync(timer.Id);
        var again = await AsSystemAsync(new DeadlineReached.Command(id, "answer-period-ends"));

        Assert.That(Stage(moved), Is.EqualTo("due-process"));
        Assert.That(DateOf(moved, "answeredAt"), Is.Null);
        Assert.That(Actions(moved), Is.EqualTo(new[] { "claim" }));
        Assert.That(again, Is.False);
        var events = (await AuditAsync(id)).Where(e => ActionOf(e) == "case.answer-period-ends").ToList();
        Assert.That(events, Has.Count.EqualTo(1));
        Assert.That(events[0].GetProperty("actor").GetString(), Is.EqualTo("system"));
        Assert.That(await NotificationsAsync(id, "case.answer-period-ended"), Is.EqualTo(1));
    }

    [Test]
    public async Task Appeal_FifteenDaysAfterTheFinalDenial_AndAfterThatBeforeTheTimerRan_Returns409AndIsNotOffered()
    {
        using var p = NewPeople();
        var id = await FinallyDeniedAsync(p);
        var denied = await Driver.GetCaseAsync(p.Second, id);
        var appealDue = DateOf(denied, "appealDueAt")!.Value;
        Assert.That(appealDue, Is.EqualTo(denied.GetProperty("updatedAt").GetDateTime().AddDays(15)), "within 15 days of the final decision (the default)");
        Assert.That(Actions(await Driver.GetCaseAsync(p.Applicant, id)), Does.Contain("appeal"));

        MovePast(appealDue);
        var late = await CaseDriver.ExpectProblem(await Driver.ActAsync(p.Applicant, id, "appeal", new { grounds = Grounds }), HttpStatusCode.Conflict);

        Assert.That(late.GetProperty("detail").GetString(), Does.Contain("appeal period ended"));
        var view = await Driver.GetCaseAsync(p.Applicant, id);
        Assert.That((Stage(view), Status(view)), Is.EqualTo(("appeal", "AwaitingAppeal")), "the deadline's timer has not run yet");
        Assert.That(Actions(view), Does.Not.Contain("appeal"));
        Assert.That(DateOf(view, "appealedAt"), Is.Null);
    }

    [Test]
    public async Task AppealDeadline_NoAppeal_ClosesDeniedOnceAndNotifies()
    {
        using var p = NewPeople();
        var id = await FinallyDeniedAsync(p);
        var denied = await Driver.GetCaseAsync(p.Second, id);
        Assert.That((Stage(denied), Status(denied)), Is.EqualTo(("appeal", "AwaitingAppeal")));
        var appealDue = DateOf(denied, "appealDueAt")!.Value;
        var timer = await DeadlineArmedAsync(id, "appeal-period-ends");
        Assert.That(timer.EnqueueAt, Is.EqualTo(SlaTimers.FireTime(appealDue).UtcDateTime));
        Assert.That(await NotificationsAsync(id, "case.final-denial"), Is.EqualTo(1));

        MovePast(appealDue);
        Factory.JobClient().Requeue(timer.Id);
        var closed = await Eventually.Until(() => Driver.GetCaseAsync(p.Second, id), c => Stage(c) == "closed", "the appeal deadline to fire");
        var late = await CaseDriver.ExpectProblem(await Driver.ActAsync(p.Applicant, id, "appeal", new { grounds = Grounds }), HttpStatusCode.Conflict);

        Assert.That(Status(closed), Is.EqualTo("Denied"));
        Assert.That(late.GetProperty("detail").GetString(), Does.Contain("closed"));
        Assert.That(await AsSystemAsync(new DeadlineReached.Command(id, "appeal-period-ends")), Is.False);
        Assert.That((await AuditAsync(id)).Count(e => ActionOf(e) == "case.appeal-period-ends"), Is.EqualTo(1));
        Assert.That(await NotificationsAsync(id, "case.decided"), Is.EqualTo(1));
        await CaseDriver.ExpectProblem(await p.Applicant.GetAsync("/api/v1/me/clearance"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Board_SecondUpholdVoteAfterASplit_ClosesDeniedAndLaterVotesAre409()
    {
        using var p = NewPeople();
        using var m1 = Staff("mona", out var m1Id, SeniorRole);
        using var m2 = Staff("max", out var m2Id, SeniorRole);
        using var m3 = Staff("mia", out var m3Id, SeniorRole);
        using var m4 = Staff("mo", out _, SeniorRole);
        var id = await AppealedAsync(p);

        await Driver.ActOkAsync(m1, id, "board-vote", new { vote = "Uphold", rationale = "The debts were not mitigated." });
        var twice = await CaseDriver.ExpectProblem(await Driver.ActAsync(m1, id, "board-vote", new { vote = "Reverse", rationale = "On reflection." }), HttpStatusCode.Forbidden);
        var split = await Driver.ActOkAsync(m2, id, "board-vote", new { vote = "Reverse", rationale = "The settlement mitigates." });
        Assert.That((Stage(split), Status(split)), Is.EqualTo(("appeal", "InProgress")), "one vote each way decides nothing");
        var decided = await Driver.ActOkAsync(m3, id, "board-vote", new { vote = "Uphold", rationale = "Recent and repeated." });
        var after = await CaseDriver.ExpectProblem(await Driver.ActAsync(m4, id, "board-vote", new { vote = "Reverse", rationale = "Too late." }), HttpStatusCode.Conflict);

        Assert.That(twice.GetProperty("detail").GetString(), Does.Contain("'board-vote'"));
        Assert.That((Stage(decided), Status(decided)), Is.EqualTo(("closed", "Denied")));
        Assert.That(after.GetProperty("detail").GetString(), Does.Contain("closed"));
        var votes = decided.GetProperty("dueProcess").GetProperty("votes").EnumerateArray().ToList();
        Assert.That(votes.Select(v => (v.GetProperty("member").GetString(), v.GetProperty("vote").GetString())),
            Is.EqualTo(new[] { (m1Id, "Uphold"), (m2Id, "Reverse"), (m3Id, "Uphold") }));
        var audit = (await AuditAsync(id)).Select(ActionOf).Where(a => a.StartsWith("case.", StringComparison.Ordinal) && a != "case.viewed").ToList();
        Assert.That(audit.TakeLast(4), Is.EqualTo(new[] { "case.board-vote", "case.board-vote", "case.board-vote", "case.uphold-denial" }));
        var cast = (await AuditAsync(id)).Where(e => ActionOf(e) == "board.vote").ToList();
        Assert.That(cast.Select(e => (e.GetProperty("actor").GetString(), DetailOf(e).GetProperty("vote").GetString())),
            Is.EqualTo(new[] { (m1Id, "Uphold"), (m2Id, "Reverse"), (m3Id, "Uphold") }), "each vote in the ledger, where a changed vote row would show");
        Assert.That(await NotificationsAsync(id, "case.decided"), Is.EqualTo(1));
    }

    [Test]
    public async Task Board_WhileTheSubjectsClearanceIsSuspended_TakesNoReverseVoteUntilTheEvaluationEnds()
    {
        // A reversal grants: while a suspension stood, the deciding Reverse vote was refused by that grant and thrown away.
        using var p = NewPeople();
        using var m1 = Staff("mona", out _, SeniorRole);
        using var m2 = Staff("max", out _, SeniorRole);
        using var officer = Staff("sofia", out _, "security-officer");
        var first = await Driver.CaseInDecisionAsync(p.Applicant, Investigator, Adjudicator);
        await Driver.ActOkAsync(Adjudicator, first, "grant", CaseDriver.GrantBody());
        var held = (await Driver.GetJsonAsync(p.Applicant, "/api/v1/me/clearance")).GetProperty("id").GetGuid();
        var id = await AppealedAsync(p);
        var report = await officer.PostAsJsonAsync($"/api/v1/clearances/{held}/incidents", new { guideline = "G", summary = "Reported by the site security office.", suspend = true });
        await CaseDriver.Expect(report, HttpStatusCode.Created);
        var evaluation = (await CaseDriver.Json(report)).GetProperty("id").GetGuid();

        var offered = Actions(await Driver.GetCaseAsync(m1, id));
        var refused = await CaseDriver.ExpectProblem(await Driver.ActAsync(m1, id, "board-vote", new { vote = "Reverse", rationale = "The settlement mitigates." }), HttpStatusCode.Conflict);
        await Driver.ActOkAsync(p.Second, evaluation, "claim");
        await Driver.ActOkAsync(p.Second, evaluation, "reinstate", new { rationale = "A single incident, cleared." });
        await Driver.ActOkAsync(m1, id, "board-vote", new { vote = "Reverse", rationale = "The settlement mitigates." });
        var decided = await Driver.ActOkAsync(m2, id, "board-vote", new { vote = "Reverse", rationale = "Mitigated since." });

        Assert.That(offered, Does.Contain("board-vote"), "an Uphold vote is taken: an upheld denial revokes, which ends the suspension too");
        Assert.That(refused.GetProperty("detail").GetString(), Does.Contain("suspended"));
        Assert.That((Stage(decided), Status(decided)), Is.EqualTo(("closed", "Granted")));
        var mine = await Driver.GetJsonAsync(p.Applicant, "/api/v1/me/clearance");
        Assert.That((mine.GetProperty("status").GetString(), mine.GetProperty("id").GetGuid() == held), Is.EqualTo(("Active", false)), "the reversal's grant replaced the reinstated clearance");
    }

    [Test]
    public async Task Board_SecondReverseVote_ClosesGrantedAtTheRequestedLevel()
    {
        using var p = NewPeople();
        using var m1 = Staff("mona", out _, SeniorRole);
        using var m2 = Staff("max", out _, SeniorRole);
        var id = await AppealedAsync(p);

        await Driver.ActOkAsync(m1, id, "board-vote", new { vote = "Reverse", rationale = "The settlement mitigates." });
        var decided = await Driver.ActOkAsync(m2, id, "board-vote", new { vote = "Reverse", rationale = "Rehabilitation is shown." });

        Assert.That((Stage(decided), Status(decided)), Is.EqualTo(("closed", "Granted")));
        Assert.That((await Driver.GetCaseAsync(p.Applicant, id)).GetProperty("dueProcess").GetProperty("finalDecision").ValueKind, Is.EqualTo(JsonValueKind.Null),
            "a reversed denial no longer stands");
        var clearance = await Driver.GetJsonAsync(p.Applicant, "/api/v1/me/clearance");
        Assert.That((clearance.GetProperty("level").GetString(), clearance.GetProperty("status").GetString()), Is.EqualTo(("Secret", "Active")));
        var rationale = await InDatabaseAsync(db => db.BoardVotes.AsNoTracking().Where(v => v.CaseId == id).Select(v => v.RationaleCipher).ToListAsync());
        Assert.That(rationale, Has.Count.EqualTo(2).And.None.Contains("mitigates"), "rationales are encrypted at rest");
        var grounds = await InDatabaseAsync(db => db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => c.AppealGroundsCipher).SingleAsync());
        Assert.That(grounds, Is.Not.Null.And.Not.Contain("settlement"));
    }

    [Test]
    public async Task Board_MembersWhoTookPartEarlier_Get403()
    {
        using var p = NewPeople();
        using var secondSenior = Staff("sid", out _, AdjudicatorRole, SeniorRole);
        var (id, _) = await ConcurredAsync(p);
        await Driver.ActOkAsync(p.Applicant, id, "answer", new { response = Response, requestHearing = false });
        await Driver.ActOkAsync(secondSenior, id, "claim");
        await Driver.ActOkAsync(secondSenior, id, "deny", new { rationale = "The answer does not mitigate the debts." });
        await Driver.ActOkAsync(p.Applicant, id, "appeal", new { grounds = Grounds });

        var concurrer = await CaseDriver.ExpectProblem(await Driver.ActAsync(p.Senior, id, "board-vote", new { vote = "Reverse", rationale = "r" }), HttpStatusCode.Forbidden);
        var decider = await CaseDriver.ExpectProblem(await Driver.ActAsync(secondSenior, id, "board-vote", new { vote = "Uphold", rationale = "r" }), HttpStatusCode.Forbidden);

        Assert.That(concurrer.GetProperty("detail").GetString(), Does.Contain("'concur'"));
        Assert.That(decider.GetProperty("detail").GetString(), Does.Contain("'deny'"));
        Assert.That(Actions(await Driver.GetCaseAsync(p.Senior, id)), Is.Empty);
        Assert.That((await Driver.GetCaseAsync(p.Senior, id)).GetProperty("dueProcess").GetProperty("votes").GetArrayLength(), Is.Zero);
        using var outsider = Staff("olga", out _, SeniorRole);
        Assert.That((await QueuedAsync(p.Senior, id, "appeal"), await QueuedAsync(secondSenior, id, "appeal"), await QueuedAsync(outsider, id, "appeal")), Is.EqualTo((false, false, true)), "the appeal waits for seniors who took no part in the denial");
    }

    [Test]
    public async Task Board_SeniorsWhoClaimedOrAssignedTheCaseBeforeTheDenial_Get403()
    {
        using var p = NewPeople();
        using var reviewer = Staff("rita", out _, SeniorRole);
        using var assigner = Staff("ada", out _, SeniorRole);
        var id = await Driver.SubmittedCaseAsync(p.Applicant);
        await Driver.CompleteChecksAsync(Investigator, id);
        await Driver.ActOkAsync(reviewer, id, "claim");
        await Driver.RecordFindingOkAsync(reviewer, id, "F", "Minor");
        await Driver.ActOkAsync(assigner, id, "assign", new { adjudicatorId = AdjudicatorId });
        await Driver.ActOkAsync(Adjudicator, id, "refer-to-decision");
        await Driver.ActOkAsync(Adjudicator, id, "deny", DenyBody);
        await Driver.ActOkAsync(p.Senior, id, "concur");
        await Driver.ActOkAsync(p.Applicant, id, "answer", new { response = Response, requestHearing = false });
        await Driver.ActOkAsync(p.Second, id, "claim");
        await Driver.ActOkAsync(p.Second, id, "deny", new { rationale = "The answer does not mitigate the debts." });
        await Driver.ActOkAsync(p.Applicant, id, "appeal", new { grounds = Grounds });

        var claimed = await CaseDriver.ExpectProblem(await Driver.ActAsync(reviewer, id, "board-vote", new { vote = "Uphold", rationale = "r" }), HttpStatusCode.Forbidden);
        var assigned = await CaseDriver.ExpectProblem(await Driver.ActAsync(assigner, id, "board-vote", new { vote = "Uphold", rationale = "r" }), HttpStatusCode.Forbidden);

        Assert.That(claimed.GetProperty("detail").GetString(), Does.Contain("'claim'"));
        Assert.That(assigned.GetProperty("detail").GetString(), Does.Contain("'assign'"));
        using var outsider = Staff("otto", out _, SeniorRole);
        Assert.That((await QueuedAsync(reviewer, id, "appeal"), await QueuedAsync(assigner, id, "appeal"), await QueuedAsync(outsider, id, "appeal")), Is.EqualTo((false, false, true)), "the appeal's queue: only for who may vote");
        await Driver.ActOkAsync(outsider, id, "board-vote", new { vote = "Uphold", rationale = "Weighed on the record." });
        Assert.That(await QueuedAsync(outsider, id, "appeal"), Is.False, "who voted has nothing left to do on the appeal");
    }

    [Test]
    public async Task Board_ASeniorWhoOnlyRecordedAFinding_Gets403()
    {
        using var p = NewPeople();
        using var reviewer = Staff("rosa", out var reviewerId, SeniorRole);
        using var assigner = Staff("ada", out _, SeniorRole);
        var id = await Driver.SubmittedCaseAsync(p.Applicant);
        await Driver.CompleteChecksAsync(Investigator, id);
        await Driver.ActOkAsync(assigner, id, "assign", new { adjudicatorId = reviewerId });
        await Driver.RecordFindingOkAsync(reviewer, id, "F", "Minor");
        await Driver.ActOkAsync(assigner, id, "assign", new { adjudicatorId = AdjudicatorId });
        await Driver.ActOkAsync(Adjudicator, id, "refer-to-decision");
        await Driver.ActOkAsync(Adjudicator, id, "deny", DenyBody);
        await Driver.ActOkAsync(p.Senior, id, "concur");
        await Driver.ActOkAsync(p.Applicant, id, "answer", new { response = Response, requestHearing = false });
        using var decider = Staff("dora", out _, SeniorRole);
        await Driver.ActOkAsync(decider, id, "claim");
        await Driver.ActOkAsync(decider, id, "deny", new { rationale = "The answer does not mitigate the debts." });
        await Driver.ActOkAsync(p.Applicant, id, "appeal", new { grounds = Grounds });

        Assert.That(Actions(await Driver.GetCaseAsync(reviewer, id)), Does.Not.Contain("board-vote"));
        var refused = await CaseDriver.ExpectProblem(await Driver.ActAsync(reviewer, id, "board-vote", new { vote = "Reverse", rationale = "r" }), HttpStatusCode.Forbidden);

        Assert.That(refused.GetProperty("detail").GetString(), Does.Contain("'record-finding'"));
        using var outsider = Staff("otto", out _, SeniorRole);
        Assert.That(Actions(await Driver.GetCaseAsync(outsider, id)), Does.Contain("board-vote"));
        Assert.That((await QueuedAsync(reviewer, id, "appeal"), await QueuedAsync(outsider, id, "appeal")), Is.EqualTo((false, true)));
    }

    [Test]
    public async Task Board_ASeniorWhoClosedTheInvestigationAsItsInvestigator_Gets403()
    {
        using var p = NewPeople();
        using var closer = Staff("carl", out _, InvestigatorRole, SeniorRole);
        var id = await Driver.SubmittedCaseAsync(p.Applicant);
        await Driver.ActOkAsync(closer, id, "complete-investigation");
        await Driver.ActOkAsync(Adjudicator, id, "claim");

        await AppealFromReviewAsync(p, id);

        await AssertKeptOffTheBoardAsync(closer, id, "complete-investigation");
    }

    [Test]
    public async Task Board_ASeniorWhoRecordedACheckResultAsItsInvestigator_Gets403()
    {
        using var p = NewPeople();
        using var investigator = Staff("ira", out _, InvestigatorRole, SeniorRole);
        var id = await Driver.SubmittedCaseAsync(p.Applicant);
        var result = await investigator.PostAsJsonAsync($"/api/v1/cases/{id}/investigation/checks/credit/result", new { outcome = "Flagged", summary = "Two defaults in 2024." });
        await CaseDriver.Expect(result, HttpStatusCode.OK);
        await Driver.CompleteChecksAsync(Investigator, id);
        await Driver.ActOkAsync(Adjudicator, id, "claim");

        await AppealFromReviewAsync(p, id);

        await AssertKeptOffTheBoardAsync(investigator, id, "record-check-result");
    }

    [Test]
    public async Task Board_ASeniorTheCaseWasAssignedTo_Gets403_ThoughSomeoneElseAssignedIt()
    {
        using var p = NewPeople();
        using var assignee = Staff("tess", out var assigneeId, SeniorRole);
        using var assigner = Staff("ada", out _, SeniorRole);
        var id = await Driver.SubmittedCaseAsync(p.Applicant);
        await Driver.CompleteChecksAsync(Investigator, id);
        await Driver.ActOkAsync(assigner, id, "assign", new { adjudicatorId = assigneeId });
        await Driver.ActOkAsync(assignee, id, "request-information", new { questions = new[] { "Explain the debts." } });
        await Driver.ActOkAsync(p.Applicant, id, "provide-information", new { answers = new[] { "Medical bills." } });
        await Driver.ActOkAsync(assigner, id, "assign", new { adjudicatorId = AdjudicatorId });
        await Driver.RecordFindingOkAsync(Adjudicator, id, "F", "Minor");
        await Driver.ActOkAsync(Adjudicator, id, "refer-to-decision");
        await Driver.ActOkAsync(Adjudicator, id, "deny", DenyBody);
        await Driver.ActOkAsync(p.Senior, id, "concur");
        await Driver.ActOkAsync(p.Applicant, id, "answer", new { response = Response, requestHearing = false });
        using var decider = Staff("dora", out var deciderId, SeniorRole);
        await Driver.ActOkAsync(decider, id, "claim");
        await Driver.ActOkAsync(decider, id, "deny", new { rationale = "The answer does not mitigate the debts." });
        await Driver.ActOkAsync(p.Applicant, id, "appeal", new { grounds = Grounds });

        Assert.That(Actions(await Driver.GetCaseAsync(assignee, id)), Does.Not.Contain("board-vote"));
        var refused = await CaseDriver.ExpectProblem(await Driver.ActAsync(assignee, id, "board-vote", new { vote = "Reverse", rationale = "r" }), HttpStatusCode.Forbidden);

        Assert.That(refused.GetProperty("detail").GetString(), Does.Contain("'assigned'"));
        var events = await InDatabaseAsync(db => db.CaseEvents.AsNoTracking().Where(e => e.CaseId == id && (e.Action == "assign" || e.Action == "claim"))
            .OrderBy(e => e.Sequence).Select(e => e.Assignee).ToListAsync());
        Assert.That(events, Is.EqualTo(new[] { assigneeId, AdjudicatorId, deciderId }), "each claim and assign keeps whom it assigned");
    }

    [Test]
    public async Task ApplicantView_InTheAppeal_ShowsTheDatesButNoStaffIdentity()
    {
        using var p = NewPeople();
        using var m1 = Staff("mona", out var m1Id, SeniorRole);
        var id = await AppealedAsync(p);
        await Driver.ActOkAsync(m1, id, "board-vote", new { vote = "Uphold", rationale = "The debts were not mitigated." });

        var view = await Driver.GetCaseAsync(p.Applicant, id);
        var staffView = await Driver.GetCaseAsync(p.Senior, id);

        var dueProcess = view.GetProperty("dueProcess");
        Assert.That(dueProcess.EnumerateObject().Select(x => x.Name), Is.EquivalentTo(new[] { "statementIssuedAt", "answerDueAt", "answeredAt", "appealDueAt", "appealedAt", "statementOfReasons", "finalDecision" }));
        Assert.That(dueProcess.GetProperty("statementOfReasons").GetProperty("reasons").GetString(), Is.EqualTo("Unmitigated financial considerations."),
            "the statement stays as issued after the final denial");
        Assert.That(dueProcess.GetProperty("finalDecision").GetProperty("reasons").GetString(), Is.EqualTo("The answer does not mitigate the debts."),
            "the applicant learns why the final decision went against them, which is what they appeal");
        Assert.That(new[] { "statementIssuedAt", "answerDueAt", "answeredAt", "appealDueAt", "appealedAt" }.Select(d => DateOf(view, d)), Has.All.Not.Null);
        Assert.That(DateOf(view, "appealDueAt"), Is.EqualTo(DateOf(staffView, "appealDueAt")));
        Assert.That(view.GetProperty("assignedAdjudicator").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var raw = view.GetRawText();
        foreach (var staff in new[] { AdjudicatorId, p.SeniorId, p.SecondId, m1Id })
        {
            Assert.That(raw, Does.Not.Contain(staff));
        }

        Assert.That(raw, Does.Not.Contain(Response).And.Not.Contain("not mitigated"),
            "beyond the two decisions' reasons, the applicant's view carries no free text of due process");
        Assert.That(staffView.GetProperty("assignedAdjudicator").GetString(), Is.EqualTo(p.SecondId));
        var staffDueProcess = staffView.GetProperty("dueProcess");
        Assert.That(staffDueProcess.GetProperty("votes")[0].GetProperty("member").GetString(), Is.EqualTo(m1Id));
        Assert.That(staffDueProcess.GetProperty("votes")[0].GetProperty("rationale").GetString(), Is.EqualTo("The debts were not mitigated."));
        Assert.That(staffDueProcess.GetProperty("response").GetString(), Is.EqualTo(Response), "the adjudicator reads the answer");
        Assert.That(staffDueProcess.GetProperty("requestHearing").GetBoolean(), Is.False);
        Assert.That(staffDueProcess.GetProperty("grounds").GetString(), Is.EqualTo(Grounds));
    }
}
