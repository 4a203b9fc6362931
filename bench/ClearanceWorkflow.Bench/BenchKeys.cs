using System.Security.Cryptography;
using System.Text.Json;
using ClearanceWorkflow.Infrastructure.Security;

namespace ClearanceWorkflow.Bench;

/// <summary>Fresh keys per run: the service and the seeder use the same ones, so seeded data is readable and tokens validate.</summary>
internal sealed record BenchKeys(byte[] SigningKey, byte[] DataKey, byte[] BlindIndexKey, byte[] LedgerKey)
{
    public const string Issuer = "https://bench.local";
    public const string Audience = "clearance-workflow-bench";
    public const string DataKeyId = "bench1";
    public const string LedgerKeyId = "bench-ledger-1";

    public static BenchKeys Create()
    {
        using var ledger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32), ledger.ExportPkcs8PrivateKey());
    }

    public static BenchKeys Load(string path) => JsonSerializer.Deserialize<BenchKeys>(File.ReadAllText(path))!;

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this));

    public AuthSettings Auth => new(Issuer, Audience, SigningKey, null, null);

    public AesGcmDataProtector Protector() => new(new Dictionary<string, byte[]> { [DataKeyId] = DataKey }, DataKeyId);

    public HmacBlindIndex BlindIndex() => new(BlindIndexKey);

    public string Token(string sub, string role, string? partnerId = null) =>
        TokenIssuer.Create(Auth, TimeProvider.System, sub, [role], partnerId, TimeSpan.FromHours(6));

    /// <summary>The service's key settings, in command-line form.</summary>
    public IEnumerable<string> Settings() =>
    [
        $"--Auth:Issuer={Issuer}",
        $"--Auth:Audience={Audience}",
        $"--Auth:SigningKey={Convert.ToBase64String(SigningKey)}",
        $"--Encryption:Keys:{DataKeyId}={Convert.ToBase64String(DataKey)}",
        $"--Encryption:ActiveKeyId={DataKeyId}",
        $"--BlindIndex:Key={Convert.ToBase64String(BlindIndexKey)}",
        $"--Ledger:SigningKeys:{LedgerKeyId}={Convert.ToBase64String(LedgerKey)}",
        $"--Ledger:ActiveKeyId={LedgerKeyId}",
    ];
}
