using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ClearanceWorkflow.Infrastructure.Security;

/// <summary>Mints tokens for the local signing key: the <c>token</c> CLI verb, and tests.</summary>
public static class TokenIssuer
{
    /// <summary>The <c>kid</c> of the shared HS256 key.</summary>
    public const string KeyId = "hs256";

    public static string Create(AuthSettings settings, TimeProvider clock, string subject, IReadOnlyCollection<string> roles, string? partnerId, TimeSpan lifetime)
    {
        var key = settings.SigningKey ?? throw new InvalidOperationException("The token verb needs a shared signing key (Auth__SigningKey, or the Development local key).");
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object> { [BearerTokens.SubjectClaim] = subject, [BearerTokens.RoleClaim] = roles.ToArray() };
        if (partnerId is not null)
        {
            claims[BearerTokens.PartnerClaim] = partnerId;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key) { KeyId = KeyId }, SecurityAlgorithms.HmacSha256),
        });
    }
}
