using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using System.Text.Json.Serialization;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Application.Features.Sessions;

/// <summary>
/// Workspace sessions (ADR 14): each sign-in is a row the cookie names, ended by a sign-out. Both are audited under the
/// staff member, with no case. Sent by the workspace's cookie handler after it has verified who signs in, and by the
/// sign-out page for the session its own cookie names: the handlers trust the caller for the identity. An administrator
/// lists the open sessions and ends a staff member's (a lost laptop, a role taken away, a departure): the next page
/// that staff member opens asks them to sign in again.
/// </summary>
public static class WorkspaceSessions
{
    public const string SignedIn = "workspace.signed-in";
    public const string SignedOut = "workspace.signed-out";

    /// <summary>
    /// Opens a session for <paramref name="UserId"/>. The session the same browser held until now, if any, ends: its
    /// cookie is being replaced. Sessions older than <paramref name="MaxLifetime"/> are forgotten.
    /// </summary>
    [AuthorizedByHandler]
    public sealed record Start(string UserId, Guid? Replaced, TimeSpan MaxLifetime) : ICommand<Guid>;

    /// <summary>Ends a session; false when it had ended already or is unknown.</summary>
    [AuthorizedByHandler]
    public sealed record Finish(Guid SessionId) : ICommand<bool>;

    /// <summary>A session that may still be in use: not ended, and signed in less than the maximum lifetime ago.</summary>
    public sealed record OpenSession(Guid Id, string UserId, DateTime SignedInAt);

    /// <summary>The open sessions, of one staff member or of all, most recent first.</summary>
    [AllowRoles(Roles.Admin)]
    public sealed record ListOpen(string? UserId, TimeSpan MaxLifetime) : IRequest<IReadOnlyList<OpenSession>>;

    public sealed record Ended(int Sessions);

    /// <summary>An administrator ends every open session of <paramref name="UserId"/>; each is audited under the administrator.</summary>
    [AllowRoles(Roles.Admin)]
    public sealed record EndAll(string? UserId) : ICommand<Ended>
    {
        /// <summary>The workspace's session lifetime, set by the endpoint: a session signed in longer ago has lapsed and is left alone.</summary>
        [JsonIgnore]
        public TimeSpan MaxLifetime { get; init; }
    }

    public sealed class ListOpenValidator : AbstractValidator<ListOpen>
    {
        public ListOpenValidator() => RuleFor(x => x.UserId).MaximumLength(200).NoControlCharacters().NoOuterWhiteSpace().OverridePropertyName("userId");
    }

    public sealed class EndAllValidator : AbstractValidator<EndAll>
    {
        public EndAllValidator() => RuleFor(x => x.UserId).NotEmpty().MaximumLength(200).NoControlCharacters().NoOuterWhiteSpace().OverridePropertyName("userId");
    }

    public sealed class StartHandler(ClearanceDbContext db, AuditTrail audit, TimeProvider clock) : IRequestHandler<Start, Guid>
    {
        public async Task<Guid> Handle(Start request, CancellationToken cancellationToken)
        {
            var now = clock.Now();
            await db.WorkspaceSessions.Where(x => x.SignedInAt < now - request.MaxLifetime).ExecuteDeleteAsync(cancellationToken);
            if (request.Replaced is { } replaced)
            {
                await EndAsync(db, audit, replaced, now, "signed in again in the same browser", cancellationToken);
            }

            var session = new WorkspaceSession(request.UserId, now);
            db.WorkspaceSessions.Add(session);
            await audit.AppendAsync(SignedIn, null, new { session = session.Id }, cancellationToken, request.UserId);
            return session.Id;
        }
    }

    public sealed class FinishHandler(ClearanceDbContext db, AuditTrail audit, TimeProvider clock) : IRequestHandler<Finish, bool>
    {
        public Task<bool> Handle(Finish request, CancellationToken cancellationToken) =>
            EndAsync(db, audit, request.SessionId, clock.Now(), "signed out", cancellationToken);
    }

    public sealed class ListOpenHandler(ClearanceDbContext db, TimeProvider clock) : IRequestHandler<ListOpen, IReadOnlyList<OpenSession>>
    {
        public async Task<IReadOnlyList<OpenSession>> Handle(ListOpen request, CancellationToken cancellationToken)
        {
            var since = clock.Now() - request.MaxLifetime;
            var open = db.WorkspaceSessions.AsNoTracking().Where(x => x.EndedAt == null && x.SignedInAt >= since);
            if (request.UserId is { } user)
            {
                open = open.Where(x => x.UserId == user);
            }

            return await open.OrderByDescending(x => x.SignedInAt).ThenBy(x => x.Id)
                .Select(x => new OpenSession(x.Id, x.UserId, x.SignedInAt)).ToListAsync(cancellationToken);
        }
    }

    public sealed class EndAllHandler(ClearanceDbContext db, AuditTrail audit, TimeProvider clock) : IRequestHandler<EndAll, Ended>
    {
        public async Task<Ended> Handle(EndAll request, CancellationToken cancellationToken)
        {
            var now = clock.Now();
            var since = now - request.MaxLifetime;
            var open = await db.WorkspaceSessions.AsNoTracking()
                .Where(x => x.UserId == request.UserId && x.EndedAt == null && x.SignedInAt >= since)
                .Select(x => x.Id).ToListAsync(cancellationToken);
            var ended = 0;
            foreach (var id in open)
            {
                if (await EndAsync(db, id, now, cancellationToken))
                {
                    ended++;
                    await audit.AppendAsync(SignedOut, null, new { session = id, userId = request.UserId, reason = "ended by an administrator" }, cancellationToken);
                }
            }

            return new Ended(ended);
        }
    }

    private static async Task<bool> EndAsync(ClearanceDbContext db, AuditTrail audit, Guid id, DateTime now, string reason, CancellationToken cancellationToken)
    {
        var user = await db.WorkspaceSessions.Where(x => x.Id == id).Select(x => x.UserId).FirstOrDefaultAsync(cancellationToken);
        if (user is null || !await EndAsync(db, id, now, cancellationToken))
        {
            return false;
        }

        await audit.AppendAsync(SignedOut, null, new { session = id, reason }, cancellationToken, user);
        return true;
    }

    /// <summary>
    /// Ends the session unless it has ended already, in one conditional update: of two requests ending it at once (a
    /// sign-out and an administrator, two administrators), the second waits for the first's commit and ends nothing.
    /// </summary>
    private static async Task<bool> EndAsync(ClearanceDbContext db, Guid id, DateTime now, CancellationToken cancellationToken) =>
        await db.WorkspaceSessions.Where(x => x.Id == id && x.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.EndedAt, now), cancellationToken) == 1;
}
