using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

/// <summary>
/// Tokens as an identity provider signs them, with every part under the test's control: keys, algorithm,
/// issuer, audience, lifetime and claims. <see cref="Raw"/> hand-crafts what no library would sign.
/// </summary>
internal static class Jwt
{
    public static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    /// <summary>A token signed by <paramref name="credentials"/>; lifetime defaults to [now, now + 30 min].</summary>
    public static string Sign(
        SigningCredentials credentials,
        string issuer,
        string audience,
        IDictionary<string, object> claims,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? expires = null,
        ClaimsIdentity? subject = null)
    {
        var nbf = notBefore ?? Now;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            Subject = subject,
            IssuedAt = nbf.UtcDateTime,
            NotBefore = nbf.UtcDateTime,
            Expires = (expires ?? Now.AddMinutes(30)).UtcDateTime,
            SigningCredentials = credentials,
        });
    }

    /// <summary>The claims of an ordinary user token: <c>sub</c> and <c>roles</c> as a JSON array.</summary>
    public static Dictionary<string, object> Claims(string sub, params string[] roles) => new()
    {
        ["sub"] = sub,
        ["roles"] = roles,
    };

    /// <summary>header.payload.signature from JSON text, the signature computed by <paramref name="sign"/> over the signing input (empty when null).</summary>
    public static string Raw(string headerJson, string payloadJson, Func<byte[], byte[]>? sign)
    {
        var input = Base64UrlEncoder.Encode(headerJson) + "." + Base64UrlEncoder.Encode(payloadJson);
        var signature = sign is null ? string.Empty : Base64UrlEncoder.Encode(sign(Encoding.ASCII.GetBytes(input)));
        return input + "." + signature;
    }

    /// <summary>A payload as JSON text: iss, aud, sub, roles and a lifetime of [now - 1 min, now + 30 min].</summary>
    public static string Payload(string issuer, string audience, string sub, params string[] roles) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["iss"] = issuer,
        ["aud"] = audience,
        ["sub"] = sub,
        ["roles"] = roles,
        ["iat"] = Now.AddMinutes(-1).ToUnixTimeSeconds(),
        ["nbf"] = Now.AddMinutes(-1).ToUnixTimeSeconds(),
        ["exp"] = Now.AddMinutes(30).ToUnixTimeSeconds(),
    });

    /// <summary>A GET with the Authorization header exactly as given (no header when null).</summary>
    public static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await client.SendAsync(request);
    }
}
