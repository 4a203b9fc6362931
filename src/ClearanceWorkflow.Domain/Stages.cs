namespace ClearanceWorkflow.Domain;

/// <summary>
/// Names the workflow definition owns and the code relies on: stages, statuses, the workflow and the action
/// the service fires itself. They are strings because the definition owns them; the loader checks every
/// definition has them (see <c>HostContract</c>).
/// </summary>
public static class WorkflowNames
{
    public const string Clearance = "clearance";
}

public static class CaseActionNames
{
    public const string CompleteInvestigation = "complete-investigation";

    /// <summary>Fired by the answer deadline of due process.</summary>
    public const string AnswerPeriodEnds = "answer-period-ends";

    /// <summary>Fired by the appeal deadline.</summary>
    public const string AppealPeriodEnds = "appeal-period-ends";
}

public static class Stages
{
    public const string Application = "application";
    public const string BackgroundCheck = "background-check";
    public const string Review = "review";
    public const string Interview = "interview";
    public const string Decision = "decision";
    public const string DueProcess = "due-process";
    public const string Appeal = "appeal";
    public const string Closed = "closed";
}

public static class CaseStatuses
{
    public const string InProgress = "InProgress";
    public const string AwaitingApplicant = "AwaitingApplicant";
    public const string DenialPendingConcurrence = "DenialPendingConcurrence";
    public const string AwaitingAnswer = "AwaitingAnswer";
    public const string AwaitingAppeal = "AwaitingAppeal";
    public const string Granted = "Granted";
    public const string Denied = "Denied";
    public const string Withdrawn = "Withdrawn";
}

public static class Roles
{
    public const string Applicant = "applicant";
    public const string SecurityOfficer = "security-officer";
    public const string Investigator = "investigator";
    public const string Adjudicator = "adjudicator";
    public const string SeniorAdjudicator = "senior-adjudicator";
    public const string Partner = "partner";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    /// <summary>The service itself, for actions it fires on its own. Never accepted from a token.</summary>
    public const string System = "system";

    public static readonly IReadOnlySet<string> TokenRoles = new HashSet<string>(StringComparer.Ordinal)
    {
        Applicant, SecurityOfficer, Investigator, Adjudicator, SeniorAdjudicator, Partner, Auditor, Admin,
    };

    /// <summary>Roles that see every case in full (except their own, as its subject).</summary>
    public static readonly string[] Staff = [Investigator, Adjudicator, SeniorAdjudicator, SecurityOfficer, Auditor, Admin];

    /// <summary>Who may read a case: its applicant, and staff.</summary>
    public static readonly string[] CaseReaders = [Applicant, .. Staff];

    public static readonly IReadOnlySet<string> All = new HashSet<string>(TokenRoles, StringComparer.Ordinal) { System };
}
