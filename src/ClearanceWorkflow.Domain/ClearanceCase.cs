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

    /// <summary>When the current stage's SLA runs out; null for stages without one and for closed cases.</summary>
    public DateTime? DueAt { get; private set; }

    /// <summary>The current stage's SLA has been breached.</summary>
    public bool Overdue { get; private set; }

    /// <summary>Optimistic concurrency token, raised by every change.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<CaseEvent> Events => _events;
    public IReadOnlyList<InvestigationCheck> Checks => _checks;
    public IReadOnlyList<Finding> Findings => _findings;
    public IReadOnlyList<InformationRequest> InformationRequests => _informationRequests;

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
        DateTime now)
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
        c._events.Add(new CaseEvent(c.Id, 1, type == CaseType.Initial ? "apply" : "open-reinvestigation", subjectId, now, initialStage, initialStage, initialStatus, initialStatus));
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

    /// <summary>Moves the case as the workflow decided, and records who did what. A new stage starts its SLA afresh.</summary>
    public void ApplyTransition(string action, string actor, string toStage, string toStatus, TimeSpan? toStageSla, DateTime now)
    {
        EnsureOpen();

        var fromStage = Stage;
        var fromStatus = Status;
        _events.Add(new CaseEvent(Id, NextEventSequence(), action, actor, now, fromStage, toStage, fromStatus, toStatus));
        if (fromStage != toStage)
        {
            Stage = toStage;
            StageEnteredAt = now;
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
            }

            DueAt = toStageSla is { } sla ? now + sla : null;
            Overdue = false;
        }

        Status = toStatus;
        Touch(now);
    }

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

    /// <summary>Marks the check Running for an automated run; null when no result is wanted any more (complete, or the case has moved on).</summary>
    public InvestigationCheck? BeginAutomatedCheck(string kind, DateTime now)
    {
        if (CheckResultRefusal(kind, out var check) is not null)
        {
            return null;
        }

        check!.MarkRunning(now);
        return check;
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

    /// <summary>An adjudicator takes the case from the queue.</summary>
    public void Claim(string adjudicator, DateTime now)
    {
        if (AssignedAdjudicator is not null)
        {
            throw new DomainException("the case is already assigned to an adjudicator");
        }

        AssignTo(adjudicator, now);
    }

    /// <summary>(Re)assigns the case. The subject never adjudicates their own case.</summary>
    public void AssignTo(string adjudicator, DateTime now)
    {
        EnsureOpen();
        if (adjudicator == SubjectId)
        {
            throw new DomainException("the subject of a case cannot adjudicate it", DomainRefusal.Invalid, "adjudicatorId");
        }

        AssignedAdjudicator = adjudicator;
        Touch(now);
    }

    /// <summary>Only the assigned adjudicator records findings, in review, interview or decision, and not while a denial awaits concurrence.</summary>
    public Finding RecordFinding(Guideline guideline, Severity severity, string summaryCipher, bool mitigated, string? mitigationCipher, string actor, DateTime now)
    {
        if (AssignedAdjudicator != actor)
        {
            throw new DomainException("only the adjudicator assigned to the case may record findings", DomainRefusal.Forbidden);
        }

        if (Stage is not (Stages.Review or Stages.Interview or Stages.Decision) || Status == CaseStatuses.DenialPendingConcurrence)
        {
            throw new DomainException($"findings can be recorded in review, interview or decision, not in '{Stage}' ({Status})");
        }

        var finding = new Finding(Id, guideline, severity, summaryCipher, mitigated, mitigationCipher, actor, now);
        _findings.Add(finding);
        Touch(now);
        return finding;
    }

    public InformationRequest RequestInformation(string questionsCipher, string actor, DateTime now)
    {
        var request = new InformationRequest(Id, questionsCipher, actor, now);
        _informationRequests.Add(request);
        Touch(now);
        return request;
    }

    public void ProvideInformation(string answersCipher, DateTime now)
    {
        var open = _informationRequests.Find(r => r.AnsweredAt is null)
            ?? throw new DomainException("there is no open request for information");
        open.Answer(answersCipher, now);
        Touch(now);
    }

    public void ScheduleInterview(DateTime scheduledAt, string locationCipher, DateTime now)
    {
        EnsureOpen();
        if (InterviewCompletedAt is not null)
        {
            throw new DomainException("the interview has already taken place");
        }

        if (scheduledAt <= now)
        {
            throw new DomainException("must be in the future", DomainRefusal.Invalid, "scheduledAt");
        }

        InterviewScheduledAt = scheduledAt;
        InterviewLocationCipher = locationCipher;
        Touch(now);
    }

    public void CompleteInterview(string summaryCipher, DateTime now)
    {
        EnsureOpen();
        if (InterviewScheduledAt is null || InterviewCompletedAt is not null)
        {
            throw new DomainException("there is no scheduled interview to complete");
        }

        InterviewSummaryCipher = summaryCipher;
        InterviewCompletedAt = now;
        Touch(now);
    }

    /// <summary>Keeps why the case was closed without a decision (withdrawal).</summary>
    public void RecordClosingReason(string reasonCipher, DateTime now)
    {
        EnsureOpen();
        DecisionRationaleCipher = reasonCipher;
        Touch(now);
    }

    public void RecordDenial(string rationaleCipher, DateTime now)
    {
        EnsureOpen();
        if (_findings.Count == 0)
        {
            throw new DomainException("a denial needs at least one finding");
        }

        DecisionRationaleCipher = rationaleCipher;
        Touch(now);
    }

    /// <summary>
    /// Records the favourable decision and returns the clearance it grants. The subject's clearances still
    /// active (<paramref name="subjectClearances"/>) are superseded by it.
    /// </summary>
    public Clearance Grant(
        ClearanceLevel level, string rationaleCipher, ExceptionType? exception, string? exceptionDetailsCipher, string grantingAgency,
        DateOnly reinvestigationDueOn, IEnumerable<Clearance> subjectClearances, DateTime now)
    {
        EnsureOpen();
        if (level > RequestedLevel)
        {
            throw new DomainException($"cannot grant {level}: the case requested {RequestedLevel}");
        }

        foreach (var previous in ActiveOfSubject(subjectClearances))
        {
            previous.Supersede(now);
        }

        DecisionRationaleCipher = rationaleCipher;
        Touch(now);
        var investigationClosed = DateOnly.FromDateTime(InvestigationClosedAt ?? now);
        return new Clearance(
            SubjectId, Id, level, DateOnly.FromDateTime(now), investigationClosed, grantingAgency,
            exception, exceptionDetailsCipher, reinvestigationDueOn, PersonalDataCipher, NationalIdIndex, now);
    }

    /// <summary>A second senior adjudicator concurs with the denial. A denied reinvestigation revokes the subject's active clearances.</summary>
    public void ConcurWithDenial(IEnumerable<Clearance> subjectClearances, DateTime now)
    {
        if (Status != CaseStatuses.DenialPendingConcurrence)
        {
            throw new DomainException("there is no denial awaiting concurrence");
        }

        if (Type == CaseType.PeriodicReinvestigation)
        {
            foreach (var active in ActiveOfSubject(subjectClearances))
            {
                active.Revoke(now);
            }
        }
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
