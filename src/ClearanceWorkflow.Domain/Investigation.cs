namespace ClearanceWorkflow.Domain;

public static class Investigation
{
    public static readonly IReadOnlyList<string> Tier3Kinds = ["identity", "criminal", "credit", "employment", "education"];

    public static readonly IReadOnlyList<string> Tier5Kinds =
        [.. Tier3Kinds, "references", "residence", "foreign-travel", "foreign-contacts"];

    public static InvestigationTier TierFor(ClearanceLevel level) =>
        level == ClearanceLevel.TopSecret ? InvestigationTier.Tier5 : InvestigationTier.Tier3;

    public static IReadOnlyList<string> KindsFor(InvestigationTier tier) =>
        tier == InvestigationTier.Tier5 ? Tier5Kinds : Tier3Kinds;

    /// <summary>Years of residence and employment history the questionnaire must cover.</summary>
    public static int ScopeYears(ClearanceLevel level) => level == ClearanceLevel.TopSecret ? 7 : 5;

    public static bool IsTerminal(this CheckStatus status) =>
        status is CheckStatus.Clear or CheckStatus.Flagged or CheckStatus.Unable;
}
