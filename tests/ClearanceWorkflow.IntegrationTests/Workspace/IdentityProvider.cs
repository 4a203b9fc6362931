using System.Diagnostics;
using System.Text.Json;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Workspace;

/// <summary>
/// The agency's OpenID provider in the browser tests: <c>tests/tools/oidc-provider.mjs</c> (the <c>oidc-provider</c>
/// package, installed by test.sh's <c>npm ci</c>) on a free loopback port, with one public client (PKCE) for the
/// service's callback and users whose <c>roles</c> claim the test gives. Dispose stops it.
/// </summary>
public sealed class IdentityProvider : IAsyncDisposable
{
    public const string ClientId = "clearance-workspace-tests";

    private readonly Process process;

    private IdentityProvider(Process process, Uri issuer)
    {
        this.process = process;
        Issuer = issuer;
    }

    public Uri Issuer { get; }

    public static async Task<IdentityProvider> StartAsync(Uri service, IReadOnlyDictionary<string, string[]> users)
    {
        var settings = JsonSerializer.Serialize(new
        {
            clientId = ClientId,
            redirectUri = new Uri(service, "/workspace/signin-oidc").ToString(),
            users,
        });
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.Combine(Tools.RepositoryRoot, "tests", "tools"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("oidc-provider.mjs");
        start.ArgumentList.Add(settings);
        var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started");
        _ = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("listening ", StringComparison.Ordinal))
            {
                return new IdentityProvider(process, new Uri(line["listening ".Length..]));
            }
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("the identity provider stopped before it listened (npm ci in tests/tools?)");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
