namespace ClearanceWorkflow.Domain;

/// <summary>A finding against one adjudicative guideline.</summary>
public sealed class Finding
{
    private Finding()
    {
        SummaryCipher = string.Empty;
        RecordedBy = string.Empty;
    }

    public Finding(Guid caseId, Guideline guideline, Severity severity, string summaryCipher, bool mitigated, string? mitigationCipher, string? wholePersonCipher, string recordedBy, DateTime at)
    {
        Id = Guid.NewGuid();
        CaseId = caseId;
        Guideline = guideline;
        Severity = severity;
        SummaryCipher = summaryCipher;
        Mitigated = mitigated;
        MitigationCipher = mitigationCipher;
        WholePersonCipher = wholePersonCipher;
        RecordedBy = recordedBy;
        RecordedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public Guideline Guideline { get; private set; }
    public Severity Severity { get; private set; }
    public string SummaryCipher { get; private set; }
    public bool Mitigated { get; private set; }
    public string? MitigationCipher { get; private set; }

    /// <summary>The <see cref="WholePersonFactors"/> as encrypted JSON, when the adjudicator recorded them.</summary>
    public string? WholePersonCipher { get; private set; }

    public string RecordedBy { get; private set; }
    public DateTime RecordedAt { get; private set; }

    /// <summary>An unmitigated finding of moderate or higher severity makes the interview mandatory.</summary>
    public bool RequiresInterview => !Mitigated && Severity >= Severity.Moderate;
}
