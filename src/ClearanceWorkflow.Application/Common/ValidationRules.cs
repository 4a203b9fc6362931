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

    /// <summary>A page whose first row lies beyond what an offset can address is refused, not overflowed into a negative offset.</summary>
    public static IRuleBuilderOptions<T, int> AddressablePage<T>(this IRuleBuilder<T, int> rule, Func<T, int> pageSize) =>
        rule.Must((request, page) => (long)(page - 1) * Math.Max(pageSize(request), 1) <= int.MaxValue).WithMessage("is beyond the last page there can be");
}
