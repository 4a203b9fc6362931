using System.Net;
using System.Net.Http.Json;
using ClearanceWorkflow.Api.Workspace;
using ClearanceWorkflow.Application.Features.Sessions;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Requests;

/// <summary>
/// An administrator ending a staff member's workspace sessions (<c>POST /api/v1/sessions/end</c>) on each database:
/// requests that race end each session once, audited once; a session that has lapsed is neither counted nor audited;
/// a user id the database cannot hold is a 400. The browser side is in <c>DevelopmentSignInTests</c>.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class WorkspaceSessionEndTests(DatabaseKind kind) : IntegrationTest(kind)
{
    /// <summary>Sessions of <paramref name="user"/> as sign-ins leave them, signed in <paramref name="ago"/> before now.</summary>
    private Task<Guid[]> SignedInAsync(string user, int count, TimeSpan ago) => InDatabaseAsync(async db =>
    {
        var now = Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var sessions = Enumerable.Range(0, count).Select(_ => new WorkspaceSession(user, now - ago)).ToArray();
        db.WorkspaceSessions.AddRange(sessions);
        await db.SaveChangesAsync();
        return sessions.Select(s => s.Id).ToArray();
    });

    private Task<List<string>> EndedAuditOfAsync(string user) => InDatabaseAsync(db => db.AuditEvents.AsNoTracking()
        .Where(e => e.Action == WorkspaceSessions.SignedOut && e.Detail.Contains(user)).Select(e => e.Detail).ToListAsync());

    [Test]
    public async Task EndingAtOnce_FromSeveralRequests_EndsEachSessionOnce_AuditedOnce()
    {
        var user = NewUser("bob");
        var sessions = await SignedInAsync(user, 3, TimeSpan.FromMinutes(5));
        using var admin = Factory.ClientFor(NewUser("admin"), "admin");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await admin.PostAsJsonAsync("/api/v1/sessions/end", new { userId = user });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            return (await ReadAsync<WorkspaceSessions.Ended>(response)).Sessions;
        }));

        var audited = await EndedAuditOfAsync(user);
        var open = await InDatabaseAsync(db => db.WorkspaceSessions.CountAsync(s => s.UserId == user && s.EndedAt == null));
        Assert.Multiple(() =>
        {
            Assert.That(answers.Sum(), Is.EqualTo(sessions.Length), $"the answers count each session once: {string.Join(", ", answers)}");
            Assert.That(sessions.Select(id => audited.Count(d => d.Contains(id.ToString(), StringComparison.Ordinal))), Is.All.EqualTo(1), "each session's end audited once");
            Assert.That(audited, Has.Count.EqualTo(sessions.Length));
            Assert.That(open, Is.Zero);
        });
    }

    [Test]
    public async Task Ending_LeavesALapsedSessionAlone_NeitherCountedNorAudited()
    {
        var user = NewUser("carol");
        var lifetime = Factory.Services.GetRequiredService<WorkspaceSettings>().SessionMaxLifetime;
        await SignedInAsync(user, 1, lifetime + TimeSpan.FromHours(1));
        var current = (await SignedInAsync(user, 1, TimeSpan.FromMinutes(1))).Single();
        using var admin = Factory.ClientFor(NewUser("admin"), "admin");

        var listed = await admin.GetFromJsonAsync<List<WorkspaceSessions.OpenSession>>($"/api/v1/sessions?userId={user}");
        Assert.That(listed!.Select(s => s.Id), Is.EqualTo(new[] { current }), "a lapsed session is not open");
        using var response = await admin.PostAsJsonAsync("/api/v1/sessions/end", new { userId = user });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var ended = (await ReadAsync<WorkspaceSessions.Ended>(response)).Sessions;
        var audited = await EndedAuditOfAsync(user);
        Assert.Multiple(() =>
        {
            Assert.That(ended, Is.EqualTo(1), "only the session that could still be used");
            Assert.That(audited, Has.Count.EqualTo(1));
            Assert.That(audited.Single(), Does.Contain(current.ToString()));
        });
    }

    [TestCase("%00")]
    [TestCase("a%0Ab")]
    [TestCase("%20bob")]
    public async Task Listing_ForAUserIdNoUserCanHave_Is400(string userId)
    {
        using var admin = Factory.ClientFor(NewUser("admin"), "admin");

        using var response = await admin.GetAsync($"/api/v1/sessions?userId={userId}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        Assert.That((await ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("userId", out _), Is.True);
    }
}
