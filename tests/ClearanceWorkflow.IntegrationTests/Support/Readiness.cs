using System.Net;

namespace ClearanceWorkflow.IntegrationTests.Support;

/// <summary>The scheduler starts just after the host does, so readiness is polled, not read once.</summary>
public static class Readiness
{
    public static Task<HttpResponseMessage> ReadyAsync(HttpClient client) =>
        Eventually.Until(() => client.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK, "/health/ready to answer 200", TimeSpan.FromSeconds(30));
}
