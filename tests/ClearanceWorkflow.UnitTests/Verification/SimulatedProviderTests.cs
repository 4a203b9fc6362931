using System.Net.Http.Json;
using System.Text.Json;
using ClearanceWorkflow.Infrastructure.Verification;

namespace ClearanceWorkflow.UnitTests.Verification;

/// <summary>The built-in simulated provider's references: one per case and kind, whatever the run or the process.</summary>
public sealed class SimulatedProviderTests
{
    private static async Task<JsonElement> AskAsync(SimulatedVerificationProvider provider, string kind, string caseReference, string idempotencyKey)
    {
        using var client = new HttpClient(provider.CreateHandler()) { BaseAddress = new Uri("http://simulated.invalid/") };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"checks/{kind}")
        {
            Content = JsonContent.Create(new { caseReference, kind, subject = new { familyName = "Flag-Smith", nationalId = "AB123456" } }),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await client.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Test]
    public async Task Reference_SameCaseAndKind_SameOnEveryRunAndInEveryProcess_OtherwiseDifferent()
    {
        var first = await AskAsync(new SimulatedVerificationProvider(), "criminal", "CW-2026-000001", "vetting:c1:1:criminal");
        var nextRun = await AskAsync(new SimulatedVerificationProvider(), "criminal", "CW-2026-000001", "vetting:c1:2:criminal");
        var otherKind = await AskAsync(new SimulatedVerificationProvider(), "credit", "CW-2026-000001", "vetting:c1:2:credit");
        var otherCase = await AskAsync(new SimulatedVerificationProvider(), "criminal", "CW-2026-000002", "vetting:c2:1:criminal");

        Assert.That(first.GetProperty("outcome").GetString(), Is.EqualTo("Flagged"));
        var reference = first.GetProperty("reference").GetString();
        Assert.That(reference, Is.EqualTo("SIM-07a899e73d48126c"), "a digest of kind and case reference, the same in every process");
        Assert.That(nextRun.GetProperty("reference").GetString(), Is.EqualTo(reference), "the same record: continuous vetting sees one alert, not one per run");
        Assert.That(otherKind.GetProperty("reference").GetString(), Is.Not.EqualTo(reference));
        Assert.That(otherCase.GetProperty("reference").GetString(), Is.Not.EqualTo(reference));
    }
}
