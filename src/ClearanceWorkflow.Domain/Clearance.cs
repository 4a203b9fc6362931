namespace ClearanceWorkflow.Domain;

/// <summary>A granted eligibility, the record partners rely on.</summary>
public sealed class Clearance
{
    private Clearance()
    {
        SubjectId = GrantingAgency = PersonalDataCipher = NationalIdIndex = string.Empty;
    }

    internal Clearance(
        string subjectId, Guid caseId, ClearanceLevel level, DateOnly grantedOn, DateOnly investigationClosedOn,
        string grantingAgency, ExceptionType? exception, string? exceptionDetailsCipher, DateOnly reinvestigationDueOn,
        string personalDataCipher, string nationalIdIndex, DateTime now)
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

    /// <summary>Ends this clearance because a newer grant replaces it.</summary>
    public void Supersede(DateTime now)
    {
        Status = ClearanceStatus.Expired;
        UpdatedAt = now;
        Version++;
    }

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
    public void Suspend(DateTime now)
    {
        if (Status != ClearanceStatus.Active)
        {
            throw new DomainException($"only an active clearance can be suspended; this one is {Status}");
        }

        Status = ClearanceStatus.Suspended;
        UpdatedAt = now;
        Version++;
    }

    /// <summary>Ends a suspension in the subject's favour.</summary>
    public void Reinstate(DateTime now)
    {
        if (Status != ClearanceStatus.Suspended)
        {
            throw new DomainException($"only a suspended clearance can be reinstated; this one is {Status}");
        }

        Status = ClearanceStatus.Active;
        UpdatedAt = now;
        Version++;
    }

    public void Revoke(DateTime now)
    {
        Status = ClearanceStatus.Revoked;
        UpdatedAt = now;
        Version++;
    }

    public void Expire(DateTime now)
    {
        if (Status is ClearanceStatus.Active or ClearanceStatus.Suspended)
        {
            Status = ClearanceStatus.Expired;
            UpdatedAt = now;
            Version++;
        }
    }
}
