using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Application.Features.AuditLog;

/// <summary>An audit event; <c>sequence</c>, <c>hash</c> and <c>previousHash</c> are null until the sealer has given it its place.</summary>
public sealed record AuditEventDto(Guid Id, long? Sequence, DateTime At, string Actor, string Action, Guid? CaseId, string Detail, string? Hash, string? PreviousHash);

/// <summary>
/// A block's signed digest. <c>events</c> is the number of events the ledger holds up to the block's end (its
/// last sequence); the signature covers the block header made of <c>block</c>, <c>firstSequence</c>,
/// <c>events</c>, <c>root</c>, <c>previousHash</c> and <c>at</c>, whose SHA-256 is <c>hash</c>.
/// </summary>
public sealed record LedgerDigest(long Block, long Events, string Root, DateTime At, string Signature, string KeyId, long FirstSequence, string PreviousHash, string Hash)
{
    public static LedgerDigest From(LedgerBlock b) =>
        new(b.Number, b.LastSequence, b.MerkleRoot, b.SealedAt, b.Signature, b.KeyId, b.FirstSequence, b.PreviousHash, b.Hash);

    public string Header() => Ledger.Header(Block, FirstSequence, Events, Root, PreviousHash, At);
}

public sealed record VerificationResult(bool Valid, long Events, Guid? FirstInvalidEventId);

public static class ListAuditEvents
{
    public sealed record Page(IReadOnlyList<AuditEventDto> Items, int Total);

    [AllowRoles(Roles.Auditor)]
    public sealed record Query(Guid? CaseId, DateTimeOffset? From, DateTimeOffset? To, int Page = 1, int PageSize = 100) : IRequest<Page>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.Page).GreaterThanOrEqualTo(1).AddressablePage(x => x.PageSize);
            RuleFor(x => x.PageSize).InclusiveBetween(1, 500);
            RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.From is not null && x.To is not null);
        }
    }

    public sealed class Handler(ClearanceDbContext db, ActorContext actors) : IRequestHandler<Query, Page>
    {
        public async Task<Page> Handle(Query request, CancellationToken cancellationToken)
        {
            // Nobody reads the trail of their own case, which names everyone who handled it (conflict of interest): 403
            // when asked for, left out of the whole trail. Verification and proofs still cover every event.
            var caller = actors.Current.Id;
            await OwnCase.RefuseAsync(db, caller, request.CaseId, cancellationToken);

            var query = db.AuditEvents.AsNoTracking().Where(e => e.CaseId == null || !db.Cases.Any(c => c.Id == e.CaseId && c.SubjectId == caller));
            // Nor a case-less event naming one of the caller's clearances (a page of the clearance list that held it).
            foreach (var own in await OwnCase.ClearanceIdsAsync(db, caller, cancellationToken))
            {
                query = query.Where(e => e.CaseId != null || !e.Detail.Contains(own));
            }
            if (request.CaseId is { } caseId)
            {
                query = query.Where(e => e.CaseId == caseId);
            }

            if (request.From is { } from)
            {
                var f = from.UtcDateTime;
                query = query.Where(e => e.At >= f);
            }

            if (request.To is { } to)
            {
                var t = to.UtcDateTime;
                query = query.Where(e => e.At <= t);
            }

            var total = await query.CountAsync(cancellationToken);
            // Ledger order; events not sealed yet last, in the order they were written.
            var items = await query.OrderBy(e => e.Sequence == null).ThenBy(e => e.Sequence).ThenBy(e => e.At).ThenBy(e => e.Id)
                .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize)
                .Select(e => new AuditEventDto(e.Id, e.Sequence, e.At, e.Actor, e.Action, e.CaseId, e.Detail, e.Hash, e.PreviousHash))
                .ToListAsync(cancellationToken);
            return new Page(items, total);
        }
    }
}

/// <summary>Checks the whole ledger: every event's hash and link, every block's root, hash, link and signature.</summary>
public static class VerifyAuditChain
{
    [AllowRoles(Roles.Auditor)]
    public sealed record Query : IRequest<VerificationResult>;

    public sealed class Handler(ClearanceDbContext db, LedgerSigner signer) : IRequestHandler<Query, VerificationResult>
    {
        public Task<VerificationResult> Handle(Query request, CancellationToken cancellationToken) =>
            new LedgerVerifier(db, signer).VerifyAsync(null, cancellationToken);
    }
}

/// <summary>
/// Checks the ledger against a digest saved earlier: the digest's own signature, then everything from the
/// first event up to the digest's block, which must come out exactly as the digest says.
/// </summary>
public static class VerifyAgainstDigest
{
    [AllowRoles(Roles.Auditor)]
    public sealed record Query(DigestInput? Digest) : IRequest<VerificationResult>;

    /// <summary>
    /// A digest as sent back by a client: every property is checked before use. The contract's fields (block, events,
    /// root, at, signature, keyId) are required; the block's first sequence, previous hash and hash, which this service's
    /// digests also carry, may be left out.
    /// </summary>
    public sealed record DigestInput(long? Block, long? Events, string? Root, DateTime? At, string? Signature, string? KeyId, long? FirstSequence, string? PreviousHash, string? Hash);

    public sealed class Validator : AbstractValidator<Query>
    {
        private const string Hex = "must be 64 lowercase hex digits";

        public Validator()
        {
            RuleFor(x => x.Digest).NotNull();
            When(x => x.Digest is not null, () =>
            {
                RuleFor(x => x.Digest!.Block).NotNull().GreaterThanOrEqualTo(1);
                RuleFor(x => x.Digest!.FirstSequence).GreaterThanOrEqualTo(1);
                RuleFor(x => x.Digest!.Events).NotNull().GreaterThanOrEqualTo(x => x.Digest!.FirstSequence ?? 1);
                RuleFor(x => x.Digest!.At).NotNull();
                RuleFor(x => x.Digest!.KeyId).NotEmpty().MaximumLength(LedgerBlock.MaxKeyIdLength);
                RuleFor(x => x.Digest!.Signature).NotEmpty().MaximumLength(200)
                    .Must(s => s is not null && Convert.TryFromBase64String(s, new byte[s.Length], out _)).WithMessage("must be base64");
                RuleFor(x => x.Digest!.Root).Must(v => Ledger.TryHex(v, out _)).WithMessage(Hex);
                RuleFor(x => x.Digest!.PreviousHash).Must(v => v is null || Ledger.TryHex(v, out _)).WithMessage(Hex);
                RuleFor(x => x.Digest!.Hash).Must(v => v is null || Ledger.TryHex(v, out _)).WithMessage(Hex);
            });
        }
    }

    public sealed class Handler(ClearanceDbContext db, LedgerSigner signer) : IRequestHandler<Query, VerificationResult>
    {
        public async Task<VerificationResult> Handle(Query request, CancellationToken cancellationToken)
        {
            var d = request.Digest!;
            var (first, previous) = (d.FirstSequence, d.PreviousHash);
            if (first is null || previous is null)
            {
                // Read from the ledger's block: both are under the signature, so a changed ledger fails the check all the same.
                var block = await db.LedgerBlocks.AsNoTracking().Where(b => b.Number == d.Block)
                    .Select(b => new { b.FirstSequence, b.PreviousHash }).SingleOrDefaultAsync(cancellationToken);
                if (block is null)
                {
                    return new VerificationResult(false, 0, null);
                }

                (first, previous) = (first ?? block.FirstSequence, previous ?? block.PreviousHash);
            }

            var header = Ledger.Header(d.Block!.Value, first.Value, d.Events!.Value, d.Root!, previous, d.At!.Value);
            var hash = AuditEvent.HashOf(header);
            if ((d.Hash is not null && d.Hash != hash) || !signer.Verify(header, d.KeyId!, d.Signature!))
            {
                return new VerificationResult(false, 0, null);
            }

            var digest = new LedgerDigest(d.Block.Value, d.Events.Value, d.Root!, d.At.Value, d.Signature!, d.KeyId!, first.Value, previous, hash);
            return await new LedgerVerifier(db, signer).VerifyAsync(digest, cancellationToken);
        }
    }
}

/// <summary>The latest block's signed digest, to keep outside the service and check the ledger against later.</summary>
public static class GetLedgerDigest
{
    [AllowRoles(Roles.Auditor)]
    public sealed record Query : IRequest<LedgerDigest>;

    public sealed class Handler(ClearanceDbContext db) : IRequestHandler<Query, LedgerDigest>
    {
        public async Task<LedgerDigest> Handle(Query request, CancellationToken cancellationToken)
        {
            var last = await db.LedgerBlocks.AsNoTracking().OrderByDescending(b => b.Number).FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("nothing has been sealed into the ledger yet");
            return LedgerDigest.From(last);
        }
    }
}

/// <summary>An event's inclusion proof: its block's signed digest and the RFC 6962 audit path from the event's hash to the block's root.</summary>
public static class GetEventProof
{
    public sealed record Proof(AuditEventDto Event, long Block, long LeafIndex, long TreeSize, IReadOnlyList<string> Path, string Root, string Signature, string KeyId, LedgerDigest Digest);

    [AllowRoles(Roles.Auditor)]
    public sealed record Query(Guid Id) : IRequest<Proof>;

    public sealed class Handler(ClearanceDbContext db, ActorContext actors) : IRequestHandler<Query, Proof>
    {
        public async Task<Proof> Handle(Query request, CancellationToken cancellationToken)
        {
            var e = await db.AuditEvents.AsNoTracking().SingleOrDefaultAsync(x => x.Id == request.Id, cancellationToken)
                ?? throw new NotFoundException("there is no audit event with this id");
            // The proof carries the event, as the trail would: not one of the caller's own case (ListAuditEvents).
            await OwnCase.RefuseAsync(db, actors.Current.Id, e.CaseId, cancellationToken);
            if (e.CaseId is null && (await OwnCase.ClearanceIdsAsync(db, actors.Current.Id, cancellationToken)).Any(e.Detail.Contains))
            {
                throw new ForbiddenException("conflict of interest: the event names the caller's own clearance");
            }

            var sequence = e.Sequence ?? throw new ConflictException("the event is not sealed yet; try again in a second");
            var block = await db.LedgerBlocks.AsNoTracking().SingleOrDefaultAsync(b => b.FirstSequence <= sequence && b.LastSequence >= sequence, cancellationToken)
                ?? throw new ConflictException("the event is not in a block yet; try again in a second");
            var hashes = await db.AuditEvents.AsNoTracking()
                .Where(x => x.Sequence >= block.FirstSequence && x.Sequence <= block.LastSequence)
                .OrderBy(x => x.Sequence).Select(x => x.Hash!).ToListAsync(cancellationToken);
            var index = (int)(sequence - block.FirstSequence);
            return new Proof(
                new AuditEventDto(e.Id, e.Sequence, e.At, e.Actor, e.Action, e.CaseId, e.Detail, e.Hash, e.PreviousHash),
                block.Number, index, hashes.Count, Ledger.AuditPath(hashes, index), block.MerkleRoot, block.Signature, block.KeyId, LedgerDigest.From(block));
        }
    }
}

file static class OwnCase
{
    public static async Task RefuseAsync(ClearanceDbContext db, string caller, Guid? caseId, CancellationToken cancellationToken)
    {
        if (caseId is { } id && await db.Cases.AnyAsync(c => c.Id == id && c.SubjectId == caller, cancellationToken))
        {
            throw new ForbiddenException("conflict of interest: nobody reads the audit trail of their own case");
        }
    }

    /// <summary>The caller's clearances' ids as an event's detail writes them.</summary>
    public static async Task<IReadOnlyList<string>> ClearanceIdsAsync(ClearanceDbContext db, string caller, CancellationToken cancellationToken) =>
        [.. (await db.Clearances.AsNoTracking().Where(c => c.SubjectId == caller).Select(c => c.Id).ToListAsync(cancellationToken)).Select(id => id.ToString())];
}

/// <summary>The ledger's public keys, to check digests and proofs offline.</summary>
public static class GetLedgerKeys
{
    public sealed record Key(string KeyId, string PublicKeyPem, bool Active);

    [AllowRoles(Roles.Auditor)]
    public sealed record Query : IRequest<IReadOnlyList<Key>>;

    public sealed class Handler(LedgerSigner signer) : IRequestHandler<Query, IReadOnlyList<Key>>
    {
        public Task<IReadOnlyList<Key>> Handle(Query request, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Key>>([.. signer.PublicKeys.Select(k => new Key(k.KeyId, k.PublicKeyPem, k.KeyId == signer.ActiveKeyId))]);
    }
}

/// <summary>
/// Walks the ledger from genesis, block by block: each event's sequence, link and hash recomputed from its
/// canonical form; each block's range, Merkle root, link, hash and signature. Names the first event where
/// anything differs (for a wrong block, its first event; null when the events are gone).
/// </summary>
internal sealed class LedgerVerifier(ClearanceDbContext db, LedgerSigner signer)
{
    private const int BlockBatch = 100;
    private const int EventBatch = 2000;

    private long _events;
    private long _expectedSequence = 1;
    private string _previousEventHash = AuditEvent.GenesisHash;

    /// <summary>Up to <paramref name="digest"/>'s block, which must match it; or the whole ledger, including events sealed before blocks existed.</summary>
    public async Task<VerificationResult> VerifyAsync(LedgerDigest? digest, CancellationToken cancellationToken)
    {
        var lastNumber = digest?.Block
            ?? await db.LedgerBlocks.MaxAsync(b => (long?)b.Number, cancellationToken) ?? 0;
        var previousBlockHash = AuditEvent.GenesisHash;
        long number = 0;
        while (number < lastNumber)
        {
            var after = number;
            var blocks = await db.LedgerBlocks.AsNoTracking().Where(b => b.Number > after && b.Number <= lastNumber)
                .OrderBy(b => b.Number).Take(BlockBatch).ToListAsync(cancellationToken);
            if (blocks.Count == 0)
            {
                break;
            }

            foreach (var b in blocks)
            {
                if (b.Number != number + 1 || b.FirstSequence != _expectedSequence || b.LastSequence < b.FirstSequence || b.PreviousHash != previousBlockHash)
                {
                    return await InvalidFromAsync(_expectedSequence, cancellationToken);
                }

                var events = await db.AuditEvents.AsNoTracking()
                    .Where(e => e.Sequence >= b.FirstSequence && e.Sequence <= b.LastSequence)
                    .OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
                if (Walk(events) is { } broken)
                {
                    return Invalid(broken);
                }

                if (_expectedSequence != b.LastSequence + 1)
                {
                    return await InvalidFromAsync(_expectedSequence, cancellationToken);
                }

                var header = b.Header();
                if (Ledger.MerkleRoot([.. events.Select(e => e.Hash!)]) != b.MerkleRoot || AuditEvent.HashOf(header) != b.Hash
                    || !signer.Verify(header, b.KeyId, b.Signature)
                    || (b.Number == digest?.Block && (b.Hash != digest.Hash || b.MerkleRoot != digest.Root || b.LastSequence != digest.Events)))
                {
                    return Invalid(events[0].Id);
                }

                previousBlockHash = b.Hash;
                number = b.Number;
            }
        }

        if (number != lastNumber)
        {
            // The digest's block, or blocks before it, are gone.
            return await InvalidFromAsync(_expectedSequence, cancellationToken);
        }

        if (digest is null)
        {
            // Events chained by a release before blocks, until the sealer's first run has put them in blocks.
            while (true)
            {
                var from = _expectedSequence;
                var batch = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence >= from)
                    .OrderBy(e => e.Sequence).Take(EventBatch).ToListAsync(cancellationToken);
                if (Walk(batch) is { } broken)
                {
                    return Invalid(broken);
                }

                if (batch.Count < EventBatch)
                {
                    break;
                }
            }
        }

        return new VerificationResult(true, _events, null);
    }

    private Guid? Walk(List<AuditEvent> events)
    {
        foreach (var e in events)
        {
            _events++;
            if (e.Sequence != _expectedSequence || e.PreviousHash != _previousEventHash || e.ComputeHash() != e.Hash)
            {
                return e.Id;
            }

            _expectedSequence++;
            _previousEventHash = e.Hash!;
        }

        return null;
    }

    private VerificationResult Invalid(Guid? id) => new(false, _events, id);

    private async Task<VerificationResult> InvalidFromAsync(long sequence, CancellationToken cancellationToken) =>
        Invalid(await db.AuditEvents.AsNoTracking().Where(e => e.Sequence >= sequence).OrderBy(e => e.Sequence)
            .Select(e => (Guid?)e.Id).FirstOrDefaultAsync(cancellationToken));
}
