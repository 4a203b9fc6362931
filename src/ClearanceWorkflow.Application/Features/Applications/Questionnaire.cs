using System.Globalization;
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
    DrugUse? DrugUse);

public sealed record Residence(DateOnly From, DateOnly? To, string Address, string Country);

public sealed record Employment(DateOnly From, DateOnly? To, string Employer, string Position);

public sealed record Education(string Institution, string? Degree, DateOnly? From, DateOnly? To);

public sealed record Reference(string Name, string? Relationship, string? Contact);

public sealed record ForeignContact(string Name, string Country, string? Relationship);

public sealed record ForeignTravel(string Country, DateOnly From, DateOnly To, string? Purpose);

public sealed record Financial(bool Bankruptcy, bool DelinquentDebt, string? Details);

public sealed record CriminalRecord(DateOnly Date, string Offense, string? Outcome);

public sealed record DrugUse(bool IllegalUseInScope, string? Details);

/// <summary>Completeness rules: required sections, valid dates, and unbroken residence and employment history over the scope period.</summary>
public static class QuestionnaireRules
{
    public static Dictionary<string, string[]> Validate(Questionnaire? q, ClearanceLevel level, DateOnly asOf)
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

        if (q is null)
        {
            return new Dictionary<string, string[]> { ["questionnaire"] = ["the questionnaire has not been filled in"] };
        }

        // A null entry ("residences": [null]) is refused here; the date checks below read every entry.
        var nullEntries = false;

        Require(q.Residences, "residences", nonEmpty: true);
        Require(q.Employment, "employment", nonEmpty: true);
        Require(q.Education, "education", nonEmpty: false);
        Require(q.References, "references", nonEmpty: true);
        Require(q.ForeignContacts, "foreignContacts", nonEmpty: false);
        Require(q.ForeignTravel, "foreignTravel", nonEmpty: false);
        Require(q.CriminalRecord, "criminalRecord", nonEmpty: false);
        if (q.Financial is null)
        {
            Add("financial", "the financial section is required");
        }

        if (q.DrugUse is null)
        {
            Add("drugUse", "the drug use section is required");
        }

        if (nullEntries)
        {
            return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
        }

        var scopeStart = asOf.AddYears(-Investigation.ScopeYears(level));
        if (q.Residences is { Count: > 0 } residences)
        {
            CheckPeriods("residences", "residence", [.. residences.Select(r => (r.From, r.To))], scopeStart, asOf, Add);
        }

        if (q.Employment is { Count: > 0 } employment)
        {
            CheckPeriods("employment", "employment", [.. employment.Select(e => (e.From, e.To))], scopeStart, asOf, Add);
        }

        for (var i = 0; i < (q.ForeignTravel?.Count ?? 0); i++)
        {
            if (q.ForeignTravel![i].To < q.ForeignTravel[i].From)
            {
                Add($"foreignTravel[{i}].to", "must not be before 'from'");
            }
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

        void Require<T>(IReadOnlyList<T>? section, string name, bool nonEmpty)
        {
            if (section is null)
            {
                Add(name, $"the {name} section is required");
            }
            else if (nonEmpty && section.Count == 0)
            {
                Add(name, $"the {name} section needs at least one entry");
            }

            for (var i = 0; section is not null && i < section.Count; i++)
            {
                if (section[i] is null)
                {
                    Add($"{name}[{i}]", "an entry must be an object, not null");
                    nullEntries = true;
                }
            }
        }
    }

    /// <summary>The dates within the scope period that no entry covers, as inclusive ranges.</summary>
    public static IReadOnlyList<(DateOnly From, DateOnly To)> Gaps(IReadOnlyList<(DateOnly From, DateOnly? To)> periods, DateOnly scopeStart, DateOnly asOf)
    {
        var gaps = new List<(DateOnly, DateOnly)>();
        var covered = scopeStart.AddDays(-1);
        foreach (var (from, to) in periods.OrderBy(p => p.From))
        {
            var end = to ?? asOf;
            if (from > covered.AddDays(1) && covered < asOf)
            {
                var gapEnd = from.AddDays(-1) < asOf ? from.AddDays(-1) : asOf;
                gaps.Add((covered.AddDays(1), gapEnd));
            }

            if (end > covered)
            {
                covered = end;
            }
        }

        if (covered < asOf)
        {
            gaps.Add((covered.AddDays(1), asOf));
        }

        return gaps;
    }

    private static void CheckPeriods(string key, string noun, IReadOnlyList<(DateOnly From, DateOnly? To)> periods, DateOnly scopeStart, DateOnly asOf, Action<string, string> add)
    {
        var valid = true;
        for (var i = 0; i < periods.Count; i++)
        {
            var (from, to) = periods[i];
            if (to is { } end && end < from)
            {
                add($"{key}[{i}].to", "must not be before 'from'");
                valid = false;
            }

            if (from > asOf)
            {
                add($"{key}[{i}].from", "must not be in the future");
                valid = false;
            }
        }

        if (!valid)
        {
            return;
        }

        foreach (var (from, to) in Gaps(periods, scopeStart, asOf))
        {
            add(key, string.Create(CultureInfo.InvariantCulture, $"gap from {from:yyyy-MM-dd} to {to:yyyy-MM-dd}: no {noun} covers these dates (the scope period starts {scopeStart:yyyy-MM-dd})"));
        }
    }
}
