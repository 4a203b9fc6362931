namespace ClearanceWorkflow.Domain;

/// <summary>
/// One workflow action as the definition resolved it: the stage and status it leads to, that stage's SLA,
/// and who took it when. The case records it as an event in its history.
/// </summary>
public sealed record StageChange(string Action, string Actor, string ToStage, string ToStatus, TimeSpan? ToStageSla, DateTime At);
