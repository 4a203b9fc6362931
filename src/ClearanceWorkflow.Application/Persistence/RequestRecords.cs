namespace ClearanceWorkflow.Application.Persistence;

/// <summary>
/// A POST sent with an <c>Idempotency-Key</c>: claimed (no status yet) while the first request runs, then
/// its answer, kept until <see cref="ExpiresAt"/>. The body is encrypted: it may carry personal data.
/// </summary>
public sealed class IdempotentRequest
{
    private IdempotentRequest()
    {
        Caller = Key = Fingerprint = string.Empty;
    }

    public IdempotentRequest(string caller, string key, string fingerprint, DateTime now, DateTime expiresAt)
    {
        Id = Guid.NewGuid();
        Caller = caller;
        Key = key;
        Fingerprint = fingerprint;
        CreatedAt = now;
        ExpiresAt = expiresAt;
    }

    /// <summary>A surrogate key, as every table with encrypted columns has (the <c>rekey</c> verb walks them by it).</summary>
    public Guid Id { get; private set; }

    /// <summary>The caller's subject (<c>sub</c>): keys are scoped to it, unique per caller.</summary>
    public string Caller { get; private set; }

    public string Key { get; private set; }

    /// <summary>Keyed hash of the method, path and body: the same key with another request is refused.</summary>
    public string Fingerprint { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }

    /// <summary>
    /// When the first request's command committed, set in its transaction (<see cref="Common.TransactionBehavior{TRequest, TResponse}"/>):
    /// a claim left without an answer tells by it whether its request was carried out before its node failed.
    /// </summary>
    public DateTime? CommittedAt { get; private set; }

    /// <summary>Null while the first request is in progress.</summary>
    public int? StatusCode { get; private set; }

    public string? ContentType { get; private set; }
    public string? Location { get; private set; }
    public string? ETag { get; private set; }
    public string? BodyCipher { get; private set; }
}

/// <summary>
/// One partner's current rate-limit window, shared by every node: its start (Unix milliseconds) and the
/// requests counted in it. One row per partner, restarted in place when the window has passed.
/// </summary>
public sealed class PartnerRateWindow
{
    private PartnerRateWindow()
    {
        PartnerId = string.Empty;
    }

    public string PartnerId { get; private set; }
    public long WindowStartMs { get; private set; }
    public int Requests { get; private set; }
}

/// <summary>
/// A workspace sign-in, kept on the server so that signing out ends it for every copy of its cookie. The cookie names
/// it (<see cref="Id"/>); a session whose row is gone or ended is refused. Rows older than the longest session are deleted.
/// </summary>
public sealed class WorkspaceSession
{
    private WorkspaceSession()
    {
        UserId = string.Empty;
    }

    public WorkspaceSession(string userId, DateTime signedInAt)
    {
        Id = Guid.NewGuid();
        UserId = userId;
        SignedInAt = signedInAt;
    }

    public Guid Id { get; private set; }

    /// <summary>The staff member's id (the token's <c>sub</c>).</summary>
    public string UserId { get; private set; }

    public DateTime SignedInAt { get; private set; }

    /// <summary>When the session was signed out; null while it may be used.</summary>
    public DateTime? EndedAt { get; private set; }
}
