using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Partners;
using Microsoft.IdentityModel.Tokens;

namespace ClearanceWorkflow.Infrastructure.Security;

/// <summary>
/// The bearer-token contract, shared by the API's JwtBearer scheme (which validates) and <see cref="TokenIssuer"/>
/// (which mints): claim names, the algorithm allow-list, and the validation parameters for the static keys.
/// </summary>
public static class BearerTokens
{
    public const string SubjectClaim = "sub";
    public const string RoleClaim = "roles";
    public const string PartnerClaim = "partner_id";

    /// <summary>The longest <c>sub</c> accepted: the width of the user-id columns.</summary>
    public const int MaxSubjectLength = 200;

    /// <summary>
    /// Why <paramref name="subject"/> cannot be a user id, or null. User ids are stored in columns of
    /// <see cref="MaxSubjectLength"/> characters and may not hold control characters (PostgreSQL refuses NUL in text)
    /// nor begin or end with white space (SQL Server's <c>=</c> ignores trailing spaces, so "alice " would be alice);
    /// the service's own id is reserved, since a user by that name would act, and be audited, as the service.
    /// </summary>
    public static string? SubjectRefusal(string? subject) => subject switch
    {
        null or "" => "the token has no subject",
        { Length: > MaxSubjectLength } => "the token's subject is too long",
        _ when subject.Any(char.IsControl) => "the token's subject has control characters",
        _ when char.IsWhiteSpace(subject[0]) || char.IsWhiteSpace(subject[^1]) => "the token's subject begins or ends with white space",
        _ when subject == Actor.System.Id => "the token's subject is reserved",
        _ => null,
    };

    /// <summary>Why <paramref name="partnerId"/> cannot be a partner id (<see cref="PartnerRules.PartnerIdPattern"/>), or null.</summary>
    public static string? PartnerRefusal(string? partnerId) =>
        string.IsNullOrEmpty(partnerId) ? "partner tokens need a partner_id claim"
        : !PartnerIds.IsMatch(partnerId) ? "the token's partner_id is not a partner id"
        : null;

    private static readonly Regex PartnerIds = new(PartnerRules.PartnerIdPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>The longest token read; longer ones are refused unread.</summary>
    public const int MaxTokenBytes = 16 * 1024;

    public static readonly IReadOnlyList<string> AllowedAlgorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    /// <summary>
    /// Signature under the allow-list (never <c>none</c>), issuer, audience, expiry and not-before with two minutes
    /// of skew. Keys: the shared secret (HS256) and the PEM public key (RS256/ES256); an authority's JWKS keys are
    /// added by the JwtBearer scheme. Only the configured issuer is accepted, not the one a discovery document names.
    /// </summary>
    public static TokenValidationParameters ValidationParameters(AuthSettings settings)
    {
        var keys = new List<SecurityKey>();
        if (settings.SigningKey is { } secret)
        {
            keys.Add(new SymmetricSecurityKey(secret) { KeyId = TokenIssuer.KeyId });
        }

        if (settings.PublicKeyPem is { } pem)
        {
            keys.Add(PemKey(pem));
        }

        var issuer = settings.Issuer;
        return new TokenValidationParameters
        {
            ValidIssuer = issuer,
            // With an authority, IdentityModel would also accept the issuer of its discovery document; this does not.
            IssuerValidator = (tokenIssuer, _, _) => string.Equals(tokenIssuer, issuer, StringComparison.Ordinal)
                ? tokenIssuer
                : throw new SecurityTokenInvalidIssuerException("The token's issuer is not the configured one."),
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
            NameClaimType = SubjectClaim,
            RoleClaimType = RoleClaim,
            TryAllIssuerSigningKeys = true,
        };
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
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            ecdsa.Dispose();
            return null;
        }
    }
}
