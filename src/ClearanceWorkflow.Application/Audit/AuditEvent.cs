using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ClearanceWorkflow.Application.Audit;

/// <summary>
/// One entry of the append-only audit ledger. Written with the change it records; the sealer gives it
/// its place after commit: <see cref="Sequence"/>, <see cref="PreviousHash"/> and <see cref="Hash"/>, the
/// SHA-256 of the canonical form, which includes the previous hash. So changing, deleting or reordering
/// any sealed row breaks the chain at that row. Until sealed, the three are null.
/// </summary>
public sealed class AuditEvent
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Starts above every ordinal an earlier run of the process gave (one tick per event is far slower than time).</summary>
    private static long _lastOrdinal = TimeProvider.System.GetUtcNow().UtcTicks;

    private AuditEvent()
    {
        Actor = Action = Detail = string.Empty;
    }

    internal AuditEvent(DateTime at, string actor, string action, Guid? caseId, string detail, Guid? id = null)
    {
        Id = id ?? Guid.NewGuid();
        At = at;
        Actor = actor;
        Action = action;
        CaseId = caseId;
        Detail = detail;
        Ordinal = Interlocked.Increment(ref _lastOrdinal);
    }

    public Guid Id { get; private set; }

    /// <summary>The place in the ledger, from 1, gap-free; null until sealed.</summary>
    public long? Sequence { get; private set; }

    public DateTime At { get; private set; }
    public string Actor { get; private set; }
    public string Action { get; private set; }
    public Guid? CaseId { get; private set; }

    /// <summary>JSON with no personal data: ids, blind-index references, outcomes.</summary>
    public string Detail { get; private set; }

    public string? Hash { get; private set; }
    public string? PreviousHash { get; private set; }

    /// <summary>
    /// The order this process wrote events in. EF inserts the rows of one SaveChanges in key order, not in the
    /// order they were added, so the sealer orders a transaction's events by this (ADR 11).
    /// </summary>
    public long Ordinal { get; private set; }

    /// <summary>Gives the event its place after <paramref name="previousHash"/>.</summary>
    public void Seal(long sequence, string previousHash)
    {
        Sequence = sequence;
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    /// <summary>The form the hash covers; unchanged since the first release, so every sealed event still verifies.</summary>
    public string CanonicalForm() => CanonicalForm(
        Sequence ?? throw new InvalidOperationException("The event is not sealed."), Id, At, Actor, Action, CaseId, Detail, PreviousHash!);

    public string ComputeHash() => HashOf(CanonicalForm());

    public static string CanonicalForm(long sequence, Guid id, DateTime at, string actor, string action, Guid? caseId, string detail, string previousHash) =>
        string.Join(
            '\n',
            sequence.ToString(CultureInfo.InvariantCulture),
            id.ToString("D"),
            at.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            actor,
            action,
            caseId?.ToString("D") ?? string.Empty,
            detail,
            previousHash);

    public static string HashOf(string canonicalForm) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalForm)));
}
