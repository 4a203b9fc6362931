using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ClearanceWorkflow.Workflow;

/// <summary>Parses positive ISO 8601 durations made of weeks, or of days, hours, minutes and seconds, up to <see cref="Longest"/>.</summary>
internal static partial class IsoDuration
{
    /// <summary>The longest duration accepted: ten years keeps every due date computed from one far inside what a date can hold.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(3650);

    // Years and months are rejected: their length depends on the calendar.
    [GeneratedRegex("^P(?:(?<w>[0-9]+)W|(?:(?<d>[0-9]+)D)?(?:T(?:(?<h>[0-9]+)H)?(?:(?<m>[0-9]+)M)?(?:(?<s>[0-9]+)S)?)?)\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool TryParse(string text, out TimeSpan value, [NotNullWhen(false)] out string? problem)
    {
        value = default;
        var match = Pattern().Match(text);
        if (!match.Success || text == "P" || text.EndsWith('T'))
        {
            problem = $"invalid ISO 8601 duration '{text}' (expected e.g. P40D, PT12H or P1DT2H)";
            return false;
        }

        try
        {
            long Part(string name) => match.Groups[name].Success ? long.Parse(match.Groups[name].ValueSpan, CultureInfo.InvariantCulture) : 0;
            var seconds = checked((((((Part("w") * 7) + Part("d")) * 24 + Part("h")) * 60) + Part("m")) * 60 + Part("s"));
            value = TimeSpan.FromSeconds(seconds);
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            problem = $"invalid ISO 8601 duration '{text}': too long";
            return false;
        }

        problem = value == TimeSpan.Zero ? $"invalid ISO 8601 duration '{text}': must be greater than zero"
            : value > Longest ? $"invalid ISO 8601 duration '{text}': longer than P3650D"
            : null;
        return problem is null;
    }
}
