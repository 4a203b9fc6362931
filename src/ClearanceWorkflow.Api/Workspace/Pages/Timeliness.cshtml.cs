using ClearanceWorkflow.Application.Features.Reports;
using ClearanceWorkflow.Domain;
using MediatR;
using Microsoft.AspNetCore.Authorization;

namespace ClearanceWorkflow.Api.Workspace.Pages;

/// <summary>
/// The timeliness report (<see cref="Timeliness"/>, as <c>GET /reports/timeliness</c>) as charts: the last year, and the
/// same query once per calendar month of the last 12 (the current month up to today).
/// </summary>
[Authorize(Roles = Roles.SecurityOfficer + "," + Roles.SeniorAdjudicator + "," + Roles.Auditor)]
public sealed class TimelinessModel(IMediator mediator, TimeProvider clock) : WorkspacePage(mediator)
{
    public const int MonthCount = 12;

    public Timeliness.Report? Report { get; private set; }

    public IReadOnlyList<Charts.MonthReport> Months { get; private set; } = [];

    public async Task OnGetAsync()
    {
        (_, Report) = await TrySendAsync(new Timeliness.Query(null, null, null));
        if (Report is null)
        {
            return;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(1 - MonthCount);
        var months = new List<Charts.MonthReport>(MonthCount);
        for (var start = first; start <= today; start = start.AddMonths(1))
        {
            var end = start.AddMonths(1).AddDays(-1);
            var (ok, report) = await TrySendAsync(new Timeliness.Query(start, end < today ? end : today, null));
            if (!ok || report is null)
            {
                return;
            }

            months.Add(new Charts.MonthReport(start.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), report));
        }

        Months = months;
    }
}
