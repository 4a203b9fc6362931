using Scalar.AspNetCore;

namespace ClearanceWorkflow.Api.Hosting;

/// <summary>
/// The interactive API reference (Scalar) at <c>/docs</c>, over <see cref="ApiDocument.Path"/>: on by default in Development,
/// elsewhere with <c>ApiReference__Enabled=true</c>. Its scripts run under a per-request nonce; it loads nothing from other origins.
/// </summary>
public static class ApiReference
{
    public const string Path = "/docs";

    public static bool IsReference(HttpContext context) => context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase);

    public static string ContentSecurityPolicy(HttpContext context)
    {
        var nonce = context.Items.TryGetValue(ScalarOptions.NonceHttpContextItemKey, out var value) && value is string n ? $" 'nonce-{n}'" : string.Empty;
        return $"default-src 'none'; script-src 'self'{nonce}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }
}
