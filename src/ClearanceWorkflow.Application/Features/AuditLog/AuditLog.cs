using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Application.Features.AuditLog;

public sealed record AuditEventDto(Guid Id, long Sequence, DateTime At, string Actor, string Action, Guid? CaseId, string Detail, string Hash, string PreviousHash);

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

    public sealed class Handler(ClearanceDbContext db) : IRequestHandler<Query, Page>
    {
        public async Task<Page> Handle(Query request, CancellationToken cancellationToken)
        {
            var query = db.AuditEvents.AsNoTracking();
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
            var items = await query.OrderBy(e => e.Sequence)
                .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize)
                .Select(e => new AuditEventDto(e.Id, e.Sequence, e.At, e.Actor, e.Action, e.CaseId, e.Detail, e.Hash, e.PreviousHash))
                .ToListAsync(cancellationToken);
            return new Page(items, total);
        }
    }
}

/// <summary>Walks the whole chain in order and names the first event whose hash or link is wrong.</summary>
public static class VerifyAuditChain
{
    public sealed record Result(bool Valid, long Events, Guid? FirstInvalidEventId);

    [AllowRoles(Roles.Auditor)]
    public sealed record Query : IRequest<Result>;

    public sealed class Handler(ClearanceDbContext db) : IRequestHandler<Query, Result>
    {
        private const int Batch = 2000;

        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            long count = 0;
            long expectedSequence = 1;
            var previousHash = AuditEvent.GenesisHash;
            long after = long.MinValue;
            while (true)
            {
                var batch = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence > after)
                    .OrderBy(e => e.Sequence).Take(Batch).ToListAsync(cancellationToken);
                foreach (var e in batch)
                {
                    count++;
                    if (e.Sequence != expectedSequence || e.PreviousHash != previousHash || e.ComputeHash() != e.Hash)
                    {
                        return new Result(false, count, e.Id);
                    }

                    expectedSequence++;
                    previousHash = e.Hash;
                    after = e.Sequence;
                }

                if (batch.Count < Batch)
                {
                    return new Result(true, count, null);
                }
            }
        }
    }
}
