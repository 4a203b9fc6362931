using ClearanceWorkflow.Application.Features.Cases;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace ClearanceWorkflow.Api.Workspace.Pages;

/// <summary>
/// All of a case's events or information requests, oldest first, a page at a time: the case page shows only the latest
/// (<see cref="CaseAccess.EventsInView"/>, <see cref="CaseAccess.RequestsInView"/>). The API's <see cref="CaseRecords"/>, audited as it is.
/// </summary>
[AuditedView]
public sealed class CaseRecordsModel(IMediator mediator) : WorkspacePage(mediator)
{
    public const string EventsList = "events";
    public const int PageSize = 50;

    public Guid CaseId { get; private set; }

    public bool ShowsEvents { get; private set; }

    public int PageNumber { get; private set; }

    public int Total { get; private set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public IReadOnlyList<CaseEventDto>? Events { get; private set; }

    public IReadOnlyList<InformationRequestDto>? Requests { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string list, [FromQuery] int page = 1)
    {
        (CaseId, ShowsEvents, PageNumber) = (id, string.Equals(list, EventsList, StringComparison.OrdinalIgnoreCase), page);
        if (ModelState.TryGetValue(nameof(page), out var unreadable) && unreadable.Errors.Count > 0)
        {
            // Not page 1, silently, for a page number that is not one.
            Refuse(Application.Common.RequestValidationException.For("page", "Not a whole number."));
            return Page();
        }

        if (ShowsEvents)
        {
            var (_, result) = await TrySendAsync(new CaseRecords.Events(id, page, PageSize));
            (Events, Total) = (result?.Items, result?.Total ?? 0);
        }
        else
        {
            var (_, result) = await TrySendAsync(new CaseRecords.InformationRequests(id, page, PageSize));
            (Requests, Total) = (result?.Items, result?.Total ?? 0);
        }

        if (PageNumber > Pages && (Events is not null || Requests is not null))
        {
            (Events, Requests) = (null, null);
            Error = $"There is no page {PageNumber}: the last is page {Pages}.";
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
