namespace ClearanceWorkflow.Domain;

/// <summary>One status a clearance entered: who changed it, when and why. The grant records the first.</summary>
public sealed class ClearanceStatusChange
{
    private ClearanceStatusChange()
    {
        Actor = Reason = string.Empty;
    }

    internal ClearanceStatusChange(Guid clearanceId, ClearanceStatus status, string actor, string reason, DateTime at)
    {
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
}

/// <summary>
/// A certificate issued for a clearance. Only the SHA-256 hash of its verification code is kept: the code
/// itself is printed on the certificate and never stored, so a new certificate gets a new code.
/// </summary>
public sealed class ClearanceCertificate
{
    private ClearanceCertificate()
    {
        CodeHash = IssuedBy = string.Empty;
    }

    internal ClearanceCertificate(Guid clearanceId, string codeHash, string issuedBy, DateTime issuedAt)
    {
        Id = Guid.NewGuid();
        ClearanceId = clearanceId;
        CodeHash = codeHash;
        IssuedBy = issuedBy;
        IssuedAt = issuedAt;
    }

    public Guid Id { get; private set; }
    public Guid ClearanceId { get; private set; }
    public string CodeHash { get; private set; }
    public string IssuedBy { get; private set; }
    public DateTime IssuedAt { get; private set; }
}
