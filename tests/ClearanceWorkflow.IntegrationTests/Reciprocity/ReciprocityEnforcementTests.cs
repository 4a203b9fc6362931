using System.Net;
using System.Net.Http.Json;
using System.Text;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.Infrastructure.Persistence;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Reciprocity;

/// <summary>
/// The data-sharing agreement decides what a partner may ask: each broken rule is a 403 whose detail
/// names the rule, and each refusal is audited although the request fails. Malformed queries are 400s.
/// Only partners may query, and partner tokens open nothing else.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class ReciprocityEnforcementTests(DatabaseKind kind) : ReciprocityTest(kind)
{
    /// <summary>Asserts a 403 naming <paramref name="rule"/>, then one audited refusal for the partner user with that rule.</summary>
    private async Task AssertRefusedAndAuditedAsync(HttpResponseMessage response, string sub, string rule, string? partnerId, TestSubject subject, string? requiredLevel = null, string purpose = Purpose)
    {
        var problem = await CaseDriver.ExpectProblem(response, HttpStatusCode.Forbidden);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(rule), problem.ToString());
        Assert.That(problem.GetProperty("rule").GetString(), Is.EqualTo(rule), problem.ToString());

        var events = await ReciprocityEventsAsync(sub);
        Assert.That(events, Has.Count.EqualTo(1), "one refusal, audited");
        Assert.That(events[0].Action, Is.EqualTo("reciprocity.refused"));
        var detail = Detail(events[0]);
        Assert.That(detail.GetProperty("outcome").GetString(), Is.EqualTo("refused"));
        Assert.That(detail.GetProperty("rule").GetString(), Is.EqualTo(rule));
        Assert.That(detail.GetProperty("partnerId").GetString(), Is.EqualTo(partnerId));
        Assert.That(detail.GetProperty("purpose").GetString(), Is.EqualTo(purpose));
        Assert.That(detail.GetProperty("requiredLevel").GetString(), Is.EqualTo(requiredLevel));
        Assert.That(detail.GetProperty("subjectRef").GetString(), Has.Length.EqualTo(16));
        Assert.That(events[0].Detail, Does.Not.Contain(subject.NationalId).And.Not.Contain(subject.FamilyName).And.Not.Contain(subject.NationalId.Replace("-", "", StringComparison.Ordinal)));
    }

    [Test]
    public async Task Query_UnknownPartnerId_Returns403UnknownPartnerAndAuditsRefusal()
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject);
        var partnerId = NewUser("ghost");
        using var partner = PartnerClient(partnerId, out var sub);

        var response = await QueryAsync(partner, QueryBody(subject));

        await AssertRefusedAndAuditedAsync(response, sub, "unknown-partner", partnerId, subject);
    }

    [Test]
    public async Task Query_InactiveAgreement_Returns403AgreementInactiveAndAuditsRefusal()
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject);
        var partnerId = await CreatePartnerAsync();
        await CaseDriver.Expect(await Admin.PostAsync($"/api/v1/partners/{partnerId}/deactivate", null), HttpStatusCode.OK);
        using var partner = PartnerClient(partnerId, out var sub);

        var response = await QueryAsync(partner, QueryBody(subject));

        await AssertRefusedAndAuditedAsync(response, sub, "agreement-inactive", partnerId, subject);
    }

    [Test]
    public async Task Query_ReplayOfABodyWithCapitalisedNames_ChecksTheLevelAndNamesTheSubjectAsTheQueryDid()
    {
        // The endpoint binds names whatever their case; the replay must read the same terms from the same body.
        var subject = NewSubject();
        await SeedClearanceAsync(subject, ClearanceLevel.Confidential);
        var partnerId = await CreatePartnerAsync();
        using var partner = PartnerClient(partnerId, out var sub);
        var json = $$$"""{"Purpose":"{{{Purpose}}}","RequiredLevel":"TopSecret","Subject":{"NationalId":"{{{subject.NationalId}}}","familyName":"{{{subject.FamilyName}}}","dateOfBirth":"{{{subject.Dob}}}"}}""";
        async Task<HttpResponseMessage> KeyedAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reciprocity/queries") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", "capitalised");
            return await partner.SendAsync(request);
        }

        await CaseDriver.Expect(await KeyedAsync(), HttpStatusCode.OK);
        var replayed = await KeyedAsync();
        Assert.That(replayed.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
        await LowerMaxLevelAsync(partnerId, ClearanceLevel.Confidential);
        var refused = await KeyedAsync();

        var problem = await CaseDriver.ExpectProblem(refused, HttpStatusCode.Forbidden);
        Assert.That(problem.GetProperty("rule").GetString(), Is.EqualTo("level-above-agreement"));
        var events = await ReciprocityEventsAsync(sub);
        Assert.That(events.Select(e => e.Action), Is.EqualTo(new[] { "reciprocity.query", "reciprocity.replayed", "reciprocity.refused" }));
        var subjectRef = Detail(events[0]).GetProperty("subjectRef").GetString();
        Assert.That(Detail(events[1]).GetProperty("requiredLevel").GetString(), Is.EqualTo("TopSecret"));
        Assert.That(CaseDriver.Strings(Detail(events[1]).GetProperty("subjectRefs")), Is.EqualTo(new[] { subjectRef }));
        Assert.That(CaseDriver.Strings(Detail(events[2]).GetProperty("subjectRefs")), Is.EqualTo(new[] { subjectRef }));
    }

    [Test]
    public async Task Query_ReplayOfABodyCarryingAPropertyTheQueryIgnores_ReplayedAsItWasAnswered()
    {
        // The single query ignores a batch's "subjects"; the replay read it as a batch's and answered 400.
        var subject = NewSubject();
        await SeedClearanceAsync(subject);
        var partnerId = await CreatePartnerAsync();
        using var partner = PartnerClient(partnerId, out var sub);
        var json = $$$"""{"purpose":"{{{Purpose}}}","subjects":5,"subject":{"nationalId":"{{{subject.NationalId}}}","familyName":"{{{subject.FamilyName}}}","dateOfBirth":"{{{subject.Dob}}}"}}""";
        async Task<HttpResponseMessage> KeyedAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reciprocity/queries") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", "ignored-property");
            return await partner.SendAsync(request);
        }

        var first = await KeyedAsync();
        var replayed = await KeyedAsync();

        await CaseDriver.Expect(first, HttpStatusCode.OK);
        await CaseDriver.Expect(replayed, HttpStatusCode.OK);
        Assert.That(replayed.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
        Assert.That(await replayed.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
        Assert.That((await ReciprocityEventsAsync(sub)).Select(e => e.Action), Is.EqualTo(new[] { "reciprocity.query", "reciprocity.replayed" }));
    }

    [Test]
    public async Task Post_OtherThanAQuery_ByATokenThatIsAlsoAPartners_ReplayedAsAnyPost()
    {
        // A token may hold several roles: its replay of another post was checked as a query (403, audited as refused).
        var partnerId = await CreatePartnerAsync();
        var sub = NewUser("both");
        using var client = Factory.WithToken(ClearanceWorkflow.Infrastructure.Security.TokenIssuer.Create(
            Factory.Keys.Auth, TimeProvider.System, sub, ["admin", "partner"], partnerId, TimeSpan.FromMinutes(30)));
        var created = NewUser("p");
        async Task<HttpResponseMessage> KeyedAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/partners") { Content = JsonContent.Create(PartnerBody(created)) };
            request.Headers.Add("Idempotency-Key", "admin-post");
            return await client.SendAsync(request);
        }

        await CaseDriver.Expect(await KeyedAsync(), HttpStatusCode.Created);
        var replayed = await KeyedAsync();

        await CaseDriver.Expect(replayed, HttpStatusCode.Created);
        Assert.That(replayed.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
        Assert.That(await ReciprocityEventsAsync(sub), Is.Empty);
    }

    [Test]
    public async Task Query_SameIdempotencyKey_ReplayedAndAuditedWhileTheAgreementPermitsIt_RefusedAfterDeactivation()
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject);
        var partnerId = await CreatePartnerAsync();
        using var partner = PartnerClient(partnerId, out var sub);
        partner.DefaultRequestHeaders.Add("Idempotency-Key", "query-1");

        var first = await QueryAsync(partner, QueryBody(subject));
        var again = await QueryAsync(partner, QueryBody(subject));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(again.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
        Assert.That(await again.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
        await CaseDriver.ExpectProblem(await QueryAsync(partner, QueryBody(subject, purpose: "site-access")), HttpStatusCode.UnprocessableEntity);

        // A kept answer is given again only under an agreement that still permits the query, and each replay is audited.
        await CaseDriver.Expect(await Admin.PostAsync($"/api/v1/partners/{partnerId}/deactivate", null), HttpStatusCode.OK);
        var afterwards = await QueryAsync(partner, QueryBody(subject));

        var problem = await CaseDriver.ExpectProblem(afterwards, HttpStatusCode.Forbidden);
        Assert.That(problem.GetProperty("rule").GetString(), Is.EqualTo("agreement-inactive"));
        var events = await ReciprocityEventsAsync(sub);
        Assert.That(events.Select(e => e.Action), Is.EqualTo(new[] { "reciprocity.query", "reciprocity.replayed", "reciprocity.rejected", "reciprocity.refused" }), "the key reused for another query (422) is audited too");
        Assert.That(Detail(events[2]).GetProperty("status").GetInt32(), Is.EqualTo(422));
        events.RemoveAt(2);
        Assert.That(Detail(events[2]).GetProperty("rule").GetString(), Is.EqualTo("agreement-inactive"));
        Assert.That(Detail(events[1]).GetProperty("partnerId").GetString(), Is.EqualTo(partnerId));
        var subjectRef = Detail(events[0]).GetProperty("subjectRef").GetString();
        Assert.That(CaseDriver.Strings(Detail(events[1]).GetProperty("subjectRefs")), Is.EqualTo(new[] { subjectRef }), "a replay names whom it re-discloses, as the query did");
        Assert.That(CaseDriver.Strings(Detail(events[2]).GetProperty("subjectRefs")), Is.EqualTo(new[] { subjectRef }));
        Assert.That(events[1].Detail, Does.Not.Contain(subject.NationalId));
    }

    [Test]
    public async Task Query_SameIdempotencyKey_AfterTheAgreementsMaxLevelWasLowered_RefusedLevelAboveAgreementNotReplayed()
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject, ClearanceLevel.TopSecret);
        var partnerId = await CreatePartnerAsync();
        using var partner = PartnerClient(partnerId, out var sub);
        partner.DefaultRequestHeaders.Add("Idempotency-Key", "query-1");
        Assert.That(Clearance(await QueryOkAsync(partner, QueryBody(subject))).GetProperty("level").GetString(), Is.EqualTo("TopSecret"));
        await LowerMaxLevelAsync(partnerId, ClearanceLevel.Confidential);

        var again = await QueryAsync(partner, QueryBody(subject));

        var problem = await CaseDriver.ExpectProblem(again, HttpStatusCode.Forbidden);
        Assert.That(problem.GetProperty("rule").GetString(), Is.EqualTo("level-above-agreement"));
        Assert.That(problem.ToString(), Does.Not.Contain("TopSecret"), "the refusal does not tell the level it would have shown");
        var events = await ReciprocityEventsAsync(sub);
        Assert.That(events.Select(e => e.Action), Is.EqualTo(new[] { "reciprocity.query", "reciprocity.refused" }));
        using var fresh = PartnerClient(partnerId);
        Assert.That(Clearance(await QueryOkAsync(fresh, QueryBody(subject))).GetProperty("level").GetString(), Is.EqualTo("Confidential"), "a new query is answered under the new terms");
    }

    [Test]
    public async Task Query_SameUserAndKeyUnderAnotherPartnerId_Returns422NotTheOtherPartnersAnswer()
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject, ClearanceLevel.TopSecret);
        var wide = await CreatePartnerAsync();
        var narrow = await CreatePartnerAsync(maxLevel: "Confidential");
        var sub = NewUser("pat");
        using var first = Factory.PartnerClient(sub, wide);
        using var second = Factory.PartnerClient(sub, narrow);
        first.DefaultRequestHeaders.Add("Idempotency-Key", "shared-key");
        second.DefaultRequestHeaders.Add("Idempotency-Key", "shared-key");
        Assert.That(Clearance(await QueryOkAsync(first, QueryBody(subject))).GetProperty("level").GetString(), Is.EqualTo("TopSecret"));

        var other = await QueryAsync(second, QueryBody(subject));

        var problem = await CaseDriver.ExpectProblem(other, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem.ToString(), Does.Not.Contain("TopSecret"));
    }

    [TestCase("/api/v1/reciprocity/queries")]
    [TestCase("/api/v1/reciprocity/queries/batch")]
    public async Task Query_NodeFailedAfterTheAuditCommitBeforeKeepingTheAnswer_RetryIsToldItWasCarriedOutAndAuditedAsARefusal(string route)
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject);
        var partnerId = await CreatePartnerAsync();
        using var partner = PartnerClient(partnerId, out var sub);
        var key = $"lost-{Guid.NewGuid():N}";
        object body = route.EndsWith("batch", StringComparison.Ordinal)
            ? new { purpose = Purpose, subjects = new[] { new { correlationId = "c1", nationalId = subject.NationalId, familyName = subject.FamilyName, dateOfBirth = subject.Dob } } }
            : QueryBody(subject);
        Task<HttpResponseMessage> SendAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return partner.SendAsync(request);
        }

        await CaseDriver.Expect(await SendAsync(), HttpStatusCode.OK);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ClearanceDbContext>();
            var row = await db.IdempotentRequests.AsNoTracking().SingleAsync(r => r.Key == key);
            Assert.That(row.CommittedAt, Is.Not.Null, "marked with the audit events, in their transaction");
            // The node failed after that commit, before keeping the answer, and the lease has run out.
            await db.IdempotentRequests.Where(r => r.Id == row.Id).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.StatusCode, (int?)null).SetProperty(r => r.ContentType, (string?)null).SetProperty(r => r.BodyCipher, (string?)null)
                .SetProperty(r => r.CreatedAt, row.CreatedAt - IdempotencyStore.Lease - TimeSpan.FromSeconds(5)));
        }

        var retry = await CaseDriver.ExpectProblem(await SendAsync(), HttpStatusCode.Conflict);

        Assert.That(retry.GetProperty("detail").GetString(), Does.Contain("was carried out"));
        var events = await ReciprocityEventsAsync(sub);
        Assert.That(events.Select(e => e.Action), Is.EqualTo(new[] { "reciprocity.query", "reciprocity.rejected" }), "answered once; the retry is audited as a refusal");
        Assert.That(Detail(events[1]).GetProperty("status").GetInt32(), Is.EqualTo(409));
    }

    [Test]
    public async Task Query_AgreementRegisteredInactive_Returns403AgreementInactive()
    {
        var subject = NewSubject();
        var partnerId = await CreatePartnerAsync(active: false);
        using var partner = PartnerClient(partnerId, out var sub);

        await AssertRefusedAndAuditedAsync(await QueryAsync(partner, QueryBody(subject)), sub, "agreement-inactive", partnerId, subject);
    }

    [Test]
    public async Task Query_AgreementReactivated_IsAnswered()
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject);
        var partnerId = await CreatePartnerAsync();
        await CaseDriver.Expect(await Admin.PostAsync($"/api/v1/partners/{partnerId}/deactivate", null), HttpStatusCode.OK);
        await CaseDriver.Expect(await UpdatePartnerAsync(Admin, partnerId, PartnerBody(partnerId, active: true)), HttpStatusCode.OK);
        using var partner = PartnerClient(partnerId);

        var answer = await QueryOkAsync(partner, QueryBody(subject));

        Assert.That(Clearance(answer).GetProperty("status").GetString(), Is.EqualTo("Active"));
    }

    /// <summary>A purpose is a token told apart without letter case: an agreement for "Employment" answers "employment".</summary>
    [Test]
    public async Task Query_PurposeInAnotherLetterCase_IsTheAgreementsPurpose()
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject);
        var partnerId = await CreatePartnerAsync(purposes: ["Employment", "site_access.v2"]);
        using var partner = PartnerClient(partnerId, out _);

        var answer = await QueryOkAsync(partner, QueryBody(subject, purpose: "employment"));

        Assert.That(Clearance(answer).GetProperty("status").GetString(), Is.EqualTo("Active"));
        await CaseDriver.Expect(await QueryAsync(partner, QueryBody(subject, purpose: "SITE_ACCESS.V2")), HttpStatusCode.OK);
    }

    [Test]
    public async Task Query_PurposeNotInAgreement_Returns403PurposeNotAllowedAndAuditsRefusal()
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject);
        var partnerId = await CreatePartnerAsync(purposes: ["site-access"]);
        using var partner = PartnerClient(partnerId, out var sub);

        var response = await QueryAsync(partner, QueryBody(subject, purpose: "employment"));

        await AssertRefusedAndAuditedAsync(response, sub, "purpose-not-allowed", partnerId, subject);
    }

    [Test]
    public async Task Query_RequiredLevelAboveAgreementMaximum_Returns403LevelAboveAgreementAndAuditsRefusal()
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject, ClearanceLevel.TopSecret);
        var partnerId = await CreatePartnerAsync(maxLevel: "Secret");
        using var partner = PartnerClient(partnerId, out var sub);

        var response = await QueryAsync(partner, QueryBody(subject, requiredLevel: "TopSecret"));

        await AssertRefusedAndAuditedAsync(response, sub, "level-above-agreement", partnerId, subject, "TopSecret");
    }

    [TestCase("Confidential")]
    [TestCase("Secret")]
    public async Task Query_RequiredLevelAtOrBelowAgreementMaximum_IsAnswered(string requiredLevel)
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject, ClearanceLevel.Secret);
        var partnerId = await CreatePartnerAsync(maxLevel: "Secret");
        using var partner = PartnerClient(partnerId, out var sub);

        var answer = await QueryOkAsync(partner, QueryBody(subject, requiredLevel: requiredLevel));

        Assert.That(Clearance(answer).GetProperty("eligibleForRequiredLevel").GetBoolean(), Is.True);
        var events = await ReciprocityEventsAsync(sub);
        Assert.That(events.Select(e => e.Action), Is.EqualTo(new[] { "reciprocity.query" }));
    }

    [Test]
    public async Task Query_InactiveAndWrongPurpose_RefusalNamesTheFirstRuleInOrder()
    {
        var subject = NewSubject();
        var partnerId = await CreatePartnerAsync(purposes: ["site-access"], maxLevel: "Confidential", active: false);
        using var partner = PartnerClient(partnerId, out var sub);

        var response = await QueryAsync(partner, QueryBody(subject, purpose: "employment", requiredLevel: "TopSecret"));

        await AssertRefusedAndAuditedAsync(response, sub, "agreement-inactive", partnerId, subject, "TopSecret");
    }

    [Test]
    public async Task Batch_RefusedAgreement_Returns403AndAuditsEverySubject()
    {
        var partnerId = await CreatePartnerAsync(purposes: ["site-access"]);
        using var partner = PartnerClient(partnerId, out var sub);
        var subjects = Enumerable.Range(0, 3).Select(_ => NewSubject()).ToList();

        var response = await partner.PostAsJsonAsync("/api/v1/reciprocity/queries/batch", new
        {
            purpose = "employment",
            subjects = subjects.Select((s, i) => new { correlationId = $"c{i}", nationalId = s.NationalId, familyName = s.FamilyName, dateOfBirth = s.Dob }),
        });

        var problem = await CaseDriver.ExpectProblem(response, HttpStatusCode.Forbidden);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("purpose-not-allowed"));
        var events = await ReciprocityEventsAsync(sub);
        Assert.That(events, Has.Count.EqualTo(3));
        Assert.That(events.Select(e => e.Action), Is.All.EqualTo("reciprocity.refused"));
        Assert.That(events.Select(e => Detail(e).GetProperty("subjectRef").GetString()).Distinct().Count(), Is.EqualTo(3));
    }

    [TestCase("""{ "subject": { "familyName": "Doe", "dateOfBirth": "1985-03-17" }, "purpose": "employment" }""", "subject.nationalId")]
    [TestCase("""{ "subject": { "nationalId": "", "familyName": "Doe", "dateOfBirth": "1985-03-17" }, "purpose": "employment" }""", "subject.nationalId")]
    [TestCase("""{ "subject": { "nationalId": "AB<script>", "familyName": "Doe", "dateOfBirth": "1985-03-17" }, "purpose": "employment" }""", "subject.nationalId")]
    [TestCase("""{ "subject": { "nationalId": "AB-1", "dateOfBirth": "1985-03-17" }, "purpose": "employment" }""", "subject.familyName")]
    [TestCase("""{ "subject": { "nationalId": "AB-1", "familyName": "Doe" }, "purpose": "employment" }""", "subject.dateOfBirth")]
    [TestCase("""{ "subject": { "nationalId": "AB-1", "familyName": "Doe", "dateOfBirth": "1985-13-45" }, "purpose": "employment" }""", "subject.dateOfBirth")]
    [TestCase("""{ "subject": { "nationalId": "AB-1", "familyName": "Doe", "dateOfBirth": "yesterday" }, "purpose": "employment" }""", "subject.dateOfBirth")]
    [TestCase("""{ "subject": { "nationalId": "AB-1", "familyName": "Doe", "dateOfBirth": "9999-12-31" }, "purpose": "employment" }""", "subject.dateOfBirth")]
    [TestCase("""{ "subject": { "nationalId": "AB-1", "familyName": "Doe", "dateOfBirth": "2999-01-01" }, "purpose": "employment" }""", "subject.dateOfBirth")]
    [TestCase("""{ "subject": { "nationalId": "AB-1", "familyName": "Doe", "dateOfBirth": "1985-03-17" }, "purpose": "employment", "requiredLevel": "Ultra" }""", "requiredLevel")]
    [TestCase("""{ "subject": { "nationalId": "AB-1", "familyName": "Doe", "dateOfBirth": "1985-03-17" }, "purpose": "employment", "requiredLevel": 3 }""", "requiredLevel")]
    [TestCase("""{ "subject": { "nationalId": "AB-1", "familyName": "Doe", "dateOfBirth": "1985-03-17" } }""", "purpose")]
    [TestCase("""{ "subject": { "nationalId": "AB-1", "familyName": "Doe", "dateOfBirth": "1985-03-17" }, "purpose": "Employment Checks" }""", "purpose")]
    [TestCase("""{ "purpose": "employment" }""", "subject")]
    [TestCase("""{ "subject": "AB-1", "purpose": "employment" }""", "subject")]
    public async Task Query_InvalidBody_Returns400NamingTheField(string json, string field)
    {
        var partnerId = await CreatePartnerAsync();
        using var partner = PartnerClient(partnerId);
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        var problem = await CaseDriver.ExpectProblem(await partner.PostAsync("/api/v1/reciprocity/queries", content), HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name), Does.Contain(field), problem.ToString());
    }

    [TestCase("applicant")]
    [TestCase("security-officer")]
    [TestCase("investigator")]
    [TestCase("adjudicator")]
    [TestCase("senior-adjudicator")]
    [TestCase("auditor")]
    [TestCase("admin")]
    public async Task Query_NonPartnerRole_Returns403(string role)
    {
        var subject = NewSubject();
        await SeedClearanceAsync(subject);
        using var client = Factory.ClientFor(NewUser("staff"), role);

        await CaseDriver.ExpectProblem(await QueryAsync(client, QueryBody(subject)), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(
            await client.PostAsJsonAsync("/api/v1/reciprocity/queries/batch", new { purpose = Purpose, subjects = new[] { new { correlationId = "1", nationalId = subject.NationalId, familyName = subject.FamilyName, dateOfBirth = subject.Dob } } }),
            HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task PartnerToken_OtherEndpoints_Return403()
    {
        var subject = NewSubject();
        var seeded = await SeedClearanceAsync(subject);
        var partnerId = await CreatePartnerAsync();
        using var partner = PartnerClient(partnerId);

        await CaseDriver.ExpectProblem(await partner.GetAsync($"/api/v1/cases/{seeded.CaseId}"), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await partner.GetAsync($"/api/v1/cases/{seeded.CaseId}/investigation"), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await partner.PostAsJsonAsync($"/api/v1/cases/{seeded.CaseId}/actions/claim", new { }), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await partner.GetAsync("/api/v1/me/clearance"), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await partner.GetAsync("/api/v1/me/cases"), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await partner.GetAsync("/api/v1/adjudication/queue"), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await partner.GetAsync("/api/v1/audit"), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await partner.GetAsync("/api/v1/partners"), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await partner.PostAsJsonAsync("/api/v1/applications", new { requestedLevel = "Secret", sponsor = "x", subject = CaseDriver.Subject() }), HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Query_PartnerTokenWithoutPartnerId_Returns401()
    {
        using var client = Factory.ClientFor(NewUser("pat"), "partner");

        var response = await QueryAsync(client, QueryBody(NewSubject()));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    private async Task LowerMaxLevelAsync(string partnerId, ClearanceLevel maxLevel)
    {
        var terms = await Driver.GetJsonAsync(Admin, $"/api/v1/partners/{partnerId}");
        await CaseDriver.Expect(await Admin.PutAsJsonAsync($"/api/v1/partners/{partnerId}", new
        {
            name = terms.GetProperty("name").GetString(),
            country = terms.GetProperty("country").GetString(),
            purposes = new[] { Purpose },
            maxLevel = maxLevel.ToString(),
            agreementExpiresOn = terms.GetProperty("agreementExpiresOn").GetString(),
            version = terms.GetProperty("version").GetInt32(),
        }), HttpStatusCode.OK);
    }
}
