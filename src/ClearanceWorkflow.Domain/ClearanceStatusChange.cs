namespace ClearanceWorkflow.Domain;

/// <summary>One status a clearance entered: who changed it, when and why (<c>Reason</c>, a fixed text). The grant, or the interim grant, records the first.</summary>
public sealed class ClearanceStatusChange
{
    private ClearanceStatusChange()
    {
        Actor = Reason = string.Empty;
    }

    internal ClearanceStatusChange(Guid clearanceId, ClearanceStatus status, string actor, string reason, DateTime at, string? rationaleCipher = null)
    {
        RationaleCipher = rationaleCipher;
        Id = Guid.NewGuid();
        ClearanceId = clearanceId;
        Status = status;
        Actor = actor;
        Reason = reason;
        At = at;
    }

    public Guid Id { get; private set; }
    public Guid ClearanceId { get; private set; }
    public ClearanceStatus Status { get; private set; }
    public DateTime At { get; private set; }
    public string Actor { get; private set; }
    public string Reason { get; private set; }

    /// <summary>The free text a person gave for the change (a rationale, a suspension's reason), encrypted; null for the service's own reasons.</summary>
    public string? RationaleCipher { get; private set; }
}
