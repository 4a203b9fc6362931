using System.Text.Json.Serialization;
using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClearanceWorkflow.Application.Features.Clearances;

public sealed record ClearanceHistoryEntry(ClearanceStatus Status, DateTime At, string Actor, string Reason);

/// <summary>A check a vetting run could not complete (Unable): a gap in the clearance's vetting.</summary>
public sealed record VettingGap(string Kind, int Run, DateTime At, string Summary);

/// <summary>The clearance's continuous vetting; <c>Gaps</c> (the latest, newest first) only in the single clearance's view. Vetting off: not enrolled, no next run.</summary>
public sealed record VettingView(bool Enrolled, DateTime? LastRunAt, DateTime? NextRunAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<VettingGap>? Gaps { get; init; }
}

/// <summary>A clearance as staff see it. <c>Exception</c> is its type only; the details stay encrypted. <c>InvestigationClosedOn</c> is null for an interim clearance.</summary>
public sealed record ClearanceView(
    Guid Id, string SubjectId, ClearanceLevel Level, ClearanceStatus Status, DateOnly GrantedOn, DateOnly? InvestigationClosedOn,
    DateOnly ReinvestigationDueOn, ExceptionType? Exception, VettingView Vetting, IReadOnlyList<ClearanceHistoryEntry> History)
{
    /// <summary>A history entry's reason is the service's, followed by what the person gave (decrypted) when there is that.</summary>
    public static ClearanceView Of(Clearance c, IDataProtector protector, bool vettingOn, IReadOnlyList<VettingGap>? gaps = null) => new(
        c.Id, c.SubjectId, c.Level, c.Status, c.GrantedOn, c.InvestigationClosedOn, c.ReinvestigationDueOn, c.Exception,
        new VettingView(vettingOn && c.VettingEnrolled, c.VettingLastRunAt, vettingOn ? c.VettingNextRunAt : null) { Gaps = gaps },
        [.. c.History.OrderBy(h => h.At).Select(h => new ClearanceHistoryEntry(
            h.Status, h.At, h.Actor, h.RationaleCipher is null ? h.Reason : $"{h.Reason}: {protector.Unprotect(h.RationaleCipher)}"))]);
}

/// <summary>One clearance by id. Every view is audited, so this read runs as a command.</summary>
public static class GetClearance
{
    [AllowRoles(Roles.SecurityOfficer, Roles.Adjudicator, Roles.SeniorAdjudicator, Roles.Auditor)]
    public sealed record Query(Guid Id) : ICommand<ClearanceView>;

    /// <summary>The vetting gaps shown, newest first.</summary>
    public const int GapsShown = 20;

    public sealed class Handler(ClearanceDbContext db, ActorContext actors, AuditTrail audit, IDataProtector protector, IOptions<VettingOptions> vetting)
        : IRequestHandler<Query, ClearanceView>
    {
        public async Task<ClearanceView> Handle(Query request, CancellationToken cancellationToken)
        {
            var c = await db.Clearances.AsNoTracking().Include(x => x.History)
                .FirstOrDefaultAsync(x => x.Id == request.Id, cancellationToken)
                ?? throw new NotFoundException($"clearance {request.Id} was not found");
            // The staff view names who suspended or reinstated it, and why: the holder's own case withholds that too.
            c.RefuseHolder(actors.Current.Id, "reads the staff view of");

            var gaps = await db.VettingResults.AsNoTracking()
                .Where(r => r.ClearanceId == c.Id && r.Outcome == CheckOutcome.Unable)
                .OrderByDescending(r => r.Run).ThenBy(r => r.Kind)
                .Take(GapsShown)
                .ToListAsync(cancellationToken);
            await audit.AppendAsync("clearance.viewed", c.CaseId, new { clearanceId = c.Id }, cancellationToken);
            return ClearanceView.Of(c, protector, vetting.Value.Enabled, [.. gaps.Select(g => new VettingGap(g.Kind, g.Run, g.At, protector.Unprotect(g.SummaryCipher)))]);
        }
    }
}

/// <summary>Clearances by status and reinvestigation due date, soonest due first, paged. The listing is audited with the ids it showed.</summary>
public static class ListClearances
{
    public sealed record Page(IReadOnlyList<ClearanceView> Items, int Total);

    [AllowRoles(Roles.SecurityOfficer, Roles.SeniorAdjudicator, Roles.Auditor)]
    public sealed record Query(string? Status, DateOnly? DueBefore, int Page = 1, int PageSize = 50) : ICommand<Page>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.Status).Must(s => s is null || Enum.GetNames<ClearanceStatus>().Contains(s, StringComparer.OrdinalIgnoreCase))
                .WithMessage($"must be one of: {string.Join(", ", Enum.GetNames<ClearanceStatus>())}");
            RuleFor(x => x.Page).GreaterThanOrEqualTo(1).AddressablePage(x => x.PageSize);
            RuleFor(x => x.PageSize).InclusiveBetween(1, 200);
        }
    }

    public sealed class Handler(ClearanceDbContext db, ActorContext actors, AuditTrail audit, IDataProtector protector, IOptions<VettingOptions> vetting)
        : IRequestHandler<Query, Page>
    {
        public async Task<Page> Handle(Query request, CancellationToken cancellationToken)
        {
            // The caller's own clearances are left out, as GetClearance refuses them (conflict of interest).
            var caller = actors.Current.Id;
            var query = db.Clearances.AsNoTracking().Where(c => c.SubjectId != caller);
            if (request.Status is { } text)
            {
                var status = Enum.Parse<ClearanceStatus>(text, ignoreCase: true);
                query = query.Where(c => c.Status == status);
            }

            if (request.DueBefore is { } due)
            {
                query = query.Where(c => c.ReinvestigationDueOn < due);
            }

            var total = await query.CountAsync(cancellationToken);
            var items = await query.Include(c => c.History)
                .OrderBy(c => c.ReinvestigationDueOn).ThenBy(c => c.Id)
                .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize)
                .AsSplitQuery()
                .ToListAsync(cancellationToken);
            await audit.AppendAsync("clearances.listed", null, new
            {
                status = request.Status, dueBefore = request.DueBefore, page = request.Page, pageSize = request.PageSize,
                clearanceIds = items.Select(c => c.Id),
            }, cancellationToken);
            return new Page([.. items.Select(c => ClearanceView.Of(c, protector, vetting.Value.Enabled))], total);
        }
    }
}
