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
        string subjectId, Guid caseId, ClearanceLevel level, DateOnly grantedOn, DateOnly investigationClosedOn,
        string grantingAgency, ExceptionType? exception, string? exceptionDetailsCipher, DateOnly reinvestigationDueOn,
        string personalDataCipher, string nationalIdIndex, string grantedBy, DateTime now)
    {
        Id = Guid.NewGuid();
        SubjectId = subjectId;
        CaseId = caseId;
        Level = level;
        Status = ClearanceStatus.Active;
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
        _history.Add(new ClearanceStatusChange(Id, Status, grantedBy, "granted", now));
    }

    public Guid Id { get; private set; }
    public string SubjectId { get; private set; }
    public Guid CaseId { get; private set; }
    public ClearanceLevel Level { get; private set; }
    public ClearanceStatus Status { get; private set; }
    public DateOnly GrantedOn { get; private set; }
    public DateOnly InvestigationClosedOn { get; private set; }
    public string GrantingAgency { get; private set; }
    public ExceptionType? Exception { get; private set; }
    public string? ExceptionDetailsCipher { get; private set; }
    public DateOnly ReinvestigationDueOn { get; private set; }

    /// <summary>A copy of the subject's encrypted identity as it stood at the grant.</summary>
    public string PersonalDataCipher { get; private set; }

    public string NationalIdIndex { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public int Version { get; private set; }

    /// <summary>The smallest reminder threshold (days before due) already sent; null before the first.</summary>
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

    /// <summary>Whether the clearance is in force, so that its certificates verify as valid.</summary>
    public bool IsInForce => Status == ClearanceStatus.Active;

    /// <summary>Records a certificate with the hash of its verification code. Only a clearance in force gets one.</summary>
    public ClearanceCertificate IssueCertificate(string codeHash, string issuedBy, DateTime now)
    {
        if (!IsInForce)
        {
            throw new DomainException($"only an active clearance gets a certificate; this one is {Status}");
        }

        var certificate = new ClearanceCertificate(Id, codeHash, issuedBy, now);
        _certificates.Add(certificate);
        return certificate;
    }

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
    public void Suspend(string actor, string reason, DateTime now, string? detailCipher = null)
    {
        if (Status != ClearanceStatus.Active)
        {
            throw new DomainException($"only an active clearance can be suspended; this one is {Status}");
        }

        ChangeStatus(ClearanceStatus.Suspended, actor, reason, now, detailCipher);
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

    public void Expire(string actor, string reason, DateTime now)
    {
        if (Status is ClearanceStatus.Active or ClearanceStatus.Suspended)
        {
            ChangeStatus(ClearanceStatus.Expired, actor, reason, now);
        }
    }

    private void ChangeStatus(ClearanceStatus status, string actor, string reason, DateTime now, string? detailCipher = null)
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

        _history.Add(new ClearanceStatusChange(Id, status, actor, reason, now, detailCipher));
    }
}
