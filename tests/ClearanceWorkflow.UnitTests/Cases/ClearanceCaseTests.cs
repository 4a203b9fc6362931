using ClearanceWorkflow.Domain;

namespace ClearanceWorkflow.UnitTests.Cases;

public sealed class ClearanceCaseTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    private static ClearanceCase NewCase(ClearanceLevel level = ClearanceLevel.Secret) => ClearanceCase.Open(
        "CW-2026-000001", CaseType.Initial, level, "Ministry", "alice", "enc1:k1:x", "idx", "clearance", 1,
        Stages.Application, CaseStatuses.InProgress, TimeSpan.FromDays(30), Now);

    private static StageChange Closing(string status) => new("test", "bob", Stages.Closed, status, null, Now);

    private static StageChange By(string action, string actor, string stage, string status, int day = 0) => new(action, actor, stage, status, null, Now.AddDays(day));

    /// <summary>A Secret case on version 2 denied by bob in decision, awaiting concurrence.</summary>
    private static ClearanceCase DeniedByBob()
    {
        var c = ClearanceCase.Open("CW-2026-000001", CaseType.Initial, ClearanceLevel.Secret, "Ministry", "alice", "enc1:k1:x", "idx", "clearance", 2,
            Stages.Application, CaseStatuses.InProgress, null, Now);
        c.Submit(By("submit", "alice", Stages.Decision, CaseStatuses.InProgress));
        c.Assign("bob", By("assign", "sam", Stages.Decision, CaseStatuses.InProgress));
        c.RecordFinding(Guideline.F, Severity.Minor, "s", false, null, null, "bob", Now);
        c.Deny("r", TimeSpan.FromDays(15), By("deny", "bob", Stages.Decision, CaseStatuses.DenialPendingConcurrence));
        return c;
    }

    [Test]
    public void Move_OnANodeWhoseClockIsBehind_TheNewStageIsStillEnteredAfterTheLast()
    {
        // The SLA timers keep the later visit of a case: one dated before the last was dropped, and its stage never timed.
        var c = NewCase();
        c.Submit(new StageChange("submit", "alice", Stages.BackgroundCheck, CaseStatuses.InProgress, TimeSpan.FromDays(40), Now.AddDays(1)));
        var backgroundCheck = c.StageEnteredAt;

        c.CompleteInvestigation("gap", new StageChange("complete-investigation", "system", Stages.Review, CaseStatuses.InProgress, TimeSpan.FromDays(20), Now.AddDays(1).AddMilliseconds(-300)));

        Assert.That(c.StageEnteredAt, Is.EqualTo(backgroundCheck.AddTicks(TimeSpan.TicksPerMicrosecond)));
        Assert.That(c.DueAt, Is.EqualTo(c.StageEnteredAt + TimeSpan.FromDays(20)));
        c.Claim(new StageChange("claim", "bob", Stages.Review, CaseStatuses.InProgress, null, Now.AddDays(2)));
        c.ReferToDecision(new StageChange("refer-to-decision", "bob", Stages.Decision, CaseStatuses.InProgress, null, Now.AddDays(3)));
        Assert.That(c.StageEnteredAt, Is.EqualTo(Now.AddDays(3)), "a clock ahead of the last entry is taken as it is");
    }

    [Test]
    public void ConcurWithDenial_ByTheDenier_RefusedByTheCaseWhateverTheDefinition()
    {
        var c = DeniedByBob();

        var refused = Assert.Throws<DomainException>(() => c.ConcurWithDenial([], TimeSpan.FromDays(20), By("concur", "bob", Stages.DueProcess, CaseStatuses.AwaitingAnswer)));

        Assert.That(refused!.Refusal, Is.EqualTo(DomainRefusal.Forbidden));
        Assert.That(c.Status, Is.EqualTo(CaseStatuses.DenialPendingConcurrence));
        Assert.DoesNotThrow(() => c.ConcurWithDenial([], TimeSpan.FromDays(20), By("concur", "sam", Stages.DueProcess, CaseStatuses.AwaitingAnswer)));
    }

    [Test]
    public void CastBoardVote_ByWhoDeniedConcurredOrDecidedInDueProcess_RefusedByTheCase_AnotherMemberVotes()
    {
        var c = DeniedByBob();
        c.ConcurWithDenial([], TimeSpan.FromDays(20), By("concur", "sam", Stages.DueProcess, CaseStatuses.AwaitingAnswer));
        c.Answer("response", false, By("answer", "alice", Stages.DueProcess, CaseStatuses.InProgress, 1));
        c.Claim(By("claim", "eve", Stages.DueProcess, CaseStatuses.InProgress, 2));
        c.Deny("r2", TimeSpan.FromDays(15), By("deny", "eve", Stages.Appeal, CaseStatuses.AwaitingAppeal, 3));
        c.Appeal("grounds", By("appeal", "alice", Stages.Appeal, CaseStatuses.InProgress, 4));

        foreach (var member in new[] { "bob", "sam", "eve" })
        {
            var refused = Assert.Throws<DomainException>(() => c.CastBoardVote(BoardVoteChoice.Uphold, "r", By("board-vote", member, Stages.Appeal, CaseStatuses.InProgress, 5)), member);
            Assert.That(refused!.Refusal, Is.EqualTo(DomainRefusal.Forbidden));
        }

        Assert.That(c.CastBoardVote(BoardVoteChoice.Reverse, "r", By("board-vote", "mona", Stages.Appeal, CaseStatuses.InProgress, 5)).Member, Is.EqualTo("mona"));
    }

    /// <summary>Alice's Secret clearance, suspended by an evaluation: the clearance, and the evaluation.</summary>
    private static (Clearance Held, ClearanceCase Evaluation) SuspendedClearance(ClearanceLevel level = ClearanceLevel.Secret)
    {
        var held = NewCase(level).Grant(level, "r", null, null, "Agency", new DateOnly(2036, 11, 23), [], Closing(CaseStatuses.Granted));
        var evaluation = ClearanceCase.OpenContinuousEvaluation(
            "CW-2026-000002", held, Guideline.G, "enc", "officer", "clearance", 2, Stages.Review, CaseStatuses.InProgress, null, Now);
        evaluation.SuspendClearance("enc", [held], By("suspend", "bob", Stages.Review, CaseStatuses.InProgress));
        return (held, evaluation);
    }

    [Test]
    public void Grant_AnotherCaseWhileTheSubjectsClearanceIsSuspended_RefusedByTheCaseWhateverTheDefinition()
    {
        var (held, _) = SuspendedClearance();
        var other = NewCase();

        var refused = Assert.Throws<DomainException>(() => other.Grant(ClearanceLevel.Secret, "r", null, null, "Agency", new DateOnly(2036, 11, 23), [held], Closing(CaseStatuses.Granted)));

        Assert.That(refused!.Message, Is.EqualTo(ClearanceCase.SuspendedSubject));
        Assert.That((held.Status, other.Stage), Is.EqualTo((ClearanceStatus.Suspended, Stages.Application)));
    }

    [Test]
    public void CastBoardVote_ToReverseWhileTheSubjectsClearanceIsSuspended_RefusedByTheCase_AnUpholdVoteTaken()
    {
        var c = DeniedByBob();
        c.ConcurWithDenial([], TimeSpan.FromDays(20), By("concur", "sam", Stages.DueProcess, CaseStatuses.AwaitingAnswer));
        c.Answer("response", false, By("answer", "alice", Stages.DueProcess, CaseStatuses.InProgress, 1));
        c.Claim(By("claim", "eve", Stages.DueProcess, CaseStatuses.InProgress, 2));
        c.Deny("r2", TimeSpan.FromDays(15), By("deny", "eve", Stages.Appeal, CaseStatuses.AwaitingAppeal, 3));
        c.Appeal("grounds", By("appeal", "alice", Stages.Appeal, CaseStatuses.InProgress, 4));
        c.ReadWithCase(otherEvaluationOpen: false, subjectClearanceSuspended: true);

        var refused = Assert.Throws<DomainException>(() => c.CastBoardVote(BoardVoteChoice.Reverse, "r", By("board-vote", "mona", Stages.Appeal, CaseStatuses.InProgress, 5)));

        Assert.That(refused!.Message, Is.EqualTo(ClearanceCase.SuspendedSubject));
        Assert.That(c.CastBoardVote(BoardVoteChoice.Uphold, "r", By("board-vote", "mona", Stages.Appeal, CaseStatuses.InProgress, 5)).Vote, Is.EqualTo(BoardVoteChoice.Uphold));
    }

    [Test]
    public void Reinstate_TopSecretWithoutTheInterview_RefusedByTheCaseWhateverTheDefinition()
    {
        var (held, evaluation) = SuspendedClearance(ClearanceLevel.TopSecret);

        var refused = Assert.Throws<DomainException>(() => evaluation.Reinstate("enc", [held], By("reinstate", "bob", Stages.Closed, CaseStatuses.Granted)));

        Assert.That(refused!.Message, Is.EqualTo(ClearanceCase.InterviewBeforeDecision));
        Assert.That((held.Status, evaluation.Stage), Is.EqualTo((ClearanceStatus.Suspended, Stages.Review)));
    }

    [Test]
    public void Certificate_IssuedWhileAGrantWaitedForTheSubjectsLock_DoesNotHoldForTheGrantedLevel()
    {
        // The grant read its time, then waited; the interim's certificate was issued meanwhile, after that time.
        var c = ClearanceCase.Open("CW-2026-000001", CaseType.Initial, ClearanceLevel.TopSecret, "Ministry", "alice", "enc1:k1:x", "idx", "clearance", 2,
            Stages.Application, CaseStatuses.InProgress, null, Now);
        var interim = c.GrantInterim(ClearanceLevel.Secret, "r", "Agency", new DateOnly(2036, 11, 23), [], By("grant-interim", "bob", Stages.Application, CaseStatuses.InProgress));
        var certificate = interim.IssueCertificate("hash", "alice", Now.AddDays(2).AddSeconds(1));

        var granted = c.Grant(ClearanceLevel.Confidential, "r", null, null, "Agency", new DateOnly(2041, 11, 25), [interim], By("grant", "bob", Stages.Closed, CaseStatuses.Granted, 2));

        Assert.That((granted.Id, granted.Status, granted.Level), Is.EqualTo((interim.Id, ClearanceStatus.Active, ClearanceLevel.Confidential)));
        Assert.That(granted.Honours(certificate), Is.False, "it prints Secret, and the grant after it set Confidential");
        Assert.That(granted.Honours(granted.IssueCertificate("hash2", "alice", Now.AddDays(3))), Is.True);
    }

    [Test]
    public void Withdraw_ContinuousEvaluation_RefusedByTheCaseWhateverTheDefinition()
    {
        var granted = NewCase().Grant(ClearanceLevel.Secret, "r", null, null, "Agency", new DateOnly(2036, 11, 23), [], Closing(CaseStatuses.Granted));
        var evaluation = ClearanceCase.OpenContinuousEvaluation(
            "CW-2026-000002", granted, Guideline.G, "enc", "officer", "clearance", 1, Stages.Review, CaseStatuses.InProgress, null, Now);

        var refused = Assert.Throws<DomainException>(() => evaluation.Withdraw("enc", new StageChange("withdraw", "alice", Stages.Closed, CaseStatuses.Withdrawn, null, Now)));

        Assert.That(refused!.Message, Does.Contain("continuous evaluation"));
        Assert.That(evaluation.Stage, Is.EqualTo(Stages.Review));
        Assert.DoesNotThrow(() => NewCase().Withdraw("enc", new StageChange("withdraw", "alice", Stages.Closed, CaseStatuses.Withdrawn, null, Now)), "an application may be");
    }

    [Test]
    public void Open_NewCase_InInitialStageWithItsSlaDueAndOneHistoryEvent()
    {
        var c = NewCase();
        Assert.That(c.Stage, Is.EqualTo(Stages.Application));
        Assert.That(c.DueAt, Is.EqualTo(Now.AddDays(30)));
        Assert.That(c.Events, Has.Count.EqualTo(1));
        Assert.That(c.Events[0].Action, Is.EqualTo("apply"));
    }

    [Test]
    public void Submit_StageChange_RecordsEventRestartsSlaAndClearsOverdue()
    {
        var c = NewCase();
        Assert.That(c.MarkOverdue(Stages.Application, Now, Now.AddDays(31)), Is.True);
        c.Submit(new StageChange("submit", "alice", Stages.BackgroundCheck, CaseStatuses.InProgress, TimeSpan.FromDays(40), Now.AddDays(32)));
        Assert.That(c.Stage, Is.EqualTo(Stages.BackgroundCheck));
        Assert.That(c.Overdue, Is.False);
        Assert.That(c.DueAt, Is.EqualTo(Now.AddDays(72)));
        Assert.That(c.SubmittedAt, Is.EqualTo(Now.AddDays(32)));
        Assert.That(c.Events.Select(e => e.Sequence), Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public void Submit_ClosedCase_Throws()
    {
        var c = NewCase();
        c.Withdraw("r", new StageChange("withdraw", "alice", Stages.Closed, CaseStatuses.Withdrawn, null, Now));
        Assert.That(c.DueAt, Is.Null);
        Assert.Throws<DomainException>(() => c.Submit(new StageChange("submit", "alice", Stages.BackgroundCheck, CaseStatuses.InProgress, null, Now)));
    }

    [Test]
    public void MarkOverdue_BeforeDueOrForAnEarlierStageVisit_DoesNothing()
    {
        var c = NewCase();
        Assert.That(c.MarkOverdue(Stages.Application, Now, Now.AddDays(29)), Is.False, "not due yet");
        Assert.That(c.MarkOverdue(Stages.Application, Now.AddSeconds(-1), Now.AddDays(31)), Is.False, "a stale timer of another visit");
        Assert.That(c.MarkOverdue(Stages.Application, Now, Now.AddDays(31)), Is.True);
        Assert.That(c.MarkOverdue(Stages.Application, Now, Now.AddDays(32)), Is.False, "only once");
    }

    [Test]
    public void StartInvestigation_TopSecret_CreatesTheNineTier5ChecksOnce()
    {
        var c = NewCase(ClearanceLevel.TopSecret);
        c.StartInvestigation(Now);
        c.StartInvestigation(Now);
        Assert.That(c.Tier, Is.EqualTo(InvestigationTier.Tier5));
        Assert.That(c.Checks.Select(k => k.Kind), Is.EquivalentTo(Investigation.Tier5Kinds));
        Assert.That(c.Checks, Has.All.Property(nameof(InvestigationCheck.Status)).EqualTo(CheckStatus.Pending));
    }

    [Test]
    public void CheckComplete_Twice_SecondResultRefused()
    {
        var c = NewCase();
        var check = c.StartInvestigation(Now)[0];
        check.Complete(CheckOutcome.Clear, "s", null, "system", Now);
        Assert.Throws<DomainException>(() => check.Complete(CheckOutcome.Flagged, "s", null, "system", Now));
        Assert.That(check.Status, Is.EqualTo(CheckStatus.Clear));
    }

    [TestCase(ClearanceLevel.TopSecret, Severity.Minor, true, ExpectedResult = true)]
    [TestCase(ClearanceLevel.Secret, Severity.Moderate, false, ExpectedResult = true)]
    [TestCase(ClearanceLevel.Secret, Severity.Serious, true, ExpectedResult = false)]
    [TestCase(ClearanceLevel.Secret, Severity.Minor, false, ExpectedResult = false)]
    public bool InterviewRequired_LevelAndFinding_FollowsTheRule(ClearanceLevel level, Severity severity, bool mitigated)
    {
        var c = NewCase(level);
        c.Submit(new StageChange("submit", "alice", Stages.Review, CaseStatuses.InProgress, null, Now));
        c.Assign("bob", new StageChange("assign", "sam", Stages.Review, CaseStatuses.InProgress, null, Now));
        c.RecordFinding(Guideline.F, severity, "enc1:k1:s", mitigated, mitigated ? "enc1:k1:m" : null, null, "bob", Now);
        return c.InterviewRequired;
    }

    [Test]
    public void Grant_AboveRequestedLevel_Throws()
    {
        var c = NewCase(ClearanceLevel.Confidential);
        Assert.Throws<DomainException>(() => c.Grant(ClearanceLevel.Secret, "r", null, null, "Agency", new DateOnly(2041, 1, 1), [], Closing(CaseStatuses.Granted)));
    }

    [Test]
    public void Deny_WithoutFindings_Throws()
    {
        var c = NewCase();
        Assert.Throws<DomainException>(() => c.Deny("r", TimeSpan.FromDays(15), Closing(CaseStatuses.DenialPendingConcurrence)));
    }

    [Test]
    public void RecordReminder_SameOrLargerThresholdAgain_NotRecordedTwice()
    {
        var c = NewCase();
        var clearance = c.Grant(ClearanceLevel.Secret, "r", null, null, "Agency", new DateOnly(2036, 11, 23), [], Closing(CaseStatuses.Granted));
        Assert.That(clearance.RecordReminder(180, Now), Is.True);
        Assert.That(clearance.RecordReminder(180, Now), Is.False);
        Assert.That(clearance.RecordReminder(90, Now), Is.True);
        Assert.That(clearance.RecordReminder(180, Now), Is.False, "a reminder for an earlier threshold never follows a later one");
        Assert.That(clearance.LastReminderDays, Is.EqualTo(90));
    }

    [Test]
    public void Grant_SupersedingAnActiveClearance_EachHistoryRecordsItsStatusActorAndReason()
    {
        var old = NewCase().Grant(ClearanceLevel.Secret, "r", null, null, "Agency", new DateOnly(2036, 11, 23), [], Closing(CaseStatuses.Granted));
        var renewed = NewCase().Grant(ClearanceLevel.Secret, "r", null, null, "Agency", new DateOnly(2046, 11, 23), [old], Closing(CaseStatuses.Granted));

        Assert.That(renewed.History.Select(h => (h.Status, h.Actor, h.Reason, h.At)), Is.EqualTo(new[] { (ClearanceStatus.Active, "bob", "granted", Now) }));
        Assert.That(old.History.Select(h => (h.Status, h.Actor, h.Reason)), Is.EqualTo(new[]
        {
            (ClearanceStatus.Active, "bob", "granted"),
            (ClearanceStatus.Expired, "bob", "superseded by a newer grant"),
        }));
    }

    [Test]
    public void Expire_AlreadyExpired_NoSecondHistoryEntry()
    {
        var clearance = NewCase().Grant(ClearanceLevel.Secret, "r", null, null, "Agency", new DateOnly(2036, 11, 23), [], Closing(CaseStatuses.Granted));
        clearance.Expire("system", "overdue", Now.AddDays(2));
        clearance.Expire("system", "overdue", Now.AddDays(3));

        Assert.That(clearance.History.Select(h => h.Status), Is.EqualTo(new[] { ClearanceStatus.Active, ClearanceStatus.Expired }));
        Assert.That(clearance.History[^1].At, Is.EqualTo(Now.AddDays(2)));
    }

    [Test]
    public void Expire_Suspended_StaysSuspended_ItsSuspensionEndsInReinstatementOrRevocation()
    {
        var clearance = NewCase().Grant(ClearanceLevel.Secret, "r", null, null, "Agency", new DateOnly(2036, 11, 23), [], Closing(CaseStatuses.Granted));
        clearance.Suspend("sam", "incident under review", Now.AddDays(1));
        clearance.Expire("system", "overdue", Now.AddDays(2));

        Assert.That(clearance.Status, Is.EqualTo(ClearanceStatus.Suspended));
        Assert.That(clearance.History.Select(h => h.Status), Is.EqualTo(new[] { ClearanceStatus.Active, ClearanceStatus.Suspended }));
    }

    [Test]
    public void IssueCertificate_ActiveThenExpired_IssuedThenRefused()
    {
        var clearance = NewCase().Grant(ClearanceLevel.Secret, "r", null, null, "Agency", new DateOnly(2036, 11, 23), [], Closing(CaseStatuses.Granted));

        var certificate = clearance.IssueCertificate("hash", "sofia", Now);
        clearance.Expire("system", "overdue", Now.AddDays(1));

        Assert.That(clearance.Certificates, Is.EqualTo(new[] { certificate }));
        Assert.Throws<DomainException>(() => clearance.IssueCertificate("hash2", "sofia", Now.AddDays(2)));
    }
}
