namespace ClearanceWorkflow.Domain;

/// <summary>How a partner may rely on a clearance (SEAD 7).</summary>
public static class ReciprocityRules
{
    /// <summary>An investigation closed more than this many years ago is out of scope: partners need not accept it.</summary>
    public const int InvestigationScopeYears = 7;

    /// <summary>Whether the investigation closed too long ago; one still running (an interim clearance, null) is in scope.</summary>
    public static bool InvestigationOutOfScope(DateOnly? investigationClosedOn, DateOnly today) =>
        investigationClosedOn < today.AddYears(-InvestigationScopeYears);

    /// <summary>
    /// Whether a partner must accept the clearance for <paramref name="requiredLevel"/> (the clearance's own
    /// level when none is asked): it is active, at that level or higher, its investigation is in scope, and it has
    /// no exception. Computed on the real level, not the disclosed one. Interim eligibility is not a final
    /// adjudication, so a partner need not accept it: the answer says Interim, and not eligible.
    /// </summary>
    public static bool EligibleFor(ClearanceLevel level, ClearanceStatus status, ClearanceLevel? requiredLevel, bool investigationOutOfScope, bool hasException) =>
        status == ClearanceStatus.Active && level >= (requiredLevel ?? level) && !investigationOutOfScope && !hasException;

    /// <summary>
    /// The exception flag of an answer (SEAD 7's exceptions): an investigation out of scope (older than
    /// <see cref="InvestigationScopeYears"/> years), a condition, deviation or waiver recorded with the grant, or new
    /// derogatory information on an open case of the subject (a continuous evaluation, a flagged check, a finding not
    /// mitigated, a denial on its way). Any of them frees a partner from accepting it.
    /// </summary>
    public static bool HasException(bool investigationOutOfScope, bool recordedException, bool derogatoryInformation) =>
        investigationOutOfScope || recordedException || derogatoryInformation;

    /// <summary>
    /// The level a partner is told, and whose NATO and EU equivalents it is told: never above its agreement's
    /// <paramref name="maxLevel"/>. A higher clearance is reported at <paramref name="maxLevel"/>, so the partner
    /// learns that it suffices for anything the agreement lets it ask, not how far it goes.
    /// </summary>
    public static ClearanceLevel DisclosedLevel(ClearanceLevel level, ClearanceLevel maxLevel) => level > maxLevel ? maxLevel : level;
}
