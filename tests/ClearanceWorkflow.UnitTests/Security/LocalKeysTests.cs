using ClearanceWorkflow.Infrastructure.Security;
using Microsoft.Extensions.Configuration;

namespace ClearanceWorkflow.UnitTests.Security;

/// <summary>Development keys made in the data folder: two processes starting at once (here, threads) end with the same keys.</summary>
public class LocalKeysTests
{
    private string _dataPath = null!;

    [SetUp]
    public void CreateFolder() => _dataPath = Directory.CreateTempSubdirectory("local-keys-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dataPath, recursive: true);

    [Test]
    public async Task Resolve_ManyAtOnceOnAFreshFolder_AllGetTheKeysOnDiskAndNoTemporaryFileIsLeft()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var start = new ManualResetEventSlim();
        var resolving = Enumerable.Range(0, 16)
            .Select(_ => Task.Run(() =>
            {
                start.Wait();
                return KeyMaterial.Resolve(configuration, isDevelopment: true, _dataPath);
            }))
            .ToList();
        start.Set();
        var all = await Task.WhenAll(resolving);

        var onDisk = KeyMaterial.Resolve(configuration, isDevelopment: true, _dataPath);
        Assert.That(all.Select(k => Convert.ToBase64String(k.DataKeys[KeyMaterial.LocalDataKeyId])).Distinct(), Is.EqualTo(new[] { Convert.ToBase64String(onDisk.DataKeys[KeyMaterial.LocalDataKeyId]) }));
        Assert.That(all.Select(k => Convert.ToBase64String(k.Auth.SigningKey!)).Distinct(), Has.Exactly(1).Items);
        Assert.That(all.Select(k => Convert.ToBase64String(k.BlindIndexKey)).Distinct(), Has.Exactly(1).Items);
        Assert.That(all.Select(k => Convert.ToBase64String(k.LedgerKeys[KeyMaterial.LocalLedgerKeyId])).Distinct(), Has.Exactly(1).Items);
        Assert.That(Directory.GetFiles(Path.Combine(_dataPath, "keys"), "*.tmp"), Is.Empty);
    }

    [Test]
    public void Resolve_RetiredKeyNamedAsTheLocalLedgerKey_RefusedRatherThanReplacingIt()
    {
        using var retired = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ledger:VerifyingKeys:" + KeyMaterial.LocalLedgerKeyId] = retired.ExportSubjectPublicKeyInfoPem(),
        }).Build();

        var refused = Assert.Throws<InvalidOperationException>(() => KeyMaterial.Resolve(configuration, isDevelopment: true, _dataPath));

        Assert.That(refused!.Message, Does.Contain($"Ledger__VerifyingKeys__{KeyMaterial.LocalLedgerKeyId} and Ledger__SigningKeys__{KeyMaterial.LocalLedgerKeyId} name the same key"));
    }

    [Test]
    public void Resolve_KeyFileEmpty_RefusesNamingTheFile()
    {
        Directory.CreateDirectory(Path.Combine(_dataPath, "keys"));
        File.WriteAllText(Path.Combine(_dataPath, "keys", "signing.key"), string.Empty);

        var refused = Assert.Throws<InvalidOperationException>(() => KeyMaterial.Resolve(new ConfigurationBuilder().Build(), isDevelopment: true, _dataPath));

        Assert.That(refused!.Message, Does.Contain("signing.key"));
    }
}
