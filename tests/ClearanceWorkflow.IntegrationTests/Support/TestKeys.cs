using System.Security.Cryptography;
using ClearanceWorkflow.Infrastructure.Security;

namespace ClearanceWorkflow.IntegrationTests.Support;

/// <summary>Fresh keys per factory: a shared HS256 secret, one data key, one blind-index key.</summary>
public sealed class TestKeys
{
    public const string Issuer = "https://issuer.test";
    public const string Audience = "clearance-workflow-tests";

    public byte[] SigningKey { get; } = RandomNumberGenerator.GetBytes(32);

    public byte[] DataKey { get; } = RandomNumberGenerator.GetBytes(32);

    public byte[] BlindIndexKey { get; } = RandomNumberGenerator.GetBytes(32);

    public AuthSettings Auth => new(Issuer, Audience, SigningKey, null, null);

    public string Token(string sub, params string[] roles) =>
        TokenIssuer.Create(Auth, TimeProvider.System, sub, roles, null, TimeSpan.FromMinutes(30));

    public string PartnerToken(string sub, string partnerId) =>
        TokenIssuer.Create(Auth, TimeProvider.System, sub, ["partner"], partnerId, TimeSpan.FromMinutes(30));

    public IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Auth:Issuer"] = Issuer,
        ["Auth:Audience"] = Audience,
        ["Auth:SigningKey"] = Convert.ToBase64String(SigningKey),
        ["Encryption:Keys:k1"] = Convert.ToBase64String(DataKey),
        ["Encryption:ActiveKeyId"] = "k1",
        ["BlindIndex:Key"] = Convert.ToBase64String(BlindIndexKey),
    };
}
