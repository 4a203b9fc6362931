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
}
