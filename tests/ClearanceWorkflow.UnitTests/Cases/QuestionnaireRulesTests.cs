using ClearanceWorkflow.Application.Features.Applications;
using ClearanceWorkflow.Domain;

namespace ClearanceWorkflow.UnitTests.Cases;

public sealed class QuestionnaireRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Test]
    public void Gaps_ContiguousPeriodsToPresent_None()
    {
        var gaps = QuestionnaireRules.Gaps([(new DateOnly(2019, 1, 1), new DateOnly(2022, 6, 30)), (new DateOnly(2022, 7, 1), null)], new DateOnly(2021, 11, 23), Today);
        Assert.That(gaps, Is.Empty);
    }

    [Test]
    public void Gaps_ThreeMonthHole_ReportsItsExactDates()
    {
        var gaps = QuestionnaireRules.Gaps([(new DateOnly(2019, 1, 1), new DateOnly(2024, 1, 31)), (new DateOnly(2024, 5, 1), null)], new DateOnly(2021, 11, 23), Today);
        Assert.That(gaps, Is.EqualTo(new[] { (new DateOnly(2024, 2, 1), new DateOnly(2024, 4, 30)) }));
    }

    [Test]
    public void Gaps_HistoryStartsLate_GapFromScopeStart()
    {
        var gaps = QuestionnaireRules.Gaps([(new DateOnly(2022, 1, 1), null)], new DateOnly(2019, 11, 23), Today);
        Assert.That(gaps, Is.EqualTo(new[] { (new DateOnly(2019, 11, 23), new DateOnly(2021, 12, 31)) }));
    }

    [Test]
    public void Gaps_HistoryEndsInThePast_GapToToday()
    {
        var gaps = QuestionnaireRules.Gaps([(new DateOnly(2015, 1, 1), new DateOnly(2026, 10, 31))], new DateOnly(2021, 11, 23), Today);
        Assert.That(gaps, Is.EqualTo(new[] { (new DateOnly(2026, 11, 1), Today) }));
    }

    [Test]
    public void Gaps_OverlappingAndUnorderedPeriods_MergedBeforeLooking()
    {
        var gaps = QuestionnaireRules.Gaps(
            [(new DateOnly(2023, 1, 1), null), (new DateOnly(2018, 1, 1), new DateOnly(2021, 12, 31)), (new DateOnly(2020, 1, 1), new DateOnly(2023, 3, 1))],
            new DateOnly(2019, 11, 23),
            Today);
        Assert.That(gaps, Is.Empty);
    }

    [Test]
    public void Gaps_PeriodEndingOnTheLastDayThereIsFollowedByAnother_NoOverflowAndNoGap()
    {
        var gaps = QuestionnaireRules.Gaps(
            [(new DateOnly(2020, 1, 1), DateOnly.MaxValue), (new DateOnly(2023, 1, 1), new DateOnly(2026, 11, 1))], new DateOnly(2021, 11, 23), Today);
        Assert.That(gaps, Is.Empty);
    }

    [Test]
    public void Gaps_ExtremeDatesEverywhere_NoOverflow()
    {
        var periods = new List<(DateOnly, DateOnly?)>
        {
            (DateOnly.MinValue, DateOnly.MinValue), (DateOnly.MaxValue, DateOnly.MaxValue), (DateOnly.MinValue, null), (DateOnly.MaxValue, DateOnly.MinValue),
        };
        Assert.Multiple(() =>
        {
            Assert.That(QuestionnaireRules.Gaps(periods, DateOnly.MinValue, DateOnly.MaxValue), Is.Empty);
            Assert.That(QuestionnaireRules.Gaps([(DateOnly.MaxValue, null)], DateOnly.MinValue, DateOnly.MaxValue), Is.EqualTo(new[] { (DateOnly.MinValue, DateOnly.MaxValue.AddDays(-1)) }));
            Assert.That(QuestionnaireRules.Gaps([(DateOnly.MinValue, DateOnly.MinValue)], DateOnly.MinValue, DateOnly.MaxValue), Is.EqualTo(new[] { (DateOnly.MinValue.AddDays(1), DateOnly.MaxValue) }));
            Assert.That(QuestionnaireRules.Gaps([], DateOnly.MinValue, DateOnly.MaxValue), Is.EqualTo(new[] { (DateOnly.MinValue, DateOnly.MaxValue) }));
            Assert.That(QuestionnaireRules.Gaps([(DateOnly.MaxValue, DateOnly.MaxValue)], DateOnly.MaxValue, DateOnly.MaxValue), Is.Empty);
        });
    }

    [TestCase("9999-12-31", "residences[0].to", "must not be in the future")]
    [TestCase("2026-11-24", "residences[0].to", "must not be in the future")]
    [TestCase("1899-12-31", "residences[0].to", "must not be before 1900-01-01")]
    [TestCase("0001-01-02", "residences[0].to", "must not be before 1900-01-01")]
    [TestCase("0001-01-01", "residences[0].to", "must not be before 1900-01-01")]
    public void Validate_ResidenceEndOutOfBounds_NamesTheFieldAndReportsNoGap(string to, string key, string message)
    {
        var q = Complete(
            [new Residence(new DateOnly(2015, 1, 1), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), "1 Road", "GB"), new Residence(new DateOnly(2023, 1, 1), null, "2 Road", "GB")],
            [new Employment(new DateOnly(2015, 1, 1), null, "Acme", "Engineer")]);

        var errors = QuestionnaireRules.Validate(q, ClearanceLevel.Secret, Today);

        Assert.That(errors.Keys, Is.EquivalentTo(new[] { key }));
        Assert.That(errors[key], Has.Some.EqualTo(message));
    }

    [Test]
    public void Validate_ImpossibleDatesInEverySection_NamesEachField()
    {
        var q = new Questionnaire(
            [new Residence(DateOnly.MinValue, null, "1 Road", "GB")],
            [new Employment(new DateOnly(2010, 1, 1), DateOnly.MaxValue, "Acme", "Engineer"), new Employment(new DateOnly(2020, 1, 1), null, "Beta", "Engineer")],
            [new Education("Uni", null, new DateOnly(2005, 1, 1), new DateOnly(2004, 1, 1)), new Education("School", null, null, DateOnly.MaxValue)],
            [new Reference("Ref", null, null)],
            [],
            [new ForeignTravel("FR", new DateOnly(1850, 1, 1), new DateOnly(2020, 1, 1), null), new ForeignTravel("DE", Today, DateOnly.MaxValue, null),
                new ForeignTravel("IT", null, null, null), new ForeignTravel("ES", DateOnly.MinValue, null, null)],
            new Financial(false, false, null),
            [new CriminalRecord(DateOnly.MaxValue, "x", null), new CriminalRecord(null, "y", null), new CriminalRecord(DateOnly.MinValue, "z", null)],
            new DrugUse(false, null));

        var errors = QuestionnaireRules.Validate(q, ClearanceLevel.TopSecret, Today);

        // An optional date left out is null (criminalRecord[1], foreignTravel[2]: the contract does not fix those sections'
        // fields); 0001-01-01 sent for one is a date before 1900, not a date left out.
        string[] impossible =
        [
            "employment[0].to", "education[0].to", "education[1].to", "foreignTravel[0].from", "foreignTravel[1].to", "foreignTravel[3].from",
            "criminalRecord[0].date", "criminalRecord[2].date",
        ];
        Assert.That(errors.Keys, Is.EquivalentTo(impossible.Append("residences[0].from")));
        Assert.That(errors["criminalRecord[2].date"], Is.EqualTo(new[] { "must not be before 1900-01-01" }));
        Assert.That(QuestionnaireRules.ValidateDraft(q, ClearanceLevel.TopSecret, Today).Keys, Is.EquivalentTo(impossible), "a draft may leave a residence's start out");
    }

    [Test]
    public void Validate_DatesOnTheBounds_Accepted()
    {
        var q = Complete(
            [new Residence(new DateOnly(1900, 1, 1), Today, "1 Road", "GB")],
            [new Employment(new DateOnly(1900, 1, 1), Today, "Acme", "Engineer")]);

        Assert.That(QuestionnaireRules.Validate(q, ClearanceLevel.TopSecret, Today), Is.Empty);
    }

    [TestCase(ClearanceLevel.Secret, 5)]
    [TestCase(ClearanceLevel.TopSecret, 7)]
    public void Validate_SixYearsOfHistory_GapOnlyWhenScopeIsLonger(ClearanceLevel level, int scopeYears)
    {
        var start = Today.AddYears(-6);
        var q = new Questionnaire(
            [new Residence(start, null, "1 Road", "GB")], [new Employment(start, null, "Acme", "Engineer")], [],
            [new Reference("Ref", null, null)], [], [], new Financial(false, false, null), [], new DrugUse(false, null));
        var errors = QuestionnaireRules.Validate(q, level, Today);
        Assert.That(errors.ContainsKey("residences"), Is.EqualTo(scopeYears > 6));
        Assert.That(errors.ContainsKey("employment"), Is.EqualTo(scopeYears > 6));
    }

    [Test]
    public void Validate_MissingSections_NamesEachOne()
    {
        var errors = QuestionnaireRules.Validate(new Questionnaire(null, null, null, null, null, null, null, null, null), ClearanceLevel.Secret, Today);
        Assert.That(errors.Keys, Is.EquivalentTo(new[] { "residences", "employment", "education", "references", "foreignContacts", "foreignTravel", "financial", "criminalRecord", "drugUse" }));
    }

    [Test]
    public void Validate_ASectionOverTheEntryLimit_RefusedWholeWithOneError()
    {
        var start = Today.AddYears(-8);
        var valid = Complete([new Residence(start, null, "1 Road", "GB")], [new Employment(start, null, "Acme", "Engineer")]);
        var atLimit = valid with { References = [.. Enumerable.Range(0, QuestionnaireRules.MaxEntries).Select(i => new Reference($"Ref {i}", null, null))] };
        // Entries that would each fail on their own: none of them is looked at.
        var over = valid with { References = [.. Enumerable.Repeat(new Reference(null, null, null), QuestionnaireRules.MaxEntries + 1)] };

        Assert.That(QuestionnaireRules.Validate(atLimit, ClearanceLevel.Secret, Today), Is.Empty);
        var errors = QuestionnaireRules.Validate(over, ClearanceLevel.Secret, Today);
        Assert.That(errors.Keys, Is.EquivalentTo(new[] { "references" }));
        Assert.That(errors["references"], Is.EqualTo(new[] { $"at most {QuestionnaireRules.MaxEntries} entries" }));
    }

    private static Questionnaire Complete(IReadOnlyList<Residence> residences, IReadOnlyList<Employment> employment) =>
        new(residences, employment, [], [new Reference("Ref", null, null)], [], [], new Financial(false, false, null), [], new DrugUse(false, null));
}
