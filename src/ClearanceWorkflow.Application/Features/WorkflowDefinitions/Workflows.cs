using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Workflows;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.Workflow;
using MediatR;

namespace ClearanceWorkflow.Application.Features.WorkflowDefinitions;

public static class ListWorkflows
{
    public sealed record Item(string Name, IReadOnlyList<int> Versions, int ActiveVersion);

    [AllowRoles(Roles.Admin, Roles.Adjudicator, Roles.SeniorAdjudicator)]
    public sealed record Query : IRequest<IReadOnlyList<Item>>;

    public sealed class Handler(WorkflowRegistry registry) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public Task<IReadOnlyList<Item>> Handle(Query request, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Item>>([.. registry.Catalog.Names.Order(StringComparer.Ordinal)
                .Select(n => new Item(n, registry.Catalog.Versions(n), registry.Catalog.Active(n).Version))]);
    }
}

/// <summary>The Mermaid state diagram of a workflow's active version, or of <c>version</c>.</summary>
public static class WorkflowDiagram
{
    [AllowRoles(Roles.Admin, Roles.Adjudicator, Roles.SeniorAdjudicator)]
    public sealed record Query(string Name, int? Version) : IRequest<string>;

    public sealed class Handler(WorkflowRegistry registry) : IRequestHandler<Query, string>
    {
        public Task<string> Handle(Query request, CancellationToken cancellationToken)
        {
            if (!registry.Catalog.Names.Contains(request.Name))
            {
                throw new NotFoundException($"no workflow named '{request.Name}'");
            }

            var definition = request.Version is { } v
                ? registry.Catalog.TryGet(request.Name, v, out var d) ? d : throw new NotFoundException($"workflow '{request.Name}' has no version {v}")
                : registry.Catalog.Active(request.Name);
            return Task.FromResult(MermaidDiagram.Render(definition));
        }
    }
}
