using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using MediatR;

namespace ClearanceWorkflow.Application.Features.Cases;

/// <summary>A case as the caller may see it. A view by anyone but the subject is audited, so this read runs as a command.</summary>
public static class GetCase
{
    [AuthorizedByHandler]
    public sealed record Query(Guid CaseId) : ICommand<CaseDto>;

    public sealed class Handler(ActorContext actors, CaseAccess access, AuditTrail audit) : IRequestHandler<Query, CaseDto>
    {
        public async Task<CaseDto> Handle(Query request, CancellationToken cancellationToken)
        {
            var actor = actors.Current;
            CaseAccess.RequireCaseReader(actor);
            var c = await access.LoadVisibleAsync(request.CaseId, actor, cancellationToken);
            var view = await access.ViewAsync(c, actor, cancellationToken);
            if (actor.Id != c.SubjectId)
            {
                await audit.AppendAsync("case.viewed", c.Id, new { reference = c.Reference, view = view.Subject is null ? "summary" : "full" }, cancellationToken);
            }

            return view;
        }
    }
}
