using System.Net;
using System.Net.Http.Json;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.Data.Sqlite;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

/// <summary>
/// A write that cannot get the SQLite database within its busy timeout is a 503 with Retry-After, not a 500, and
/// changes nothing; the same request succeeds once the database is free. The busy timeout here is 1 s.
/// </summary>
public sealed class BusyDatabaseTests() : IntegrationTest(DatabaseKind.Sqlite)
{
    protected override ApiFactory CreateFactory(TestDatabase database) =>
        new(database, s => s["ConnectionStrings:Clearance"] = database.ConnectionString + ";Default Timeout=1");

    [Test]
    public async Task Write_DatabaseLockedPastTheBusyTimeout_Returns503WithRetryAfterThenSucceeds()
    {
        using var applicant = Factory.ClientFor(NewUser("alice"), "applicant");
        var body = new { requestedLevel = "Secret", sponsor = "Ministry of Tests", subject = CaseDriver.Subject("Busyfield") };

        using (var busy = await PostWhileTheWriterLockIsHeldAsync(applicant, body))
        {
            await Problems.AssertProblemAsync(busy, HttpStatusCode.ServiceUnavailable);
            Assert.That(busy.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
        }

        using var mine = await applicant.GetAsync("/api/v1/me/cases");
        Assert.That((await ReadJsonAsync(mine)).GetArrayLength(), Is.Zero, "the refused write changed nothing");
        using var retried = await applicant.PostAsJsonAsync("/api/v1/applications", body);
        Assert.That(retried.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task KeyedWrite_DatabaseLockedWhileClaimingTheKey_Returns503AndTheKeyStaysFree()
    {
        // The key's claim is the first write: a busy database is the request's failure (503), not a claim held by another (409).
        using var applicant = Factory.ClientFor(NewUser("kim"), "applicant");
        applicant.DefaultRequestHeaders.Add("Idempotency-Key", "busy-1");
        var body = new { requestedLevel = "Secret", sponsor = "Ministry of Tests", subject = CaseDriver.Subject("Busykey") };

        using (var busy = await PostWhileTheWriterLockIsHeldAsync(applicant, body))
        {
            await Problems.AssertProblemAsync(busy, HttpStatusCode.ServiceUnavailable);
        }

        using var retried = await applicant.PostAsJsonAsync("/api/v1/applications", body);
        Assert.That(retried.StatusCode, Is.EqualTo(HttpStatusCode.Created), await retried.Content.ReadAsStringAsync());
        Assert.That(retried.Headers.Contains("Idempotent-Replayed"), Is.False);
    }

    /// <summary>Posts an application while another connection holds SQLite's writer lock (<c>BEGIN IMMEDIATE</c>), released after the answer.</summary>
    private async Task<HttpResponseMessage> PostWhileTheWriterLockIsHeldAsync(HttpClient client, object body)
    {
        await using var holder = new SqliteConnection(Database.ConnectionString);
        await holder.OpenAsync();
        await using var hold = holder.CreateCommand();
        hold.CommandText = "BEGIN IMMEDIATE";
        await hold.ExecuteNonQueryAsync();
        var response = await client.PostAsJsonAsync("/api/v1/applications", body);
        hold.CommandText = "ROLLBACK";
        await hold.ExecuteNonQueryAsync();
        return response;
    }
}
