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

/// <summary>Configuration section <c>DueProcess</c>: the periods after a concurred denial, in days.</summary>
public sealed class DueProcessOptions
{
    /// <summary>How long the applicant has to answer the Statement of Reasons (<c>DueProcess__AnswerDays</c>).</summary>
    public int AnswerDays { get; set; } = 20;

    /// <summary>How long the applicant has to appeal the final denial (<c>DueProcess__AppealDays</c>).</summary>
    public int AppealDays { get; set; } = 15;

    public TimeSpan AnswerPeriod => TimeSpan.FromDays(AnswerDays);

    public TimeSpan AppealPeriod => TimeSpan.FromDays(AppealDays);
}
