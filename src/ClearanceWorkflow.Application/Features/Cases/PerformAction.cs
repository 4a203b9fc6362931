using System.Text.Json;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Workflows;
using MediatR;

namespace ClearanceWorkflow.Application.Features.Cases;

/// <summary>
/// POST /cases/{id}/actions/{action}. The case's pinned workflow definition decides who may do what
/// when; this handler only loads the case and hands it to the runner.
/// </summary>
public static class PerformAction
{
    [AuthorizedByHandler]
    public sealed record Command(Guid CaseId, string Action, JsonElement? Body) : ICommand<CaseDto>;

    public sealed class Handler(ActorContext actors, CaseAccess access, WorkflowRunner runner) : IRequestHandler<Command, CaseDto>
    {
        public async Task<CaseDto> Handle(Command request, CancellationToken cancellationToken)
        {
            var actor = actors.Current;
            var c = await access.LoadVisibleAsync(request.CaseId, actor, cancellationToken);
            await runner.RunAsync(c, request.Action, actor, request.Body, cancellationToken);
            return await access.ViewAsync(c, actor, cancellationToken);
        }
    }
}
