using ClearanceWorkflow.Application.Features.Adjudication;
using ClearanceWorkflow.Domain;
using MediatR;
using Microsoft.AspNetCore.Authorization;

namespace ClearanceWorkflow.Api.Workspace.Pages;

/// <summary>The adjudicator's queue and the unassigned queue, oldest first; a senior adjudicator also sees the whole team's. Each pages on its own.</summary>
[Authorize(Roles = Roles.Adjudicator + "," + Roles.SeniorAdjudicator)]
public sealed class QueueModel(IMediator mediator) : WorkspacePage(mediator)
{
    public List<(string Heading, string Id, AdjudicationWorklist.Page Page, int Number)> Sections { get; } = [];

    public async Task OnGetAsync()
    {
        if (!ReadListPageSize())
        {
            return;
        }

        await AddAsync("Assigned to you", "mine", "me");
        await AddAsync("Unassigned", "unassigned", "none");
        if (User.IsInRole(Roles.SeniorAdjudicator))
        {
            await AddAsync("The team's cases", "team", null);
        }
    }

    private async Task AddAsync(string heading, string id, string? assignedTo)
    {
        if (ListPage(id) is not { } number)
        {
            return;
        }

        var (ok, page) = await TrySendAsync(new AdjudicationWorklist.Query(assignedTo, null, number, ListPageSize));
        if (ok)
        {
            Sections.Add((heading, id, page!, number));
        }
    }
}
