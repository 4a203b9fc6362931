using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ClearanceWorkflow.Application.Features.Maintenance;

/// <summary>
/// Re-encrypts every encrypted column (the model's <c>*Cipher</c> properties) under the active key,
/// table by table in keyset-ordered batches, each batch one transaction. Values
/// already under the active key are left alone, so it can be stopped and run again. It may run beside the service: a
/// batch whose rows the service changed meanwhile is read again. At the end it counts the values still under another
/// key (written behind it by a node that still had the old key active), which must be none before that key goes.
/// </summary>
public static class RekeyData
{
    public const int BatchSize = 200;

    /// <summary>How often one batch is read again after the service changed one of its rows in between.</summary>
    public const int BatchAttempts = 5;

    /// <param name="ActiveKeyId">The key everything was to be moved to.</param>
    /// <param name="Reencrypted">Per table, the values this run re-encrypted.</param>
    /// <param name="Remaining">Per table, the values still under another key when the run ended.</param>
    public sealed record Result(string ActiveKeyId, IReadOnlyDictionary<string, int> Reencrypted, IReadOnlyDictionary<string, int> Remaining)
    {
        public bool Complete => Remaining.Values.All(n => n == 0);
    }

    [AllowRoles(Roles.System)]
    public sealed record Run : IRequest<Result>;

    [AllowRoles(Roles.System)]
    public sealed record Batch(string EntityType, Guid After) : ICommand<(int Seen, int Changed, Guid Last)>;

    public sealed class RunHandler(IMediator mediator, ClearanceDbContext db, IDataProtector protector) : IRequestHandler<Run, Result>
    {
        public async Task<Result> Handle(Run request, CancellationToken cancellationToken)
        {
            var totals = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var entity in EncryptedEntities(db.Model))
            {
                var after = Guid.Empty;
                var changed = 0;
                while (true)
                {
                    var (seen, batchChanged, last) = await BatchAsync(new Batch(entity.Name, after), cancellationToken);
                    changed += batchChanged;
                    after = last;
                    if (seen < BatchSize)
                    {
                        break;
                    }
                }

                totals[entity.GetTableName()!] = changed;
            }

            var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var entity in EncryptedEntities(db.Model))
            {
                remaining[entity.GetTableName()!] = await UnderOtherKeysAsync(entity, cancellationToken);
            }

            await mediator.Send(new Record(protector.ActiveKeyId, totals, remaining), cancellationToken);
            return new Result(protector.ActiveKeyId, totals, remaining);
        }

        /// <summary>One batch, read again when the service changed one of its rows meanwhile; its rows are forgotten once it ends, so a run holds one batch at a time.</summary>
        private async Task<(int Seen, int Changed, Guid Last)> BatchAsync(Batch batch, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await mediator.Send(batch, cancellationToken);
                }
                catch (ConflictException) when (attempt < BatchAttempts)
                {
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            }
        }

        private async Task<int> UnderOtherKeysAsync(IEntityType entity, CancellationToken cancellationToken)
        {
            var prefix = protector.PrefixOf(protector.ActiveKeyId);
            var count = 0;
            foreach (var property in CipherProperties(entity))
            {
                count += await Set(db, entity.ClrType).CountAsync(
                    e => EF.Property<string?>(e, property.Name) != null && !EF.Property<string>(e, property.Name).StartsWith(prefix), cancellationToken);
            }

            return count;
        }
    }

    /// <summary>Re-encrypts one batch and records it (<c>data.rekeyed-batch</c>) in the batch's own transaction, so a run stopped part-way is audited as far as it went.</summary>
    public sealed class BatchHandler(ClearanceDbContext db, IDataProtector protector, AuditTrail audit) : IRequestHandler<Batch, (int Seen, int Changed, Guid Last)>
    {
        public async Task<(int Seen, int Changed, Guid Last)> Handle(Batch request, CancellationToken cancellationToken)
        {
            var entity = db.Model.FindEntityType(request.EntityType)!;
            var ciphers = CipherProperties(entity);
            var rows = await Rows(entity.ClrType, request.After).ToListAsync(cancellationToken);
            var changed = 0;
            foreach (var row in rows)
            {
                var entry = db.Entry(row);
                foreach (var property in ciphers)
                {
                    if (entry.Property(property.Name).CurrentValue is string cipher && protector.KeyIdOf(cipher) != protector.ActiveKeyId)
                    {
                        entry.Property(property.Name).CurrentValue = protector.Protect(protector.Unprotect(cipher));
                        changed++;
                    }
                }
            }

            var last = rows.Count == 0 ? request.After : (Guid)db.Entry(rows[^1]).Property("Id").CurrentValue!;
            if (changed > 0)
            {
                await audit.AppendAsync("data.rekeyed-batch", null, new { activeKeyId = protector.ActiveKeyId, table = entity.GetTableName(), values = changed }, cancellationToken);
            }

            return (rows.Count, changed, last);
        }

        private IQueryable<object> Rows(Type clrType, Guid after) =>
            Set(db, clrType).Where(e => EF.Property<Guid>(e, "Id").CompareTo(after) > 0).OrderBy(e => EF.Property<Guid>(e, "Id")).Take(BatchSize);
    }

    private static IQueryable<object> Set(DbContext db, Type clrType) =>
        (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(clrType).Invoke(db, null)!;

    /// <summary>The audit event of a run that went through every table.</summary>
    [AllowRoles(Roles.System)]
    public sealed record Record(string ActiveKeyId, IReadOnlyDictionary<string, int> Reencrypted, IReadOnlyDictionary<string, int> Remaining) : ICommand<Unit>;

    public sealed class RecordHandler(AuditTrail audit) : IRequestHandler<Record, Unit>
    {
        public async Task<Unit> Handle(Record request, CancellationToken cancellationToken)
        {
            await audit.AppendAsync("data.rekeyed", null, new { activeKeyId = request.ActiveKeyId, reencrypted = request.Reencrypted, remaining = request.Remaining }, cancellationToken);
            return Unit.Value;
        }
    }

    public static IEnumerable<IEntityType> EncryptedEntities(IModel model) =>
        model.GetEntityTypes().Where(e => CipherProperties(e).Count > 0).OrderBy(e => e.GetTableName(), StringComparer.Ordinal);

    private static List<IProperty> CipherProperties(IEntityType entity) =>
        [.. entity.GetProperties().Where(p => p.ClrType == typeof(string) && p.Name.EndsWith("Cipher", StringComparison.Ordinal))];
}
