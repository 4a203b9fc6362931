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
/// three-part match and the minimal answer, whose level never exceeds the agreement's maximum.
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

    /// <summary>The partner and its agreement, or null when it has none.</summary>
    public Task<Partner?> PartnerAsync(string? partnerId, CancellationToken cancellationToken) =>
        partnerId is null
            ? Task.FromResult<Partner?>(null)
            : db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.PartnerId == partnerId, cancellationToken);

    /// <summary>The rule that refuses the query of <paramref name="partnerId"/>, or null when its agreement (<paramref name="partner"/>) permits it.</summary>
    public AgreementRefusal? Refusal(Partner? partner, string? partnerId, string purpose, ClearanceLevel? requiredLevel) =>
        partner is null ? UnknownPartner(partnerId) : partner.Refusal(purpose, requiredLevel, Today);

    /// <summary>As <see cref="Refusal"/>, for a kept answer given again (<see cref="Partner.ReplayRefusal"/>).</summary>
    public AgreementRefusal? ReplayRefusal(Partner? partner, string? partnerId, string purpose, ClearanceLevel? requiredLevel, IEnumerable<ClearanceLevel> answeredLevels) =>
        partner is null ? UnknownPartner(partnerId) : partner.ReplayRefusal(purpose, requiredLevel, answeredLevels, Today);

    private static AgreementRefusal UnknownPartner(string? partnerId) =>
        new(AgreementRules.UnknownPartner, $"the partner '{partnerId}' has no data-sharing agreement");

    /// <summary>
    /// Every clearance filed under the blind indexes given, per index in the order a partner is answered about them
    /// (<see cref="Clearance.CurrentRank"/>, then newest first): the clearance the subject holds, not a newer
    /// record that ended (a withdrawn interim of an upgrade case, say).
    /// </summary>
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
                c.Exception != null,
                db.Cases.Any(k => k.SubjectId == c.SubjectId && k.Stage != Stages.Closed
                    && (k.Type == CaseType.ContinuousEvaluation
                        || k.Status == CaseStatuses.DenialPendingConcurrence || k.Stage == Stages.DueProcess || k.Stage == Stages.Appeal
                        || k.Checks.Any(x => x.Status == CheckStatus.Flagged)
                        || k.Findings.Any(f => !f.Mitigated))),
                c.PersonalDataCipher, c.CreatedAt))
            .ToListAsync(cancellationToken);
        return rows.OrderBy(c => Clearance.CurrentRank(c.Status)).ThenByDescending(c => c.CreatedAt).ThenByDescending(c => c.GrantedOn)
            .ToLookup(c => c.NationalIdIndex, StringComparer.Ordinal);
    }

    /// <summary>
    /// The first candidate (in the order of <see cref="CandidatesAsync"/>) whose decrypted identity agrees on family
    /// name (ignoring case and diacritics) and date of birth. The national identifier already agrees: it selected the candidates.
    /// </summary>
    public Candidate? Match(IEnumerable<Candidate> candidates, string familyName, DateOnly dateOfBirth)
    {
        var wanted = FamilyNames.Normalize(familyName);
        foreach (var candidate in candidates)
        {
            var subject = JsonSerializer.Deserialize<SubjectData>(protector.Unprotect(candidate.PersonalDataCipher), Json.Options);
            if (subject is not null && subject.DateOfBirth == dateOfBirth && string.Equals(FamilyNames.Normalize(subject.FamilyName), wanted, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// The answer about <paramref name="c"/> for a partner whose agreement goes up to <paramref name="maxLevel"/>:
    /// the level and its equivalents are capped there; eligibility is judged on the real level.
    /// </summary>
    public ReciprocityClearance Answer(Candidate c, ClearanceLevel? requiredLevel, ClearanceLevel maxLevel)
    {
        var outOfScope = ReciprocityRules.InvestigationOutOfScope(c.InvestigationClosedOn, Today);
        var disclosed = ReciprocityRules.DisclosedLevel(c.Level, maxLevel);
        var exception = ReciprocityRules.HasException(outOfScope, c.HasRecordedException, c.DerogatoryInformation);
        return new ReciprocityClearance(
            disclosed,
            c.Status,
            c.GrantedOn,
            c.InvestigationClosedOn,
            c.GrantingAgency,
            exception,
            ReciprocityRules.EligibleFor(c.Level, c.Status, requiredLevel, outOfScope, exception),
            InternationalEquivalents.Nato(disclosed),
            InternationalEquivalents.Eu(disclosed),
            outOfScope);
    }

    /// <summary>
    /// The columns a reciprocity answer needs, and the cipher to confirm the match. Never leaves the service.
    /// <see cref="DerogatoryInformation"/>: new derogatory information on an open case of the subject: a ContinuousEvaluation
    /// case, a flagged check, a finding not mitigated, or a denial on its way (awaiting concurrence, in due process or appeal).
    /// </summary>
    public sealed record Candidate(
        Guid Id, Guid CaseId, string NationalIdIndex, ClearanceLevel Level, ClearanceStatus Status, DateOnly GrantedOn, DateOnly? InvestigationClosedOn,
        string GrantingAgency, bool HasRecordedException, bool DerogatoryInformation, string PersonalDataCipher, DateTime CreatedAt);
}

/// <summary>The rules every subject of a query obeys, single or batch.</summary>
public static class ReciprocitySubjectRules
{
    public static void Purpose<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.NotEmpty().Matches(Partners.PartnerRules.PurposePattern).WithMessage("must be a purpose token of the agreement, such as 'employment'");

    public static void FamilyName<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.NotEmpty().MaximumLength(100).Must(v => v is null || v.Trim().Length > 0).WithMessage("must not be blank").NoControlCharacters().WellFormedText();

    /// <summary>
    /// Bounded as an application's is: no clearance is filed under a date outside them, so such a query is a
    /// mistake the partner should hear about (400), not a question to answer with <c>{ "match": false }</c>.
    /// </summary>
    public static void DateOfBirth<T>(this IRuleBuilderInitial<T, DateOnly?> rule, TimeProvider clock) =>
        rule.NotNull().PlausibleDateOfBirth(clock);
}
