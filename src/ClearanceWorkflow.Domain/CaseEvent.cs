namespace ClearanceWorkflow.Domain;

/// <summary>One action taken on a case. The stage history is derived from these.</summary>
public sealed class CaseEvent
{
    private CaseEvent()
    {
        Action = Actor = FromStage = ToStage = FromStatus = ToStatus = string.Empty;
    }

    internal CaseEvent(Guid caseId, int sequence, string action, string actor, DateTime at, string fromStage, string toStage, string fromStatus, string toStatus, string? assignee = null)
    {
        Id = Guid.NewGuid();
        CaseId = caseId;
        Sequence = sequence;
        Action = action;
        Actor = actor;
        At = at;
        FromStage = fromStage;
        ToStage = toStage;
        FromStatus = fromStatus;
        ToStatus = toStatus;
        StageChanged = fromStage != toStage;
        Assignee = assignee;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public int Sequence { get; private set; }
    public string Action { get; private set; }
    public string Actor { get; private set; }
    public DateTime At { get; private set; }
    public string FromStage { get; private set; }
    public string ToStage { get; private set; }
    public string FromStatus { get; private set; }
    public string ToStatus { get; private set; }

    /// <summary>The event moved the case to another stage: an entry of its stage history. Stored, so that the history is read by index.</summary>
    public bool StageChanged { get; private set; }

    /// <summary>Whom the event made the case's adjudicator (<c>claim</c>, <c>assign</c>): someone who took part, though not its actor. Null on events before this was kept.</summary>
    public string? Assignee { get; private set; }
}
