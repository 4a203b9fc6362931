namespace ClearanceWorkflow.Domain;

/// <summary>One record check of a case's background investigation.</summary>
public sealed class InvestigationCheck
{
    private InvestigationCheck()
    {
        Kind = string.Empty;
    }

    public InvestigationCheck(Guid caseId, string kind)
    {
        Id = Guid.NewGuid();
        CaseId = caseId;
        Kind = kind;
        Status = CheckStatus.Pending;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public string Kind { get; private set; }
    public CheckStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTime? StartedAt { get; private set; }
    public DateTime? CompletedAt { get; private set; }

    /// <summary>Encrypted: may carry derogatory information.</summary>
    public string? SummaryCipher { get; private set; }

    public string? ProviderReference { get; private set; }
    public string? CompletedBy { get; private set; }
    public int Version { get; private set; }

    /// <summary>Records the result. A check completes once; a second result is refused.</summary>
    public void Complete(CheckOutcome outcome, string? summaryCipher, string? providerReference, string completedBy, DateTime at)
    {
        if (Status.IsTerminal())
        {
            throw new DomainException($"check '{Kind}' is already complete");
        }

        Status = outcome switch
        {
            CheckOutcome.Clear => CheckStatus.Clear,
            CheckOutcome.Flagged => CheckStatus.Flagged,
            _ => CheckStatus.Unable,
        };
        SummaryCipher = summaryCipher;
        ProviderReference = providerReference;
        CompletedBy = completedBy;
        CompletedAt = at;
        Version++;
    }
}
