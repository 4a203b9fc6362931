using System.Text.Json;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Applications;
using ClearanceWorkflow.Application.Features.Cases;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Application.Features.Reciprocity;

/// <summary>
/// What single and batch reciprocity queries share: the agreement check, the blind-index lookup, the
/// three-part match and the minimal answer.
/// </summary>
/// <remarks>
/// The lookup never decrypts a table scan: candidates are found through the indexed keyed blind index of
/// the normalized national identifier (<see cref="IBlindIndex"/>), and only those few rows are decrypted
/// to compare family name and date of birth.
/// </remarks>
public sealed class ReciprocityDesk(ClearanceDbContext db, IBlindIndex blindIndex, IDataProtector protector, TimeProvider clock)
{
    /// <summary>Hex characters of the blind index kept in audit events: enough to find the subject again, never the identifier.</summary>
    public const int SubjectReferenceLength = 16;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public string IndexOf(string nationalId) => blindIndex.Compute(NationalIds.Purpose, NationalIds.Normalize(nationalId));

    public static string SubjectReference(string index) => index[..SubjectReferenceLength];

    /// <summary>The rule that refuses this partner's query, or null when its agreement permits it.</summary>
    public async Task<AgreementRefusal?> RefusalAsync(string? partnerId, string purpose, ClearanceLevel? requiredLevel, CancellationToken cancellationToken)
    {
        var partner = partnerId is null
            ? null
            : await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.PartnerId == partnerId, cancellationToken);
        return partner is null
            ? new AgreementRefusal(AgreementRules.UnknownPartner, $"the partner '{partnerId}' has no data-sharing agreement")
            : partner.Refusal(purpose, requiredLevel, Today);
    }

    /// <summary>Every clearance filed under the blind indexes given, newest first per index.</summary>
    public async Task<ILookup<string, Candidate>> CandidatesAsync(IReadOnlyCollection<string> indexes, CancellationToken cancellationToken)
    {
        var query = db.Clearances.AsNoTracking();
        if (indexes.Count == 1)
        {
            var only = indexes.First();
            query = query.Where(c => c.NationalIdIndex == only);
        }
        else
        {
            query = query.Where(c => indexes.Contains(c.NationalIdIndex));
        }

        var rows = await query
            .Select(c => new Candidate(
                c.Id, c.CaseId, c.NationalIdIndex, c.Level, c.Status, c.GrantedOn, c.InvestigationClosedOn, c.GrantingAgency,
                c.Exception != null, c.PersonalDataCipher, c.CreatedAt))
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.GrantedOn).ToLookup(c => c.NationalIdIndex, StringComparer.Ordinal);
    }

    /// <summary>
    /// The newest candidate whose decrypted identity agrees on family name (ignoring case and diacritics)
    /// and date of birth. The national identifier already agrees: it selected the candidates.
    /// </summary>
    public Candidate? Match(IEnumerable<Candidate> newestFirst, string familyName, DateOnly dateOfBirth)
    {
        var wanted = FamilyNames.Normalize(familyName);
        foreach (var candidate in newestFirst)
        {
            var subject = JsonSerializer.Deserialize<SubjectData>(protector.Unprotect(candidate.PersonalDataCipher), Json.Options);
            if (subject is not null && subject.DateOfBirth == dateOfBirth && string.Equals(FamilyNames.Normalize(subject.FamilyName), wanted, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        return null;
    }

    public ReciprocityClearance Answer(Candidate c, ClearanceLevel? requiredLevel)
    {
        var outOfScope = ReciprocityRules.InvestigationOutOfScope(c.InvestigationClosedOn, Today);
        return new ReciprocityClearance(
            c.Level,
            c.Status,
            c.GrantedOn,
            c.InvestigationClosedOn,
            c.GrantingAgency,
            c.HasException,
            ReciprocityRules.EligibleFor(c.Level, c.Status, requiredLevel, outOfScope),
            InternationalEquivalents.Nato(c.Level),
            InternationalEquivalents.Eu(c.Level),
            outOfScope);
    }

    /// <summary>The columns a reciprocity answer needs, and the cipher to confirm the match. Never leaves the service.</summary>
    public sealed record Candidate(
        Guid Id, Guid CaseId, string NationalIdIndex, ClearanceLevel Level, ClearanceStatus Status, DateOnly GrantedOn, DateOnly InvestigationClosedOn,
        string GrantingAgency, bool HasException, string PersonalDataCipher, DateTime CreatedAt);
}

/// <summary>The rules every subject of a query obeys, single or batch.</summary>
public static class ReciprocitySubjectRules
{
    public static void Purpose<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.NotEmpty().Matches(Partners.PartnerRules.PurposePattern).WithMessage("must be a purpose token of the agreement, such as 'employment'");

    public static void NationalId<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(64).Matches("^[A-Za-z0-9 -]+$").WithMessage("may hold letters, digits, spaces and hyphens only")
            .Must(v => v is null || NationalIds.Normalize(v).Length > 0).WithMessage("must hold at least one letter or digit");

    public static void FamilyName<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(100).Must(v => v is null || v.Trim().Length > 0).WithMessage("must not be blank");

    public static void DateOfBirth<T>(this IRuleBuilderInitial<T, DateOnly?> rule) =>
        rule.NotNull().Must(d => d is null || d.Value.Year >= 1900).WithMessage("is not a plausible date of birth");
}
