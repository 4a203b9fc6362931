using System.Net;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ClearanceWorkflow.IntegrationTests.Reciprocity;

/// <summary>Rules that depend on the date, on a clock the test moves: the SEAD 7 seven-year scope and the agreement's expiry.</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class ReciprocityClockTests(DatabaseKind kind) : ReciprocityTest(kind)
{
    private static readonly DateTimeOffset Start = TimeProvider.System.GetUtcNow();
    private readonly FakeTimeProvider _clock = new(Start);

    protected override DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    protected override ApiFactory CreateFactory(TestDatabase database) => new(database, services: s => s.UseClock(_clock));

    [SetUp]
    public void ResetClock() => _clock.AdjustTime(Start);

    [Test]
    public async Task Query_ClockEightYearsAfterTheGrant_InvestigationOutOfScopeAndNotEligible()
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject, ClearanceLevel.Confidential);
        var partnerId = await CreatePartnerAsync(expiresOn: Today.AddYears(20));
        using var partner = PartnerClient(partnerId);
        var now = Clearance(await QueryOkAsync(partner, QueryBody(subject)));

        _clock.Advance(TimeSpan.FromDays((365 * 8) + 2));
        var later = Clearance(await QueryOkAsync(partner, QueryBody(subject)));

        Assert.That(now.GetProperty("investigationOutOfScope").GetBoolean(), Is.False);
        Assert.That(now.GetProperty("eligibleForRequiredLevel").GetBoolean(), Is.True);
        Assert.That(now.GetProperty("hasException").GetBoolean(), Is.False);
        Assert.That(later.GetProperty("investigationOutOfScope").GetBoolean(), Is.True);
        Assert.That(later.GetProperty("hasException").GetBoolean(), Is.True, "an investigation out of scope is an exception (SEAD 7)");
        Assert.That(later.GetProperty("eligibleForRequiredLevel").GetBoolean(), Is.False);
        Assert.That(later.GetProperty("status").GetString(), Is.EqualTo("Active"), "the clearance itself is unchanged");
    }

    [Test]
    public async Task Query_AfterTheAgreementsLastDay_Returns403AgreementExpiredAndAuditsRefusal()
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject);
        var partnerId = await CreatePartnerAsync(expiresOn: Today.AddDays(10));
        using var partner = PartnerClient(partnerId, out var sub);

        _clock.Advance(TimeSpan.FromDays(10));
        var lastDay = await QueryAsync(partner, QueryBody(subject));
        _clock.Advance(TimeSpan.FromDays(1));
        var dayAfter = await QueryAsync(partner, QueryBody(subject));

        await CaseDriver.Expect(lastDay, HttpStatusCode.OK);
        var problem = await CaseDriver.ExpectProblem(dayAfter, HttpStatusCode.Forbidden);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("agreement-expired"));
        var events = await ReciprocityEventsAsync(sub);
        Assert.That(events.Select(e => e.Action), Is.EqualTo(new[] { "reciprocity.query", "reciprocity.refused" }));
        Assert.That(Detail(events[1]).GetProperty("rule").GetString(), Is.EqualTo("agreement-expired"));
    }
}
