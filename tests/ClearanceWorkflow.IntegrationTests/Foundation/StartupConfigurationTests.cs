using System.Net;
using ClearanceWorkflow.Infrastructure.Security;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

/// <summary>
/// A misconfigured service refuses to start and names the setting to fix; in Development with nothing
/// configured it creates local keys in its data folder and starts.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class StartupConfigurationTests(DatabaseKind kind)
{
    private TestDatabase _database = null!;

    [SetUp]
    public async Task CreateDatabaseAsync() => _database = await TestDatabase.CreateAsync(kind);

    [TearDown]
    public async Task DropDatabaseAsync() => await _database.DisposeAsync();

    [Test]
    public async Task Start_ProductionWithoutAuthKeys_FailsNamingAuthSigningKey()
    {
        await using var factory = new ApiFactory(_database) { EnvironmentName = "Production", WithTestKeys = false };
        Assert.That(StartupFailure(factory), Does.Contain("Auth__SigningKey"));
    }

    [Test]
    public async Task Start_ProductionWithOnlyTheSigningKeyRemoved_FailsNamingAuthSigningKey()
    {
        await using var factory = new ApiFactory(_database, s => s.Remove("Auth:SigningKey")) { EnvironmentName = "Production" };
        Assert.That(StartupFailure(factory), Does.Contain("Auth__SigningKey"));
    }

    [Test]
    public async Task Start_ProductionWithoutIssuer_FailsNamingAuthIssuer()
    {
        await using var factory = new ApiFactory(_database, s => s.Remove("Auth:Issuer")) { EnvironmentName = "Production" };
        Assert.That(StartupFailure(factory), Does.Contain("Auth__Issuer"));
    }

    [Test]
    public async Task Start_ProductionWithoutDataKeys_FailsNamingEncryptionKeys()
    {
        await using var factory = new ApiFactory(_database, s =>
        {
            s.Remove("Encryption:Keys:k1");
            s.Remove("Encryption:ActiveKeyId");
        })
        { EnvironmentName = "Production" };
        Assert.That(StartupFailure(factory), Does.Contain("Encryption__Keys"));
    }

    [Test]
    public async Task Start_ADataKeyLeftEmpty_FailsNamingIt()
    {
        await using var factory = new ApiFactory(_database, s => s["Encryption:Keys:k0"] = string.Empty) { EnvironmentName = "Production" };
        Assert.That(StartupFailure(factory), Does.Contain("Encryption__Keys__k0 is empty"));
    }

    [Test]
    public async Task Start_ProductionWithoutLedgerKeys_FailsNamingLedgerSigningKeys()
    {
        await using var factory = new ApiFactory(_database, s =>
        {
            s.Remove("Ledger:SigningKeys:" + TestKeys.LedgerKeyId);
            s.Remove("Ledger:ActiveKeyId");
        })
        { EnvironmentName = "Production" };
        Assert.That(StartupFailure(factory), Does.Contain("Ledger__SigningKeys__{id}"));
    }

    [Test]
    public async Task Start_LedgerKeyNotP256_FailsNamingIt()
    {
        using var p384 = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);
        await using var factory = new ApiFactory(_database, s => s["Ledger:SigningKeys:" + TestKeys.LedgerKeyId] = p384.ExportPkcs8PrivateKeyPem())
        { EnvironmentName = "Production" };
        Assert.That(StartupFailure(factory), Does.Contain($"Ledger__SigningKeys__{TestKeys.LedgerKeyId} must be a P-256 key"));
    }

    [Test]
    public async Task Start_LedgerKeyIdLongerThanItsColumn_FailsNamingIt()
    {
        // Its blocks could never be saved on PostgreSQL or SQL Server: nothing would ever be sealed.
        var id = new string('k', 65);
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        await using var factory = new ApiFactory(_database, s =>
        {
            s["Ledger:SigningKeys:" + id] = key.ExportPkcs8PrivateKeyPem();
            s["Ledger:ActiveKeyId"] = id;
        })
        { EnvironmentName = "Production" };
        Assert.That(StartupFailure(factory), Does.Contain($"Ledger__SigningKeys__{id}").And.Contain("at most 64 characters"));
    }

    [Test]
    public async Task Start_RetiredLedgerKeyGivenWithItsPrivateKey_FailsNamingIt()
    {
        // A retired key is kept to verify: its private half, able to sign blocks, is refused there.
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        await using var factory = new ApiFactory(_database, s => s["Ledger:VerifyingKeys:old"] = key.ExportPkcs8PrivateKeyPem())
        { EnvironmentName = "Production" };
        Assert.That(StartupFailure(factory), Does.Contain("Ledger__VerifyingKeys__old must be an ECDSA P-256 public key"));
    }

    [Test]
    public async Task Start_ActiveLedgerKeyIsARetiredPublicKey_FailsNamingIt()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        await using var factory = new ApiFactory(_database, s =>
        {
            s["Ledger:VerifyingKeys:old"] = key.ExportSubjectPublicKeyInfoPem();
            s["Ledger:ActiveKeyId"] = "old";
        })
        { EnvironmentName = "Production" };
        Assert.That(StartupFailure(factory), Does.Contain("Ledger__ActiveKeyId names 'old', a retired key"));
    }

    [Test]
    public async Task Start_LedgerKeyBothSigningAndRetired_FailsNamingBoth()
    {
        await using var factory = new ApiFactory(_database, s => s["Ledger:VerifyingKeys:" + TestKeys.LedgerKeyId] = "x")
        { EnvironmentName = "Production" };
        Assert.That(StartupFailure(factory), Does.Contain($"Ledger__VerifyingKeys__{TestKeys.LedgerKeyId} and Ledger__SigningKeys__{TestKeys.LedgerKeyId} name the same key"));
    }

    [Test]
    public async Task Start_SigningKeyTooShort_FailsNamingAuthSigningKey()
    {
        await using var factory = new ApiFactory(_database, s => s["Auth:SigningKey"] = Convert.ToBase64String(new byte[16])) { EnvironmentName = "Production" };
        Assert.That(StartupFailure(factory), Does.Contain("Auth__SigningKey").And.Contain("32 bytes"));
    }

    [TestCase("Postgres")]
    [TestCase("SqlServer")]
    public async Task Start_ServerProviderWithoutConnectionString_FailsNamingConnectionStringsClearance(string provider)
    {
        await using var factory = new ApiFactory(_database, s =>
        {
            s["Database:Provider"] = provider;
            s.Remove("ConnectionStrings:Clearance");
        })
        { EnvironmentName = "Production" };
        Assert.That(StartupFailure(factory), Does.Contain($"Database__Provider is {provider}, so ConnectionStrings__Clearance must be set"));
    }

    [Test]
    public async Task Start_UnknownProvider_FailsNamingDatabaseProvider()
    {
        await using var factory = new ApiFactory(_database, s => s["Database:Provider"] = "Oracle") { EnvironmentName = "Production" };
        Assert.That(StartupFailure(factory), Does.Contain("Database__Provider").And.Contain("'Sqlite', 'Postgres' or 'SqlServer'"));
    }

    [Test]
    public async Task Start_DevelopmentWithNothingConfigured_CreatesLocalKeysAndIsReady()
    {
        await using var factory = new ApiFactory(_database) { EnvironmentName = "Development", WithTestKeys = false };
        using var client = factory.CreateClient();
        var ready = await Readiness.ReadyAsync(client);
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ready.Content.ReadAsStringAsync());

        var keys = Path.Combine(_database.Directory, "keys");
        var signing = Path.Combine(keys, "signing.key");
        Assert.That(signing, Does.Exist);
        Assert.That(Directory.GetFiles(keys).Select(Path.GetFileName), Is.SupersetOf(new[] { "signing.key", "blind-index.key", "data-local-1.key", "ledger-local-1.key" }));
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(signing), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "only the owner may read a key file");
        }

        var local = new AuthSettings(KeyMaterial.LocalIssuer, KeyMaterial.LocalAudience, Convert.FromBase64String(File.ReadAllText(signing).Trim()), null, null);
        using var applicant = factory.WithToken(TokenIssuer.Create(local, TimeProvider.System, "alice", ["applicant"], null, TimeSpan.FromMinutes(5)));
        var cases = await applicant.GetAsync("/api/v1/me/cases");
        Assert.That(cases.StatusCode, Is.EqualTo(HttpStatusCode.OK), await cases.Content.ReadAsStringAsync());
        using var test = factory.ClientFor("alice", "applicant");
        Assert.That((await test.GetAsync("/api/v1/me/cases")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the factory's own test key is not configured");
    }

    [Test]
    public async Task Start_DevelopmentTwice_ReusesTheLocalKeys()
    {
        string first;
        await using (var factory = new ApiFactory(_database) { EnvironmentName = "Development", WithTestKeys = false })
        {
            _ = factory.Server;
            first = await File.ReadAllTextAsync(Path.Combine(_database.Directory, "keys", "signing.key"));
        }

        await using (var again = new ApiFactory(_database) { EnvironmentName = "Development", WithTestKeys = false })
        {
            _ = again.Server;
            Assert.That(await File.ReadAllTextAsync(Path.Combine(_database.Directory, "keys", "signing.key")), Is.EqualTo(first));
        }
    }

    /// <summary>Starts the service, expecting it to fail; returns every message of the exception and its inner exceptions.</summary>
    private static string StartupFailure(ApiFactory factory)
    {
        var exception = Assert.Catch(() => _ = factory.Server, "the service started although it is misconfigured");
        var messages = new List<string>();
        var pending = new Stack<Exception>([exception!]);
        while (pending.TryPop(out var current))
        {
            messages.Add($"{current.GetType().Name}: {current.Message}");
            if (current is AggregateException aggregate)
            {
                aggregate.InnerExceptions.ToList().ForEach(pending.Push);
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }

        return string.Join(Environment.NewLine, messages);
    }
}
