using System.Security.Cryptography;
using ClearanceWorkflow.Infrastructure.Security;

namespace ClearanceWorkflow.IntegrationTests.Support;

/// <summary>Fresh keys per factory: a shared HS256 secret, one data key, one blind-index key, one ledger signing key.</summary>
public sealed class TestKeys
{
    public const string Issuer = "https://issuer.test";
    public const string Audience = "clearance-workflow-tests";

    public byte[] SigningKey { get; } = RandomNumberGenerator.GetBytes(32);

    public byte[] DataKey { get; } = RandomNumberGenerator.GetBytes(32);

    public byte[] BlindIndexKey { get; } = RandomNumberGenerator.GetBytes(32);

    public const string LedgerKeyId = "t1";

    /// <summary>The ledger's ECDSA P-256 signing key, PKCS#8 DER.</summary>
    public byte[] LedgerKey { get; } = NewLedgerKey();

    public string LedgerPublicKeyPem
    {
        get
        {
            using var key = ECDsa.Create();
            key.ImportPkcs8PrivateKey(LedgerKey, out _);
            return key.ExportSubjectPublicKeyInfoPem();
        }
    }

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
        ["Ledger:SigningKeys:" + LedgerKeyId] = Convert.ToBase64String(LedgerKey),
        ["Ledger:ActiveKeyId"] = LedgerKeyId,
    };

    private static byte[] NewLedgerKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKey();
    }
}
