using System.Text.Json;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;

namespace ClearanceWorkflow.Application.Audit;

/// <summary>
/// Writes audit events inside the caller's transaction, so they commit with the change they record.
/// Only inserts: the sealer gives them their ledger order after commit (ADR 11), woken by that commit.
/// </summary>
public sealed class AuditTrail(ClearanceDbContext db, TimeProvider clock, ActorContext actors, TransactionResources resources, SealRequests seal)
{
    /// <summary>Adds an event to the caller's transaction; <paramref name="id"/> names it when a retry must find it again.</summary>
    public Task AppendAsync(string action, Guid? caseId, object detail, CancellationToken cancellationToken, string? actor = null, Guid? id = null)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Audit events are written inside the transaction of the change they record.");
        }

        db.AuditEvents.Add(new AuditEvent(clock.Now(), actor ?? actors.Current.Id, action, caseId, JsonSerializer.Serialize(detail, Json.Options), id));
        resources.AfterCommit(() =>
        {
            seal.Wake();
            return Task.CompletedTask;
        });

        return Task.CompletedTask;
    }
}
