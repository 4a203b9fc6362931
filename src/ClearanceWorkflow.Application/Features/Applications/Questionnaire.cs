using System.Text.Json;
using System.Globalization;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Domain;

namespace ClearanceWorkflow.Application.Features.Applications;

/// <summary>The applicant's questionnaire (SF-86 style). Stored encrypted as one document.</summary>
public sealed record Questionnaire(
    IReadOnlyList<Residence>? Residences,
    IReadOnlyList<Employment>? Employment,
    IReadOnlyList<Education>? Education,
    IReadOnlyList<Reference>? References,
    IReadOnlyList<ForeignContact>? ForeignContacts,
    IReadOnlyList<ForeignTravel>? ForeignTravel,
    Financial? Financial,
    IReadOnlyList<CriminalRecord>? CriminalRecord,
    DrugUse? DrugUse)
{
    /// <summary>
    /// A stored questionnaire. Releases before 2026-12-03 stored a trip's or an offence's date left out as
    /// 0001-01-01, which reads as null again here (a client can no longer send that date for them).
    /// </summary>
    public static Questionnaire? Read(string json)
    {
        var q = JsonSerializer.Deserialize<Questionnaire>(json, Json.Options);
        return q is null ? null : q with
        {
            ForeignTravel = q.ForeignTravel?.Select(t => t with { From = Known(t.From), To = Known(t.To) }).ToList(),
            CriminalRecord = q.CriminalRecord?.Select(c => c with { Date = Known(c.Date) }).ToList(),
        };

        static DateOnly? Known(DateOnly? date) => date == DateOnly.MinValue ? null : date;
    }
}

// The text and yes/no answers are nullable as sent: one left out stays unanswered, never read as empty or "no";
// QuestionnaireRules names those a complete questionnaire requires.
public sealed record Residence(DateOnly From, DateOnly? To, string? Address, string? Country);

public sealed record Employment(DateOnly From, DateOnly? To, string? Employer, string? Position);

public sealed record Education(string? Institution, string? Degree, DateOnly? From, DateOnly? To);

public sealed record Reference(string? Name, string? Relationship, string? Contact);

public sealed record ForeignContact(string? Name, string? Country, string? Relationship);

public sealed record ForeignTravel(string? Country, DateOnly? From, DateOnly? To, string? Purpose);

public sealed record Financial(bool? Bankruptcy, bool? DelinquentDebt, string? Details);

public sealed record CriminalRecord(DateOnly? Date, string? Offense, string? Outcome);

public sealed record DrugUse(bool? IllegalUseInScope, string? Details);

/// <summary>
/// The questionnaire's rules. A draft (<see cref="ValidateDraft"/>) may leave things out, but what it holds is well
/// formed: text within its length, country codes, valid dates, at most <see cref="MaxEntries"/> entries per section.
/// A complete one (<see cref="Validate"/>, checked at submit) also has every section, residences and employment with
/// every field the contract names for them, unbroken over the scope period, and details for each "yes". The other
/// sections' entries are the applicant's to fill as far as they can (the contract does not fix their fields): what they
/// hold is checked, nothing in them is required, and a yes/no left out stays unanswered, never read as "no".
/// </summary>
public static class QuestionnaireRules
{
    public const int MaxText = 500;
    public const int MaxDetails = 5000;

    /// <summary>Entries a section may hold: far more than any history in scope, few enough to check and keep.</summary>
    public const int MaxEntries = 100;

    /// <summary>Every rule: what submit requires.</summary>
    public static Dictionary<string, string[]> Validate(Questionnaire? q, ClearanceLevel level, DateOnly asOf) => Check(q, level, asOf, complete: true);

    /// <summary>The rules of form only: what an applicant may save before the questionnaire is complete.</summary>
    public static Dictionary<string, string[]> ValidateDraft(Questionnaire? q, ClearanceLevel level, DateOnly asOf) => Check(q, level, asOf, complete: false);

    private static Dictionary<string, string[]> Check(Questionnaire? q, ClearanceLevel level, DateOnly asOf, bool complete)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string key, string message)
        {
            if (!errors.TryGetValue(key, out var list))
            {
                errors[key] = list = [];
            }

            list.Add(message);
        }

        // What a complete questionnaire needs and a draft may still leave out.
        void Missing(string key, string message)
        {
            if (complete)
            {
                Add(key, message);
            }
        }

        if (q is null)
        {
            return new Dictionary<string, string[]> { ["questionnaire"] = ["the questionnaire has not been filled in"] };
        }

        // A null entry ("residences": [null]) or an overlong section is refused here; the checks below read every entry.
        var refusedWhole = false;

        Require(q.Residences, "residences", nonEmpty: true);
        Require(q.Employment, "employment", nonEmpty: true);
        Require(q.Education, "education", nonEmpty: false);
        Require(q.References, "references", nonEmpty: false);
        Require(q.ForeignContacts, "foreignContacts", nonEmpty: false);
        Require(q.ForeignTravel, "foreignTravel", nonEmpty: false);
        Require(q.CriminalRecord, "criminalRecord", nonEmpty: false);
        if (q.Financial is null)
        {
            Missing("financial", "the financial section is required");
        }

        if (q.DrugUse is null)
        {
            Missing("drugUse", "the drug use section is required");
        }

        if (refusedWhole)
        {
            return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
        }

        Each(q.Residences, "residences", (r, k) => { Text($"{k}.address", r.Address, required: true); Country($"{k}.country", r.Country); });
        Each(q.Employment, "employment", (e, k) => { Text($"{k}.employer", e.Employer, required: true); Text($"{k}.position", e.Position, required: true); });
        Each(q.Education, "education", (e, k) => { Text($"{k}.institution", e.Institution); Text($"{k}.degree", e.Degree); });
        Each(q.References, "references", (r, k) => { Text($"{k}.name", r.Name); Text($"{k}.relationship", r.Relationship); Text($"{k}.contact", r.Contact); });
        Each(q.ForeignContacts, "foreignContacts", (c, k) => { Text($"{k}.name", c.Name); Country($"{k}.country", c.Country, required: false); Text($"{k}.relationship", c.Relationship); });
        Each(q.ForeignTravel, "foreignTravel", (t, k) => { Country($"{k}.country", t.Country, required: false); Text($"{k}.purpose", t.Purpose); });
        Each(q.CriminalRecord, "criminalRecord", (c, k) => { Text($"{k}.offense", c.Offense); Text($"{k}.outcome", c.Outcome); });
        if (q.Financial is { } financial)
        {
            Explained("financial.details", financial.Details, financial.Bankruptcy == true || financial.DelinquentDebt == true, "bankruptcy or delinquentDebt is true");
        }

        if (q.DrugUse is { } drugUse)
        {
            Explained("drugUse.details", drugUse.Details, drugUse.IllegalUseInScope == true, "illegalUseInScope is true");
        }

        // Every date lies between 1900-01-01 and the as-of date, and no period ends before it starts; only then
        // are residence and employment periods checked for gaps.
        var residencesValid = q.Residences is not { } rs || Periods("residences", [.. rs.Select(r => ((DateOnly?)r.From, r.To))]);
        var employmentValid = q.Employment is not { } es || Periods("employment", [.. es.Select(e => ((DateOnly?)e.From, e.To))]);
        if (q.Education is { } education)
        {
            Periods("education", [.. education.Select(e => (e.From, e.To))], required: false);
        }

        if (q.ForeignTravel is { } travel)
        {
            Periods("foreignTravel", [.. travel.Select(t => (t.From, t.To))], required: false);
        }

        for (var i = 0; i < (q.CriminalRecord?.Count ?? 0); i++)
        {
            if (q.CriminalRecord![i].Date is { } date)
            {
                InBounds($"criminalRecord[{i}].date", date, required: false);
            }
        }

        var scopeStart = asOf.AddYears(-Investigation.ScopeYears(level));
        if (complete && residencesValid && q.Residences is { Count: > 0 } residences)
        {
            AddGaps("residences", "residence", [.. residences.Select(r => (r.From, r.To))]);
        }

        if (complete && employmentValid && q.Employment is { Count: > 0 } employment)
        {
            AddGaps("employment", "employment", [.. employment.Select(e => (e.From, e.To))]);
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

        // A required date (never null) left out reads as DateOnly.MinValue; an optional one left out is null, so
        // MinValue there was sent, and is before 1900.
        bool InBounds(string key, DateOnly date, bool required = true)
        {
            if (required && date == DateOnly.MinValue)
            {
                Missing(key, "is required");
                return false;
            }

            if (date < DateBounds.Earliest)
            {
                Add(key, DateBounds.TooEarly);
                return false;
            }

            if (date > asOf)
            {
                Add(key, "must not be in the future");
                return false;
            }

            return true;
        }

        bool Periods(string section, IReadOnlyList<(DateOnly? From, DateOnly? To)> periods, bool required = true)
        {
            var valid = true;
            for (var i = 0; i < periods.Count; i++)
            {
                var (from, to) = periods[i];
                valid &= from is not { } f || InBounds($"{section}[{i}].from", f, required);
                // Every 'to' may be left out (null: continues, or unknown), so 0001-01-01 there was sent.
                valid &= to is not { } t || InBounds($"{section}[{i}].to", t, required: false);
                // A date left out (DateOnly.MinValue) is reported as required, or waits for submit in a draft: not compared.
                if (from is { } start && to is { } end && start != DateOnly.MinValue && end != DateOnly.MinValue && end < start)
                {
                    Add($"{section}[{i}].to", "must not be before 'from'");
                    valid = false;
                }
            }

            return valid;
        }

        void AddGaps(string key, string noun, IReadOnlyList<(DateOnly From, DateOnly? To)> periods)
        {
            foreach (var (from, to) in Gaps(periods, scopeStart, asOf))
            {
                Add(key, string.Create(CultureInfo.InvariantCulture, $"gap from {from:yyyy-MM-dd} to {to:yyyy-MM-dd}: no {noun} covers these dates (the scope period starts {scopeStart:yyyy-MM-dd})"));
            }
        }

        static void Each<T>(IReadOnlyList<T>? section, string name, Action<T, string> check)
        {
            for (var i = 0; i < (section?.Count ?? 0); i++)
            {
                check(section![i], $"{name}[{i}]");
            }
        }

        // A yes is explained: the adjudicator weighs what happened, not the yes alone.
        void Explained(string key, string? details, bool yes, string when)
        {
            if (yes && string.IsNullOrWhiteSpace(details))
            {
                Missing(key, $"is required when {when}");
            }
            else
            {
                Text(key, details, max: MaxDetails);
            }
        }

        void Text(string key, string? value, bool required = false, int max = MaxText)
        {
            if (required && string.IsNullOrWhiteSpace(value))
            {
                Missing(key, "is required");
            }
            else if (value?.Length > max)
            {
                Add(key, $"must be at most {max} characters");
            }
            else if (value is not null && !ValidationRules.IsProse(value))
            {
                Add(key, ValidationRules.NotProse);
            }
            else if (value is not null && !ValidationRules.IsWellFormed(value))
            {
                Add(key, ValidationRules.NotWellFormed);
            }
        }

        void Country(string key, string? value, bool required = true)
        {
            if (value is null && required)
            {
                Missing(key, "must be an ISO 3166-1 alpha-2 country code");
            }
            else if (value is not null && !CountryCodes.IsAlpha2(value))
            {
                Add(key, "must be an ISO 3166-1 alpha-2 country code");
            }
        }

        void Require<T>(IReadOnlyList<T>? section, string name, bool nonEmpty)
        {
            if (section is null)
            {
                Missing(name, $"the {name} section is required");
            }
            else if (nonEmpty && section.Count == 0)
            {
                Missing(name, $"the {name} section needs at least one entry");
            }
            else if (section.Count > MaxEntries)
            {
                // Nothing in it is read further: a section this long is refused whole.
                Add(name, $"at most {MaxEntries} entries");
                refusedWhole = true;
                return;
            }

            for (var i = 0; section is not null && i < section.Count; i++)
            {
                if (section[i] is null)
                {
                    Add($"{name}[{i}]", "an entry must be an object, not null");
                    refusedWhole = true;
                }
            }
        }
    }

    /// <summary>
    /// The dates within the scope period that no entry covers, as inclusive ranges. Safe for any dates, down to
    /// <see cref="DateOnly.MinValue"/> and up to <see cref="DateOnly.MaxValue"/>: it never steps past either.
    /// </summary>
    public static IReadOnlyList<(DateOnly From, DateOnly To)> Gaps(IReadOnlyList<(DateOnly From, DateOnly? To)> periods, DateOnly scopeStart, DateOnly asOf)
    {
        var gaps = new List<(DateOnly, DateOnly)>();
        // The first day no period has covered yet; null once the periods reach the last day there is.
        DateOnly? uncovered = scopeStart;
        foreach (var (from, to) in periods.OrderBy(p => p.From))
        {
            if (uncovered is not { } next || next > asOf)
            {
                break;
            }

            if (from > next)
            {
                // from > next, so from is not DateOnly.MinValue and has a day before it.
                var dayBefore = from.AddDays(-1);
                gaps.Add((next, dayBefore < asOf ? dayBefore : asOf));
            }

            var end = to ?? asOf;
            if (end >= next)
            {
                uncovered = end == DateOnly.MaxValue ? null : end.AddDays(1);
            }
        }

        if (uncovered is { } rest && rest <= asOf)
        {
            gaps.Add((rest, asOf));
        }

        return gaps;
    }
}
