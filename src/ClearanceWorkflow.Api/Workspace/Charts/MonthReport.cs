using ClearanceWorkflow.Application.Features.Reports;

namespace ClearanceWorkflow.Api.Workspace.Charts;

/// <summary>The timeliness report of one calendar month (<c>yyyy-MM</c>).</summary>
public sealed record MonthReport(string Month, Timeliness.Report Report);
