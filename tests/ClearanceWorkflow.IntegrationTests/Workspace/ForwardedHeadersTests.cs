using System.Net;
using System.Text.RegularExpressions;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ClearanceWorkflow.IntegrationTests.Workspace;

/// <summary>
/// Behind a TLS-terminating proxy, <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c> makes the service take the scheme
/// from <c>X-Forwarded-Proto</c>, so the workspace's session and antiforgery cookies are sent with <c>Secure</c> (docs/operations.md).
/// </summary>
public sealed partial class ForwardedHeadersTests
{
    [TestCase(true)]
    [TestCase(false)]
    public async Task SignIn_ForwardedAsHttps_TheCookiesAreSecureOnlyWhenForwardedHeadersAreEnabled(bool enabled)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var factory = new ApiFactory(database, s => s["FORWARDEDHEADERS_ENABLED"] = enabled ? "true" : "false") { EnvironmentName = "Development" };
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        // The test client speaks plain HTTP, so it would not send a Secure cookie back: the form's cookie is looked at apart.
        using (var cookieless = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false }))
        using (var get = new HttpRequestMessage(HttpMethod.Get, "/workspace/signin"))
        {
            get.Headers.Add("X-Forwarded-Proto", "https");
            using var signInPage = await cookieless.SendAsync(get);
            var antiforgery = signInPage.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("clearance-workspace-af=", StringComparison.Ordinal));
            Assert.That(antiforgery.Contains("; secure", StringComparison.OrdinalIgnoreCase), Is.EqualTo(enabled), antiforgery);
        }

        var form = await client.GetStringAsync("/workspace/signin");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/workspace/signin")
        {
            Content = new FormUrlEncodedContent([new("userId", "dev-officer"), new("roles", "security-officer"), new("__RequestVerificationToken", token)]),
        };
        post.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await client.SendAsync(post);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("clearance-workspace=", StringComparison.Ordinal));
        Assert.That(session.Contains("; secure", StringComparison.OrdinalIgnoreCase), Is.EqualTo(enabled), session);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
