using ClearanceWorkflow.Application.Features.Adjudication;
using ClearanceWorkflow.Domain;
using MediatR;
using Microsoft.AspNetCore.Authorization;

namespace ClearanceWorkflow.Api.Workspace.Pages;

/// <summary>The adjudicator's queue and the unassigned queue, oldest first; a senior adjudicator also sees the whole team's.</summary>
[Authorize(Roles = Roles.Adjudicator + "," + Roles.SeniorAdjudicator)]
public sealed class QueueModel(IMediator mediator) : WorkspacePage(mediator)
{
    public List<(string Heading, string Id, AdjudicationWorklist.Page Page)> Sections { get; } = [];

    public async Task OnGetAsync()
    {
        await AddAsync("Assigned to you", "mine", "me");
        await AddAsync("Unassigned", "unassigned", "none");
        if (User.IsInRole(Roles.SeniorAdjudicator))
        {
            await AddAsync("The team's cases", "team", null);
        }
    }

    private async Task AddAsync(string heading, string id, string? assignedTo)
    {
        var (ok, page) = await TrySendAsync(new AdjudicationWorklist.Query(assignedTo, null, 1, 200));
        if (ok)
        {
            Sections.Add((heading, id, page!));
        }
    }
}
