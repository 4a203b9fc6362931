using System.Buffers;
using System.Text;
using FluentValidation;

namespace ClearanceWorkflow.Application.Common;

/// <summary>Rules shared by the validators.</summary>
public static class ValidationRules
{
    /// <summary>
    /// A value stored or queried as plain text holds no control characters: PostgreSQL text cannot hold NUL, so
    /// one would otherwise fail in the database (a 500) instead of here (a 400).
    /// </summary>
    public static IRuleBuilderOptions<T, string?> NoControlCharacters<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(value => value is null || !value.Any(char.IsControl)).WithMessage("must not contain control characters");

    /// <summary>
    /// Text a person writes (a reason, a rationale, an answer): line breaks and tabs, but no other control character
    /// (NUL, escape sequences), and nothing Unicode cannot normalize.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> Prose<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(value => value is null || IsProse(value)).WithMessage(NotProse).WellFormedText();

    public const string NotProse = "must not contain control characters other than line breaks and tabs";

    public static bool IsProse(string value) => !value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));

    /// <summary>A user id as the bearer scheme accepts one: no white space at either end (SQL Server's <c>=</c> ignores trailing spaces).</summary>
    public static IRuleBuilderOptions<T, string?> NoOuterWhiteSpace<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(value => string.IsNullOrEmpty(value) || (!char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[^1])))
            .WithMessage("must not begin or end with white space");

    /// <summary>
    /// Text that Unicode can normalize: no unpaired surrogate and no noncharacter (U+FDD0–U+FDEF, U+FFFE, U+FFFF and
    /// their kin in every plane). Names are compared in normalized form, which would fail on them.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> WellFormedText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(value => value is null || IsWellFormed(value)).WithMessage(NotWellFormed);

    public const string NotWellFormed = "must not contain unpaired surrogates or Unicode noncharacters";

    public static bool IsWellFormed(string value)
    {
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done
                || rune.Value is >= 0xFDD0 and <= 0xFDEF || (rune.Value & 0xFFFE) == 0xFFFE)
            {
                return false;
            }

            rest = rest[used..];
        }

        return true;
    }

    /// <summary>A page whose first row lies beyond what an offset can address is refused, not overflowed into a negative offset.</summary>
    public static IRuleBuilderOptions<T, int> AddressablePage<T>(this IRuleBuilder<T, int> rule, Func<T, int> pageSize) =>
        rule.Must((request, page) => (long)(page - 1) * Math.Max(pageSize(request), 1) <= int.MaxValue).WithMessage("is beyond the last page there can be");

    /// <summary>A date of birth: on or after <see cref="DateBounds.Earliest"/> and before today (UTC).</summary>
    public static IRuleBuilderOptions<T, DateOnly?> PlausibleDateOfBirth<T>(this IRuleBuilder<T, DateOnly?> rule, TimeProvider clock) =>
        rule.Must(d => d is null || d.Value >= DateBounds.Earliest).WithMessage(DateBounds.TooEarly)
            .Must(d => d is null || d.Value < DateBounds.Today(clock)).WithMessage("must be in the past");
}

/// <summary>
/// The bounds every date in a request body is held to, so that no impossible date (year 1 or 9999, an end
/// before its start) reaches date arithmetic or storage. Each field's own upper bound is next to its rule.
/// </summary>
public static class DateBounds
{
    /// <summary>No date a request carries lies before this one.</summary>
    public static readonly DateOnly Earliest = new(1900, 1, 1);

    public const string TooEarly = "must not be before 1900-01-01";

    /// <summary>How far ahead a partner agreement may run.</summary>
    public const int AgreementYearsAhead = 100;

    /// <summary>How far ahead an interview may be scheduled.</summary>
    public const int InterviewYearsAhead = 2;

    /// <summary>Today in UTC, by the injected clock.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
