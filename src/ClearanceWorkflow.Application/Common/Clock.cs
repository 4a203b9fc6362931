namespace ClearanceWorkflow.Application.Common;

/// <summary>"Now" as the service stores it.</summary>
public static class Clock
{
    /// <summary>The current UTC time, truncated to what the databases keep (see <see cref="Truncate"/>).</summary>
    public static DateTime Now(this TimeProvider clock) => Truncate(clock.GetUtcNow().UtcDateTime);

    /// <summary>Microsecond precision: what every supported database stores, so times and audit hashes survive a round trip.</summary>
    public static DateTime Truncate(DateTime value) =>
        new(value.Ticks - (value.Ticks % 10), DateTimeKind.Utc);
}
