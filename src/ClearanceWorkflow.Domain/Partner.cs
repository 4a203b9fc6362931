namespace ClearanceWorkflow.Domain;

/// <summary>
/// A partner agency and its data-sharing agreement: the purposes it may ask for, the highest level it
/// may ask about, until when, and whether the agreement is in force. The aggregate owns every change to
/// the agreement and decides whether a query is permitted (<see cref="Refusal"/>).
/// </summary>
public sealed class Partner
{
    private Partner()
    {
        PartnerId = Name = Country = string.Empty;
        Purposes = [];
    }

    /// <summary>Internal row id; never shown to partners.</summary>
    public Guid Id { get; private set; }

    /// <summary>The partner's own identifier: the <c>partner_id</c> claim of its tokens. Never changes.</summary>
    public string PartnerId { get; private set; }

    public string Name { get; private set; }

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public string Country { get; private set; }

    /// <summary>The purposes the agreement allows: tokens distinct without letter case, sorted.</summary>
    public IReadOnlyList<string> Purposes { get; private set; }

    /// <summary>The highest level the partner may ask about, and the highest its answers show.</summary>
    public ClearanceLevel MaxLevel { get; private set; }

    /// <summary>The last day the agreement is in force.</summary>
    public DateOnly AgreementExpiresOn { get; private set; }

    public bool Active { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? DeactivatedAt { get; private set; }

    /// <summary>Optimistic concurrency token, raised by every change.</summary>
    public int Version { get; private set; }

    public static Partner Register(
        string partnerId, string name, string country, IEnumerable<string> purposes, ClearanceLevel maxLevel, DateOnly agreementExpiresOn, bool active, DateTime now)
    {
        var p = new Partner
        {
            Id = Guid.NewGuid(),
            PartnerId = partnerId,
            CreatedAt = now,
        };
        p.Apply(name, country, purposes, maxLevel, agreementExpiresOn, active, now);
        p.Version = 0;
        return p;
    }

    /// <summary>Replaces the agreement's terms. Reactivating an agreement is done here, with <paramref name="active"/>.</summary>
    public void UpdateAgreement(string name, string country, IEnumerable<string> purposes, ClearanceLevel maxLevel, DateOnly agreementExpiresOn, bool active, DateTime now) =>
        Apply(name, country, purposes, maxLevel, agreementExpiresOn, active, now);

    public void Deactivate(DateTime now)
    {
        if (!Active)
        {
            throw new DomainException($"the agreement of partner '{PartnerId}' is already inactive");
        }

        Active = false;
        DeactivatedAt = now;
        UpdatedAt = now;
        Version++;
    }

    /// <summary>
    /// Why a query for <paramref name="purpose"/> at <paramref name="requiredLevel"/> on <paramref name="today"/>
    /// is refused, or null when the agreement permits it. The rules are checked in a fixed order, so a
    /// refusal always names the first rule that failed.
    /// </summary>
    public AgreementRefusal? Refusal(string purpose, ClearanceLevel? requiredLevel, DateOnly today)
    {
        if (!Active)
        {
            return new(AgreementRules.Inactive, $"the data-sharing agreement of partner '{PartnerId}' is inactive");
        }

        if (AgreementExpiresOn < today)
        {
            return new(AgreementRules.Expired, $"the data-sharing agreement of partner '{PartnerId}' expired on {AgreementExpiresOn:yyyy-MM-dd}");
        }

        if (!Purposes.Contains(purpose, StringComparer.OrdinalIgnoreCase))
        {
            return new(AgreementRules.PurposeNotAllowed, $"the purpose '{purpose}' is not in the data-sharing agreement of partner '{PartnerId}'");
        }

        if (requiredLevel is { } level && level > MaxLevel)
        {
            return new(AgreementRules.LevelAboveAgreement, $"the required level {level} is above the agreement's maximum level {MaxLevel}");
        }

        return null;
    }

    /// <summary>
    /// Whether an answer kept under an <c>Idempotency-Key</c> may be given again: the query must still be permitted, and
    /// the agreement's maximum level must still cover every level the answer shows (it may have been lowered since).
    /// </summary>
    public AgreementRefusal? ReplayRefusal(string purpose, ClearanceLevel? requiredLevel, IEnumerable<ClearanceLevel> answeredLevels, DateOnly today) =>
        Refusal(purpose, requiredLevel, today)
        ?? (answeredLevels.Any(level => level > MaxLevel)
            ? new(AgreementRules.LevelAboveAgreement, $"the answer kept under this Idempotency-Key shows a level above the agreement's maximum level {MaxLevel}; send the query with a new key")
            : null);

    private void Apply(string name, string country, IEnumerable<string> purposes, ClearanceLevel maxLevel, DateOnly agreementExpiresOn, bool active, DateTime now)
    {
        var tokens = purposes.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        if (tokens.Count == 0)
        {
            throw new DomainException("an agreement needs at least one purpose");
        }

        if (!Enum.IsDefined(maxLevel))
        {
            throw new DomainException($"'{maxLevel}' is not a clearance level");
        }

        Name = name;
        Country = country.ToUpperInvariant();
        Purposes = tokens;
        MaxLevel = maxLevel;
        AgreementExpiresOn = agreementExpiresOn;
        if (active && !Active)
        {
            DeactivatedAt = null;
        }
        else if (!active && Active)
        {
            DeactivatedAt = now;
        }

        Active = active;
        UpdatedAt = now;
        Version++;
    }
}

/// <summary>A query the agreement does not permit: the rule that failed, and a sentence naming it.</summary>
public sealed record AgreementRefusal(string Rule, string Reason);

/// <summary>The names of the agreement rules, as refusals, problem details and audit events spell them.</summary>
public static class AgreementRules
{
    public const string UnknownPartner = "unknown-partner";
    public const string Inactive = "agreement-inactive";
    public const string Expired = "agreement-expired";
    public const string PurposeNotAllowed = "purpose-not-allowed";
    public const string LevelAboveAgreement = "level-above-agreement";
}
