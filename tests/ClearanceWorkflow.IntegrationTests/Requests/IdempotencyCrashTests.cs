using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ClearanceWorkflow.Infrastructure.Persistence;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Requests;

/// <summary>
/// The service as its own process is killed (SIGKILL) while applicants send keyed applications. A second process on the
/// same database then gets every key again once the lease has passed, and every key has had exactly one effect: its
/// kept answer replayed, its request run now (it never committed), or 409 "carried out" (it committed, the answer was
/// not kept). Each key is a different applicant's, so the cases per applicant count the effects.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class IdempotencyCrashTests(DatabaseKind kind)
{
    private const int Clients = 8;

    private readonly TestKeys _keys = new();

    [Test]
    public async Task NodeKilledWithKeyedApplicationsInFlight_EveryKeyHasOneEffectWhenSentAgain()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var sent = new ConcurrentDictionary<string, (string Key, string NationalId)>();
        using (var nodeA = await ServiceProcess.StartAsync(database.Directory, Settings(database), LoopbackServer.NothingListening()))
        {
            using var stop = new CancellationTokenSource();
            var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var applicant = $"crash-{c}-{i}";
                    var sending = (Key: Guid.NewGuid().ToString(), NationalId: $"CR-{c:D2}{i:D4}");
                    sent[applicant] = sending;
                    try
                    {
                        using var client = Client(nodeA.Url, applicant);
                        using var response = await PostAsync(client, sending);
                    }
                    catch (HttpRequestException) when (stop.IsCancellationRequested)
                    {
                        return; // Killed mid-request.
                    }
                }
            })).ToList();
            await Eventually.Until(() => sent.Count >= 20, "keyed applications in flight");
            await stop.CancelAsync();
            nodeA.Kill();
            await Task.WhenAll(clients);
        }

        using var nodeB = await ServiceProcess.StartAsync(database.Directory, Settings(database), LoopbackServer.NothingListening());
        await Task.Delay(IdempotencyStore.Lease + TimeSpan.FromSeconds(2));
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (applicant, sending) in sent)
        {
            using var client = Client(nodeB.Url, applicant);
            using var response = await PostAsync(client, sending);
            var outcome = response.StatusCode switch
            {
                HttpStatusCode.Created => response.Headers.Contains("Idempotent-Replayed") ? "replayed" : "run now",
                HttpStatusCode.Conflict => (await CaseDriver.Json(response)).GetProperty("title").GetString()!,
                _ => $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}",
            };
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            using var mine = await client.GetAsync("/api/v1/me/cases");
            Assert.That((await CaseDriver.Json(mine)).GetArrayLength(), Is.EqualTo(1), $"{applicant}'s key ({outcome}) had one effect");
        }

        await TestContext.Out.WriteLineAsync($"{kind}: {sent.Count} keys: " + string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")));
        Assert.That(outcomes.Keys, Is.SubsetOf(new[] { "replayed", "run now", "Request carried out, answer not kept" }));
        Assert.That(outcomes.GetValueOrDefault("replayed"), Is.GreaterThan(0), "answers kept before the kill are replayed");
    }

    private Dictionary<string, string?> Settings(TestDatabase database) => new(_keys.Settings())
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Testing",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Database:Provider"] = kind.ToString(),
        ["ConnectionStrings:Clearance"] = database.ConnectionString,
        ["DataPath"] = database.Directory,
        ["Verification:Automated"] = "false",
    };

    private HttpClient Client(Uri url, string applicant)
    {
        var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _keys.Token(applicant, "applicant"));
        return client;
    }

    /// <summary>The same body every time for one key.</summary>
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, (string Key, string NationalId) sending)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/applications")
        {
            Content = JsonContent.Create(new { requestedLevel = "Secret", sponsor = "Ministry of Defence", subject = CaseDriver.Subject(nationalId: sending.NationalId) }),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", sending.Key);
        return client.SendAsync(request);
    }
}
