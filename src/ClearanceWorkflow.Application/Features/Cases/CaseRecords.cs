using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Application.Features.Cases;

/// <summary>
/// All of a case's events (staff) and information requests (staff and the case's own applicant), oldest first, paged.
/// The case view carries only the latest of each (<see cref="CaseAccess.EventsInView"/>, <see cref="CaseAccess.RequestsInView"/>).
/// A read by anyone but the subject is audited, as a view of the case is, so these run as commands.
/// </summary>
public static class CaseRecords
{
    public sealed record EventPage(IReadOnlyList<CaseEventDto> Items, int Total);

    public sealed record RequestPage(IReadOnlyList<InformationRequestDto> Items, int Total);

    [AuthorizedByHandler]
    public sealed record Events(Guid CaseId, int Page = 1, int PageSize = 50) : ICommand<EventPage>;

    [AuthorizedByHandler]
    public sealed record InformationRequests(Guid CaseId, int Page = 1, int PageSize = 50) : ICommand<RequestPage>;

    public sealed class EventsValidator : AbstractValidator<Events>
    {
        public EventsValidator()
        {
            RuleFor(x => x.Page).GreaterThanOrEqualTo(1).AddressablePage(x => x.PageSize);
            RuleFor(x => x.PageSize).InclusiveBetween(1, 200);
        }
    }

    public sealed class InformationRequestsValidator : AbstractValidator<InformationRequests>
    {
        public InformationRequestsValidator()
        {
            RuleFor(x => x.Page).GreaterThanOrEqualTo(1).AddressablePage(x => x.PageSize);
            RuleFor(x => x.PageSize).InclusiveBetween(1, 200);
        }
    }

    public sealed class EventsHandler(ActorContext actors, CaseAccess access, ClearanceDbContext db, AuditTrail audit) : IRequestHandler<Events, EventPage>
    {
        public async Task<EventPage> Handle(Events request, CancellationToken cancellationToken)
        {
            CaseAccess.RequireCaseReader(actors.Current);
            var c = await access.LoadVisibleAsync(request.CaseId, actors.Current, cancellationToken);
            if (!CaseAccess.IsStaffFor(actors.Current, c))
            {
                throw new ForbiddenException("a case's events are for staff; its stage history is in the case");
            }

            var query = db.CaseEvents.AsNoTracking().Where(e => e.CaseId == c.Id);
            var total = await query.CountAsync(cancellationToken);
            var items = await query.OrderBy(e => e.Sequence).Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).ToListAsync(cancellationToken);
            await audit.AppendAsync("case.viewed", c.Id, new { reference = c.Reference, view = "events", page = request.Page }, cancellationToken);
            return new EventPage([.. items.Select(CaseAccess.ToDto)], total);
        }
    }

    public sealed class InformationRequestsHandler(ActorContext actors, CaseAccess access, ClearanceDbContext db, AuditTrail audit)
        : IRequestHandler<InformationRequests, RequestPage>
    {
        public async Task<RequestPage> Handle(InformationRequests request, CancellationToken cancellationToken)
        {
            var actor = actors.Current;
            CaseAccess.RequireCaseReader(actor);
            var c = await access.LoadVisibleAsync(request.CaseId, actor, cancellationToken);
            var query = db.InformationRequests.AsNoTracking().Where(r => r.CaseId == c.Id);
            var total = await query.CountAsync(cancellationToken);
            var items = await query.OrderBy(r => r.RequestedAt).ThenBy(r => r.Id)
                .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).ToListAsync(cancellationToken);
            if (actor.Id != c.SubjectId)
            {
                await audit.AppendAsync("case.viewed", c.Id, new { reference = c.Reference, view = "information-requests", page = request.Page }, cancellationToken);
            }

            return new RequestPage([.. items.Select(access.ToDto)], total);
        }
    }
}
