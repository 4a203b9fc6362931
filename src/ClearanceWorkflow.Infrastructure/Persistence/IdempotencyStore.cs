using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Infrastructure.Persistence;

/// <summary>What a claim on an idempotency key found.</summary>
public enum IdempotencyOutcome
{
    /// <summary>The key is new (or expired): this request runs, and its answer will be kept.</summary>
    Claimed,

    /// <summary>The key has an answer for this same request: send it again.</summary>
    Replay,

    /// <summary>The key was used for another request (method, path or body).</summary>
    Mismatch,

    /// <summary>The first request with the key has not finished.</summary>
    InProgress,

    /// <summary>The first request was carried out, but its answer was never kept (its node failed, or it ran past the lease).</summary>
    Unanswered,
}

/// <summary>A stored answer, decrypted.</summary>
public sealed record StoredAnswer(int StatusCode, string? ContentType, string? Location, string? ETag, string Body);

/// <summary>
/// Idempotency keys in the database, so every node sees them. The unique index on (caller, key) decides which of
/// two concurrent requests runs: the first insert wins, the other finds the row in progress. Answers are
/// encrypted with the service's data key and kept for <see cref="Retention"/>; expired rows are deleted.
/// A claim still without an answer after <see cref="Lease"/> was left by a node that failed: if its command never
/// committed (<see cref="IdempotentRequest.CommittedAt"/>), a retry takes the key over, and the old request, should
/// it still be running, can no longer commit (<see cref="IdempotencyClaim"/>); if it committed, the retry is told so.
/// </summary>
public sealed class IdempotencyStore(ClearanceDbContext db, IDataProtector protector, TimeProvider clock, IdempotencySweep sweep)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>How long a claim without an answer counts as in progress; far longer than any request takes.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <summary>Claims the key for this request (the claim's id in <c>ClaimId</c>), or says what the key already holds.</summary>
    public async Task<(IdempotencyOutcome Outcome, StoredAnswer? Answer, Guid ClaimId)> ClaimAsync(string caller, string key, string fingerprint, CancellationToken cancellationToken)
    {
        var now = clock.Now();
        if (sweep.IsDue(now))
        {
            await DeleteExpiredAsync(cancellationToken);
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            // Read first: a retry finds its key without a failed insert, which the database and EF would log as an error.
            var existing = await db.IdempotentRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Caller == caller && r.Key == key, cancellationToken);
            if (existing is null)
            {
                var claim = new IdempotentRequest(caller, key, fingerprint, now, now + Retention);
                if (await TryInsertAsync(claim, cancellationToken))
                {
                    return (IdempotencyOutcome.Claimed, null, claim.Id);
                }

                continue; // Claimed by a concurrent request in the meantime.
            }

            if (existing.ExpiresAt <= now)
            {
                await db.IdempotentRequests.Where(r => r.Caller == caller && r.Key == key && r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
                continue;
            }

            if (!string.Equals(existing.Fingerprint, fingerprint, StringComparison.Ordinal))
            {
                return (IdempotencyOutcome.Mismatch, null, existing.Id);
            }

            if (existing.StatusCode is { } status)
            {
                return (IdempotencyOutcome.Replay, new StoredAnswer(status, existing.ContentType, existing.Location, existing.ETag, protector.Unprotect(existing.BodyCipher!)), existing.Id);
            }

            if (existing.CreatedAt > now - Lease)
            {
                return (IdempotencyOutcome.InProgress, null, existing.Id);
            }

            if (existing.CommittedAt is not null)
            {
                return (IdempotencyOutcome.Unanswered, null, existing.Id);
            }

            // Abandoned before its commit: taken over (unless it commits first, which the delete then waits for and sees).
            await db.IdempotentRequests.Where(r => r.Id == existing.Id && r.CommittedAt == null && r.StatusCode == null).ExecuteDeleteAsync(cancellationToken);
        }

        return (IdempotencyOutcome.InProgress, null, Guid.Empty);
    }

    /// <summary>Deletes the keys, with their kept answers, whose retention has ended.</summary>
    public Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var now = clock.Now();
        return db.IdempotentRequests.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Keeps the first request's answer with its claim.</summary>
    public Task CompleteAsync(Guid claimId, StoredAnswer answer, CancellationToken cancellationToken)
    {
        var cipher = protector.Protect(answer.Body);
        return db.IdempotentRequests.Where(r => r.Id == claimId && r.StatusCode == null).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.StatusCode, answer.StatusCode)
            .SetProperty(r => r.ContentType, answer.ContentType)
            .SetProperty(r => r.Location, answer.Location)
            .SetProperty(r => r.ETag, answer.ETag)
            .SetProperty(r => r.BodyCipher, cipher), cancellationToken);
    }

    /// <summary>Frees the key of a request that failed without committing: it changed nothing, so the client may send it again.</summary>
    public Task ReleaseAsync(Guid claimId) =>
        db.IdempotentRequests.Where(r => r.Id == claimId && r.StatusCode == null && r.CommittedAt == null).ExecuteDeleteAsync(CancellationToken.None);

    private async Task<bool> TryInsertAsync(IdempotentRequest row, CancellationToken cancellationToken)
    {
        db.IdempotentRequests.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            return false; // The key exists: the caller reads it. Any other failure (a busy database) is the request's.
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }
}

/// <summary>Deletes expired idempotency keys at most once a minute per node.</summary>
public sealed class IdempotencySweep
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private readonly Lock _lock = new();
    private DateTime _next = DateTime.MinValue;

    public bool IsDue(DateTime now)
    {
        lock (_lock)
        {
            if (now < _next)
            {
                return false;
            }

            _next = now + Interval;
            return true;
        }
    }
}
