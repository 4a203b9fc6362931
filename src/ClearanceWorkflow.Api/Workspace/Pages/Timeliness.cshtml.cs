using ClearanceWorkflow.Application.Features.Reports;
using ClearanceWorkflow.Domain;
using MediatR;
using Microsoft.AspNetCore.Authorization;

namespace ClearanceWorkflow.Api.Workspace.Pages;

/// <summary>The timeliness report (<see cref="Timeliness"/>, as <c>GET /reports/timeliness</c>) as charts.</summary>
[Authorize(Roles = Roles.SecurityOfficer + "," + Roles.SeniorAdjudicator + "," + Roles.Auditor)]
public sealed class TimelinessModel(IMediator mediator) : WorkspacePage(mediator)
{
    public Timeliness.Report? Report { get; private set; }

    public async Task OnGetAsync() => (_, Report) = await TrySendAsync(new Timeliness.Query(null, null, null));
}
