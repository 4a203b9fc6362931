namespace ClearanceWorkflow.Domain;

/// <summary>
/// One check of one continuous-vetting run on a clearance. Unique per clearance, run and kind, so a repeated job
/// records a run once. A Flagged result names the ContinuousEvaluation case it opened; an Unable one is a vetting gap.
/// </summary>
public sealed class VettingResult
{
    private VettingResult()
    {
        Kind = SummaryCipher = string.Empty;
    }

    public VettingResult(Guid clearanceId, int run, string kind, CheckOutcome outcome, string summaryCipher, string? providerReference, DateTime at)
    {
        Id = Guid.NewGuid();
        ClearanceId = clearanceId;
        Run = run;
        Kind = kind;
        Outcome = outcome;
        SummaryCipher = summaryCipher;
        ProviderReference = providerReference;
        At = at;
    }

    public Guid Id { get; private set; }
    public Guid ClearanceId { get; private set; }
    public int Run { get; private set; }
    public string Kind { get; private set; }
    public CheckOutcome Outcome { get; private set; }
    public string SummaryCipher { get; private set; }

    /// <summary>The provider's reference for its answer: the same alert seen again carries the same one.</summary>
    public string? ProviderReference { get; private set; }

    public DateTime At { get; private set; }

    /// <summary>The ContinuousEvaluation case a Flagged result opened (or the one already open for the same alert).</summary>
    public Guid? CaseId { get; private set; }

    public bool IsGap => Outcome == CheckOutcome.Unable;

    public void LinkCase(Guid caseId) => CaseId = caseId;
}
