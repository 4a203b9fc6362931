using ClearanceWorkflow.Domain;

namespace ClearanceWorkflow.UnitTests.Cases;

/// <summary>The rules the case keeps whatever the workflow definition says.</summary>
public sealed class CaseRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    private static ClearanceCase NewCase(CaseType type = CaseType.Initial, string subject = "alice") => ClearanceCase.Open(
        "CW-2026-000001", type, ClearanceLevel.Secret, "Ministry", subject, "enc1:k1:x", "idx", "clearance", 1,
        Stages.Application, CaseStatuses.InProgress, null, Now);

    private static ClearanceCase InStage(string stage, string status = CaseStatuses.InProgress, CaseType type = CaseType.Initial, string subject = "alice")
    {
        var c = NewCase(type, subject);
        c.Submit(To(stage, status));
        return c;
    }

    private static StageChange To(string stage, string status = CaseStatuses.InProgress, string actor = "system") =>
        new("test", actor, stage, status, null, Now);

    private static Clearance ActiveClearanceOf(string subject) =>
        NewCase(subject: subject).Grant(ClearanceLevel.Secret, "r", null, null, "Agency", new DateOnly(2031, 1, 1), [], To(Stages.Closed, CaseStatuses.Granted));

    private static DomainException Refused(TestDelegate action) => Assert.Throws<DomainException>(action)!;

    private static readonly TimeSpan AnswerPeriod = TimeSpan.FromDays(20);
    private static readonly TimeSpan AppealPeriod = TimeSpan.FromDays(15);

    private static StageChange By(string action, string actor, string stage, string status, DateTime? at = null) => new(action, actor, stage, status, null, at ?? Now);

    /// <summary>A reinvestigation of alice's clearance denied by bob and concurred by sam: a Statement of Reasons is issued.</summary>
    private static ClearanceCase Concurred(Clearance own)
    {
        var c = InStage(Stages.Decision, type: CaseType.PeriodicReinvestigation);
        c.Assign("bob", To(Stages.Decision));
        c.RecordFinding(Guideline.F, Severity.Minor, "s", false, null, null, "bob", Now);
        c.Deny("r", AppealPeriod, By("deny", "bob", Stages.Decision, CaseStatuses.DenialPendingConcurrence));
        c.ConcurWithDenial([own], AnswerPeriod, By("concur", "sam", Stages.DueProcess, CaseStatuses.AwaitingAnswer));
        return c;
    }

    /// <summary>As <see cref="Concurred"/>, then answered, denied again by eve and appealed: the board decides.</summary>
    private static ClearanceCase Appealed(Clearance own)
    {
        var c = Concurred(own);
        c.Answer("resp", true, By("answer", "alice", Stages.DueProcess, CaseStatuses.InProgress, Now.AddDays(1)));
        c.Claim(By("claim", "eve", Stages.DueProcess, CaseStatuses.InProgress, Now.AddDays(2)));
        c.Deny("r2", AppealPeriod, By("deny", "eve", Stages.Appeal, CaseStatuses.AwaitingAppeal, Now.AddDays(3)));
        c.Appeal("grounds", By("appeal", "alice", Stages.Appeal, CaseStatuses.InProgress, Now.AddDays(4)));
        return c;
    }

    [Test]
    public void ConcurWithDenial_IntoDueProcess_IssuesTheStatementUnassignsAndRevokesNothingYet()
    {
        var own = ActiveClearanceOf("alice");
        var c = Concurred(own);

        Assert.That((c.Stage, c.Status, c.AssignedAdjudicator), Is.EqualTo((Stages.DueProcess, CaseStatuses.AwaitingAnswer, (string?)null)));
        Assert.That((c.StatementIssuedAt, c.AnswerDueAt), Is.EqualTo(((DateTime?)Now, (DateTime?)Now.AddDays(20))));
        Assert.That(own.Status, Is.EqualTo(ClearanceStatus.Active), "only the final denial revokes");
    }

    [Test]
    public void Answer_AfterTheDueTime_ConflictAndNothingRecorded()
    {
        var c = Concurred(ActiveClearanceOf("alice"));

        var refused = Refused(() => c.Answer("resp", false, By("answer", "alice", Stages.DueProcess, CaseStatuses.InProgress, Now.AddDays(20).AddTicks(10))));

        Assert.That(refused.Refusal, Is.EqualTo(DomainRefusal.Conflict));
        Assert.That(refused.Message, Does.Contain("answer period ended"));
        Assert.That((c.Status, c.AnsweredAt), Is.EqualTo((CaseStatuses.AwaitingAnswer, (DateTime?)null)));
    }

    [Test]
    public void Assign_InDueProcessToWhoeverTookPartInTheDenial_Forbidden()
    {
        var c = Concurred(ActiveClearanceOf("alice"));

        Assert.That(Refused(() => c.Assign("bob", To(Stages.DueProcess, CaseStatuses.AwaitingAnswer))).Refusal, Is.EqualTo(DomainRefusal.Forbidden));
        Assert.That(Refused(() => c.Assign("sam", To(Stages.DueProcess, CaseStatuses.AwaitingAnswer))).Refusal, Is.EqualTo(DomainRefusal.Forbidden));
        c.Assign("eve", To(Stages.DueProcess, CaseStatuses.AwaitingAnswer));
        Assert.That(c.AssignedAdjudicator, Is.EqualTo("eve"));
    }

    [Test]
    public void CastBoardVote_SecondMatchingVoteDecides_ThenNoMoreVotes()
    {
        var own = ActiveClearanceOf("alice");
        var c = Appealed(own);
        StageChange Vote(string member) => By("board-vote", member, Stages.Appeal, CaseStatuses.InProgress, Now.AddDays(5));

        c.CastBoardVote(BoardVoteChoice.Uphold, "r1", Vote("m1"));
        Assert.That(Refused(() => c.CastBoardVote(BoardVoteChoice.Reverse, "again", Vote("m1"))).Refusal, Is.EqualTo(DomainRefusal.Forbidden));
        c.CastBoardVote(BoardVoteChoice.Reverse, "r2", Vote("m2"));
        Assert.That(c.BoardDecision, Is.Null, "one vote each way decides nothing");
        c.CastBoardVote(BoardVoteChoice.Uphold, "r3", Vote("m3"));

        Assert.That(c.BoardDecision, Is.EqualTo(BoardVoteChoice.Uphold));
        Assert.That(c.DecidingRationaleCipher(), Is.EqualTo("r3"));
        Assert.That(Refused(() => c.CastBoardVote(BoardVoteChoice.Reverse, "late", Vote("m4"))).Refusal, Is.EqualTo(DomainRefusal.Conflict));
        c.UpholdDenial([own], By("uphold-denial", "system", Stages.Closed, CaseStatuses.Denied, Now.AddDays(5)));
        Assert.That((c.Stage, c.Status, own.Status), Is.EqualTo((Stages.Closed, CaseStatuses.Denied, ClearanceStatus.Revoked)));
    }

    [Test]
    public void ReverseDenial_AfterTwoReverseVotes_GrantsTheRequestedLevelOnTheDecidingRationale()
    {
        var c = Appealed(ActiveClearanceOf("alice"));
        c.CastBoardVote(BoardVoteChoice.Reverse, "r1", By("board-vote", "m1", Stages.Appeal, CaseStatuses.InProgress, Now.AddDays(5)));
        Assert.That(Refused(() => c.ReverseDenial("Agency", new DateOnly(2036, 1, 1), [], To(Stages.Closed, CaseStatuses.Granted))).Message, Does.Contain("not reversed"));
        c.CastBoardVote(BoardVoteChoice.Reverse, "r2", By("board-vote", "m2", Stages.Appeal, CaseStatuses.InProgress, Now.AddDays(5)));

        var clearance = c.ReverseDenial("Agency", new DateOnly(2036, 1, 1), [], To(Stages.Closed, CaseStatuses.Granted));

        Assert.That((clearance.Level, c.Status, c.DecisionRationaleCipher), Is.EqualTo((ClearanceLevel.Secret, CaseStatuses.Granted, "r2")));
    }

    [Test]
    public void EndAppealPeriod_BeforeTheDueTime_ConflictAfterItClosesDenied()
    {
        var c = Concurred(ActiveClearanceOf("alice"));
        c.EndAnswerPeriod(By("answer-period-ends", "system", Stages.DueProcess, CaseStatuses.InProgress, Now.AddDays(21)));
        c.Claim(By("claim", "eve", Stages.DueProcess, CaseStatuses.InProgress, Now.AddDays(22)));
        c.Deny("r2", AppealPeriod, By("deny", "eve", Stages.Appeal, CaseStatuses.AwaitingAppeal, Now.AddDays(22)));

        Refused(() => c.EndAppealPeriod([], By("appeal-period-ends", "system", Stages.Closed, CaseStatuses.Denied, Now.AddDays(37))));
        c.EndAppealPeriod([], By("appeal-period-ends", "system", Stages.Closed, CaseStatuses.Denied, Now.AddDays(37).AddSeconds(1)));

        Assert.That((c.Stage, c.Status, c.AppealDueAt), Is.EqualTo((Stages.Closed, CaseStatuses.Denied, (DateTime?)Now.AddDays(37))));
    }

    [Test]
    public void RecordFinding_ByAnyoneButTheAssignedAdjudicator_Forbidden()
    {
        var c = InStage(Stages.Review);
        c.Assign("bob", To(Stages.Review));
        var refused = Refused(() => c.RecordFinding(Guideline.F, Severity.Minor, "s", false, null, null, "carol", Now));
        Assert.That(refused.Refusal, Is.EqualTo(DomainRefusal.Forbidden));
        Assert.That(c.Findings, Is.Empty);
        Assert.That(c.RecordFinding(Guideline.F, Severity.Minor, "s", false, null, null, "bob", Now).RecordedBy, Is.EqualTo("bob"));
    }

    [Test]
    public void Assign_TheSubject_InvalidAdjudicator()
    {
        var c = InStage(Stages.Review);
        var refused = Refused(() => c.Assign("alice", To(Stages.Review)));
        Assert.That((refused.Refusal, refused.Field), Is.EqualTo((DomainRefusal.Invalid, "adjudicatorId")));
        Assert.That(c.AssignedAdjudicator, Is.Null);
    }

    [Test]
    public void Assign_ClosedCase_Conflict()
    {
        var c = InStage(Stages.Closed, CaseStatuses.Withdrawn);
        Assert.That(Refused(() => c.Assign("bob", To(Stages.Closed, CaseStatuses.Withdrawn))).Refusal, Is.EqualTo(DomainRefusal.Conflict));
    }

    [Test]
    public void Claim_AlreadyAssigned_ConflictAndAssignmentKept()
    {
        var c = InStage(Stages.Review);
        c.Claim(To(Stages.Review, actor: "bob"));
        Assert.That(Refused(() => c.Claim(To(Stages.Review, actor: "carol"))).Refusal, Is.EqualTo(DomainRefusal.Conflict));
        Assert.That(c.AssignedAdjudicator, Is.EqualTo("bob"));
    }

    [Test]
    public void UpdateQuestionnaire_AfterApplication_Conflict()
    {
        var c = InStage(Stages.BackgroundCheck);
        Assert.Throws<DomainException>(c.EnsureQuestionnaireCanChange);
        Assert.Throws<DomainException>(() => c.UpdateQuestionnaire("q", Now));
        Assert.That(c.QuestionnaireCipher, Is.Null);
        Assert.DoesNotThrow(NewCase().EnsureQuestionnaireCanChange);
    }

    [Test]
    public void RecordCheckResult_OutsideBackgroundCheck_ConflictBeforeLookingForTheCheck()
    {
        var c = NewCase();
        var refused = Refused(() => c.RecordCheckResult("no-such-kind", CheckOutcome.Clear, "s", null, "ivan", Now));
        Assert.That(refused.Refusal, Is.EqualTo(DomainRefusal.Conflict));
        Assert.That(c.AcceptsCheckResult("identity"), Is.False);
    }

    [Test]
    public void RecordCheckResult_UnknownKind_NotFound()
    {
        var c = InStage(Stages.BackgroundCheck);
        c.StartInvestigation(Now);
        Assert.That(Refused(() => c.RecordCheckResult("no-such-kind", CheckOutcome.Clear, "s", null, "ivan", Now)).Refusal, Is.EqualTo(DomainRefusal.NotFound));
    }

    [Test]
    public void RecordCheckResult_Twice_SecondRefusedAndNoLongerAccepted()
    {
        var c = InStage(Stages.BackgroundCheck);
        var kind = c.StartInvestigation(Now)[0].Kind;
        Assert.That(c.AcceptsCheckResult(kind), Is.True);
        c.RecordCheckResult(kind, CheckOutcome.Clear, "s", null, "system", Now);
        Assert.That(Refused(() => c.RecordCheckResult(kind, CheckOutcome.Flagged, "s", null, "ivan", Now)).Message, Does.Contain("already complete"));
        Assert.That(c.AcceptsCheckResult(kind), Is.False);
        Assert.That(c.Check(kind).Status, Is.EqualTo(CheckStatus.Clear));
    }

    [Test]
    public void Grant_SubjectHasAnActiveClearance_ItIsSupersededAndOthersAreLeftAlone()
    {
        var own = ActiveClearanceOf("alice");
        var someoneElses = ActiveClearanceOf("zoe");
        var c = InStage(Stages.Decision);
        c.Grant(ClearanceLevel.Secret, "r", null, null, "Agency", new DateOnly(2036, 1, 1), [own, someoneElses], To(Stages.Closed, CaseStatuses.Granted));
        Assert.That(own.Status, Is.EqualTo(ClearanceStatus.Expired));
        Assert.That(someoneElses.Status, Is.EqualTo(ClearanceStatus.Active));
    }

    [TestCase(CaseType.PeriodicReinvestigation, ExpectedResult = ClearanceStatus.Revoked)]
    [TestCase(CaseType.Initial, ExpectedResult = ClearanceStatus.Active)]
    public ClearanceStatus ConcurWithDenial_CaseType_RevokesOnlyForAReinvestigation(CaseType type)
    {
        var own = ActiveClearanceOf("alice");
        var c = InStage(Stages.Decision, CaseStatuses.DenialPendingConcurrence, type);
        c.ConcurWithDenial([own], AnswerPeriod, To(Stages.Closed, CaseStatuses.Denied, actor: "sam"));
        return own.Status;
    }

    private static Clearance WithInterim(ClearanceCase c, ClearanceLevel level = ClearanceLevel.Secret) =>
        c.GrantInterim(level, "enc1:k1:why", "Agency", new DateOnly(2036, 1, 1), [], To(c.Stage, actor: "adam"));

    [Test]
    public void GrantInterim_AboveTheRequestedLevel_InvalidLevel()
    {
        var c = InStage(Stages.BackgroundCheck);
        var refused = Refused(() => WithInterim(c, ClearanceLevel.TopSecret));
        Assert.That((refused.Refusal, refused.Field), Is.EqualTo((DomainRefusal.Invalid, "level")));
        Assert.That(c.IssuedClearance, Is.Null);
    }

    [Test]
    public void GrantInterim_ContinuousEvaluationCase_ConflictAndNoClearance()
    {
        var c = InStage(Stages.Review, type: CaseType.ContinuousEvaluation);
        Assert.That(Refused(() => WithInterim(c)).Refusal, Is.EqualTo(DomainRefusal.Conflict));
        Assert.That(c.IssuedClearance, Is.Null);
    }

    [Test]
    public void GrantInterim_WhileOneIsInForce_ConflictButAgainOnceWithdrawn()
    {
        var c = InStage(Stages.BackgroundCheck);
        var interim = WithInterim(c);
        Assert.That(Refused(() => WithInterim(c)).Refusal, Is.EqualTo(DomainRefusal.Conflict));
        c.WithdrawInterim("enc1:k1:why", To(c.Stage, actor: "sam"));
        Assert.That(Refused(() => c.WithdrawInterim("enc1:k1:why", To(c.Stage))).Refusal, Is.EqualTo(DomainRefusal.Conflict));

        Assert.That(WithInterim(c, ClearanceLevel.Confidential), Is.SameAs(interim));
        Assert.That(interim.History.Select(h => (h.Status, h.Actor)), Is.EqualTo(new[]
        {
            (ClearanceStatus.Interim, "adam"), (ClearanceStatus.Withdrawn, "sam"), (ClearanceStatus.Interim, "adam"),
        }));
        Assert.That(interim.Level, Is.EqualTo(ClearanceLevel.Confidential));
    }

    [Test]
    public void Grant_AfterInterim_TheInterimClearanceBecomesActiveAtTheGrantedLevel()
    {
        var c = InStage(Stages.BackgroundCheck);
        var interim = WithInterim(c);
        Assert.That(interim.InvestigationClosedOn, Is.Null);
        c.Submit(To(Stages.Decision));

        var granted = c.Grant(ClearanceLevel.Confidential, "r", null, null, "Agency", new DateOnly(2041, 1, 1), [], To(Stages.Closed, CaseStatuses.Granted));

        Assert.That(granted, Is.SameAs(interim));
        Assert.That((granted.Status, granted.Level, granted.ReinvestigationDueOn), Is.EqualTo((ClearanceStatus.Active, ClearanceLevel.Confidential, new DateOnly(2041, 1, 1))));
        Assert.That(granted.InvestigationClosedOn, Is.Not.Null);
    }

    [TestCase(CaseStatuses.Denied, "the case closed Denied")]
    [TestCase(CaseStatuses.Withdrawn, "the case was withdrawn")]
    public void Close_OtherwiseThanGranted_WithdrawsTheInterimClearance(string status, string reason)
    {
        var c = InStage(Stages.Review);
        var interim = WithInterim(c);

        c.Withdraw("enc1:k1:reason", To(Stages.Closed, status, actor: "zoe"));

        Assert.That(interim.Status, Is.EqualTo(ClearanceStatus.Withdrawn));
        Assert.That((interim.History[^1].Actor, interim.History[^1].Reason), Is.EqualTo(("zoe", reason)));
    }

    [Test]
    public void ConcurWithDenial_NoDenialPending_Conflict()
    {
        var c = InStage(Stages.Decision);
        Assert.Throws<DomainException>(() => c.ConcurWithDenial([], AnswerPeriod, To(Stages.Closed, CaseStatuses.Denied)));
    }

    [TestCase("alice", false, ExpectedResult = true)]
    [TestCase("alice", true, ExpectedResult = false)]
    [TestCase("bob", false, ExpectedResult = false)]
    public bool IsConflictOfInterest_SubjectOnlyTakesApplicantActions(string actor, bool applicantAction) =>
        NewCase().IsConflictOfInterest(actor, applicantAction);

    [Test]
    public void ScheduleInterview_InThePast_InvalidAndNothingRecorded()
    {
        var c = InStage(Stages.Review);
        var refused = Refused(() => c.ScheduleInterview(Now, "loc", To(Stages.Interview)));
        Assert.That((refused.Refusal, refused.Field), Is.EqualTo((DomainRefusal.Invalid, "scheduledAt")));
        Assert.That(c.InterviewScheduledAt, Is.Null);
    }

    [Test]
    public void CompleteInterview_NoneScheduled_Conflict()
    {
        var c = InStage(Stages.Interview);
        Assert.Throws<DomainException>(() => c.CompleteInterview("s", To(Stages.Decision)));
        c.ScheduleInterview(Now.AddDays(1), "loc", To(Stages.Interview));
        c.CompleteInterview("s", To(Stages.Interview));
        Assert.Throws<DomainException>(() => c.CompleteInterview("s", To(Stages.Decision)), "only once");
    }

    [Test]
    public void Withdraw_ClosedCase_ConflictAndNoEvent()
    {
        var c = InStage(Stages.Closed, CaseStatuses.Withdrawn);
        Assert.Throws<DomainException>(() => c.Withdraw("r", To(Stages.Closed, CaseStatuses.Withdrawn)));
        Assert.That(c.Events, Has.Count.EqualTo(2));
    }

    [Test]
    public void ReferToDecision_InterviewRequired_ConflictAndStageKept()
    {
        var c = InStage(Stages.Review);
        c.Assign("bob", To(Stages.Review));
        c.RecordFinding(Guideline.F, Severity.Serious, "s", false, null, null, "bob", Now);
        Assert.Throws<DomainException>(() => c.ReferToDecision(To(Stages.Decision)));
        Assert.That(c.Stage, Is.EqualTo(Stages.Review));
    }

    [Test]
    public void Deny_WithFindings_RecordsTheEventWithTheDefinitionsTarget()
    {
        var c = InStage(Stages.Decision);
        c.Assign("bob", To(Stages.Decision));
        c.RecordFinding(Guideline.F, Severity.Minor, "s", false, null, null, "bob", Now);
        c.Deny("r", AppealPeriod, new StageChange("deny", "bob", Stages.Decision, CaseStatuses.DenialPendingConcurrence, null, Now));
        Assert.That((c.Stage, c.Status), Is.EqualTo((Stages.Decision, CaseStatuses.DenialPendingConcurrence)));
        Assert.That((c.Events[^1].Action, c.Events[^1].Actor), Is.EqualTo(("deny", "bob")));
    }

    [Test]
    public void CompleteInvestigation_ChecksStillOpen_EndUnableAsGaps()
    {
        var c = InStage(Stages.BackgroundCheck);
        var kind = c.StartInvestigation(Now)[0].Kind;
        c.RecordCheckResult(kind, CheckOutcome.Clear, "s", null, "system", Now);
        c.CompleteInvestigation("gap", To(Stages.Review, actor: "ivan"));
        Assert.That(c.Check(kind).Status, Is.EqualTo(CheckStatus.Clear));
        Assert.That(c.Checks.Where(k => k.Kind != kind), Has.All.Property(nameof(InvestigationCheck.Status)).EqualTo(CheckStatus.Unable));
        Assert.That(c.InvestigationClosedAt, Is.EqualTo(Now));
    }

    [TestCase(9)]
    [TestCase(121)]
    public void WholePersonFactors_AgeOutsideTenTo120_RefusedNamingTheField(int age)
    {
        var refused = Refused(() => _ = new WholePersonFactors(ConductRecency.WithinOneYear, ConductFrequency.Isolated, age, RehabilitationLevel.None, RecurrenceLikelihood.High));
        Assert.That(refused.Refusal, Is.EqualTo(DomainRefusal.Invalid));
        Assert.That(refused.Field, Is.EqualTo("wholePerson.ageAtConduct"));
        Assert.That(new WholePersonFactors(ConductRecency.WithinOneYear, ConductFrequency.Isolated, age is 9 ? 10 : 120, RehabilitationLevel.None, RecurrenceLikelihood.High).AgeAtConduct, Is.InRange(10, 120));
    }
}
