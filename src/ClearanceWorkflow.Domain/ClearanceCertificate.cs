namespace ClearanceWorkflow.Domain;

/// <summary>
/// A certificate issued for a clearance. Only the SHA-256 hash of its verification code is kept: the code
/// itself is printed on the certificate and never stored, so a new certificate gets a new code. The level and
/// validity printed on it are kept: its verification answers with them, not with what the clearance became since.
/// </summary>
public sealed class ClearanceCertificate
{
    private ClearanceCertificate()
    {
        CodeHash = IssuedBy = string.Empty;
    }

    internal ClearanceCertificate(Guid clearanceId, ClearanceLevel level, DateOnly validUntil, string codeHash, string issuedBy, DateTime issuedAt)
    {
        Id = Guid.NewGuid();
        ClearanceId = clearanceId;
        Level = level;
        ValidUntil = validUntil;
        CodeHash = codeHash;
        IssuedBy = issuedBy;
        IssuedAt = issuedAt;
    }

    public Guid Id { get; private set; }
    public Guid ClearanceId { get; private set; }
    public ClearanceLevel Level { get; private set; }
    public DateOnly ValidUntil { get; private set; }
    public string CodeHash { get; private set; }
    public string IssuedBy { get; private set; }
    public DateTime IssuedAt { get; private set; }
}
