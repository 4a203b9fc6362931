namespace ClearanceWorkflow.Domain;

/// <summary>A granted eligibility, the record partners rely on.</summary>
public sealed class Clearance
{
    private readonly List<ClearanceStatusChange> _history = [];
    private readonly List<ClearanceCertificate> _certificates = [];

    private Clearance()
    {
        SubjectId = GrantingAgency = PersonalDataCipher = NationalIdIndex = string.Empty;
    }

    internal Clearance(
        string subjectId, Guid caseId, ClearanceLevel level, DateOnly grantedOn, DateOnly? investigationClosedOn,
        string grantingAgency, ExceptionType? exception, string? exceptionDetailsCipher, DateOnly reinvestigationDueOn,
        string personalDataCipher, string nationalIdIndex, string grantedBy, DateTime now,
        ClearanceStatus status = ClearanceStatus.Active, string reason = GrantedReason, string? rationaleCipher = null)
    {
        Id = Guid.NewGuid();
        SubjectId = subjectId;
        CaseId = caseId;
        Level = level;
        Status = status;
        GrantedOn = grantedOn;
        InvestigationClosedOn = investigationClosedOn;
        GrantingAgency = grantingAgency;
        Exception = exception;
        ExceptionDetailsCipher = exceptionDetailsCipher;
        ReinvestigationDueOn = reinvestigationDueOn;
        PersonalDataCipher = personalDataCipher;
        NationalIdIndex = nationalIdIndex;
        CreatedAt = now;
        UpdatedAt = now;
        _history.Add(new ClearanceStatusChange(Id, Status, grantedBy, reason, now, rationaleCipher));
    }

    public Guid Id { get; private set; }
    public string SubjectId { get; private set; }
    public Guid CaseId { get; private set; }
    public ClearanceLevel Level { get; private set; }
    public ClearanceStatus Status { get; private set; }
    public DateOnly GrantedOn { get; private set; }

    /// <summary>Null for an interim clearance: its investigation is still running.</summary>
    public DateOnly? InvestigationClosedOn { get; private set; }

    public string GrantingAgency { get; private set; }
    public ExceptionType? Exception { get; private set; }
    public string? ExceptionDetailsCipher { get; private set; }

    /// <summary>For an interim clearance, the date a grant at its level that day would carry; the final grant sets it afresh.</summary>
    public DateOnly ReinvestigationDueOn { get; private set; }

    /// <summary>A copy of the subject's encrypted identity as it stood at the grant.</summary>
    public string PersonalDataCipher { get; private set; }

    public string NationalIdIndex { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }

    /// <summary>
    /// The smallest reminder threshold already sent: days before due, or an escalation's days after due negated (so the
    /// escalations follow the reminders in one order); null before the first.
    /// </summary>
    public int? LastReminderDays { get; private set; }

    /// <summary>The periodic-reinvestigation case opened when this clearance fell due.</summary>
    public Guid? ReinvestigationCaseId { get; private set; }

    public bool HasException => Exception is not null;

    /// <summary>Whether continuous vetting re-runs this clearance's checks (instead of periodic reinvestigation reminders).</summary>
    public bool VettingEnrolled { get; private set; }

    /// <summary>When the last vetting run was recorded; null before the first.</summary>
    public DateTime? VettingLastRunAt { get; private set; }

    /// <summary>When the next vetting run is due; null when not enrolled. The vetting sweep selects on it (indexed).</summary>
    public DateTime? VettingNextRunAt { get; private set; }

    /// <summary>How many vetting runs have been recorded; the next run's number is one more.</summary>
    public int VettingRuns { get; private set; }

    /// <summary>Every status this clearance entered, the grant first. Load it to read it; changes append to it either way.</summary>
    public IReadOnlyList<ClearanceStatusChange> History => _history;

    /// <summary>The certificates issued for it.</summary>
    public IReadOnlyList<ClearanceCertificate> Certificates => _certificates;

    /// <summary>Whether the clearance is in force (Active or Interim), so that its certificates verify as valid.</summary>
    public bool IsInForce => Status is ClearanceStatus.Active or ClearanceStatus.Interim;

    /// <summary>
    /// Which of a subject's clearances is the current one, lowest first: the one held (Active, else one Suspended), then
    /// interim eligibility in force, then the adjudications that ended (Revoked, Expired), then withdrawn interim
    /// eligibility, which adjudicated nothing; the newest within a rank. A partner is answered about it and the subject
    /// sees it, never a newer record that ended (a withdrawn interim of an upgrade case, say), and a withdrawn interim
    /// never hides a revocation.
    /// </summary>
    public static int CurrentRank(ClearanceStatus status) => status switch
    {
        ClearanceStatus.Active => 0,
        ClearanceStatus.Suspended => 1,
        ClearanceStatus.Interim => 2,
        ClearanceStatus.Withdrawn => 4,
        _ => 3,
    };

    /// <summary>
    /// Staff never read, report on or certify their own clearance (conflict of interest): 403, whatever roles they hold.
    /// <paramref name="doing"/> completes "nobody ... their own clearance".
    /// </summary>
    public void RefuseHolder(string actor, string doing)
    {
        if (actor == SubjectId)
        {
            throw new DomainException($"conflict of interest: nobody {doing} their own clearance", DomainRefusal.Forbidden);
        }
    }

    /// <summary>
    /// A certificate holds while the clearance is in force at the level and validity it printed, and never again once
    /// the clearance was withdrawn or granted after it: interim eligibility granted again, or the final grant (which
    /// may set another level), calls for a new one. A suspension ended by reinstatement keeps it. A certificate of the same instant
    /// as a grant is taken to follow it (only a frozen test clock makes one). The printed terms also catch a change whose
    /// time was read before the certificate's though it committed after (a grant waiting for the subject's lock).
    /// Needs <see cref="History"/> loaded.
    /// </summary>
    public bool Honours(ClearanceCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var issuedAt = certificate.IssuedAt;
        return IsInForce && certificate.ClearanceId == Id && certificate.Level == Level && certificate.ValidUntil == ReinvestigationDueOn
            && !_history.Exists(h => (h.Status == ClearanceStatus.Withdrawn && h.At >= issuedAt) || (h.Reason == GrantedReason && h.At > issuedAt));
    }

    /// <summary>The history reason of a grant: a new record, or an interim one made Active by the final grant.</summary>
    public const string GrantedReason = "granted";

    /// <summary>Records a certificate with the hash of its verification code. Only a clearance in force gets one.</summary>
    public ClearanceCertificate IssueCertificate(string codeHash, string issuedBy, DateTime now)
    {
        if (!IsInForce)
        {
            throw new DomainException($"only a clearance in force (Active or Interim) gets a certificate; this one is {Status}");
        }

        var certificate = new ClearanceCertificate(Id, Level, ReinvestigationDueOn, codeHash, issuedBy, now);
        _certificates.Add(certificate);
        return certificate;
    }

    /// <summary>
    /// The final grant of the case that issued this clearance as interim eligibility: the same record becomes
    /// Active at the granted level, with the grant's dates and exception. Only an interim clearance, in force or
    /// withdrawn, is turned into the grant; the case calls this, never an endpoint.
    /// </summary>
    internal void Activate(
        ClearanceLevel level, DateOnly grantedOn, DateOnly investigationClosedOn, ExceptionType? exception, string? exceptionDetailsCipher,
        DateOnly reinvestigationDueOn, string grantingAgency, string actor, DateTime now)
    {
        if (Status is not (ClearanceStatus.Interim or ClearanceStatus.Withdrawn))
        {
            throw new DomainException($"only an interim clearance becomes the grant; this one is {Status}");
        }

        Level = level;
        GrantedOn = grantedOn;
        InvestigationClosedOn = investigationClosedOn;
        Exception = exception;
        ExceptionDetailsCipher = exceptionDetailsCipher;
        ReinvestigationDueOn = reinvestigationDueOn;
        GrantingAgency = grantingAgency;
        ChangeStatus(ClearanceStatus.Active, actor, GrantedReason, now);
    }

    /// <summary>Interim eligibility granted again, on the record of an interim clearance that was withdrawn.</summary>
    internal void Reissue(ClearanceLevel level, DateOnly grantedOn, DateOnly reinvestigationDueOn, string actor, string rationaleCipher, DateTime now)
    {
        if (Status != ClearanceStatus.Withdrawn)
        {
            throw new DomainException($"only a withdrawn interim clearance can be granted again; this one is {Status}");
        }

        Level = level;
        GrantedOn = grantedOn;
        ReinvestigationDueOn = reinvestigationDueOn;
        ChangeStatus(ClearanceStatus.Interim, actor, InterimGrantedReason, now, rationaleCipher);
    }

    /// <summary>Takes interim eligibility back. Only an interim clearance in force can be withdrawn.</summary>
    internal void WithdrawInterim(string actor, string reason, string? rationaleCipher, DateTime now)
    {
        if (Status != ClearanceStatus.Interim)
        {
            throw new DomainException($"only an interim clearance can be withdrawn; this one is {Status}");
        }

        ChangeStatus(ClearanceStatus.Withdrawn, actor, reason, now, rationaleCipher);
    }

    /// <summary>The exception a favourable end of an evaluation of this clearance carries; it replaces the one before.</summary>
    internal void RecordException(ExceptionType exception, string? detailsCipher, DateTime now)
    {
        Exception = exception;
        ExceptionDetailsCipher = detailsCipher;
        UpdatedAt = now;
        Version++;
    }

    /// <summary>The history reason of an interim grant.</summary>
    public const string InterimGrantedReason = "interim eligibility granted";

    /// <summary>Ends this clearance because a newer grant replaces it.</summary>
    public void Supersede(string actor, DateTime now) => ChangeStatus(ClearanceStatus.Expired, actor, "superseded by a newer grant", now);

    /// <summary>Records that the reminder for <paramref name="thresholdDays"/> went out. False when it, or a later one, already had.</summary>
    public bool RecordReminder(int thresholdDays, DateTime now)
    {
        if (LastReminderDays is { } sent && sent <= thresholdDays)
        {
            return false;
        }

        LastReminderDays = thresholdDays;
        UpdatedAt = now;
        Version++;
        return true;
    }

    public void LinkReinvestigation(Guid caseId, DateTime now)
    {
        ReinvestigationCaseId = caseId;
        UpdatedAt = now;
        Version++;
    }

    /// <summary>Temporary withdrawal of eligibility, pending reinstatement or revocation. Only an active clearance can be suspended.</summary>
    public void Suspend(string actor, string reason, DateTime now, string? rationaleCipher = null)
    {
        if (Status != ClearanceStatus.Active)
        {
            throw new DomainException($"only an active clearance can be suspended; this one is {Status}");
        }

        ChangeStatus(ClearanceStatus.Suspended, actor, reason, now, rationaleCipher);
    }

    /// <summary>
    /// Suspends this clearance and withdraws the subject's interim eligibility in force on any case (an upgrade's, say):
    /// nobody keeps an interim clearance while the one they hold is suspended. Returns the interims withdrawn.
    /// </summary>
    public IReadOnlyList<Clearance> SuspendWithInterims(IEnumerable<Clearance> subjectClearances, string actor, string reason, DateTime now, string? rationaleCipher = null)
    {
        Suspend(actor, reason, now, rationaleCipher);
        var interims = subjectClearances.Where(x => x.SubjectId == SubjectId && x.Status == ClearanceStatus.Interim).ToList();
        foreach (var interim in interims)
        {
            interim.WithdrawInterim(actor, $"withdrawn: the clearance held was suspended ({reason})", null, now);
        }

        return interims;
    }

    /// <summary>Ends a suspension in the subject's favour.</summary>
    public void Reinstate(string actor, string reason, DateTime now)
    {
        if (Status != ClearanceStatus.Suspended)
        {
            throw new DomainException($"only a suspended clearance can be reinstated; this one is {Status}");
        }

        ChangeStatus(ClearanceStatus.Active, actor, reason, now);
    }

    /// <summary>An incident can be reported on a clearance still held: Active, or Suspended by an earlier one.</summary>
    public void EnsureOpenToIncidents()
    {
        if (Status is not (ClearanceStatus.Active or ClearanceStatus.Suspended))
        {
            throw new DomainException($"an incident can only be reported on an active or suspended clearance; this one is {Status}");
        }
    }

    /// <summary>Enrols the clearance in continuous vetting, its first run due at <paramref name="firstRunAt"/>. An enrolled one keeps its schedule.</summary>
    public void EnrollInVetting(DateTime firstRunAt, DateTime now)
    {
        if (VettingEnrolled || Status is not (ClearanceStatus.Active or ClearanceStatus.Suspended))
        {
            return;
        }

        VettingEnrolled = true;
        VettingNextRunAt = firstRunAt;
        UpdatedAt = now;
        Version++;
    }

    /// <summary>Records vetting run number <paramref name="run"/> and when the next is due. False when that run is already recorded (a repeated job).</summary>
    public bool RecordVettingRun(int run, DateTime now, DateTime nextRunAt)
    {
        if (!VettingEnrolled || run <= VettingRuns)
        {
            return false;
        }

        VettingRuns = run;
        VettingLastRunAt = now;
        VettingNextRunAt = nextRunAt;
        UpdatedAt = now;
        Version++;
        return true;
    }

    public void Revoke(string actor, string reason, DateTime now) => ChangeStatus(ClearanceStatus.Revoked, actor, reason, now);

    /// <summary>An Active clearance whose reinvestigation is overdue ends. A Suspended one does not: its suspension ends in reinstatement or revocation.</summary>
    public void Expire(string actor, string reason, DateTime now)
    {
        if (Status == ClearanceStatus.Active)
        {
            ChangeStatus(ClearanceStatus.Expired, actor, reason, now);
        }
    }

    private void ChangeStatus(ClearanceStatus status, string actor, string reason, DateTime now, string? rationaleCipher = null)
    {
        Status = status;
        UpdatedAt = now;
        Version++;
        if (status is ClearanceStatus.Revoked or ClearanceStatus.Expired)
        {
            // Nothing left to vet: the sweep's index no longer holds it.
            VettingEnrolled = false;
            VettingNextRunAt = null;
        }

        _history.Add(new ClearanceStatusChange(Id, status, actor, reason, now, rationaleCipher));
    }
}
