using ClearanceWorkflow.Domain;

namespace ClearanceWorkflow.UnitTests.Reciprocity;

public class AgreementTests
{
    private static readonly DateOnly Today = new(2027, 6, 1);
    private static readonly DateTime Now = new(2027, 6, 1, 9, 0, 0, DateTimeKind.Utc);

    private static Partner Partner(bool active = true, ClearanceLevel max = ClearanceLevel.Secret, DateOnly? expires = null) =>
        Domain.Partner.Register("bfv", "Agency", "de", ["site-access", "employment", "employment", " "], max, expires ?? Today.AddYears(1), active, Now);

    [Test]
    public void Register_Purposes_DistinctSortedCountryUpperCase()
    {
        var p = Partner();

        Assert.That(p.Purposes, Is.EqualTo(new[] { "employment", "site-access" }));
        Assert.That(p.Country, Is.EqualTo("DE"));
        Assert.That(p.Version, Is.Zero);
    }

    [Test]
    public void Register_NoPurpose_Throws()
    {
        Assert.Throws<DomainException>(() => Domain.Partner.Register("bfv", "Agency", "DE", [], ClearanceLevel.Secret, Today, true, Now));
    }

    [Test]
    public void Refusal_PermittedQuery_IsNull()
    {
        Assert.That(Partner().Refusal("employment", ClearanceLevel.Secret, Today), Is.Null);
        Assert.That(Partner().Refusal("employment", null, Today), Is.Null);
    }

    [Test]
    public void Refusal_OnTheLastDay_IsNullAndTheDayAfterExpired()
    {
        var p = Partner(expires: Today);

        Assert.That(p.Refusal("employment", null, Today), Is.Null);
        Assert.That(p.Refusal("employment", null, Today.AddDays(1))?.Rule, Is.EqualTo(AgreementRules.Expired));
    }

    [Test]
    public void Refusal_EachRule_NamesTheFirstThatFails()
    {
        Assert.That(Partner(active: false, expires: Today.AddDays(-1)).Refusal("x", ClearanceLevel.TopSecret, Today)?.Rule, Is.EqualTo(AgreementRules.Inactive));
        Assert.That(Partner(expires: Today.AddDays(-1)).Refusal("x", ClearanceLevel.TopSecret, Today)?.Rule, Is.EqualTo(AgreementRules.Expired));
        Assert.That(Partner().Refusal("x", ClearanceLevel.TopSecret, Today)?.Rule, Is.EqualTo(AgreementRules.PurposeNotAllowed));
        Assert.That(Partner().Refusal("Employment", null, Today), Is.Null, "purposes compare without letter case");
        Assert.That(Partner().Refusal("employment", ClearanceLevel.TopSecret, Today)?.Rule, Is.EqualTo(AgreementRules.LevelAboveAgreement));
    }

    [Test]
    public void Deactivate_Active_InactiveVersionRaisedAndTwiceThrows()
    {
        var p = Partner();

        p.Deactivate(Now);

        Assert.That(p.Active, Is.False);
        Assert.That(p.DeactivatedAt, Is.EqualTo(Now));
        Assert.That(p.Version, Is.EqualTo(1));
        Assert.Throws<DomainException>(() => p.Deactivate(Now));
    }

    [Test]
    public void UpdateAgreement_Reactivate_ClearsDeactivation()
    {
        var p = Partner();
        p.Deactivate(Now);

        p.UpdateAgreement("Agency", "DE", ["employment"], ClearanceLevel.TopSecret, Today.AddYears(2), true, Now);

        Assert.That(p.Active, Is.True);
        Assert.That(p.DeactivatedAt, Is.Null);
        Assert.That(p.MaxLevel, Is.EqualTo(ClearanceLevel.TopSecret));
        Assert.That(p.Version, Is.EqualTo(2));
    }
}
