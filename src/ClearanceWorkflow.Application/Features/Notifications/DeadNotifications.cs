using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Notifications;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Application.Features.Notifications;

/// <summary>A notification the webhook never accepted: ids, type and the last error, never the payload.</summary>
public sealed record DeadNotificationDto(Guid Id, string Type, DateTime CreatedAt, int Attempts, DateTime DeadAt, string? LastError);

/// <summary>Notifications the webhook never accepted and that were given up on.</summary>
file static class DeadNotifications
{
    public static IQueryable<OutboxMessage> Of(ClearanceDbContext db) => db.OutboxMessages.Where(m => m.DeliveredAt == null && m.DeadAt != null);
}

/// <summary>The dead notifications, most recently dead first, for an administrator to redrive once the webhook is back.</summary>
public static class ListDeadNotifications
{
    public sealed record Page(IReadOnlyList<DeadNotificationDto> Items, int Total);

    [AllowRoles(Roles.Admin)]
    public sealed record Query(int Page = 1, int PageSize = 100) : IRequest<Page>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.Page).GreaterThanOrEqualTo(1).AddressablePage(x => x.PageSize);
            RuleFor(x => x.PageSize).InclusiveBetween(1, 500);
        }
    }

    public sealed class Handler(ClearanceDbContext db) : IRequestHandler<Query, Page>
    {
        public async Task<Page> Handle(Query request, CancellationToken cancellationToken)
        {
            var dead = DeadNotifications.Of(db).AsNoTracking();
            var total = await dead.CountAsync(cancellationToken);
            var items = await dead.OrderByDescending(m => m.DeadAt).ThenBy(m => m.Id)
                .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize)
                .Select(m => new DeadNotificationDto(m.Id, m.Type, m.CreatedAt, m.Attempts, m.DeadAt!.Value, m.LastError))
                .ToListAsync(cancellationToken);
            return new Page(items, total);
        }
    }
}

/// <summary>
/// An administrator sends dead notifications again: one by id (404 unknown, 409 not dead), or the dead ones, oldest
/// first, at most <see cref="MaxPerCall"/> a call (<c>remaining</c> tells whether to call again). Each gets the full
/// number of attempts again and is audited.
/// </summary>
public static class RedriveNotifications
{
    /// <summary>Dead notifications one call redrives, in its one transaction.</summary>
    public const int MaxPerCall = 500;

    public sealed record Result(int Redriven, int Remaining = 0);

    [AllowRoles(Roles.Admin)]
    public sealed record Command(Guid? Id) : ICommand<Result>;

    public sealed class Handler(ClearanceDbContext db, AuditTrail audit, TimeProvider clock) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            List<OutboxMessage> messages;
            if (request.Id is { } id)
            {
                var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == id, cancellationToken)
                    ?? throw new NotFoundException($"no notification with the id '{id}'");
                messages = [message];
            }
            else
            {
                messages = await DeadNotifications.Of(db).OrderBy(m => m.DeadAt).ThenBy(m => m.Id).Take(MaxPerCall).ToListAsync(cancellationToken);
            }

            var now = clock.Now();
            foreach (var message in messages)
            {
                message.Redrive(now);
                await audit.AppendAsync("notification.redriven", null, new { id = message.Id, type = message.Type }, cancellationToken);
            }

            var remaining = request.Id is null && messages.Count == MaxPerCall
                ? await DeadNotifications.Of(db).CountAsync(cancellationToken) - messages.Count
                : 0;
            return new Result(messages.Count, remaining);
        }
    }
}
