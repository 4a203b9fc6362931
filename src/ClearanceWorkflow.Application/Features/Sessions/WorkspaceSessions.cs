using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Application.Features.Sessions;

/// <summary>
/// Workspace sessions (ADR 14): each sign-in is a row the cookie names, ended by a sign-out. Both are audited under the
/// staff member, with no case. Sent by the workspace's cookie handler after it has verified who signs in, and by the
/// sign-out page for the session its own cookie names: the handlers trust the caller for the identity.
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

    private static async Task<bool> EndAsync(ClearanceDbContext db, AuditTrail audit, Guid id, DateTime now, string reason, CancellationToken cancellationToken)
    {
        if (await db.WorkspaceSessions.FindAsync([id], cancellationToken) is not { EndedAt: null } session)
        {
            return false;
        }

        session.End(now);
        await audit.AppendAsync(SignedOut, null, new { session = id, reason }, cancellationToken, session.UserId);
        return true;
    }
}
