using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ClearanceWorkflow.Infrastructure.Security;

/// <summary>
/// Bearer token validation: signature under an allow-list of algorithms (never <c>none</c>), issuer,
/// audience, expiry and not-before with at most two minutes of skew. Keys come from a shared secret
/// (HS256), a PEM public key (RS256/ES256), and/or an OIDC authority's JWKS.
/// </summary>
public sealed class JwtValidation
{
    public const string RoleClaim = "roles";
    public const string PartnerClaim = "partner_id";
    public static readonly IReadOnlyList<string> AllowedAlgorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters _parameters;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _oidc;

    public JwtValidation(AuthSettings settings)
    {
        var keys = new List<SecurityKey>();
        if (settings.SigningKey is { } secret)
        {
            keys.Add(new SymmetricSecurityKey(secret) { KeyId = "hs256" });
        }

        if (settings.PublicKeyPem is { } pem)
        {
            keys.Add(PemKey(pem));
        }

        if (settings.Authority is { } authority)
        {
            _oidc = new ConfigurationManager<OpenIdConnectConfiguration>(
                authority + "/.well-known/openid-configuration",
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever { RequireHttps = authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase) });
        }

        _parameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            IssuerSigningKeys = keys,
            ValidAlgorithms = AllowedAlgorithms,
            ClockSkew = TimeSpan.FromMinutes(2),
            NameClaimType = "sub",
            RoleClaimType = RoleClaim,
            TryAllIssuerSigningKeys = true,
        };
    }

    public async Task<TokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var parameters = _parameters;
        if (_oidc is not null)
        {
            var configuration = await _oidc.GetConfigurationAsync(cancellationToken);
            parameters = _parameters.Clone();
            parameters.IssuerSigningKeys = [.. _parameters.IssuerSigningKeys, .. configuration.SigningKeys];
        }

        return await _handler.ValidateTokenAsync(token, parameters);
    }

    private static SecurityKey PemKey(string pem)
    {
        if (TryEc(pem) is { } ec)
        {
            return ec;
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (ArgumentException)
        {
            rsa.Dispose();
            throw new InvalidOperationException("Auth__PublicKeyPem is neither an RSA nor an EC public key in PEM form.");
        }

        return new RsaSecurityKey(rsa);
    }

    private static ECDsaSecurityKey? TryEc(string pem)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            return new ECDsaSecurityKey(ecdsa);
        }
        catch (CryptographicException)
        {
            ecdsa.Dispose();
            return null;
        }
        catch (ArgumentException)
        {
            ecdsa.Dispose();
            return null;
        }
    }
}

/// <summary>Mints tokens for the local signing key: the <c>token</c> CLI verb, and tests.</summary>
public static class TokenIssuer
{
    public static string Create(AuthSettings settings, TimeProvider clock, string subject, IReadOnlyCollection<string> roles, string? partnerId, TimeSpan lifetime)
    {
        var key = settings.SigningKey ?? throw new InvalidOperationException("The token verb needs a shared signing key (Auth__SigningKey, or the Development local key).");
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object> { ["sub"] = subject, [JwtValidation.RoleClaim] = roles.ToArray() };
        if (partnerId is not null)
        {
            claims[JwtValidation.PartnerClaim] = partnerId;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key) { KeyId = "hs256" }, SecurityAlgorithms.HmacSha256),
        });
    }
}
