using System.Globalization;

namespace ClearanceWorkflow.Api.Workspace;

/// <summary>How the pages write times: UTC, to the minute.</summary>
public static class Display
{
    public static string Date(DateTime? at) => at is { } t ? t.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";
}
