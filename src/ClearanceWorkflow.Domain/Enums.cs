namespace ClearanceWorkflow.Domain;

/// <summary>Clearance levels, ordered: a higher value covers the lower ones.</summary>
public enum ClearanceLevel
{
    Confidential = 1,
    Secret = 2,
    TopSecret = 3,
}

public enum CaseType
{
    Initial,
    PeriodicReinvestigation,

    /// <summary>Opened on a granted clearance by an incident or a continuous-vetting alert; starts in review.</summary>
    ContinuousEvaluation,
}

public enum InvestigationTier
{
    Tier3,
    Tier5,
}

public enum CheckStatus
{
    Pending,
    Running,
    Clear,
    Flagged,
    Unable,
}

public enum CheckOutcome
{
    Clear,
    Flagged,
    Unable,
}

/// <summary>The 13 adjudicative guidelines (SEAD 4).</summary>
public enum Guideline
{
    A, B, C, D, E, F, G, H, I, J, K, L, M,
}

public enum Severity
{
    Minor = 1,
    Moderate = 2,
    Serious = 3,
}

public enum ExceptionType
{
    Condition,
    Deviation,
    Waiver,
}

public enum ClearanceStatus
{
    /// <summary>Interim eligibility, granted while the case goes on; a final grant makes it Active, any other ending Withdrawn.</summary>
    Interim,
    Active,
    Suspended,
    Revoked,
    Expired,

    /// <summary>An interim clearance taken back, or ended by a case that closed without a grant.</summary>
    Withdrawn,
}
