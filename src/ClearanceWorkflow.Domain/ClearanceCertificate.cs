namespace ClearanceWorkflow.Domain;

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
