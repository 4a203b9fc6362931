using System.Globalization;
using System.Net;
using ClearanceWorkflow.Application.Features.Timers;
using ClearanceWorkflow.IntegrationTests.Background;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace ClearanceWorkflow.IntegrationTests.Clearances;

/// <summary>
/// Clearances after the grant: the staff views with their status history, certificates as PDF, and the public
/// verification of a certificate's code before and after the clearance expires (the reinvestigation sweep
/// under a hand-moved clock, grace 60 days).
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class ClearanceViewTests(DatabaseKind kind) : BackgroundTest(kind)
{
    private const int GraceDays = 60;
    private const string Agency = "Agency of Tests";

    private readonly FakeTimeProvider _clock = new(TimeProvider.System.GetUtcNow());
    private HttpClient _officer = null!;

    protected override ApiFactory CreateFactory(TestDatabase database) =>
        new(database, settings =>
        {
            ShortIntervals(settings);
            settings["Reinvestigation:GraceDays"] = GraceDays.ToString(CultureInfo.InvariantCulture);
            settings["Clearance:GrantingAgency"] = Agency;
        }, services => services.UseClock(_clock));

    [OneTimeSetUp]
    public void CreateOfficer() => _officer = Factory.ClientFor(NewUser("sofia"), "security-officer");

    [OneTimeTearDown]
    public void DisposeOfficer() => _officer?.Dispose();

    [SetUp]
    public void ResetClock() => _clock.AdjustTime(TimeProvider.System.GetUtcNow());

    private sealed record Granted(Guid CaseId, Guid ClearanceId, DateOnly DueOn, string SubjectId, string FamilyName);

    private async Task<Granted> GrantAsync()
    {
        var family = Family("Zoltan");
        using var applicant = NewApplicant(out var subjectId);
        var id = await Driver.SubmittedCaseAsync(applicant, subject: CaseDriver.Subject(familyName: family, givenName: "Élodie"));
        await Driver.CompleteChecksAsync(Investigator, id);
        await Driver.ActOkAsync(Adjudicator, id, "claim");
        await Driver.ActOkAsync(Adjudicator, id, "refer-to-decision");
        await Driver.ActOkAsync(Adjudicator, id, "grant", CaseDriver.GrantBody());
        var clearance = await Driver.GetJsonAsync(applicant, "/api/v1/me/clearance");
        var dueOn = DateOnly.Parse(clearance.GetProperty("reinvestigationDueOn").GetString()!, CultureInfo.InvariantCulture);
        return new Granted(id, clearance.GetProperty("id").GetGuid(), dueOn, subjectId, family);
    }

    private void SetToday(DateOnly day) => _clock.AdjustTime(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));

    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    private async Task<byte[]> PdfAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        await CaseDriver.Expect(response, HttpStatusCode.OK);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/pdf"));
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static string CodeIn(string text) =>
        text.Split('\n').SkipWhile(l => l != "Verification code").Skip(1).First();

    private async Task<int> AuditCountAsync(string action) =>
        await InDatabaseAsync(db => db.AuditEvents.AsNoTracking().CountAsync(e => e.Action == action));

    [Test]
    public async Task GetClearance_AfterGrant_ContractFieldsAndGrantInHistoryWithoutPersonalDataAndAudited()
    {
        var granted = await GrantAsync();

        var view = await Driver.GetJsonAsync(_officer, $"/api/v1/clearances/{granted.ClearanceId}");

        Assert.That(view.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[]
        {
            "id", "subjectId", "level", "status", "grantedOn", "investigationClosedOn", "reinvestigationDueOn", "exception", "vetting", "history",
        }));
        Assert.That(view.GetProperty("vetting").GetProperty("enrolled").GetBoolean(), Is.False, "continuous vetting is off here");
        Assert.That(view.GetProperty("subjectId").GetString(), Is.EqualTo(granted.SubjectId));
        Assert.That(view.GetProperty("level").GetString(), Is.EqualTo("Secret"));
        Assert.That(view.GetProperty("status").GetString(), Is.EqualTo("Active"));
        Assert.That(view.GetProperty("reinvestigationDueOn").GetString(), Is.EqualTo(granted.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var history = view.GetProperty("history").EnumerateArray().ToList();
        Assert.That(history, Has.Count.EqualTo(1));
        Assert.That(history[0].GetProperty("status").GetString(), Is.EqualTo("Active"));
        Assert.That(history[0].GetProperty("actor").GetString(), Is.EqualTo(AdjudicatorId));
        Assert.That(history[0].GetProperty("reason").GetString(), Is.EqualTo("granted"));
        Assert.That(view.GetRawText(), Does.Not.Contain(granted.FamilyName));

        var viewed = (await AuditAsync(granted.CaseId)).Where(e => ActionOf(e) == "clearance.viewed").ToList();
        Assert.That(viewed, Has.Count.EqualTo(1));
        Assert.That(DetailOf(viewed[0]).GetProperty("clearanceId").GetGuid(), Is.EqualTo(granted.ClearanceId));
    }

    [Test]
    public async Task GetClearance_UnknownId_NotFound()
    {
        await CaseDriver.ExpectProblem(await _officer.GetAsync($"/api/v1/clearances/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await CaseDriver.ExpectProblem(await _officer.GetAsync($"/api/v1/clearances/{Guid.NewGuid()}/certificate"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task ListClearances_ByStatusAndDueBefore_PagesCoverEveryMatchOnceAndListingIsAudited()
    {
        var mine = new[] { await GrantAsync(), await GrantAsync(), await GrantAsync() };
        var due = mine[0].DueOn.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var listedBefore = await AuditCountAsync("clearances.listed");

        var seen = new List<Guid>();
        int total;
        var page = 1;
        do
        {
            var result = await Driver.GetJsonAsync(_officer, $"/api/v1/clearances?status=Active&dueBefore={due}&page={page}&pageSize=2");
            total = result.GetProperty("total").GetInt32();
            var items = result.GetProperty("items").EnumerateArray().ToList();
            Assert.That(items, Has.Count.LessThanOrEqualTo(2));
            Assert.That(items.Select(i => i.GetProperty("status").GetString()), Is.All.EqualTo("Active"));
            seen.AddRange(items.Select(i => i.GetProperty("id").GetGuid()));
            page++;
        }
        while (seen.Count < total && page < 100);

        Assert.That(seen, Is.Unique);
        Assert.That(seen, Has.Count.EqualTo(total));
        Assert.That(seen, Is.SupersetOf(mine.Select(g => g.ClearanceId)));
        Assert.That(await AuditCountAsync("clearances.listed"), Is.EqualTo(listedBefore + page - 1), "each page viewed is audited");

        var notYetDue = await Driver.GetJsonAsync(_officer, $"/api/v1/clearances?dueBefore={mine[0].DueOn:yyyy-MM-dd}");
        Assert.That(notYetDue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), Has.None.AnyOf(mine.Select(g => g.ClearanceId).Cast<object>().ToArray()));
        var expired = await Driver.GetJsonAsync(_officer, "/api/v1/clearances?status=Expired&pageSize=200");
        Assert.That(expired.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), Has.None.AnyOf(mine.Select(g => g.ClearanceId).Cast<object>().ToArray()));
    }

    [Test]
    public async Task ClearanceViews_TheHolderAsStaff_RefusedAndLeftOutOfTheList_OthersSeeIt()
    {
        var granted = await GrantAsync();
        var due = granted.DueOn.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var holderOfficer = Factory.ClientFor(granted.SubjectId, "security-officer");
        using var holderAdjudicator = Factory.ClientFor(granted.SubjectId, "adjudicator");
        using var holderSenior = Factory.ClientFor(granted.SubjectId, "senior-adjudicator");
        using var holderAuditor = Factory.ClientFor(granted.SubjectId, "auditor");
        var viewedBefore = await AuditCountAsync("clearance.viewed");
        var issuedBefore = await AuditCountAsync("certificate.issued");

        foreach (var holder in new[] { holderOfficer, holderAdjudicator, holderSenior, holderAuditor })
        {
            var refused = await CaseDriver.ExpectProblem(await holder.GetAsync($"/api/v1/clearances/{granted.ClearanceId}"), HttpStatusCode.Forbidden);
            Assert.That(refused.GetProperty("detail").GetString(), Does.Contain("conflict of interest"));
        }

        var certificate = await CaseDriver.ExpectProblem(await holderOfficer.GetAsync($"/api/v1/clearances/{granted.ClearanceId}/certificate"), HttpStatusCode.Forbidden);
        Assert.That(certificate.GetProperty("detail").GetString(), Does.Contain("conflict of interest"));
        Assert.That(await AuditCountAsync("clearance.viewed"), Is.EqualTo(viewedBefore), "a refused view shows nothing, so records no view");
        Assert.That(await AuditCountAsync("certificate.issued"), Is.EqualTo(issuedBefore));
        var byOthers = await Driver.GetJsonAsync(_officer, $"/api/v1/clearances?dueBefore={due}&pageSize=200");
        Assert.That(byOthers.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), Does.Contain(granted.ClearanceId));
        foreach (var holder in new[] { holderOfficer, holderSenior, holderAuditor })
        {
            var listed = await Driver.GetJsonAsync(holder, $"/api/v1/clearances?dueBefore={due}&pageSize=200");
            Assert.That(listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), Does.Not.Contain(granted.ClearanceId));
            Assert.That(listed.GetProperty("total").GetInt32(), Is.EqualTo(byOthers.GetProperty("total").GetInt32() - 1), "nor counted");
        }

        Assert.That((await Driver.GetJsonAsync(_officer, $"/api/v1/clearances/{granted.ClearanceId}")).GetProperty("id").GetGuid(), Is.EqualTo(granted.ClearanceId));
    }

    [TestCase("status=Bogus")]
    [TestCase("status=1")]
    [TestCase("status=Active,Suspended")]
    [TestCase("dueBefore=not-a-date")]
    [TestCase("page=0")]
    [TestCase("pageSize=201")]
    [TestCase("page=x")]
    public async Task ListClearances_BadQuery_BadRequest(string query)
    {
        await CaseDriver.ExpectProblem(await _officer.GetAsync($"/api/v1/clearances?{query}"), HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task MyCertificate_ReadBack_NamesHolderLevelEquivalentsAgencyDatesAndCode()
    {
        var granted = await GrantAsync();
        using var applicant = Factory.ClientFor(granted.SubjectId, ApplicantRole);

        var text = PdfText.Extract(await PdfAsync(applicant, "/api/v1/me/clearance/certificate"));

        Assert.That(text, Does.Contain($"Élodie {granted.FamilyName}"));
        Assert.That(text, Does.Contain("Clearance level\nSecret"));
        Assert.That(text, Does.Contain("NATO SECRET"));
        Assert.That(text, Does.Contain("SECRET UE"));
        Assert.That(text, Does.Contain(Agency));
        Assert.That(text, Does.Contain("Issued on\n" + Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Assert.That(text, Does.Contain("Valid until\n" + granted.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Assert.That(CodeIn(text), Does.Match("^[A-Z2-7]{32}$"), "160 bits of base32");

        var issued = (await AuditAsync(granted.CaseId)).Where(e => ActionOf(e) == "certificate.issued").ToList();
        Assert.That(issued, Has.Count.EqualTo(1));
        Assert.That(issued[0].GetRawText(), Does.Not.Contain(granted.FamilyName).And.Not.Contain(CodeIn(text)));
    }

    [Test]
    public async Task Certificates_EachHasItsOwnCode_StoredOnlyAsHash()
    {
        var granted = await GrantAsync();
        using var applicant = Factory.ClientFor(granted.SubjectId, ApplicantRole);

        var first = CodeIn(PdfText.Extract(await PdfAsync(applicant, "/api/v1/me/clearance/certificate")));
        var second = CodeIn(PdfText.Extract(await PdfAsync(_officer, $"/api/v1/clearances/{granted.ClearanceId}/certificate")));

        Assert.That(second, Is.Not.EqualTo(first));
        var stored = await RawDatabase.EverythingStoredAsync(Database);
        Assert.That(stored, Does.Not.Contain(first).And.Not.Contain(second));
        Assert.That(stored, Does.Not.Contain(granted.FamilyName), "the name stays encrypted");
        foreach (var code in new[] { first, second })
        {
            var answer = await Driver.GetJsonAsync(Factory.CreateClient(), $"/api/v1/certificates/{code}");
            Assert.That(answer.GetProperty("valid").GetBoolean(), Is.True);
        }
    }

    [Test]
    public async Task VerifyCertificate_BeforeAndAfterExpiry_ValidThenNotAndSaysNothingAboutTheHolder_NoNewCertificateOnceExpired()
    {
        var granted = await GrantAsync();
        using var applicant = Factory.ClientFor(granted.SubjectId, ApplicantRole);
        var code = CodeIn(PdfText.Extract(await PdfAsync(applicant, "/api/v1/me/clearance/certificate")));
        var issuedOn = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var anonymous = Factory.CreateClient();

        var before = await Driver.GetJsonAsync(anonymous, $"/api/v1/certificates/{code}");
        SetToday(granted.DueOn.AddDays(GraceDays + 1));
        await AsSystemAsync(new ReinvestigationSweep.Run());
        var after = await Driver.GetJsonAsync(anonymous, $"/api/v1/certificates/{code.ToLowerInvariant()}");

        Assert.That(before.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[]
        {
            "valid", "status", "level", "natoEquivalent", "euEquivalent", "issuedOn", "validUntil",
        }));
        Assert.That(before.GetProperty("valid").GetBoolean(), Is.True);
        Assert.That(before.GetProperty("status").GetString(), Is.EqualTo("Active"));
        Assert.That(before.GetProperty("level").GetString(), Is.EqualTo("Secret"));
        Assert.That(before.GetProperty("natoEquivalent").GetString(), Is.EqualTo("NATO SECRET"));
        Assert.That(before.GetProperty("euEquivalent").GetString(), Is.EqualTo("SECRET UE"));
        Assert.That(before.GetProperty("issuedOn").GetString(), Is.EqualTo(issuedOn));
        Assert.That(before.GetProperty("validUntil").GetString(), Is.EqualTo(granted.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Assert.That(after.GetProperty("valid").GetBoolean(), Is.False);
        Assert.That(after.GetProperty("status").GetString(), Is.EqualTo("Expired"));

        var verified = (await AuditAsync(granted.CaseId)).Where(e => ActionOf(e) == "certificate.verified").ToList();
        Assert.That(verified, Has.Count.EqualTo(2));
        Assert.That(verified.Select(e => e.GetProperty("actor").GetString()), Is.All.EqualTo("anonymous"));
        Assert.That(verified.Select(e => DetailOf(e).GetProperty("valid").GetBoolean()), Is.EqualTo(new[] { true, false }));

        // No new certificate for an expired clearance.
        await CaseDriver.ExpectProblem(await applicant.GetAsync("/api/v1/me/clearance/certificate"), HttpStatusCode.Conflict);
        await CaseDriver.ExpectProblem(await _officer.GetAsync($"/api/v1/clearances/{granted.ClearanceId}/certificate"), HttpStatusCode.Conflict);

        // The expiry is in the history, by the system, after the grant.
        var view = await Driver.GetJsonAsync(_officer, $"/api/v1/clearances/{granted.ClearanceId}");
        var history = view.GetProperty("history").EnumerateArray().ToList();
        Assert.That(history.Select(h => h.GetProperty("status").GetString()), Is.EqualTo(new[] { "Active", "Expired" }));
        Assert.That(history[1].GetProperty("actor").GetString(), Is.EqualTo("system"));
        Assert.That(history[1].GetProperty("reason").GetString(), Does.Contain("reinvestigation"));
        Assert.That(history[1].GetProperty("at").GetDateTime(), Is.EqualTo(_clock.GetUtcNow().UtcDateTime).Within(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public async Task VerifyCertificate_UnknownCodeNotFoundButAudited_MalformedCodeBadRequest()
    {
        using var anonymous = Factory.CreateClient();
        var before = await AuditCountAsync("certificate.verified");
        await CaseDriver.ExpectProblem(await anonymous.GetAsync($"/api/v1/certificates/{new string('A', 32)}"), HttpStatusCode.NotFound);
        Assert.That(await AuditCountAsync("certificate.verified"), Is.EqualTo(before + 1), "an unknown code's lookup is audited too");
        await CaseDriver.ExpectProblem(await anonymous.GetAsync($"/api/v1/certificates/{new string('A', 31)}"), HttpStatusCode.BadRequest);
        await CaseDriver.ExpectProblem(await anonymous.GetAsync($"/api/v1/certificates/{new string('1', 32)}"), HttpStatusCode.BadRequest);
        Assert.That(await AuditCountAsync("certificate.verified"), Is.EqualTo(before + 1), "a malformed code is refused before any lookup");
    }

    [Test]
    public async Task Certificate_AnotherApplicant_GetsOnlyTheirOwnAndCannotNameAClearance()
    {
        var granted = await GrantAsync();
        using var other = NewApplicant();

        await CaseDriver.ExpectProblem(await other.GetAsync("/api/v1/me/clearance/certificate"), HttpStatusCode.NotFound);
        await CaseDriver.ExpectProblem(await other.GetAsync($"/api/v1/clearances/{granted.ClearanceId}/certificate"), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await other.GetAsync($"/api/v1/clearances/{granted.ClearanceId}"), HttpStatusCode.Forbidden);
        Assert.That(await InDatabaseAsync(db => db.ClearanceCertificates.CountAsync(c => c.ClearanceId == granted.ClearanceId)), Is.Zero);
    }
}

/// <summary>The public verification endpoint is rate-limited per client IP (two lookups a minute here).</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class CertificateRateLimitTests(DatabaseKind kind) : Lifecycle.LifecycleTest(kind)
{
    protected override ApiFactory CreateFactory(TestDatabase database) =>
        new(database, settings =>
        {
            settings["RateLimiting:VerificationPermits"] = "2";
            settings["RateLimiting:HolderCertificatePermits"] = "2";
        });

    [Test]
    public async Task MyCertificate_OverTheLimit_TooManyRequests_ForThatHolderOnly()
    {
        using var alice = NewApplicant(out var aliceId);
        using var bob = NewApplicant();
        foreach (var holder in new[] { alice, bob })
        {
            var id = await Driver.CaseInDecisionAsync(holder, Investigator, Adjudicator);
            await Driver.ActOkAsync(Adjudicator, id, "grant", CaseDriver.GrantBody());
        }

        var first = await alice.GetAsync("/api/v1/me/clearance/certificate");
        var second = await alice.GetAsync("/api/v1/me/clearance/certificate");
        var third = await alice.GetAsync("/api/v1/me/clearance/certificate");
        var bobs = await bob.GetAsync("/api/v1/me/clearance/certificate");

        Assert.That((first.StatusCode, second.StatusCode, bobs.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK)));
        await CaseDriver.ExpectProblem(third, HttpStatusCode.TooManyRequests);
        Assert.That(third.Headers.RetryAfter?.Delta, Is.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)));
        Assert.That(await InDatabaseAsync(db => db.ClearanceCertificates.CountAsync(c => c.IssuedBy == aliceId)), Is.EqualTo(2), "no certificate made for the refused request");
    }

    [Test]
    public async Task VerifyCertificate_OverTheLimit_TooManyRequestsWithRetryAfter()
    {
        using var anonymous = Factory.CreateClient();
        var path = $"/api/v1/certificates/{new string('B', 32)}";

        var first = await anonymous.GetAsync(path);
        var second = await anonymous.GetAsync(path);
        var third = await anonymous.GetAsync(path);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var problem = await CaseDriver.ExpectProblem(third, HttpStatusCode.TooManyRequests);
        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(429));
        Assert.That(third.Headers.RetryAfter?.Delta, Is.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)), "wait until the 60 s window restarts");
    }
}
