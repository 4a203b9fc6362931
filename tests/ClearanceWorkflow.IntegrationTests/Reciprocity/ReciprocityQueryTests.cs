using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using ClearanceWorkflow.Application.Features.Reciprocity;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Reciprocity;

/// <summary>
/// Matching (national identifier, family name and date of birth must all agree; names ignore case and
/// diacritics), the answer's status, eligibility, exception and out-of-scope flags, the NATO/EU
/// equivalents, and the audit of answered queries.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class ReciprocityQueryTests(DatabaseKind kind) : ReciprocityTest(kind)
{
    [Test]
    public async Task Query_GrantedThroughTheApiAndNameWithoutDiacriticsInOtherCase_Matches()
    {
        // The whole production path: application, checks, review, decision, grant.
        var nationalId = $"CZ-{Guid.NewGuid():N}"[..15].ToUpperInvariant();
        using var applicant = Factory.ClientFor(NewUser("anna"), "applicant");
        using var investigator = Factory.ClientFor(NewUser("ivan"), "investigator");
        var adjudicatorId = NewUser("adam");
        using var adjudicator = Factory.ClientFor(adjudicatorId, "adjudicator");
        var caseId = await Driver.SubmittedCaseAsync(applicant, "Secret", CaseDriver.Subject("Müller-Šťastný", nationalId, "anna@example.org", "1979-11-05"));
        await Driver.CompleteChecksAsync(investigator, caseId);
        await Driver.ActOkAsync(adjudicator, caseId, "claim");
        await Driver.ActOkAsync(adjudicator, caseId, "refer-to-decision");
        await Driver.ActOkAsync(adjudicator, caseId, "grant", CaseDriver.GrantBody("Secret"));
        var (partner, _, _) = await NewPartnerAsync();

        var upper = await QueryOkAsync(partner, QueryBody(nationalId, "MULLER-STASTNY", "1979-11-05", requiredLevel: "Secret"));
        var spaced = await QueryOkAsync(partner, QueryBody(nationalId.ToLowerInvariant(), "  müller-šťastný ", "1979-11-05"));

        var clearance = Clearance(upper);
        Assert.That(clearance.GetProperty("level").GetString(), Is.EqualTo("Secret"));
        Assert.That(clearance.GetProperty("status").GetString(), Is.EqualTo("Active"));
        Assert.That(clearance.GetProperty("grantedOn").GetString(), Is.EqualTo(CaseDriver.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Assert.That(clearance.GetProperty("investigationClosedOn").GetString(), Is.EqualTo(CaseDriver.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Assert.That(clearance.GetProperty("grantingAgency").GetString(), Is.EqualTo("ClearanceWorkflow"));
        Assert.That(clearance.GetProperty("hasException").GetBoolean(), Is.False);
        Assert.That(clearance.GetProperty("eligibleForRequiredLevel").GetBoolean(), Is.True);
        Assert.That(clearance.GetProperty("investigationOutOfScope").GetBoolean(), Is.False);
        Assert.That(Clearance(spaced).GetProperty("level").GetString(), Is.EqualTo("Secret"));
        partner.Dispose();
    }

    [TestCase("Secret", null, "Secret", "NATO SECRET", "SECRET UE")]
    [TestCase("Secret", "Secret", "Secret", "NATO SECRET", "SECRET UE")]
    [TestCase("Secret", "Confidential", "Secret", "NATO SECRET", "SECRET UE")]
    [TestCase("Confidential", null, "Confidential", "NATO CONFIDENTIAL", "CONFIDENTIEL UE")]
    [TestCase("Confidential", "Confidential", "Confidential", "NATO CONFIDENTIAL", "CONFIDENTIEL UE")]
    public async Task Query_TopSecretHolderAboveAgreementMaximum_ReportedAtTheMaximumAndEligibleOnTheRealLevel(
        string maxLevel, string? requiredLevel, string level, string nato, string eu)
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject, ClearanceLevel.TopSecret);
        var (partner, sub, _) = await NewPartnerAsync(maxLevel);

        var clearance = Clearance(await QueryOkAsync(partner, QueryBody(subject, requiredLevel: requiredLevel)));

        Assert.That(clearance.GetProperty("level").GetString(), Is.EqualTo(level));
        Assert.That(clearance.GetProperty("natoEquivalent").GetString(), Is.EqualTo(nato));
        Assert.That(clearance.GetProperty("euEquivalent").GetString(), Is.EqualTo(eu));
        Assert.That(clearance.GetProperty("eligibleForRequiredLevel").GetBoolean(), Is.True);
        var events = await ReciprocityEventsAsync(sub);
        Assert.That(Detail(events.Single()).GetProperty("disclosed").GetProperty("level").GetString(), Is.EqualTo(level), "the audit records what was disclosed");
        partner.Dispose();
    }

    [Test]
    public async Task Query_SuspendedTopSecretHolderAboveAgreementMaximum_ReportedAtTheMaximumAndNotEligible()
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject, ClearanceLevel.TopSecret, then: (c, now) => c.Suspend("system", "test", now));
        var (partner, _, _) = await NewPartnerAsync("Secret");

        var clearance = Clearance(await QueryOkAsync(partner, QueryBody(subject)));

        Assert.That(clearance.GetProperty("level").GetString(), Is.EqualTo("Secret"));
        Assert.That(clearance.GetProperty("status").GetString(), Is.EqualTo("Suspended"));
        Assert.That(clearance.GetProperty("eligibleForRequiredLevel").GetBoolean(), Is.False);
        partner.Dispose();
    }

    [TestCase("Ørsted", "ORSTED")]
    [TestCase("Łukasiewicz", "lukasiewicz")]
    [TestCase("Straße", "STRASSE")]
    [TestCase("Nguyễn Văn", "nguyen   van")]
    [TestCase("O'Brien", "o'brien")]
    public async Task Query_FamilyNameFoldsCaseAndDiacritics_Matches(string stored, string asked)
    {
        var subject = NewSubject(stored);
        await SeedClearanceAsync(subject);
        var (partner, _, _) = await NewPartnerAsync();

        var answer = await QueryOkAsync(partner, QueryBody(subject.NationalId, asked, subject.Dob));

        Assert.That(Clearance(answer).GetProperty("status").GetString(), Is.EqualTo("Active"));
        partner.Dispose();
    }

    [Test]
    public async Task Query_WrongDateOfBirth_NoMatch()
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject);
        var (partner, sub, _) = await NewPartnerAsync();

        var answer = await QueryOkAsync(partner, QueryBody(subject.NationalId, subject.FamilyName, subject.DateOfBirth.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

        AssertNoMatch(answer);
        var events = await ReciprocityEventsAsync(sub);
        Assert.That(events.Select(e => e.Action), Is.EqualTo(new[] { "reciprocity.query" }));
        Assert.That(Detail(events[0]).GetProperty("outcome").GetString(), Is.EqualTo("no-match"));
        Assert.That(events[0].CaseId, Is.Null);
        partner.Dispose();
    }

    [Test]
    public async Task Query_WrongNationalId_NoMatch()
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject);
        var (partner, _, _) = await NewPartnerAsync();

        AssertNoMatch(await QueryOkAsync(partner, QueryBody(subject.NationalId + "9", subject.FamilyName, subject.Dob)));
        partner.Dispose();
    }

    [Test]
    public async Task Query_WrongFamilyName_NoMatch()
    {
        var subject = NewSubject("Smith");
        await SeedClearanceAsync(subject);
        var (partner, _, _) = await NewPartnerAsync();

        AssertNoMatch(await QueryOkAsync(partner, QueryBody(subject.NationalId, "Smyth", subject.Dob)));
        AssertNoMatch(await QueryOkAsync(partner, QueryBody(subject.NationalId, "Smith-Jones", subject.Dob)));
        partner.Dispose();
    }

    [Test]
    public async Task Query_NationalIdWithOtherSpacingAndCase_Matches()
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject);
        var (partner, _, _) = await NewPartnerAsync();
        var reformatted = string.Join(' ', subject.NationalId.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant().Chunk(3).Select(c => new string(c)));

        var answer = await QueryOkAsync(partner, QueryBody(reformatted, subject.FamilyName, subject.Dob));

        Assert.That(answer.GetProperty("match").GetBoolean(), Is.True);
        partner.Dispose();
    }

    [Test]
    public async Task Query_SuspendedClearance_ReportsSuspendedAndNotEligible()
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject, ClearanceLevel.TopSecret, then: (c, now) => c.Suspend("system", "test", now));
        var (partner, _, _) = await NewPartnerAsync();

        var clearance = Clearance(await QueryOkAsync(partner, QueryBody(subject, requiredLevel: "Confidential")));

        Assert.That(clearance.GetProperty("status").GetString(), Is.EqualTo("Suspended"));
        Assert.That(clearance.GetProperty("level").GetString(), Is.EqualTo("TopSecret"));
        Assert.That(clearance.GetProperty("eligibleForRequiredLevel").GetBoolean(), Is.False);
        partner.Dispose();
    }

    [Test]
    public async Task Query_ExpiredClearance_ReportsExpiredAndNotEligible()
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject, ClearanceLevel.Secret, then: (c, now) => c.Expire("system", "test", now));
        var (partner, _, _) = await NewPartnerAsync();

        var clearance = Clearance(await QueryOkAsync(partner, QueryBody(subject)));

        Assert.That(clearance.GetProperty("status").GetString(), Is.EqualTo("Expired"));
        Assert.That(clearance.GetProperty("eligibleForRequiredLevel").GetBoolean(), Is.False);
        partner.Dispose();
    }

    [Test]
    public async Task Query_RevokedClearance_ReportsRevokedAndNotEligible()
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject, ClearanceLevel.Secret, then: (c, now) => c.Revoke("system", "test", now));
        var (partner, _, _) = await NewPartnerAsync();

        var clearance = Clearance(await QueryOkAsync(partner, QueryBody(subject)));

        Assert.That(clearance.GetProperty("status").GetString(), Is.EqualTo("Revoked"));
        Assert.That(clearance.GetProperty("eligibleForRequiredLevel").GetBoolean(), Is.False);
        partner.Dispose();
    }

    [Test]
    public async Task Query_SuspendedThenReinstated_ReportsActiveAndEligible()
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject, ClearanceLevel.Secret, then: (c, now) =>
        {
            c.Suspend("system", "test", now);
            c.Reinstate("system", "test", now);
        });
        var (partner, _, _) = await NewPartnerAsync();

        var clearance = Clearance(await QueryOkAsync(partner, QueryBody(subject, requiredLevel: "Secret")));

        Assert.That(clearance.GetProperty("status").GetString(), Is.EqualTo("Active"));
        Assert.That(clearance.GetProperty("eligibleForRequiredLevel").GetBoolean(), Is.True);
        partner.Dispose();
    }

    [TestCase("Secret", null, true)]
    [TestCase("Secret", "Confidential", true)]
    [TestCase("Secret", "Secret", true)]
    [TestCase("Secret", "TopSecret", false)]
    [TestCase("Confidential", "Secret", false)]
    [TestCase("TopSecret", "Confidential", true)]
    public async Task Query_RequiredLevelAgainstClearanceLevel_EligibleOnlyAtOrBelow(string granted, string? required, bool eligible)
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject, Enum.Parse<ClearanceLevel>(granted));
        var (partner, _, _) = await NewPartnerAsync();

        var clearance = Clearance(await QueryOkAsync(partner, QueryBody(subject, requiredLevel: required)));

        Assert.That(clearance.GetProperty("level").GetString(), Is.EqualTo(granted));
        Assert.That(clearance.GetProperty("eligibleForRequiredLevel").GetBoolean(), Is.EqualTo(eligible));
        partner.Dispose();
    }

    [TestCase(ClearanceLevel.Confidential, "NATO CONFIDENTIAL", "CONFIDENTIEL UE")]
    [TestCase(ClearanceLevel.Secret, "NATO SECRET", "SECRET UE")]
    [TestCase(ClearanceLevel.TopSecret, "COSMIC TOP SECRET", "TRÈS SECRET UE")]
    public async Task Query_EachLevel_NatoAndEuEquivalents(ClearanceLevel level, string nato, string eu)
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject, level);
        var (partner, _, _) = await NewPartnerAsync();

        var clearance = Clearance(await QueryOkAsync(partner, QueryBody(subject)));

        Assert.That(clearance.GetProperty("natoEquivalent").GetString(), Is.EqualTo(nato));
        Assert.That(clearance.GetProperty("euEquivalent").GetString(), Is.EqualTo(eu));
        partner.Dispose();
    }

    [Test]
    public async Task Query_ClearanceWithException_HasExceptionTrueWithoutItsDetails()
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject, ClearanceLevel.Secret, exception: ExceptionType.Waiver);
        var (partner, _, _) = await NewPartnerAsync();

        var response = await QueryAsync(partner, QueryBody(subject));
        await CaseDriver.Expect(response, HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();

        var clearance = Clearance(await CaseDriver.Json(response));
        Assert.That(clearance.GetProperty("hasException").GetBoolean(), Is.True);
        Assert.That(clearance.GetProperty("eligibleForRequiredLevel").GetBoolean(), Is.False, "an exception frees the partner from accepting it");
        Assert.That(text, Does.Not.Contain("Waiver").And.Not.Contain("monitoring"));
        partner.Dispose();
    }

    [Test]
    public async Task Query_ActiveClearanceWithAnOpenIncident_HasExceptionAndNotEligibleUntilTheEvaluationEnds()
    {
        var subject = NewSubject();
        var seeded = await SeedClearanceAsync(subject, ClearanceLevel.Secret);
        var (partner, _, _) = await NewPartnerAsync();
        using var officer = Factory.ClientFor(NewUser("sofia"), "security-officer");
        var before = Clearance(await QueryOkAsync(partner, QueryBody(subject, requiredLevel: "Secret")));

        var incident = await officer.PostAsJsonAsync($"/api/v1/clearances/{seeded.ClearanceId}/incidents", new
        {
            guideline = "G", summary = "Arrested for a DUI; reported by the site security office.", suspend = false,
        });
        await CaseDriver.Expect(incident, HttpStatusCode.Created);
        var after = Clearance(await QueryOkAsync(partner, QueryBody(subject, requiredLevel: "Secret")));

        Assert.That((before.GetProperty("hasException").GetBoolean(), before.GetProperty("eligibleForRequiredLevel").GetBoolean()), Is.EqualTo((false, true)));
        Assert.That(after.GetProperty("status").GetString(), Is.EqualTo("Active"), "not suspended");
        Assert.That((after.GetProperty("hasException").GetBoolean(), after.GetProperty("eligibleForRequiredLevel").GetBoolean()), Is.EqualTo((true, false)),
            "new derogatory information is an exception");
        partner.Dispose();
    }

    /// <summary>New derogatory information is an exception wherever it turns up: here a flagged check, then a finding not mitigated, on the holder's upgrade case.</summary>
    [Test]
    public async Task Query_ActiveClearance_ItsHoldersUpgradeCaseFindsDerogatoryInformation_HasExceptionAndNotEligible()
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject, ClearanceLevel.Secret);
        var (partner, _, _) = await NewPartnerAsync();
        using var holder = Factory.ClientFor(subject.SubjectId, "applicant");
        using var investigator = Factory.ClientFor(NewUser("ivan"), "investigator");
        using var adjudicator = Factory.ClientFor(NewUser("adam"), "adjudicator");
        var upgrade = await Driver.SubmittedCaseAsync(holder, "TopSecret", CaseDriver.Subject(subject.FamilyName, subject.NationalId, subject.Email, subject.Dob));
        var submitted = Clearance(await QueryOkAsync(partner, QueryBody(subject, requiredLevel: "Secret")));

        await Driver.CompleteChecksAsync(investigator, upgrade, "Flagged");
        var flagged = Clearance(await QueryOkAsync(partner, QueryBody(subject, requiredLevel: "Secret")));

        Assert.That((submitted.GetProperty("hasException").GetBoolean(), submitted.GetProperty("eligibleForRequiredLevel").GetBoolean()), Is.EqualTo((false, true)), "an upgrade alone is no derogatory information");
        Assert.That((flagged.GetProperty("level").GetString(), flagged.GetProperty("status").GetString()), Is.EqualTo(("Secret", "Active")));
        Assert.That((flagged.GetProperty("hasException").GetBoolean(), flagged.GetProperty("eligibleForRequiredLevel").GetBoolean()), Is.EqualTo((true, false)),
            "a flagged check found derogatory information");

        var other = NewSubject();
        await SeedClearanceAsync(other, ClearanceLevel.Secret);
        using var otherHolder = Factory.ClientFor(other.SubjectId, "applicant");
        var otherUpgrade = await Driver.SubmittedCaseAsync(otherHolder, "TopSecret", CaseDriver.Subject(other.FamilyName, other.NationalId, other.Email, other.Dob));
        await Driver.CompleteChecksAsync(investigator, otherUpgrade);
        await Driver.ActOkAsync(adjudicator, otherUpgrade, "claim");
        await Driver.RecordFindingOkAsync(adjudicator, otherUpgrade, "B", "Moderate");
        var found = Clearance(await QueryOkAsync(partner, QueryBody(other, requiredLevel: "Secret")));
        Assert.That((found.GetProperty("hasException").GetBoolean(), found.GetProperty("eligibleForRequiredLevel").GetBoolean()), Is.EqualTo((true, false)),
            "a finding not mitigated is derogatory information");

        var third = NewSubject();
        await SeedClearanceAsync(third, ClearanceLevel.Secret);
        using var thirdHolder = Factory.ClientFor(third.SubjectId, "applicant");
        var thirdUpgrade = await Driver.SubmittedCaseAsync(thirdHolder, "TopSecret", CaseDriver.Subject(third.FamilyName, third.NationalId, third.Email, third.Dob));
        await Driver.CompleteChecksAsync(investigator, thirdUpgrade);
        await Driver.ActOkAsync(adjudicator, thirdUpgrade, "claim");
        await Driver.RecordFindingOkAsync(adjudicator, thirdUpgrade, "E", "Minor", mitigated: true, mitigation: "Isolated, long ago.");
        var mitigated = Clearance(await QueryOkAsync(partner, QueryBody(third, requiredLevel: "Secret")));
        await Driver.ActOkAsync(adjudicator, thirdUpgrade, "schedule-interview", new { scheduledAt = TimeProvider.System.GetUtcNow().AddDays(1), location = "Room 4" });
        await Driver.ActOkAsync(adjudicator, thirdUpgrade, "complete-interview", new { summary = "Evasive about foreign contacts." });
        await Driver.ActOkAsync(adjudicator, thirdUpgrade, "deny", new { rationale = "Evasive at the interview." });
        var denying = Clearance(await QueryOkAsync(partner, QueryBody(third, requiredLevel: "Secret")));
        Assert.That((mitigated.GetProperty("hasException").GetBoolean(), denying.GetProperty("hasException").GetBoolean()), Is.EqualTo((false, true)),
            "a mitigated finding is not, a denial on its way is");
        partner.Dispose();
    }

    [Test]
    public async Task Query_HeldClearanceAndANewerRecordThatEnded_AnswersTheHeldOne()
    {
        var subject = NewSubject();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var held = await SeedClearanceAsync(subject, ClearanceLevel.Secret, at: now.AddYears(-2), then: (c, t) => c.Suspend("sofia", "suspended by an incident", t));
        await SeedClearanceAsync(subject, ClearanceLevel.TopSecret, at: now.AddDays(-1), then: (c, t) => c.Revoke("system", "withdrawn upgrade", t));
        var (partner, sub, _) = await NewPartnerAsync();

        var clearance = Clearance(await QueryOkAsync(partner, QueryBody(subject, requiredLevel: "Secret")));

        Assert.That((clearance.GetProperty("level").GetString(), clearance.GetProperty("status").GetString()), Is.EqualTo(("Secret", "Suspended")),
            "the partner learns of the suspension, not of a newer record that ended");
        Assert.That(clearance.GetProperty("eligibleForRequiredLevel").GetBoolean(), Is.False);
        Assert.That((await ReciprocityEventsAsync(sub)).Single().CaseId, Is.EqualTo(held.CaseId));
        partner.Dispose();
    }

    [Test]
    public async Task Query_InvestigationClosedEightYearsAgo_OutOfScopeAndNotEligible()
    {
        var subject = NewSubject();
        var eightYearsAgo = TimeProvider.System.GetUtcNow().UtcDateTime.AddYears(-8);
        await SeedClearanceAsync(subject, ClearanceLevel.Confidential, at: eightYearsAgo);
        var (partner, _, _) = await NewPartnerAsync();

        var clearance = Clearance(await QueryOkAsync(partner, QueryBody(subject, requiredLevel: "Confidential")));

        Assert.That(clearance.GetProperty("investigationOutOfScope").GetBoolean(), Is.True);
        Assert.That(clearance.GetProperty("hasException").GetBoolean(), Is.True, "an investigation out of scope is an exception (SEAD 7)");
        Assert.That(clearance.GetProperty("status").GetString(), Is.EqualTo("Active"));
        Assert.That(clearance.GetProperty("eligibleForRequiredLevel").GetBoolean(), Is.False);
        Assert.That(clearance.GetProperty("investigationClosedOn").GetString(), Is.EqualTo(DateOnly.FromDateTime(eightYearsAgo).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        partner.Dispose();
    }

    [TestCase(-1, false)]
    [TestCase(0, false)]
    [TestCase(1, true)]
    public async Task Query_InvestigationClosedAroundSevenYearsAgo_OutOfScopeOnlyWhenOlder(int daysBeyondSevenYears, bool outOfScope)
    {
        var subject = NewSubject();
        var closed = CaseDriver.Today.AddYears(-7).AddDays(-daysBeyondSevenYears).ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);
        await SeedClearanceAsync(subject, ClearanceLevel.Confidential, at: closed);
        var (partner, _, _) = await NewPartnerAsync();

        var clearance = Clearance(await QueryOkAsync(partner, QueryBody(subject)));

        Assert.That(clearance.GetProperty("investigationOutOfScope").GetBoolean(), Is.EqualTo(outOfScope));
        Assert.That(clearance.GetProperty("hasException").GetBoolean(), Is.EqualTo(outOfScope));
        Assert.That(clearance.GetProperty("eligibleForRequiredLevel").GetBoolean(), Is.EqualTo(!outOfScope));
        partner.Dispose();
    }

    [Test]
    public async Task Query_SubjectWithOlderAndNewerClearances_AnswersTheNewestMatching()
    {
        var subject = NewSubject();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        await SeedClearanceAsync(subject, ClearanceLevel.Confidential, at: now.AddYears(-3), then: (c, t) => c.Supersede("system", t));
        var newest = await SeedClearanceAsync(subject, ClearanceLevel.TopSecret, at: now.AddDays(-2));
        // Same national identifier under another name and birth date: a different person, not a candidate match.
        await SeedClearanceAsync(subject with { FamilyName = "Other", DateOfBirth = subject.DateOfBirth.AddYears(1) }, ClearanceLevel.Secret, at: now.AddDays(-1));
        var (partner, sub, _) = await NewPartnerAsync();

        var clearance = Clearance(await QueryOkAsync(partner, QueryBody(subject)));

        Assert.That(clearance.GetProperty("level").GetString(), Is.EqualTo("TopSecret"));
        Assert.That(clearance.GetProperty("status").GetString(), Is.EqualTo("Active"));
        var events = await ReciprocityEventsAsync(sub);
        Assert.That(events.Single().CaseId, Is.EqualTo(newest.CaseId));
        partner.Dispose();
    }

    [Test]
    public async Task Query_Answered_AuditedWithBlindIndexReferenceAndNoIdentity()
    {
        var subject = NewSubject("Kowalski");
        var seeded = await SeedClearanceAsync(subject, ClearanceLevel.Secret);
        var (partner, sub, partnerId) = await NewPartnerAsync();

        await QueryOkAsync(partner, QueryBody(subject, requiredLevel: "Secret"));

        var events = await ReciprocityEventsAsync(sub);
        Assert.That(events, Has.Count.EqualTo(1));
        var e = events[0];
        Assert.That(e.Action, Is.EqualTo("reciprocity.query"));
        Assert.That(e.CaseId, Is.EqualTo(seeded.CaseId));
        var detail = Detail(e);
        Assert.That(detail.GetProperty("partnerId").GetString(), Is.EqualTo(partnerId));
        Assert.That(detail.GetProperty("purpose").GetString(), Is.EqualTo(Purpose));
        Assert.That(detail.GetProperty("requiredLevel").GetString(), Is.EqualTo("Secret"));
        Assert.That(detail.GetProperty("outcome").GetString(), Is.EqualTo("match"));
        Assert.That(detail.GetProperty("subjectRef").GetString(), Is.EqualTo(seeded.NationalIdIndex[..16]));
        Assert.That(detail.GetProperty("disclosed").GetProperty("level").GetString(), Is.EqualTo("Secret"));
        Assert.That(e.Detail, Does.Not.Contain(seeded.NationalIdIndex), "only a prefix of the blind index");
        foreach (var secret in new[] { subject.NationalId, subject.NationalId.Replace("-", "", StringComparison.Ordinal), subject.FamilyName, subject.GivenName, subject.Email, subject.Dob })
        {
            Assert.That(e.Detail, Does.Not.Contain(secret).IgnoreCase, $"the audit detail must not hold '{secret}'");
        }

        partner.Dispose();
    }

    [Test]
    public async Task Query_NotJson_OrUnderAReusedIdempotencyKey_IsAuditedToo()
    {
        var subject = NewSubject("Nowak");
        var (partner, sub, _) = await NewPartnerAsync();
        var body = QueryBody(subject.NationalId, subject.FamilyName, subject.Dob);
        var json = System.Text.Json.JsonSerializer.Serialize(body);

        var plain = await partner.PostAsync("/api/v1/reciprocity/queries", new StringContent(json, System.Text.Encoding.UTF8, "text/plain"));
        async Task<HttpResponseMessage> KeyedAsync(object content)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reciprocity/queries") { Content = JsonContent.Create(content) };
            request.Headers.Add("Idempotency-Key", "reused-key");
            return await partner.SendAsync(request);
        }

        var first = await KeyedAsync(body);
        var reused = await KeyedAsync(QueryBody(subject.NationalId, "Other", subject.Dob));

        Assert.That((plain.StatusCode, first.StatusCode, reused.StatusCode),
            Is.EqualTo((HttpStatusCode.UnsupportedMediaType, HttpStatusCode.OK, HttpStatusCode.UnprocessableEntity)));
        var events = await ReciprocityEventsAsync(sub);
        Assert.That(events.Select(e => e.Action), Is.EqualTo(new[] { "reciprocity.rejected", "reciprocity.query", "reciprocity.rejected" }));
        Assert.That(events.Where(e => e.Action == "reciprocity.rejected").Select(e => Detail(e).GetProperty("status").GetInt32()), Is.EqualTo(new[] { 415, 422 }));
        partner.Dispose();
    }

    [Test]
    public async Task Query_RefusedUnderAnIdempotencyKey_IsAnsweredAndAudited()
    {
        var subject = NewSubject("Nowak");
        var (partner, sub, _) = await NewPartnerAsync();
        async Task<HttpResponseMessage> KeyedAsync(string key, HttpContent content)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reciprocity/queries") { Content = content };
            request.Headers.Add("Idempotency-Key", key);
            return await partner.SendAsync(request);
        }

        // The freed key must not be the refusal audit's: its transaction would find the claim gone and roll back.
        var invalid = await KeyedAsync("invalid", JsonContent.Create(QueryBody(subject.NationalId, subject.FamilyName, "1850-01-01")));
        var plain = await KeyedAsync("plain", new StringContent(System.Text.Json.JsonSerializer.Serialize(QueryBody(subject)), System.Text.Encoding.UTF8, "text/plain"));
        // A key whose first query committed but whose answer was never kept (its node failed): 409, audited too.
        await CaseDriver.Expect(await KeyedAsync("lost", JsonContent.Create(QueryBody(subject))), HttpStatusCode.OK);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ClearanceWorkflow.Application.Persistence.ClearanceDbContext>().IdempotentRequests
                .Where(r => r.Caller == sub && r.Key == "lost")
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.StatusCode, (int?)null).SetProperty(r => r.BodyCipher, (string?)null));
        }

        var lost = await KeyedAsync("lost", JsonContent.Create(QueryBody(subject)));

        var problem = await CaseDriver.ExpectProblem(invalid, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { "subject.dateOfBirth" }).IgnoreCase);
        await CaseDriver.ExpectProblem(plain, HttpStatusCode.UnsupportedMediaType);
        await CaseDriver.ExpectProblem(lost, HttpStatusCode.Conflict);
        var events = await ReciprocityEventsAsync(sub);
        Assert.That(events.Select(e => e.Action), Is.EqualTo(new[] { "reciprocity.rejected", "reciprocity.rejected", "reciprocity.query", "reciprocity.rejected" }));
        Assert.That(events.Where(e => e.Action == "reciprocity.rejected").Select(e => Detail(e).GetProperty("status").GetInt32()), Is.EqualTo(new[] { 400, 415, 409 }));
        partner.Dispose();
    }

    [Test]
    public async Task Query_FailingOnTheServiceSideAfterItsLookup_IsAuditedToo()
    {
        var subject = NewSubject("Zieliński");
        var seeded = await SeedClearanceAsync(subject);
        // The candidate's personal data under a key this node no longer has: the match cannot be made (500).
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ClearanceWorkflow.Application.Persistence.ClearanceDbContext>().Clearances
                .Where(c => c.Id == seeded.ClearanceId)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.PersonalDataCipher, "enc1:retired-key:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        }

        var (partner, sub, _) = await NewPartnerAsync();
        var failed = await QueryAsync(partner, QueryBody(subject));

        await CaseDriver.ExpectProblem(failed, HttpStatusCode.InternalServerError);
        var events = await ReciprocityEventsAsync(sub);
        Assert.That(events.Select(e => e.Action), Is.EqualTo(new[] { "reciprocity.rejected" }));
        Assert.That(Detail(events[0]).GetProperty("status").GetInt32(), Is.EqualTo(500));
        partner.Dispose();
    }

    [Test]
    public async Task Query_RefusedAsInvalidOrUnreadable_AuditedWithTheFieldsAndNoValues()
    {
        var subject = NewSubject("Kowalski");
        var (partner, sub, partnerId) = await NewPartnerAsync();

        var invalid = await QueryAsync(partner, QueryBody(subject.NationalId, subject.FamilyName, "1850-01-01"));
        var unreadable = await partner.PostAsync("/api/v1/reciprocity/queries/batch", new StringContent($$"""{"purpose":"{{Purpose}}","subjects":[{"nationalId":"{{subject.NationalId}}","dateOfBirth":"soon"}]}""", System.Text.Encoding.UTF8, "application/json"));

        await CaseDriver.ExpectProblem(invalid, HttpStatusCode.BadRequest);
        await CaseDriver.ExpectProblem(unreadable, HttpStatusCode.BadRequest);
        var events = await ReciprocityEventsAsync(sub);
        Assert.That(events.Select(e => e.Action), Is.EqualTo(new[] { "reciprocity.rejected", "reciprocity.rejected" }));
        var (first, second) = (Detail(events[0]), Detail(events[1]));
        Assert.That(first.GetProperty("partnerId").GetString(), Is.EqualTo(partnerId));
        Assert.That(first.GetProperty("status").GetInt32(), Is.EqualTo(400));
        Assert.That(first.GetProperty("path").GetString(), Is.EqualTo("/api/v1/reciprocity/queries"));
        Assert.That(CaseDriver.Strings(first.GetProperty("fields")), Is.EqualTo(new[] { "subject.dateOfBirth" }).IgnoreCase);
        Assert.That(second.GetProperty("path").GetString(), Is.EqualTo("/api/v1/reciprocity/queries/batch"));
        Assert.That(CaseDriver.Strings(second.GetProperty("fields")), Has.Length.EqualTo(1).And.All.Contain("dateOfBirth"));
        foreach (var e in events)
        {
            Assert.That(e.Detail, Does.Not.Contain(subject.NationalId).And.Not.Contain(subject.FamilyName).And.Not.Contain("soon").And.Not.Contain("1850"));
        }

        partner.Dispose();
    }

    [Test]
    public async Task Query_RefusedBeforeItIsRead_TooLargeOrUndecodableCharset_Audited()
    {
        // Both are refused before the body is read, after the partner is known: each refusal is audited with its status.
        var subject = NewSubject("Lindqvist");
        var (partner, sub, _) = await NewPartnerAsync();
        var json = System.Text.Json.JsonSerializer.Serialize(QueryBody(subject));
        var padded = json[..^1] + $$""","padding":"{{new string('x', 1_100_000)}}"}""";

        var tooLarge = await partner.PostAsync("/api/v1/reciprocity/queries", new StringContent(padded, System.Text.Encoding.UTF8, "application/json"));
        using var bogus = new StringContent(json);
        bogus.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("application/json; charset=bogus");
        var undecodable = await partner.PostAsync("/api/v1/reciprocity/queries", bogus);

        await CaseDriver.ExpectProblem(tooLarge, HttpStatusCode.RequestEntityTooLarge);
        await CaseDriver.ExpectProblem(undecodable, HttpStatusCode.UnsupportedMediaType);
        var events = await ReciprocityEventsAsync(sub);
        Assert.That(events.Select(e => (e.Action, Detail(e).GetProperty("status").GetInt32())),
            Is.EqualTo(new[] { ("reciprocity.rejected", 413), ("reciprocity.rejected", 415) }));
        partner.Dispose();
    }

    /// <summary>
    /// A shared audit transaction whose commit failed is written again request by request; when that commit had in fact
    /// landed (the connection lost before its answer), a request's events are not written twice.
    /// </summary>
    [Test]
    public async Task AuditWrite_AgainAfterACommitThatLanded_WritesOnlyWhatIsMissing()
    {
        var sender = Factory.Services.GetRequiredService<ClearanceWorkflow.Infrastructure.Jobs.SystemSender>();
        var (landedBy, lostBy) = (NewUser("partner-a"), NewUser("partner-b"));
        RecordReciprocityQueries.Request Request(string actor) => new(
            actor, "agency-x", Purpose, null, null, [RecordReciprocityQueries.Entry.Refused(new string('a', 64), "test"), RecordReciprocityQueries.Entry.Refused(new string('b', 64), "test")]);
        var landed = Request(landedBy);

        await sender.SendAsync(new RecordReciprocityQueries.Command([landed]), CancellationToken.None);
        await sender.SendAsync(new RecordReciprocityQueries.Command([landed, Request(lostBy)], AfterFailedCommit: true), CancellationToken.None);

        var written = await InDatabaseAsync(db => db.AuditEvents.Where(e => e.Actor == landedBy || e.Actor == lostBy).GroupBy(e => e.Actor)
            .Select(g => new { Actor = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Actor, g => g.Count));
        Assert.That(written, Is.EquivalentTo(new Dictionary<string, int> { [landedBy] = 2, [lostBy] = 2 }));
    }
}
