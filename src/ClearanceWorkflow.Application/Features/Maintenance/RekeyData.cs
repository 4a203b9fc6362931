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
/// already under the active key are left alone, so it can be stopped and run again.
/// </summary>
public static class RekeyData
{
    public const int BatchSize = 200;

    public sealed record Result(string ActiveKeyId, IReadOnlyDictionary<string, int> Reencrypted);

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
                    var (seen, batchChanged, last) = await mediator.Send(new Batch(entity.Name, after), cancellationToken);
                    changed += batchChanged;
                    after = last;
                    if (seen < BatchSize)
                    {
                        break;
                    }
                }

                totals[entity.GetTableName()!] = changed;
            }

            await mediator.Send(new Record(protector.ActiveKeyId, totals), cancellationToken);
            return new Result(protector.ActiveKeyId, totals);
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

        private IQueryable<object> Rows(Type clrType, Guid after)
        {
            var set = (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(clrType).Invoke(db, null)!;
            return set.Where(e => EF.Property<Guid>(e, "Id").CompareTo(after) > 0).OrderBy(e => EF.Property<Guid>(e, "Id")).Take(BatchSize);
        }
    }

    /// <summary>The audit event of a completed rotation.</summary>
    [AllowRoles(Roles.System)]
    public sealed record Record(string ActiveKeyId, IReadOnlyDictionary<string, int> Reencrypted) : ICommand<Unit>;

    public sealed class RecordHandler(AuditTrail audit) : IRequestHandler<Record, Unit>
    {
        public async Task<Unit> Handle(Record request, CancellationToken cancellationToken)
        {
            await audit.AppendAsync("data.rekeyed", null, new { activeKeyId = request.ActiveKeyId, reencrypted = request.Reencrypted }, cancellationToken);
            return Unit.Value;
        }
    }

    public static IEnumerable<IEntityType> EncryptedEntities(IModel model) =>
        model.GetEntityTypes().Where(e => CipherProperties(e).Count > 0).OrderBy(e => e.GetTableName(), StringComparer.Ordinal);

    private static List<IProperty> CipherProperties(IEntityType entity) =>
        [.. entity.GetProperties().Where(p => p.ClrType == typeof(string) && p.Name.EndsWith("Cipher", StringComparison.Ordinal))];
}
