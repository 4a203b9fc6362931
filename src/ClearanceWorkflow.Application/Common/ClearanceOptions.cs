using ClearanceWorkflow.Domain;

namespace ClearanceWorkflow.Application.Common;

/// <summary>Configuration section <c>Clearance</c>.</summary>
public sealed class ClearanceOptions
{
    /// <summary>The agency named on clearances this service grants.</summary>
    public string GrantingAgency { get; set; } = "ClearanceWorkflow";

    /// <summary>Years until periodic reinvestigation, per level.</summary>
    public int ReinvestigationYearsTopSecret { get; set; } = 5;

    public int ReinvestigationYearsSecret { get; set; } = 10;

    public int ReinvestigationYearsConfidential { get; set; } = 15;

    public int ReinvestigationYears(ClearanceLevel level) => level switch
    {
        ClearanceLevel.TopSecret => ReinvestigationYearsTopSecret,
        ClearanceLevel.Secret => ReinvestigationYearsSecret,
        _ => ReinvestigationYearsConfidential,
    };
}
