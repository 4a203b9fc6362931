using ClearanceWorkflow.Domain;

namespace ClearanceWorkflow.UnitTests.Reciprocity;

public class ReciprocityRulesTests
{
    private static readonly DateOnly Today = new(2027, 6, 1);

    [TestCase("2020-06-01", false)]
    [TestCase("2020-05-31", true)]
    [TestCase("2020-06-02", false)]
    [TestCase("2010-01-01", true)]
    public void InvestigationOutOfScope_MoreThanSevenYears_True(string closedOn, bool expected)
    {
        Assert.That(ReciprocityRules.InvestigationOutOfScope(DateOnly.Parse(closedOn, System.Globalization.CultureInfo.InvariantCulture), Today), Is.EqualTo(expected));
    }

    [TestCase(ClearanceLevel.Secret, ClearanceStatus.Active, null, false, false, true)]
    [TestCase(ClearanceLevel.Secret, ClearanceStatus.Active, ClearanceLevel.Secret, false, false, true)]
    [TestCase(ClearanceLevel.Secret, ClearanceStatus.Active, ClearanceLevel.TopSecret, false, false, false)]
    [TestCase(ClearanceLevel.Secret, ClearanceStatus.Active, ClearanceLevel.Confidential, true, false, false)]
    [TestCase(ClearanceLevel.Secret, ClearanceStatus.Active, ClearanceLevel.Confidential, false, true, false)]
    [TestCase(ClearanceLevel.TopSecret, ClearanceStatus.Suspended, ClearanceLevel.Confidential, false, false, false)]
    [TestCase(ClearanceLevel.TopSecret, ClearanceStatus.Revoked, null, false, false, false)]
    [TestCase(ClearanceLevel.TopSecret, ClearanceStatus.Expired, null, false, false, false)]
    public void EligibleFor_StatusLevelScopeAndException_OnlyActiveInScopeWithoutExceptionAtOrAboveRequired(
        ClearanceLevel level, ClearanceStatus status, ClearanceLevel? required, bool outOfScope, bool hasException, bool expected)
    {
        Assert.That(ReciprocityRules.EligibleFor(level, status, required, outOfScope, hasException), Is.EqualTo(expected));
    }

    [TestCase(false, false, false, false)]
    [TestCase(true, false, false, true)]
    [TestCase(false, true, false, true)]
    [TestCase(false, false, true, true)]
    public void HasException_OutOfScopeRecordedOrNewDerogatoryInformation(bool outOfScope, bool recorded, bool underEvaluation, bool expected)
    {
        Assert.That(ReciprocityRules.HasException(outOfScope, recorded, underEvaluation), Is.EqualTo(expected));
    }

    [Test]
    public void CurrentRank_TheHeldClearanceBeforeInterimBeforeEndedAdjudicationsBeforeWithdrawnInterims()
    {
        var order = Enum.GetValues<ClearanceStatus>().OrderBy(Clearance.CurrentRank).Take(3);

        Assert.That(order, Is.EqualTo(new[] { ClearanceStatus.Active, ClearanceStatus.Suspended, ClearanceStatus.Interim }));
        Assert.That(new[] { ClearanceStatus.Revoked, ClearanceStatus.Expired }.Select(Clearance.CurrentRank), Is.All.EqualTo(3));
        Assert.That(Clearance.CurrentRank(ClearanceStatus.Withdrawn), Is.GreaterThan(Clearance.CurrentRank(ClearanceStatus.Revoked)), "a withdrawn interim never hides a revocation");
    }

    [TestCase(ClearanceLevel.TopSecret, ClearanceLevel.Secret, ClearanceLevel.Secret)]
    [TestCase(ClearanceLevel.TopSecret, ClearanceLevel.Confidential, ClearanceLevel.Confidential)]
    [TestCase(ClearanceLevel.Secret, ClearanceLevel.Confidential, ClearanceLevel.Confidential)]
    [TestCase(ClearanceLevel.TopSecret, ClearanceLevel.TopSecret, ClearanceLevel.TopSecret)]
    [TestCase(ClearanceLevel.Secret, ClearanceLevel.TopSecret, ClearanceLevel.Secret)]
    [TestCase(ClearanceLevel.Confidential, ClearanceLevel.Secret, ClearanceLevel.Confidential)]
    public void DisclosedLevel_AgreementMaximum_NeverAboveItAndNeverRaisesALowerLevel(ClearanceLevel level, ClearanceLevel maxLevel, ClearanceLevel expected)
    {
        Assert.That(ReciprocityRules.DisclosedLevel(level, maxLevel), Is.EqualTo(expected));
    }

    [TestCase(ClearanceLevel.Confidential, "NATO CONFIDENTIAL", "CONFIDENTIEL UE")]
    [TestCase(ClearanceLevel.Secret, "NATO SECRET", "SECRET UE")]
    [TestCase(ClearanceLevel.TopSecret, "COSMIC TOP SECRET", "TRÈS SECRET UE")]
    public void Equivalents_EachLevel_NatoAndEu(ClearanceLevel level, string nato, string eu)
    {
        Assert.That(InternationalEquivalents.Nato(level), Is.EqualTo(nato));
        Assert.That(InternationalEquivalents.Eu(level), Is.EqualTo(eu));
    }
}
