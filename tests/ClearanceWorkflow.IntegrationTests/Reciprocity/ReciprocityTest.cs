using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Applications;
using ClearanceWorkflow.Application.Features.Cases;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Reciprocity;

/// <summary>A subject as the tests know it: the identity a clearance is filed under.</summary>
public sealed record TestSubject(string SubjectId, string GivenName, string FamilyName, DateOnly DateOfBirth, string NationalId, string Email)
{
    public string Dob => DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>A clearance seeded through the domain: its case's id and reference, and its own id.</summary>
public sealed record SeededClearance(Guid CaseId, string Reference, Guid ClearanceId, string NationalIdIndex);

/// <summary>
/// Base of the reciprocity fixtures: an administrator who registers partners, partner clients, query
/// bodies, clearances seeded through the domain (encrypted and blind-indexed by the service's own keys,
/// exactly as a grant writes them), and the reciprocity audit events read back from the database.
/// </summary>
public abstract class ReciprocityTest(DatabaseKind kind) : IntegrationTest(kind)
{
    public const string Purpose = "employment";

    protected HttpClient Admin { get; private set; } = null!;

    protected CaseDriver Driver { get; private set; } = null!;

    [OneTimeSetUp]
    public void CreateAdmin()
    {
        Admin = Factory.ClientFor(NewUser("root"), "admin");
        Driver = new CaseDriver(Factory);
    }

    [OneTimeTearDown]
    public void DisposeAdmin() => Admin?.Dispose();

    /// <summary>The day the service sees as today.</summary>
    protected virtual DateOnly Today => CaseDriver.Today;

    protected static object PartnerBody(
        string partnerId, string[]? purposes = null, string maxLevel = "TopSecret", DateOnly? expiresOn = null, bool active = true, string country = "DE") => new
        {
            partnerId,
            name = $"Partner agency {partnerId}",
            country,
            purposes = purposes ?? [Purpose, "site-access"],
            maxLevel,
            agreementExpiresOn = (expiresOn ?? CaseDriver.Today.AddYears(2)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            active,
        };

    /// <summary>Replaces a partner's terms with <paramref name="body"/>, as an administrator who read the agreement first (its version).</summary>
    protected async Task<HttpResponseMessage> UpdatePartnerAsync(HttpClient admin, string partnerId, object body)
    {
        var update = System.Text.Json.JsonSerializer.SerializeToNode(body)!.AsObject();
        update["version"] = (await Driver.GetJsonAsync(Admin, $"/api/v1/partners/{partnerId}")).GetProperty("version").GetInt32();
        return await admin.PutAsJsonAsync($"/api/v1/partners/{partnerId}", update);
    }

    /// <summary>Registers a partner (201 asserted) and returns its id.</summary>
    protected async Task<string> CreatePartnerAsync(string[]? purposes = null, string maxLevel = "TopSecret", DateOnly? expiresOn = null, bool active = true)
    {
        var partnerId = NewUser("agency");
        var response = await Admin.PostAsJsonAsync("/api/v1/partners", PartnerBody(partnerId, purposes, maxLevel, expiresOn ?? Today.AddYears(2), active));
        await CaseDriver.Expect(response, HttpStatusCode.Created);
        return partnerId;
    }

    /// <summary>A client with a partner token for <paramref name="partnerId"/>; <paramref name="sub"/> is its user.</summary>
    protected HttpClient PartnerClient(string partnerId, out string sub)
    {
        sub = NewUser("pat");
        return Factory.PartnerClient(sub, partnerId);
    }

    protected HttpClient PartnerClient(string partnerId) => PartnerClient(partnerId, out _);

    /// <summary>A registered partner with a default agreement and a client for it.</summary>
    protected async Task<(HttpClient Client, string Sub, string PartnerId)> NewPartnerAsync(string maxLevel = "TopSecret")
    {
        var partnerId = await CreatePartnerAsync(maxLevel: maxLevel);
        return (PartnerClient(partnerId, out var sub), sub, partnerId);
    }

    protected static TestSubject NewSubject(string familyName = "Doe", string givenName = "Jane", DateOnly? dateOfBirth = null)
    {
        var id = Guid.NewGuid().ToString("N");
        return new TestSubject(
            $"subj-{id[..10]}", givenName, familyName, dateOfBirth ?? new DateOnly(1985, 3, 17),
            $"NI-{id[..4].ToUpperInvariant()}-{id[4..12].ToUpperInvariant()}", $"{givenName.ToLowerInvariant()}.{id[..6]}@example.org");
    }

    protected static object QueryBody(string nationalId, string familyName, string dateOfBirth, string purpose = Purpose, string? requiredLevel = null) =>
        requiredLevel is null
            ? new { subject = new { nationalId, familyName, dateOfBirth }, purpose }
            : new { subject = new { nationalId, familyName, dateOfBirth }, purpose, requiredLevel };

    protected static object QueryBody(TestSubject s, string purpose = Purpose, string? requiredLevel = null) =>
        QueryBody(s.NationalId, s.FamilyName, s.Dob, purpose, requiredLevel);

    protected static Task<HttpResponseMessage> QueryAsync(HttpClient partner, object body) =>
        partner.PostAsJsonAsync("/api/v1/reciprocity/queries", body);

    protected static async Task<JsonElement> QueryOkAsync(HttpClient partner, object body)
    {
        var response = await QueryAsync(partner, body);
        await CaseDriver.Expect(response, HttpStatusCode.OK);
        return await CaseDriver.Json(response);
    }

    protected static async Task<JsonElement> BatchOkAsync(HttpClient partner, object body)
    {
        var response = await partner.PostAsJsonAsync("/api/v1/reciprocity/queries/batch", body);
        await CaseDriver.Expect(response, HttpStatusCode.OK);
        return await CaseDriver.Json(response);
    }

    /// <summary>
    /// A granted clearance for <paramref name="subject"/>, written through the domain (ClearanceCase.Open
    /// and Grant) with the service's data key and blind-index key. <paramref name="at"/> is the grant
    /// instant (and the investigation's close); <paramref name="then"/> may change the clearance's state
    /// through its own methods before it is saved.
    /// </summary>
    protected async Task<SeededClearance> SeedClearanceAsync(
        TestSubject subject, ClearanceLevel level = ClearanceLevel.Secret, DateTime? at = null, ExceptionType? exception = null, Action<Clearance, DateTime>? then = null)
    {
        var now = Clock.Truncate(at ?? Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        using var scope = Factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<ClearanceDbContext>();
        var protector = services.GetRequiredService<IDataProtector>();
        var blindIndex = services.GetRequiredService<IBlindIndex>();
        var data = new SubjectData(subject.GivenName, subject.FamilyName, subject.DateOfBirth, "GB", NationalIds.Normalize(subject.NationalId), subject.Email);
        var index = blindIndex.Compute(NationalIds.Purpose, data.NationalId);
        var c = ClearanceCase.Open(
            $"CW-T-{Guid.NewGuid():N}"[..17], CaseType.Initial, level, "Ministry of Tests", subject.SubjectId,
            protector.Protect(JsonSerializer.Serialize(data, Json.Options)), index, "clearance", 1, Stages.Decision, CaseStatuses.InProgress, null, now);
        if (c.InterviewRequired)
        {
            c.ScheduleInterview(now.AddHours(1), protector.Protect("Room 1"), new StageChange("schedule-interview", "seed", Stages.Interview, CaseStatuses.InProgress, null, now));
            c.CompleteInterview(protector.Protect("Seeded."), new StageChange("complete-interview", "seed", Stages.Decision, CaseStatuses.InProgress, null, now));
        }

        var clearance = c.Grant(
            level, protector.Protect("Seeded for a reciprocity test."), exception, exception is null ? null : protector.Protect("Quarterly monitoring."),
            "ClearanceWorkflow", DateOnly.FromDateTime(now).AddYears(10), [], new StageChange("grant", "seed", Stages.Closed, CaseStatuses.Granted, null, now));
        then?.Invoke(clearance, now.AddSeconds(1));
        db.Cases.Add(c);
        db.Clearances.Add(clearance);
        await db.SaveChangesAsync();
        return new SeededClearance(c.Id, c.Reference, clearance.Id, index);
    }

    /// <summary>The reciprocity audit events written for one partner user, in chain order.</summary>
    protected async Task<List<AuditEvent>> ReciprocityEventsAsync(string sub)
    {
        await Factory.AllSealedAsync();
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClearanceDbContext>();
        return await db.AuditEvents.AsNoTracking()
            .Where(e => e.Actor == sub && e.Action.StartsWith("reciprocity."))
            .OrderBy(e => e.Sequence)
            .ToListAsync();
    }

    protected static JsonElement Detail(AuditEvent e) => JsonDocument.Parse(e.Detail).RootElement.Clone();

    protected static JsonElement Clearance(JsonElement answer)
    {
        Assert.That(answer.GetProperty("match").GetBoolean(), Is.True, answer.ToString());
        return answer.GetProperty("clearance");
    }

    protected static void AssertNoMatch(JsonElement answer)
    {
        Assert.That(answer.GetProperty("match").GetBoolean(), Is.False, answer.ToString());
        Assert.That(answer.TryGetProperty("clearance", out _), Is.False, "a non-match carries no clearance: " + answer);
    }
}
