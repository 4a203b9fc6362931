using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Domain;
using MediatR;

namespace ClearanceWorkflow.Application.Audit;

/// <summary>
/// What an admin does to jobs in the Hangfire dashboard (trigger, requeue, delete): it can start, repeat or cancel a
/// case's check, timer or deadline, so it is audited twice: <c>jobs.dashboard-requested</c> before the dashboard acts
/// (a crash or a failed write in between cannot leave an action without a trace), <c>jobs.dashboard-action</c> once it
/// has. Job ids and recurring job names carry no personal data.
/// </summary>
public static class JobsDashboardAction
{
    public const string Requested = "jobs.dashboard-requested";

    public const string Action = "jobs.dashboard-action";

    [AllowRoles(Roles.Admin)]
    public sealed record Record(string Path, IReadOnlyList<string> Jobs, bool Done) : ICommand<Unit>;

    public sealed class Handler(AuditTrail audit) : IRequestHandler<Record, Unit>
    {
        public async Task<Unit> Handle(Record request, CancellationToken cancellationToken)
        {
            await audit.AppendAsync(request.Done ? Action : Requested, null, new { path = request.Path, jobs = request.Jobs }, cancellationToken);
            return Unit.Value;
        }
    }
}
