namespace ClearanceWorkflow.Domain;

/// <summary>
/// A clearance case: the aggregate that owns every change of stage and status. Which change is allowed
/// when is decided by the workflow definition; this class keeps the invariants that hold whatever the
/// definition says. Personal data arrives and leaves encrypted (the *Cipher properties).
/// </summary>
public sealed class ClearanceCase
{
    private readonly List<CaseEvent> _events = [];
    private readonly List<InvestigationCheck> _checks = [];
    private readonly List<Finding> _findings = [];
    private readonly List<InformationRequest> _informationRequests = [];
    private readonly List<BoardVote> _boardVotes = [];

    private ClearanceCase()
    {
        Reference = Sponsor = SubjectId = PersonalDataCipher = NationalIdIndex = WorkflowName = Stage = Status = string.Empty;
    }

    public Guid Id { get; private set; }
    public string Reference { get; private set; }
    public CaseType Type { get; private set; }
    public ClearanceLevel RequestedLevel { get; private set; }
    public string Sponsor { get; private set; }

    /// <summary>The subject's user id (the token's <c>sub</c>).</summary>
    public string SubjectId { get; private set; }

    /// <summary>The subject's identity document (names, date of birth, identifiers, email), encrypted.</summary>
    public string PersonalDataCipher { get; private set; }

    /// <summary>Keyed blind index of the national identifier, for lookups without decryption.</summary>
    public string NationalIdIndex { get; private set; }

    public string? QuestionnaireCipher { get; private set; }
    public DateTime? QuestionnaireUpdatedAt { get; private set; }

    public string WorkflowName { get; private set; }
    public int WorkflowVersion { get; private set; }
    public string Stage { get; private set; }
    public string Status { get; private set; }
    public DateTime StageEnteredAt { get; private set; }
    public string? AssignedAdjudicator { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? SubmittedAt { get; private set; }
    public DateTime? InvestigationClosedAt { get; private set; }

    public DateTime? InterviewScheduledAt { get; private set; }
    public string? InterviewLocationCipher { get; private set; }
    public string? InterviewSummaryCipher { get; private set; }
    public DateTime? InterviewCompletedAt { get; private set; }

    public string? DecisionRationaleCipher { get; private set; }
    public DateTime? ClosedAt { get; private set; }

    /// <summary>Due process: when the Statement of Reasons was issued (the denial concurred), and when the answer is due.</summary>
    public DateTime? StatementIssuedAt { get; private set; }

    /// <summary>The Statement of Reasons the applicant answers: the concurred denial's rationale, and the guidelines of the findings not mitigated (letters, comma-separated).</summary>
    public string? StatementReasonsCipher { get; private set; }
    public string? StatementGuidelines { get; private set; }
    public DateTime? AnswerDueAt { get; private set; }
    public DateTime? AnsweredAt { get; private set; }
    public string? AnswerCipher { get; private set; }
    public bool? HearingRequested { get; private set; }

    /// <summary>The final denial after due process may be appealed until <see cref="AppealDueAt"/>.</summary>
    public DateTime? AppealDueAt { get; private set; }
    public DateTime? AppealedAt { get; private set; }
    public string? AppealGroundsCipher { get; private set; }

    /// <summary>When the current stage's SLA runs out; null for stages without one and for closed cases.</summary>
    public DateTime? DueAt { get; private set; }

    /// <summary>The current stage's SLA has been breached.</summary>
    public bool Overdue { get; private set; }

    /// <summary>The clearance a ContinuousEvaluation case evaluates; null for other types.</summary>
    public Guid? ClearanceId { get; private set; }

    /// <summary>That clearance, loaded with the case: a decision on the case settles it.</summary>
    public Clearance? Clearance { get; private set; }

    /// <summary>The guideline of the incident or alert that opened a ContinuousEvaluation case.</summary>
    public Guideline? IncidentGuideline { get; private set; }

    /// <summary>What was reported, encrypted.</summary>
    public string? IncidentSummaryCipher { get; private set; }

    /// <summary>Optimistic concurrency token, raised by every change.</summary>
    public int Version { get; private set; }

    /// <summary>
    /// The events loaded with the case and those added since. A step needs only the latest (the next
    /// event's sequence follows it), so that may be all; the case's full history is read where it is shown.
    /// </summary>
    public IReadOnlyList<CaseEvent> Events => _events;
    public IReadOnlyList<InvestigationCheck> Checks => _checks;
    public IReadOnlyList<Finding> Findings => _findings;
    /// <summary>The information requests loaded with the case (at least the open ones) and those added since.</summary>
    public IReadOnlyList<InformationRequest> InformationRequests => _informationRequests;

    /// <summary>The request for information the applicant has still to answer, if any.</summary>
    public InformationRequest? OpenInformationRequest => _informationRequests.Find(r => r.AnsweredAt is null);
    public IReadOnlyList<BoardVote> BoardVotes => _boardVotes;

    /// <summary>What the appeal board decided: the choice of the second matching vote; null until then.</summary>
    public BoardVoteChoice? BoardDecision =>
        _boardVotes.GroupBy(v => v.Vote).Where(g => g.Count() >= 2).Select(g => (BoardVoteChoice?)g.Key).FirstOrDefault();

    /// <summary>
    /// The clearance this case issued: the interim one while the case is open (in force or withdrawn), the same
    /// record made Active by the final grant; null when it issued none. One per case.
    /// </summary>
    public Clearance? IssuedClearance { get; private set; }

    /// <summary>The case's interim clearance is in force.</summary>
    public bool InterimInForce => IssuedClearance?.Status == ClearanceStatus.Interim;

    public bool IsClosed => Stage == Stages.Closed;

    public InvestigationTier Tier => Investigation.TierFor(RequestedLevel);

    /// <summary>The subject interview is required for TopSecret and for any unmitigated finding of Moderate or worse.</summary>
    public bool InterviewRequired =>
        RequestedLevel == ClearanceLevel.TopSecret || _findings.Exists(f => f.RequiresInterview);

    /// <summary>Marks the SLA of the stage entered at <paramref name="stageEnteredAt"/> breached. False when the case has moved on since, or is already overdue.</summary>
    public bool MarkOverdue(string stage, DateTime stageEnteredAt, DateTime now)
    {
        if (Stage != stage || StageEnteredAt != stageEnteredAt || Overdue || DueAt is null || now < DueAt)
        {
            return false;
        }

        Overdue = true;
        Touch(now);
        return true;
    }

    public static ClearanceCase Open(
        string reference,
        CaseType type,
        ClearanceLevel level,
        string sponsor,
        string subjectId,
        string personalDataCipher,
        string nationalIdIndex,
        string workflowName,
        int workflowVersion,
        string initialStage,
        string initialStatus,
        TimeSpan? initialStageSla,
        DateTime now,
        string? openedBy = null)
    {
        var c = new ClearanceCase
        {
            Id = Guid.NewGuid(),
            Reference = reference,
            Type = type,
            RequestedLevel = level,
            Sponsor = sponsor,
            SubjectId = subjectId,
            PersonalDataCipher = personalDataCipher,
            NationalIdIndex = nationalIdIndex,
            WorkflowName = workflowName,
            WorkflowVersion = workflowVersion,
            Stage = initialStage,
            Status = initialStatus,
            StageEnteredAt = now,
            DueAt = initialStageSla is { } sla ? now + sla : null,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var opening = type switch
        {
            CaseType.Initial => "apply",
            CaseType.PeriodicReinvestigation => "open-reinvestigation",
            _ => OpenContinuousEvaluationAction,
        };
        c._events.Add(new CaseEvent(c.Id, 1, opening, openedBy ?? subjectId, now, initialStage, initialStage, initialStatus, initialStatus));
        return c;
    }

    /// <summary>The first event of a ContinuousEvaluation case, under whoever reported the incident (the system for a vetting alert).</summary>
    public const string OpenContinuousEvaluationAction = "open-continuous-evaluation";

    /// <summary>
    /// A ContinuousEvaluation case on a clearance still held (Active or Suspended), opened by an incident report or
    /// a vetting alert in <paramref name="stage"/> (review): the subject and level are the clearance's.
    /// </summary>
    public static ClearanceCase OpenContinuousEvaluation(
        string reference, Clearance clearance, Guideline guideline, string summaryCipher, string actor,
        string workflowName, int workflowVersion, string stage, string status, TimeSpan? stageSla, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(clearance);
        clearance.EnsureOpenToIncidents();
        var c = Open(
            reference, CaseType.ContinuousEvaluation, clearance.Level, clearance.GrantingAgency, clearance.SubjectId,
            clearance.PersonalDataCipher, clearance.NationalIdIndex, workflowName, workflowVersion, stage, status, stageSla, now, actor);
        c.ClearanceId = clearance.Id;
        c.Clearance = clearance;
        c.IncidentGuideline = guideline;
        c.IncidentSummaryCipher = summaryCipher;
        return c;
    }

    /// <summary>The subject of a case never acts on it as staff, whatever roles they hold: only actions meant for applicants (conflict of interest).</summary>
    public bool IsConflictOfInterest(string actor, bool applicantAction) => actor == SubjectId && !applicantAction;

    /// <summary>The questionnaire changes only while the case is in stage <c>application</c>.</summary>
    public void EnsureQuestionnaireCanChange()
    {
        if (Stage != Stages.Application)
        {
            throw new DomainException($"the questionnaire can only change in stage '{Stages.Application}'; the case is in '{Stage}'");
        }
    }

    public void UpdateQuestionnaire(string questionnaireCipher, DateTime now)
    {
        EnsureQuestionnaireCanChange();
        QuestionnaireCipher = questionnaireCipher;
        QuestionnaireUpdatedAt = now;
        Touch(now);
    }

    /// <summary>
    /// Moves the case where the definition sends it and records who did what; every action method ends here.
    /// A new stage starts its SLA afresh.
    /// </summary>
    private void Move(StageChange change, string? assignee = null)
    {
        var (toStage, toStatus, now) = (change.ToStage, change.ToStatus, change.At);
        var fromStage = Stage;
        var fromStatus = Status;
        _events.Add(new CaseEvent(Id, NextEventSequence(), change.Action, change.Actor, now, fromStage, toStage, fromStatus, toStatus, assignee));
        if (fromStage != toStage)
        {
            Stage = toStage;
            // Each stage is entered after the one before, whatever this node's clock reads (clocks of nodes differ, and
            // one can step back): the SLA timers tell a case's visits apart by this instant, the later one winning.
            // A microsecond, the coarsest precision a database keeps it in.
            StageEnteredAt = now > StageEnteredAt ? now : StageEnteredAt.AddTicks(TimeSpan.TicksPerMicrosecond);
            if (fromStage == Stages.Application)
            {
                SubmittedAt ??= now;
            }

            if (fromStage == Stages.BackgroundCheck)
            {
                InvestigationClosedAt ??= now;
            }

            if (toStage == Stages.Closed)
            {
                ClosedAt = now;
                SettleClearance(change);
            }

            DueAt = change.ToStageSla is { } sla ? StageEnteredAt + sla : null;
            Overdue = false;
        }

        Status = toStatus;
        // However the case closes: a grant has already made its interim clearance Active; any other ending withdraws it.
        if (toStage == Stages.Closed && InterimInForce)
        {
            IssuedClearance!.WithdrawInterim(change.Actor, toStatus == CaseStatuses.Withdrawn ? "the case was withdrawn" : $"the case closed {toStatus}", null, now);
        }

        Touch(now);
    }

    /// <summary>
    /// Whether another ContinuousEvaluation case on this case's clearance is still open, as read with the case
    /// (<see cref="ReadWithCase"/>): its suspension outlives this case's favourable end. Not stored.
    /// </summary>
    public bool OtherEvaluationOpen { get; private set; }

    /// <summary>Whether a clearance of the subject was Suspended, as read with the case (<see cref="ReadWithCase"/>): no interim eligibility then. Not stored.</summary>
    public bool SubjectClearanceSuspended { get; private set; }

    /// <summary>
    /// While a clearance of the subject is suspended, a case other than its evaluation grants nothing, interim or final,
    /// and its appeal board takes no vote to reverse (a reversal grants): a suspension ends in reinstatement or revocation.
    /// </summary>
    public bool SuspensionBlocksGrant => SubjectClearanceSuspended && Type != CaseType.ContinuousEvaluation;

    /// <summary>Why, in the words the guard and the aggregate give.</summary>
    public const string SuspendedSubject = "the subject's clearance is suspended pending an evaluation: nothing is granted on another case, nor is a denial reversed on appeal, until it ends";

    /// <summary>409 while a clearance of the subject, among those read under the subject's lock, is suspended.</summary>
    private void EnsureNoSuspension(IEnumerable<Clearance> subjectClearances)
    {
        if (subjectClearances.Any(x => x.SubjectId == SubjectId && x.Status == ClearanceStatus.Suspended))
        {
            throw new DomainException(SuspendedSubject);
        }
    }

    /// <summary>The loader tells the case what it read with it: the other evaluations of its clearance, the subject's clearances.</summary>
    public void ReadWithCase(bool otherEvaluationOpen, bool subjectClearanceSuspended)
    {
        OtherEvaluationOpen = otherEvaluationOpen;
        SubjectClearanceSuspended = subjectClearanceSuspended;
    }

    /// <summary>
    /// The closing path of a ContinuousEvaluation case, whichever action closes it: closed Granted keeps the clearance
    /// (reinstated if suspended, unless another evaluation of it is still open: the last to end favourably reinstates
    /// it), closed Denied revokes it. A clearance no longer held (expired meanwhile) is left alone.
    /// </summary>
    private void SettleClearance(StageChange change)
    {
        if (Type != CaseType.ContinuousEvaluation)
        {
            return;
        }

        var clearance = Clearance ?? throw new InvalidOperationException("a ContinuousEvaluation case is loaded with its clearance");
        if (change.ToStatus == CaseStatuses.Granted && clearance.Status == ClearanceStatus.Suspended && !OtherEvaluationOpen)
        {
            clearance.Reinstate(change.Actor, $"reinstated by case {Reference}", change.At);
        }
        else if (change.ToStatus == CaseStatuses.Denied && clearance.Status is ClearanceStatus.Active or ClearanceStatus.Suspended)
        {
            clearance.Revoke(change.Actor, $"revoked by case {Reference}", change.At);
        }
    }

    /// <summary>
    /// A ContinuousEvaluation case suspends the clearance it evaluates, pending its decision, and with it the subject's
    /// interim eligibility in force (<see cref="Clearance.SuspendWithInterims"/>); the reason is kept encrypted in the
    /// clearance's history. Returns the interims withdrawn.
    /// </summary>
    public IReadOnlyList<Clearance> SuspendClearance(string reasonCipher, IEnumerable<Clearance> subjectClearances, StageChange change)
    {
        EnsureOpen();
        var clearance = EvaluatedClearance("suspend");
        var withdrawn = clearance.SuspendWithInterims(subjectClearances, change.Actor, $"suspended by case {Reference}", change.At, reasonCipher);
        Move(change);
        return withdrawn;
    }

    /// <summary>Ends a ContinuousEvaluation case in the subject's favour, after the interview where one is required, as a grant; closing reinstates the clearance.</summary>
    public void Reinstate(string rationaleCipher, IEnumerable<Clearance> subjectClearances, StageChange change)
    {
        EnsureOpen();
        // From review or interview too, unlike a grant, which only decision reaches.
        if (InterviewOutstanding)
        {
            throw new DomainException(InterviewBeforeDecision);
        }

        var evaluated = EvaluatedClearance("reinstate");
        EndIfReplaced(evaluated, subjectClearances, change);
        KeepWithException(evaluated, null, null, change.At);
        DecisionRationaleCipher = rationaleCipher;
        Move(change);
    }

    /// <summary>
    /// A subject holds one active clearance. A database from before grants were refused during a suspension may hold a
    /// newer one granted while the evaluated clearance was suspended: a favourable end then supersedes the evaluated
    /// clearance instead of reinstating it.
    /// </summary>
    private void EndIfReplaced(Clearance evaluated, IEnumerable<Clearance> subjectClearances, StageChange change)
    {
        if (evaluated.Status == ClearanceStatus.Suspended && ActiveOfSubject(subjectClearances).Any(c => c.Id != evaluated.Id))
        {
            evaluated.Supersede(change.Actor, change.At);
        }
    }

    /// <summary>
    /// A favourable end of an evaluation keeps the clearance with the exception it carries: the one the adjudicator names,
    /// else the one the evaluation's own record implies (<see cref="InherentException"/>). It replaces the clearance's
    /// earlier exception; with neither, that one stands. A clearance no longer held (revoked by another case, superseded,
    /// expired) is left alone.
    /// </summary>
    private void KeepWithException(Clearance evaluated, ExceptionType? named, string? detailsCipher, DateTime now)
    {
        if ((named ?? InherentException) is { } exception && evaluated.Status is ClearanceStatus.Active or ClearanceStatus.Suspended)
        {
            evaluated.RecordException(exception, named is null ? null : detailsCipher, now);
        }
    }

    /// <summary>Whether the clearance a ContinuousEvaluation case evaluates can be suspended: only an active one can.</summary>
    public bool EvaluatedClearanceActive => Type == CaseType.ContinuousEvaluation && EvaluatedClearance("suspend").Status == ClearanceStatus.Active;

    private Clearance EvaluatedClearance(string action) => Type == CaseType.ContinuousEvaluation
        ? Clearance ?? throw new InvalidOperationException("a ContinuousEvaluation case is loaded with its clearance")
        : throw new DomainException($"'{action}' applies only to a ContinuousEvaluation case; this one is {Type}");

    /// <summary>Creates the checks of the case's tier, all Pending. Running it again adds nothing.</summary>
    public IReadOnlyList<InvestigationCheck> StartInvestigation(DateTime now)
    {
        foreach (var kind in Investigation.KindsFor(Tier))
        {
            if (!_checks.Exists(c => c.Kind == kind))
            {
                _checks.Add(new InvestigationCheck(Id, kind));
            }
        }

        Touch(now);
        return _checks;
    }

    public InvestigationCheck Check(string kind) =>
        _checks.Find(c => c.Kind == kind) ?? throw new DomainException($"the case has no '{kind}' check");

    /// <summary>
    /// The exception a grant carries when the adjudicator names none: a deviation over a gap in the investigation (a check
    /// Unable), else a waiver despite a Serious finding not mitigated. Partners must learn of either (<c>hasException</c>).
    /// </summary>
    public ExceptionType? InherentException =>
        _checks.Exists(k => k.Status == CheckStatus.Unable) ? ExceptionType.Deviation
        : _findings.Exists(f => !f.Mitigated && f.Severity == Severity.Serious) ? ExceptionType.Waiver
        : null;

    public bool AllChecksTerminal => _checks.Count > 0 && _checks.TrueForAll(c => c.Status.IsTerminal());

    /// <summary>Closes the investigation with gaps: every check not yet terminal ends Unable.</summary>
    public void CloseRemainingChecksAsGaps(string actor, string reasonCipher, DateTime now)
    {
        foreach (var check in _checks.Where(c => !c.Status.IsTerminal()))
        {
            check.Complete(CheckOutcome.Unable, reasonCipher, null, actor, now);
        }

        Touch(now);
    }

    /// <summary>Whether a result for the <paramref name="kind"/> check is wanted now.</summary>
    public bool AcceptsCheckResult(string kind) => CheckResultRefusal(kind, out _) is null;

    public InvestigationCheck RecordCheckResult(string kind, CheckOutcome outcome, string summaryCipher, string? providerReference, string actor, DateTime now)
    {
        if (CheckResultRefusal(kind, out var check) is { } refusal)
        {
            throw refusal;
        }

        check!.Complete(outcome, summaryCipher, providerReference, actor, now);
        // A change of the case: two results recorded at once conflict on its version, so the one that sees every check done never misses the other.
        Touch(now);
        return check;
    }

    /// <summary>Why no result for the check can be recorded now, or null. The stage first: before background-check the checks do not exist yet, and that is "not now", not "no such check".</summary>
    private DomainException? CheckResultRefusal(string kind, out InvestigationCheck? check)
    {
        check = null;
        if (Stage != Stages.BackgroundCheck)
        {
            return new DomainException($"check results are recorded in stage '{Stages.BackgroundCheck}'; the case is in '{Stage}'");
        }

        check = _checks.Find(c => c.Kind == kind);
        if (check is null)
        {
            return new DomainException($"case {Id} has no '{kind}' check", DomainRefusal.NotFound);
        }

        return check.Status.IsTerminal()
            ? new DomainException($"the '{check.Kind}' check is already complete ({check.Status})")
            : null;
    }

    /// <summary>The applicant submits the questionnaire (the definition's guard checked it is complete). Leaving <c>application</c> records when.</summary>
    public void Submit(StageChange change)
    {
        EnsureOpen();
        Move(change);
    }

    /// <summary>The investigation ends; checks not yet terminal end Unable, as gaps, with the given reason.</summary>
    public void CompleteInvestigation(string gapReasonCipher, StageChange change)
    {
        EnsureOpen();
        if (!AllChecksTerminal)
        {
            CloseRemainingChecksAsGaps(change.Actor, gapReasonCipher, change.At);
        }

        Move(change);
    }

    /// <summary>The acting adjudicator takes the case from the queue.</summary>
    public void Claim(StageChange change)
    {
        EnsureOpen();
        if (AssignedAdjudicator is not null)
        {
            throw new DomainException("the case is already assigned to an adjudicator");
        }

        AssignTo(change.Actor);
        Move(change, change.Actor);
    }

    /// <summary>A senior adjudicator (re)assigns the case. The subject never adjudicates their own case.</summary>
    public void Assign(string adjudicator, StageChange change)
    {
        EnsureOpen();
        AssignTo(adjudicator);
        Move(change, adjudicator);
    }

    private void AssignTo(string adjudicator)
    {
        if (adjudicator == SubjectId)
        {
            throw new DomainException("the subject of a case cannot adjudicate it", DomainRefusal.Invalid, "adjudicatorId");
        }

        if (Stage == Stages.DueProcess && TookPartInDenial(adjudicator))
        {
            throw new DomainException("an adjudicator who took part in the denial (denied, concurred or declined to) cannot decide the case in due process", DomainRefusal.Forbidden);
        }

        AssignedAdjudicator = adjudicator;
    }

    /// <summary>Whether the person denied the case, concurred with the denial or declined to: moved its status into or out of <c>DenialPendingConcurrence</c>.</summary>
    public bool TookPartInDenial(string person) => _events.Exists(e =>
        e.Actor == person && e.FromStatus != e.ToStatus
        && (e.ToStatus == CaseStatuses.DenialPendingConcurrence || e.FromStatus == CaseStatuses.DenialPendingConcurrence));

    /// <summary>Whether a case in this stage and status takes findings: in review, interview or decision, and not while a denial awaits concurrence.</summary>
    public static bool TakesFindings(string stage, string status) =>
        stage is Stages.Review or Stages.Interview or Stages.Decision && status != CaseStatuses.DenialPendingConcurrence;

    /// <summary>Only the assigned adjudicator records findings, in review, interview or decision, and not while a denial awaits concurrence.</summary>
    public Finding RecordFinding(Guideline guideline, Severity severity, string summaryCipher, bool mitigated, string? mitigationCipher, string? wholePersonCipher, string actor, DateTime now)
    {
        if (AssignedAdjudicator != actor)
        {
            throw new DomainException("only the adjudicator assigned to the case may record findings", DomainRefusal.Forbidden);
        }

        if (!TakesFindings(Stage, Status))
        {
            throw new DomainException($"findings can be recorded in review, interview or decision, not in '{Stage}' ({Status})");
        }

        var finding = new Finding(Id, guideline, severity, summaryCipher, mitigated, mitigationCipher, wholePersonCipher, actor, now);
        _findings.Add(finding);
        Touch(now);
        return finding;
    }

    /// <summary>The adjudicator asks the applicant questions.</summary>
    public InformationRequest RequestInformation(string questionsCipher, StageChange change)
    {
        EnsureOpen();
        var request = new InformationRequest(Id, questionsCipher, change.Actor, change.At);
        _informationRequests.Add(request);
        Move(change);
        return request;
    }

    /// <summary>The applicant answers the open request for information.</summary>
    public void ProvideInformation(string answersCipher, StageChange change)
    {
        EnsureOpen();
        var open = OpenInformationRequest ?? throw new DomainException("there is no open request for information");
        open.Answer(answersCipher, change.At);
        Move(change);
    }

    public void ScheduleInterview(DateTime scheduledAt, string locationCipher, StageChange change)
    {
        EnsureOpen();
        if (InterviewCompletedAt is not null)
        {
            throw new DomainException("the interview has already taken place");
        }

        if (scheduledAt <= change.At)
        {
            throw new DomainException("must be in the future", DomainRefusal.Invalid, "scheduledAt");
        }

        InterviewScheduledAt = scheduledAt;
        InterviewLocationCipher = locationCipher;
        Move(change);
    }

    public void CompleteInterview(string summaryCipher, StageChange change)
    {
        EnsureOpen();
        if (InterviewScheduledAt is null || InterviewCompletedAt is not null)
        {
            throw new DomainException("there is no scheduled interview to complete");
        }

        InterviewSummaryCipher = summaryCipher;
        InterviewCompletedAt = change.At;
        Move(change);
    }

    /// <summary>Why a decision waits for the interview, for the aggregate and the definition's guard alike.</summary>
    public const string InterviewBeforeDecision = "an interview is required before the decision: the case is TopSecret or has an unmitigated finding of Moderate or Serious severity; schedule it";

    /// <summary>Whether a required interview (TopSecret, or an unmitigated finding of Moderate or worse) has not taken place.</summary>
    public bool InterviewOutstanding => InterviewRequired && InterviewCompletedAt is null;

    /// <summary>A finding recorded in decision can make the interview required after the case left review: no decision there until it is held.</summary>
    private void EnsureInterviewHeldIfRequired()
    {
        if (Stage == Stages.Decision && InterviewOutstanding)
        {
            throw new DomainException(InterviewBeforeDecision);
        }
    }

    /// <summary>Without an interview, the case goes to decision only when none is required.</summary>
    public void ReferToDecision(StageChange change)
    {
        EnsureOpen();
        if (InterviewRequired)
        {
            throw new DomainException("an interview is required: the case is TopSecret or has an unmitigated finding of Moderate or Serious severity");
        }

        Move(change);
    }

    /// <summary>The applicant withdraws; the reason is kept. A continuous evaluation is not theirs to end (it ends in reinstatement or revocation).</summary>
    public void Withdraw(string reasonCipher, StageChange change)
    {
        EnsureOpen();
        if (Type == CaseType.ContinuousEvaluation)
        {
            throw new DomainException("a continuous evaluation of the subject's clearance cannot be withdrawn: it ends in reinstatement or revocation");
        }

        DecisionRationaleCipher = reasonCipher;
        Move(change);
    }

    /// <summary>
    /// The unfavourable decision, which needs at least one finding (and the interview, when one is required). In
    /// decision it awaits concurrence; in due process it is the final decision, which may be appealed within
    /// <paramref name="appealPeriod"/>, and it withdraws an interim clearance still in force.
    /// </summary>
    public void Deny(string rationaleCipher, TimeSpan appealPeriod, StageChange change)
    {
        EnsureOpen();
        if (_findings.Count == 0)
        {
            throw new DomainException("a denial needs at least one finding");
        }

        EnsureInterviewHeldIfRequired();
        if (Stage == Stages.DueProcess)
        {
            AppealDueAt = change.At + appealPeriod;
            if (InterimInForce)
            {
                IssuedClearance!.WithdrawInterim(change.Actor, "the final denial", null, change.At);
            }
        }

        DecisionRationaleCipher = rationaleCipher;
        Move(change);
    }

    /// <summary>
    /// Interim eligibility at <paramref name="level"/> (at most the requested level) while the case goes on: a new
    /// clearance with status Interim, or the case's withdrawn interim clearance in force again. One per case: 409
    /// while one is in force.
    /// </summary>
    public Clearance GrantInterim(
        ClearanceLevel level, string rationaleCipher, string grantingAgency, DateOnly reinvestigationDueOn, IEnumerable<Clearance> subjectClearances, StageChange change)
    {
        var now = change.At;
        EnsureOpen();
        if (level > RequestedLevel)
        {
            throw new DomainException($"must be at or below the requested level ({RequestedLevel})", DomainRefusal.Invalid, "level");
        }

        if (InterimInForce)
        {
            throw new DomainException("an interim clearance is already in force for this case");
        }

        // The case is about a clearance already held: an interim one would stand in for it (in a certificate, to a partner) while it is suspended.
        if (Type == CaseType.ContinuousEvaluation)
        {
            throw new DomainException($"a {CaseType.ContinuousEvaluation} case does not allow this");
        }

        // Interim eligibility rests on no known concern; a suspended clearance of the subject is one, still under evaluation.
        EnsureNoSuspension(subjectClearances);

        var today = DateOnly.FromDateTime(now);
        if (IssuedClearance is { } withdrawn)
        {
            withdrawn.Reissue(level, today, reinvestigationDueOn, change.Actor, rationaleCipher, now);
        }
        else
        {
            IssuedClearance = new Clearance(
                SubjectId, Id, level, today, null, grantingAgency, null, null, reinvestigationDueOn, PersonalDataCipher, NationalIdIndex,
                change.Actor, now, ClearanceStatus.Interim, Clearance.InterimGrantedReason, rationaleCipher);
        }

        Move(change);
        return IssuedClearance!;
    }

    /// <summary>Takes the case's interim clearance back (409 when none is in force); the case goes on.</summary>
    public void WithdrawInterim(string rationaleCipher, StageChange change)
    {
        EnsureOpen();
        if (!InterimInForce)
        {
            throw new DomainException("there is no interim clearance in force for this case");
        }

        IssuedClearance!.WithdrawInterim(change.Actor, "interim eligibility withdrawn", rationaleCipher, change.At);
        Move(change);
    }

    /// <summary>
    /// Records the favourable decision and returns the clearance it grants: the case's interim clearance, made
    /// Active at the granted level, or a new one. The subject's clearances still active
    /// (<paramref name="subjectClearances"/>) are superseded by it. A ContinuousEvaluation case grants nothing new:
    /// it keeps the clearance it evaluates, at its level (reinstated if suspended), and returns that one.
    /// </summary>
    public Clearance Grant(
        ClearanceLevel level, string rationaleCipher, ExceptionType? exception, string? exceptionDetailsCipher, string grantingAgency,
        DateOnly reinvestigationDueOn, IEnumerable<Clearance> subjectClearances, StageChange change)
    {
        var now = change.At;
        EnsureOpen();
        if (level > RequestedLevel)
        {
            throw new DomainException($"cannot grant {level}: the case requested {RequestedLevel}");
        }

        EnsureInterviewHeldIfRequired();
        if (Type == CaseType.ContinuousEvaluation)
        {
            var evaluated = EvaluatedClearance("grant");
            if (level != evaluated.Level)
            {
                throw new DomainException(
                    $"a ContinuousEvaluation case keeps the clearance at its level ({RequestedLevel}); another level needs a new case", DomainRefusal.Invalid, "level");
            }

            EndIfReplaced(evaluated, subjectClearances, change);
            KeepWithException(evaluated, exception, exceptionDetailsCipher, now);
            DecisionRationaleCipher = rationaleCipher;
            Move(change);
            return Clearance!;
        }

        // A suspension ends in reinstatement or revocation: a grant on another case would replace it with an active clearance.
        EnsureNoSuspension(subjectClearances);

        foreach (var previous in ActiveOfSubject(subjectClearances))
        {
            previous.Supersede(change.Actor, now);
        }

        exception ??= InherentException;
        DecisionRationaleCipher = rationaleCipher;
        var investigationClosed = DateOnly.FromDateTime(InvestigationClosedAt ?? now);
        var today = DateOnly.FromDateTime(now);
        if (IssuedClearance is { } interim)
        {
            interim.Activate(level, today, investigationClosed, exception, exceptionDetailsCipher, reinvestigationDueOn, grantingAgency, change.Actor, now);
        }
        else
        {
            IssuedClearance = new Clearance(
                SubjectId, Id, level, today, investigationClosed, grantingAgency,
                exception, exceptionDetailsCipher, reinvestigationDueOn, PersonalDataCipher, NationalIdIndex, change.Actor, now);
        }

        Move(change);
        return IssuedClearance;
    }

    /// <summary>
    /// A second senior adjudicator concurs with the denial. Where the definition closes the case, the denial is final
    /// (<see cref="CloseAsDenied"/>); otherwise a Statement of Reasons is issued: the applicant may answer within
    /// <paramref name="answerPeriod"/>, and the case leaves its adjudicator, who may not decide it in due process.
    /// </summary>
    public void ConcurWithDenial(IEnumerable<Clearance> subjectClearances, TimeSpan answerPeriod, StageChange change)
    {
        EnsureOpen();
        if (Status != CaseStatuses.DenialPendingConcurrence)
        {
            throw new DomainException("there is no denial awaiting concurrence");
        }

        // Two people, whatever the definition says: no denier of the case concurs, not even with a later denial.
        if (Denied(change.Actor))
        {
            throw new DomainException("a denial needs a second person: who denied the case cannot concur", DomainRefusal.Forbidden);
        }

        if (change.ToStage == Stages.Closed)
        {
            CloseAsDenied(subjectClearances, change);
            return;
        }

        StatementIssuedAt = change.At;
        StatementReasonsCipher = DecisionRationaleCipher;
        StatementGuidelines = string.Join(',', _findings.Where(f => !f.Mitigated).Select(f => f.Guideline).Distinct().Order());
        AnswerDueAt = change.At + answerPeriod;
        AssignedAdjudicator = null;
        Move(change);
    }

    /// <summary>Whether the person recorded a denial of the case that awaited concurrence, this one or an earlier one.</summary>
    private bool Denied(string person) =>
        _events.Exists(e => e.Actor == person && e.ToStatus == CaseStatuses.DenialPendingConcurrence && e.FromStatus != e.ToStatus);

    /// <summary>
    /// A senior adjudicator other than the denier declines to concur: the denial is not made, and the case is back with its
    /// adjudicator in decision, to grant or to deny again (which again needs a concurrence). The decline's rationale is the record.
    /// </summary>
    public void DeclineConcurrence(string rationaleCipher, StageChange change)
    {
        EnsureOpen();
        if (Status != CaseStatuses.DenialPendingConcurrence)
        {
            throw new DomainException("there is no denial awaiting concurrence");
        }

        if (Denied(change.Actor))
        {
            throw new DomainException("a denial needs a second person: who denied the case cannot decline it either", DomainRefusal.Forbidden);
        }

        DecisionRationaleCipher = rationaleCipher;
        Move(change);
    }

    /// <summary>The answer period is open: a Statement of Reasons awaits an answer and its due time has not passed.</summary>
    public bool AnswerPeriodOpen(DateTime now) => Status == CaseStatuses.AwaitingAnswer && AnswerDueAt is { } due && now <= due;

    /// <summary>The answer period has run out unanswered.</summary>
    public bool AnswerPeriodOver(DateTime now) => Status == CaseStatuses.AwaitingAnswer && AnswerDueAt is { } due && now > due;

    /// <summary>The appeal period is open: a final denial awaits an appeal and its due time has not passed.</summary>
    public bool AppealPeriodOpen(DateTime now) => Status == CaseStatuses.AwaitingAppeal && AppealDueAt is { } due && now <= due;

    /// <summary>The appeal period has run out without an appeal.</summary>
    public bool AppealPeriodOver(DateTime now) => Status == CaseStatuses.AwaitingAppeal && AppealDueAt is { } due && now > due;

    /// <summary>The applicant answers the Statement of Reasons, in time; the case then waits for an adjudicator who took no part in the denial.</summary>
    public void Answer(string responseCipher, bool requestHearing, StageChange change)
    {
        EnsureOpen();
        if (!AnswerPeriodOpen(change.At))
        {
            throw new DomainException(Status == CaseStatuses.AwaitingAnswer
                ? $"the answer period ended at {AnswerDueAt:O}"
                : "no Statement of Reasons awaits an answer");
        }

        AnsweredAt = change.At;
        AnswerCipher = responseCipher;
        HearingRequested = requestHearing;
        Move(change);
    }

    /// <summary>The answer period ran out unanswered: the case is decided on the written record.</summary>
    public void EndAnswerPeriod(StageChange change)
    {
        EnsureOpen();
        if (!AnswerPeriodOver(change.At))
        {
            throw new DomainException("the answer period has not run out");
        }

        Move(change);
    }

    /// <summary>The applicant appeals the final denial, in time; the appeal board decides.</summary>
    public void Appeal(string groundsCipher, StageChange change)
    {
        EnsureOpen();
        if (!AppealPeriodOpen(change.At))
        {
            throw new DomainException(Status == CaseStatuses.AwaitingAppeal
                ? $"the appeal period ended at {AppealDueAt:O}"
                : "no denial awaits an appeal");
        }

        AppealedAt = change.At;
        AppealGroundsCipher = groundsCipher;
        Move(change);
    }

    /// <summary>No appeal in time: the denial stands.</summary>
    public void EndAppealPeriod(IEnumerable<Clearance> subjectClearances, StageChange change)
    {
        EnsureOpen();
        if (!AppealPeriodOver(change.At))
        {
            throw new DomainException("the appeal period has not run out");
        }

        CloseAsDenied(subjectClearances, change);
    }

    /// <summary>A member of the appeal board votes. Each member votes once, and only until the second matching vote decides.</summary>
    public BoardVote CastBoardVote(BoardVoteChoice vote, string rationaleCipher, StageChange change)
    {
        EnsureOpen();
        if (Stage != Stages.Appeal || AppealedAt is null)
        {
            throw new DomainException("there is no appeal before the board");
        }

        if (BoardDecision is { } decided)
        {
            throw new DomainException($"the board has already decided ({decided})");
        }

        // A reversal grants; an upheld denial revokes, which ends the suspension too.
        if (vote == BoardVoteChoice.Reverse && SuspensionBlocksGrant)
        {
            throw new DomainException(SuspendedSubject);
        }

        if (_boardVotes.Exists(v => v.Member == change.Actor))
        {
            throw new DomainException("each member of the board votes once", DomainRefusal.Forbidden);
        }

        // Whatever the definition says: nobody who denied, concurred or decided in due process sits on the board.
        if (TookPartInDenial(change.Actor) || _events.Exists(e => e.Actor == change.Actor && e.FromStage == Stages.DueProcess && e.ToStage == Stages.Appeal))
        {
            throw new DomainException("a member of the board took no part in the denial: who denied, concurred or decided in due process cannot vote", DomainRefusal.Forbidden);
        }

        var cast = new BoardVote(Id, change.Actor, vote, rationaleCipher, change.At);
        _boardVotes.Add(cast);
        Move(change);
        return cast;
    }

    /// <summary>The board upheld the denial: it stands.</summary>
    public void UpholdDenial(IEnumerable<Clearance> subjectClearances, StageChange change)
    {
        EnsureOpen();
        if (BoardDecision != BoardVoteChoice.Uphold)
        {
            throw new DomainException("the board has not upheld the denial");
        }

        CloseAsDenied(subjectClearances, change);
    }

    /// <summary>The board reversed the denial: the clearance is granted at the requested level, on the deciding vote's rationale.</summary>
    public Clearance ReverseDenial(string grantingAgency, DateOnly reinvestigationDueOn, IEnumerable<Clearance> subjectClearances, StageChange change)
    {
        EnsureOpen();
        if (BoardDecision != BoardVoteChoice.Reverse)
        {
            throw new DomainException("the board has not reversed the denial");
        }

        return Grant(RequestedLevel, DecidingRationaleCipher(), null, null, grantingAgency, reinvestigationDueOn, subjectClearances, change);
    }

    /// <summary>The rationale of the vote that decided the board: the second matching one.</summary>
    public string DecidingRationaleCipher() =>
        (BoardDecision is { } decided ? _boardVotes.Where(v => v.Vote == decided).Skip(1).FirstOrDefault() : null)?.RationaleCipher
        ?? throw new DomainException("the board has not decided");

    /// <summary>
    /// Every unfavourable end of a case goes through here: the case closes Denied. A denied reinvestigation or
    /// evaluation revokes every clearance the subject holds (Active or Suspended), the evaluated one and any granted
    /// since, which superseded it while the evaluation was open, and withdraws the subject's interim eligibility on
    /// other cases, which would otherwise stand in for the revoked clearance.
    /// </summary>
    private void CloseAsDenied(IEnumerable<Clearance> subjectClearances, StageChange change)
    {
        if (change.ToStage != Stages.Closed || change.ToStatus != CaseStatuses.Denied)
        {
            throw new InvalidOperationException($"a denial closes the case as '{CaseStatuses.Denied}', but the definition sends it to '{change.ToStage}' ({change.ToStatus})");
        }

        if (Type is CaseType.PeriodicReinvestigation or CaseType.ContinuousEvaluation)
        {
            var reason = Type == CaseType.PeriodicReinvestigation ? "reinvestigation denied" : $"revoked by case {Reference}";
            foreach (var held in subjectClearances.Where(x => x.SubjectId == SubjectId && x.Status is ClearanceStatus.Active or ClearanceStatus.Suspended).ToList())
            {
                held.Revoke(change.Actor, reason, change.At);
            }

            foreach (var interim in subjectClearances.Where(x => x.SubjectId == SubjectId && x.CaseId != Id && x.Status == ClearanceStatus.Interim).ToList())
            {
                interim.WithdrawInterim(change.Actor, $"withdrawn: {reason}", null, change.At);
            }
        }

        Move(change);
    }

    private List<Clearance> ActiveOfSubject(IEnumerable<Clearance> clearances) =>
        clearances.Where(x => x.SubjectId == SubjectId && x.Status == ClearanceStatus.Active).ToList();

    private void EnsureOpen()
    {
        if (IsClosed)
        {
            throw new DomainException("the case is closed");
        }
    }

    private int NextEventSequence() => _events.Count == 0 ? 1 : _events.Max(e => e.Sequence) + 1;

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }
}
