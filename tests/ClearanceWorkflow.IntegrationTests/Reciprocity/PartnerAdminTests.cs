using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Reciprocity;

/// <summary>Administrators register partners and manage their data-sharing agreements; every change is audited.</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class PartnerAdminTests(DatabaseKind kind) : ReciprocityTest(kind)
{
    [Test]
    public async Task CreatePartner_ValidAgreement_Returns201WithLocationAndIsListed()
    {
        var partnerId = NewUser("bfv");
        var expires = CaseDriver.Today.AddYears(3);

        var response = await Admin.PostAsJsonAsync("/api/v1/partners", PartnerBody(partnerId, ["site-access", "employment", "employment"], "Secret", expires, country: "fr"));

        await CaseDriver.Expect(response, HttpStatusCode.Created);
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/partners/{partnerId}"));
        var created = await CaseDriver.Json(response);
        Assert.That(created.GetProperty("partnerId").GetString(), Is.EqualTo(partnerId));
        Assert.That(created.GetProperty("country").GetString(), Is.EqualTo("FR"));
        Assert.That(CaseDriver.Strings(created.GetProperty("purposes")), Is.EqualTo(new[] { "employment", "site-access" }));
        Assert.That(created.GetProperty("maxLevel").GetString(), Is.EqualTo("Secret"));
        Assert.That(created.GetProperty("agreementExpiresOn").GetString(), Is.EqualTo(expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Assert.That(created.GetProperty("active").GetBoolean(), Is.True);

        var listed = await Driver.GetJsonAsync(Admin, "/api/v1/partners");
        var entry = listed.EnumerateArray().Single(p => p.GetProperty("partnerId").GetString() == partnerId);
        Assert.That(entry.GetProperty("name").GetString(), Is.EqualTo($"Partner agency {partnerId}"));
        var one = await Driver.GetJsonAsync(Admin, response.Headers.Location!.ToString());
        Assert.That(one.GetProperty("maxLevel").GetString(), Is.EqualTo("Secret"));
    }

    [Test]
    public async Task CreatePartner_DuplicatePartnerId_Returns409()
    {
        var partnerId = await CreatePartnerAsync();

        var again = await Admin.PostAsJsonAsync("/api/v1/partners", PartnerBody(partnerId));
        var otherCase = await Admin.PostAsJsonAsync("/api/v1/partners", PartnerBody(partnerId.ToUpperInvariant()));

        await CaseDriver.ExpectProblem(again, HttpStatusCode.Conflict);
        await CaseDriver.ExpectProblem(otherCase, HttpStatusCode.Conflict);
        var listed = await Driver.GetJsonAsync(Admin, "/api/v1/partners");
        Assert.That(listed.EnumerateArray().Count(p => string.Equals(p.GetProperty("partnerId").GetString(), partnerId, StringComparison.OrdinalIgnoreCase)), Is.EqualTo(1));
    }

    [TestCase("partnerId", "\"has space\"")]
    [TestCase("partnerId", "\"x\"")]
    [TestCase("partnerId", "\"-leading-hyphen\"")]
    [TestCase("partnerId", "\"nato-fr\\n\"")] // "$" would match before a final newline
    [TestCase("purposes", "[\"employment\\n\"]")]
    [TestCase("partnerId", "null")]
    [TestCase("name", "\"\"")]
    [TestCase("name", "\"Agency\\u0000X\"")]
    [TestCase("name", "\"Agency\\uFFFEX\"")]
    [TestCase("country", "\"XX\"")]
    [TestCase("country", "\"DEU\"")]
    [TestCase("purposes", "[]")]
    [TestCase("purposes", "null")]
    [TestCase("purposes", "[\"two words\"]")]
    [TestCase("purposes", "[\"-employment\"]")]
    [TestCase("purposes", "[\"\"]")]
    [TestCase("maxLevel", "\"Ultra\"")]
    [TestCase("maxLevel", "2")]
    [TestCase("maxLevel", "null")]
    [TestCase("agreementExpiresOn", "\"2001-01-01\"")]
    [TestCase("agreementExpiresOn", "\"2030-02-30\"")]
    [TestCase("agreementExpiresOn", "\"9999-12-31\"")]
    [TestCase("agreementExpiresOn", "\"2200-01-01\"")]
    [TestCase("agreementExpiresOn", "\"soon\"")]
    [TestCase("agreementExpiresOn", "null")]
    public async Task CreatePartner_InvalidField_Returns400NamingTheField(string field, string json)
    {
        var body = JsonSerializer.SerializeToNode(PartnerBody(NewUser("bad")))!.AsObject();
        body[field] = System.Text.Json.Nodes.JsonNode.Parse(json);
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");

        var problem = await CaseDriver.ExpectProblem(await Admin.PostAsync("/api/v1/partners", content), HttpStatusCode.BadRequest);

        var keys = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(keys, Has.Some.StartsWith(field), problem.ToString());
    }

    [Test]
    public async Task CreatePartner_PurposesLongerThanTheirColumn_Returns400()
    {
        // 32 purposes of 31 characters pass each purpose's rule, but stored space-separated they take 1,023 characters of 1,000 (a 500 on PostgreSQL before).
        static string[] Purposes(int count) => [.. Enumerable.Range(0, count).Select(i => "p" + new string('x', 28) + i.ToString("00", CultureInfo.InvariantCulture))];
        var body = JsonSerializer.SerializeToNode(PartnerBody(NewUser("wide")))!.AsObject();
        body["purposes"] = JsonSerializer.SerializeToNode(Purposes(32));
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        var problem = await CaseDriver.ExpectProblem(await Admin.PostAsync("/api/v1/partners", content), HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name), Has.Some.StartsWith("purposes"), problem.ToString());

        // The control: 31 of them take 991 characters and are stored.
        body["purposes"] = JsonSerializer.SerializeToNode(Purposes(31));
        using var fits = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        var created = await Admin.PostAsync("/api/v1/partners", fits);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task UpdatePartner_NewTerms_Returns200PersistedAndVersionRaised()
    {
        var partnerId = await CreatePartnerAsync(maxLevel: "Confidential");
        var before = await Driver.GetJsonAsync(Admin, $"/api/v1/partners/{partnerId}");
        var expires = CaseDriver.Today.AddYears(5);

        var response = await Admin.PutAsJsonAsync($"/api/v1/partners/{partnerId}", new
        {
            name = "Renamed agency",
            country = "NL",
            purposes = new[] { "contracting" },
            maxLevel = "TopSecret",
            agreementExpiresOn = expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            version = before.GetProperty("version").GetInt32(),
        });

        await CaseDriver.Expect(response, HttpStatusCode.OK);
        var after = await Driver.GetJsonAsync(Admin, $"/api/v1/partners/{partnerId}");
        Assert.That(after.GetProperty("name").GetString(), Is.EqualTo("Renamed agency"));
        Assert.That(after.GetProperty("country").GetString(), Is.EqualTo("NL"));
        Assert.That(CaseDriver.Strings(after.GetProperty("purposes")), Is.EqualTo(new[] { "contracting" }));
        Assert.That(after.GetProperty("maxLevel").GetString(), Is.EqualTo("TopSecret"));
        Assert.That(after.GetProperty("agreementExpiresOn").GetString(), Is.EqualTo(expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Assert.That(after.GetProperty("active").GetBoolean(), Is.True, "active left out keeps the current state");
        Assert.That(after.GetProperty("version").GetInt32(), Is.GreaterThan(before.GetProperty("version").GetInt32()));
    }

    [Test]
    public async Task UpdatePartner_StaleVersion_Returns409AndKeepsTerms()
    {
        var partnerId = await CreatePartnerAsync(maxLevel: "Secret");
        var current = (await Driver.GetJsonAsync(Admin, $"/api/v1/partners/{partnerId}")).GetProperty("version").GetInt32();
        var body = PartnerBody(partnerId, maxLevel: "Confidential");
        var node = JsonSerializer.SerializeToNode(body)!.AsObject();
        node["version"] = current + 7;

        await CaseDriver.ExpectProblem(await Admin.PutAsJsonAsync($"/api/v1/partners/{partnerId}", node), HttpStatusCode.Conflict);

        Assert.That((await Driver.GetJsonAsync(Admin, $"/api/v1/partners/{partnerId}")).GetProperty("maxLevel").GetString(), Is.EqualTo("Secret"));
    }

    [Test]
    public async Task UpdatePartner_WithoutTheVersionRead_Returns400AndKeepsTerms()
    {
        var partnerId = await CreatePartnerAsync(maxLevel: "Secret");

        var problem = await CaseDriver.ExpectProblem(
            await Admin.PutAsJsonAsync($"/api/v1/partners/{partnerId}", PartnerBody(partnerId, maxLevel: "TopSecret")), HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "version" }), problem.ToString());
        Assert.That((await Driver.GetJsonAsync(Admin, $"/api/v1/partners/{partnerId}")).GetProperty("maxLevel").GetString(), Is.EqualTo("Secret"));
    }

    [Test]
    public async Task UpdatePartner_InvalidTerms_Returns400()
    {
        var partnerId = await CreatePartnerAsync();

        var problem = await CaseDriver.ExpectProblem(
            await Admin.PutAsJsonAsync($"/api/v1/partners/{partnerId}", new { name = "x", country = "ZZ", purposes = Array.Empty<string>(), maxLevel = "Secret", agreementExpiresOn = "2001-01-01" }),
            HttpStatusCode.BadRequest);

        var keys = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(keys, Is.SupersetOf(new[] { "country", "purposes", "agreementExpiresOn" }), problem.ToString());
    }

    [Test]
    public async Task UpdateOrDeactivate_UnknownPartner_Returns404()
    {
        var unknown = NewUser("nobody");

        var update = JsonSerializer.SerializeToNode(PartnerBody(unknown))!.AsObject();
        update["version"] = 1;
        await CaseDriver.ExpectProblem(await Admin.PutAsJsonAsync($"/api/v1/partners/{unknown}", update), HttpStatusCode.NotFound);
        await CaseDriver.ExpectProblem(await Admin.PostAsync($"/api/v1/partners/{unknown}/deactivate", null), HttpStatusCode.NotFound);
        await CaseDriver.ExpectProblem(await Admin.GetAsync($"/api/v1/partners/{unknown}"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task DeactivatePartner_ActiveAgreement_Returns200InactiveAndSecondTime409()
    {
        var partnerId = await CreatePartnerAsync();

        var response = await Admin.PostAsync($"/api/v1/partners/{partnerId}/deactivate", null);

        await CaseDriver.Expect(response, HttpStatusCode.OK);
        var body = await CaseDriver.Json(response);
        Assert.That(body.GetProperty("active").GetBoolean(), Is.False);
        Assert.That(body.GetProperty("deactivatedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        await CaseDriver.ExpectProblem(await Admin.PostAsync($"/api/v1/partners/{partnerId}/deactivate", null), HttpStatusCode.Conflict);
        Assert.That((await Driver.GetJsonAsync(Admin, $"/api/v1/partners/{partnerId}")).GetProperty("active").GetBoolean(), Is.False);
    }

    /// <summary>No lock orders the requests: the one that loses the race on the unique partner id is a 409 too, never a 500.</summary>
    [Test]
    public async Task CreatePartner_SameIdConcurrently_OneCreatedTheRestConflict()
    {
        var partnerId = NewUser("agency");
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Admin.PostAsJsonAsync("/api/v1/partners", PartnerBody(partnerId))));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(1));
        Assert.That(responses.Where(r => r.StatusCode != HttpStatusCode.Created).Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    public async Task PartnerChanges_CreateUpdateDeactivate_EachAuditedWithTheAdmin()
    {
        var adminSub = NewUser("root");
        using var namedAdmin = Factory.ClientFor(adminSub, "admin");
        var partnerId = NewUser("agency");
        await CaseDriver.Expect(await namedAdmin.PostAsJsonAsync("/api/v1/partners", PartnerBody(partnerId, maxLevel: "Secret")), HttpStatusCode.Created);
        await CaseDriver.Expect(await UpdatePartnerAsync(namedAdmin, partnerId, PartnerBody(partnerId, maxLevel: "TopSecret")), HttpStatusCode.OK);
        await CaseDriver.Expect(await namedAdmin.PostAsync($"/api/v1/partners/{partnerId}/deactivate", null), HttpStatusCode.OK);
        await Factory.AllSealedAsync();

        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClearanceDbContext>();
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.Actor == adminSub).OrderBy(e => e.Sequence).ToListAsync();

        Assert.That(events.Select(e => e.Action), Is.EqualTo(new[] { "partner.created", "partner.updated", "partner.deactivated" }));
        Assert.That(events.Select(e => Detail(e).GetProperty("partnerId").GetString()), Is.All.EqualTo(partnerId));
        Assert.That(Detail(events[0]).GetProperty("maxLevel").GetString(), Is.EqualTo("Secret"));
        Assert.That(Detail(events[1]).GetProperty("maxLevel").GetString(), Is.EqualTo("TopSecret"));
        Assert.That(events.Select(e => e.CaseId), Is.All.Null);
    }

    [TestCase("partner")]
    [TestCase("auditor")]
    [TestCase("adjudicator")]
    [TestCase("senior-adjudicator")]
    [TestCase("applicant")]
    public async Task Partners_NonAdminRole_Returns403(string role)
    {
        var partnerId = await CreatePartnerAsync();
        using var client = role == "partner" ? PartnerClient(partnerId) : Factory.ClientFor(NewUser("user"), role);

        await CaseDriver.ExpectProblem(await client.GetAsync("/api/v1/partners"), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await client.PostAsJsonAsync("/api/v1/partners", PartnerBody(NewUser("agency"))), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await client.PutAsJsonAsync($"/api/v1/partners/{partnerId}", PartnerBody(partnerId)), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await client.PostAsync($"/api/v1/partners/{partnerId}/deactivate", null), HttpStatusCode.Forbidden);
        Assert.That((await Driver.GetJsonAsync(Admin, $"/api/v1/partners/{partnerId}")).GetProperty("active").GetBoolean(), Is.True);
    }

    [Test]
    public async Task CreatePartner_IdsDifferingOnlyInCaseSentAtOnce_OneIsCreated()
    {
        for (var round = 0; round < 5; round++)
        {
            var partnerId = NewUser("agency");
            var responses = await Task.WhenAll(
                Admin.PostAsJsonAsync("/api/v1/partners", PartnerBody(partnerId)),
                Admin.PostAsJsonAsync("/api/v1/partners", PartnerBody(partnerId.ToUpperInvariant())));
            Assert.That(responses.Select(r => r.StatusCode), Is.EquivalentTo(new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }), $"round {round}");
        }
    }
}
