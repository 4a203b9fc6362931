using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ClearanceWorkflow.Application.Audit;

/// <summary>
/// One entry of the append-only, hash-chained audit log. <see cref="Hash"/> is the SHA-256 of the
/// canonical form, which includes <see cref="PreviousHash"/>; so changing, deleting or reordering any
/// row breaks the chain at that row.
/// </summary>
public sealed class AuditEvent
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private AuditEvent()
    {
        Actor = Action = Detail = Hash = PreviousHash = string.Empty;
    }

    internal AuditEvent(long sequence, DateTime at, string actor, string action, Guid? caseId, string detail, string previousHash)
    {
        Id = Guid.NewGuid();
        Sequence = sequence;
        At = at;
        Actor = actor;
        Action = action;
        CaseId = caseId;
        Detail = detail;
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    public Guid Id { get; private set; }
    public long Sequence { get; private set; }
    public DateTime At { get; private set; }
    public string Actor { get; private set; }
    public string Action { get; private set; }
    public Guid? CaseId { get; private set; }

    /// <summary>JSON with no personal data: ids, blind-index references, outcomes.</summary>
    public string Detail { get; private set; }

    public string Hash { get; private set; }
    public string PreviousHash { get; private set; }

    public string CanonicalForm() => string.Join(
        '\n',
        Sequence.ToString(CultureInfo.InvariantCulture),
        Id.ToString("D"),
        At.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        Actor,
        Action,
        CaseId?.ToString("D") ?? string.Empty,
        Detail,
        PreviousHash);

    public string ComputeHash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalForm())));
}
