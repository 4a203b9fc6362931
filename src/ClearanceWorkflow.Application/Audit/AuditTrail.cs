using System.Text.Json;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Application.Audit;

/// <summary>
/// Appends audit events to the chain inside the caller's transaction. The transaction holds the
/// database-wide write lock (see <see cref="IWriteLock"/>), so the tail read here cannot fork.
/// </summary>
public sealed class AuditTrail(ClearanceDbContext db, TimeProvider clock, ActorContext actors)
{
    private AuditEvent? _tail;
    private bool _tailLoaded;

    public async Task AppendAsync(string action, Guid? caseId, object detail, CancellationToken cancellationToken, string? actor = null)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Audit events are written inside the transaction of the change they record.");
        }

        if (!_tailLoaded)
        {
            _tail = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);
            _tailLoaded = true;
        }

        var at = clock.Now();
        var evt = new AuditEvent(
            (_tail?.Sequence ?? 0) + 1,
            at,
            actor ?? actors.Current.Id,
            action,
            caseId,
            JsonSerializer.Serialize(detail, Json.Options),
            _tail?.Hash ?? AuditEvent.GenesisHash);
        db.AuditEvents.Add(evt);
        _tail = evt;
    }

    /// <summary>Forgets the cached tail, after a rollback.</summary>
    public void Reset()
    {
        _tail = null;
        _tailLoaded = false;
    }
}
