using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Applications;
using ClearanceWorkflow.Domain;
using FluentValidation;

namespace ClearanceWorkflow.Application.Features.Partners;

/// <summary>A partner and its agreement, as administrators see it.</summary>
public sealed record PartnerDto(
    string PartnerId, string Name, string Country, IReadOnlyList<string> Purposes, ClearanceLevel MaxLevel, DateOnly AgreementExpiresOn,
    bool Active, DateTime CreatedAt, DateTime UpdatedAt, DateTime? DeactivatedAt, int Version)
{
    public static PartnerDto From(Partner p) => new(
        p.PartnerId, p.Name, p.Country, p.Purposes, p.MaxLevel, p.AgreementExpiresOn, p.Active, p.CreatedAt, p.UpdatedAt, p.DeactivatedAt, p.Version);
}

/// <summary>The terms of an agreement, as a create or update request carries them.</summary>
public interface IAgreementTerms
{
    string? Name { get; }
    string? Country { get; }
    IReadOnlyList<string?>? Purposes { get; }
    ClearanceLevel? MaxLevel { get; }
    DateOnly? AgreementExpiresOn { get; }
}

public static class PartnerRules
{
    /// <summary>Partner ids: letters, digits, '.', '_' and '-', 2 to 64 characters, starting with a letter or digit.</summary>
    public const string PartnerIdPattern = "^[A-Za-z0-9][A-Za-z0-9._-]{1,63}\\z";

    /// <summary>Purposes: short tokens such as <c>employment</c> or <c>site-access</c>, told apart without letter case.</summary>
    public const string PurposePattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,31}\\z";

    public const int MaxPurposes = 32;

    /// <summary>The width of the column the purposes are stored in, space-separated.</summary>
    public const int MaxPurposesLength = 1000;

    private static int StoredLength(IReadOnlyList<string?> purposes)
    {
        var distinct = purposes.Where(p => p is not null).Distinct(StringComparer.Ordinal).ToList();
        return distinct.Sum(p => p!.Length) + Math.Max(distinct.Count - 1, 0);
    }

    public static void AgreementTerms<T>(this AbstractValidator<T> validator, TimeProvider clock)
        where T : IAgreementTerms
    {
        validator.RuleFor(x => x.Name).NotEmpty().MaximumLength(200).NoControlCharacters().WellFormedText();
        validator.RuleFor(x => x.Country).NotEmpty().Must(CountryCodes.IsAlpha2).WithMessage("must be an ISO 3166-1 alpha-2 country code");
        validator.RuleFor(x => x.Purposes).NotEmpty().WithMessage("must list at least one purpose")
            .Must(p => p is null || p.Count <= MaxPurposes).WithMessage($"may list at most {MaxPurposes} purposes")
            .Must(p => p is null || StoredLength(p) <= MaxPurposesLength).WithMessage($"may take at most {MaxPurposesLength} characters in all, with a space between each two");
        validator.RuleForEach(x => x.Purposes).NotEmpty().Matches(PurposePattern)
            .WithMessage("must be a short token: letters, digits, dots, underscores and hyphens, starting with a letter or digit, at most 32 characters");
        validator.RuleFor(x => x.MaxLevel).NotNull().IsInEnum();
        validator.RuleFor(x => x.AgreementExpiresOn).NotNull()
            .Must(d => d is null || d.Value >= DateBounds.Today(clock))
            .WithMessage("must be today or later")
            .Must(d => d is null || d.Value <= DateBounds.Today(clock).AddYears(DateBounds.AgreementYearsAhead))
            .WithMessage($"must not be more than {DateBounds.AgreementYearsAhead} years ahead");
    }
}
