using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Security;

/// <summary>One route and method the running service has mapped.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Pattern">The route pattern without constraints, e.g. <c>/api/v1/cases/{id}/actions/{action}</c>.</param>
/// <param name="Raw">The pattern as mapped, constraints included.</param>
public sealed record MappedEndpoint(string Method, string Pattern, string Raw)
{
    /// <summary>The names of the route parameters, in order.</summary>
    public IReadOnlyList<string> Parameters => [.. ApiSurface.RouteParameter().Matches(Raw).Select(m => m.Groups["name"].Value)];

    public bool HasBody => Method is "POST" or "PUT" or "PATCH";

    /// <summary>Whether a concrete path (no query string) is one this endpoint's pattern matches, any segment standing for a parameter.</summary>
    public bool Matches(string path)
    {
        var regex = "^" + string.Join("/", Pattern.Split('/').Select(s => s.StartsWith('{') ? "[^/]+" : Regex.Escape(s))) + "$";
        return Regex.IsMatch(path.TrimEnd('/'), regex, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public override string ToString() => $"{Method} {Pattern}";
}

/// <summary>The endpoints as the service has mapped them (EndpointDataSource), not a hand-kept list: an endpoint added later is picked up.</summary>
public static partial class ApiSurface
{
    public static IReadOnlyList<MappedEndpoint> Endpoints(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => new MappedEndpoint(m, Normalize(e.RoutePattern.RawText!), "/" + e.RoutePattern.RawText!.Trim('/'))))
            .Distinct()
            .OrderBy(e => e.Pattern, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)];

    public static IReadOnlyList<MappedEndpoint> ApiEndpoints(IServiceProvider services) =>
        [.. Endpoints(services).Where(e => e.Pattern.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))];

    /// <summary><c>/api/v1/cases/{id:guid}/</c> → <c>/api/v1/cases/{id}</c>.</summary>
    public static string Normalize(string pattern) => "/" + RouteParameter().Replace(pattern, m => "{" + m.Groups["name"].Value + "}").Trim('/');

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z0-9_]+)[^}]*\}")]
    internal static partial Regex RouteParameter();
}
