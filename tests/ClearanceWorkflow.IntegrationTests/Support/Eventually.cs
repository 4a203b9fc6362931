namespace ClearanceWorkflow.IntegrationTests.Support;

/// <summary>Polls a condition until it holds or a deadline passes: background work is waited for, never slept on.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(45);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Probes every 100 ms until <paramref name="done"/> holds; returns the last value probed. Fails the test with <paramref name="what"/> and the last value at the deadline.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = TimeProvider.System.GetUtcNow() + limit;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                Assert.Fail($"Timed out after {limit.TotalSeconds:0} s waiting for {what}; last seen: {Describe(value)}");
            }

            await Task.Delay(Interval);
        }
    }

    public static Task Until(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        Until(condition, ok => ok, what, timeout);

    public static Task Until(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        Until(() => Task.FromResult(condition()), ok => ok, what, timeout);

    private static string Describe(object? value) => value switch
    {
        null => "null",
        System.Collections.IEnumerable items and not string => "[" + string.Join(", ", items.Cast<object?>().Select(i => i?.ToString())) + "]",
        _ => value.ToString() ?? string.Empty,
    };
}
