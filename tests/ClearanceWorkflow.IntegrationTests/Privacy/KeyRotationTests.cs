using System.Net.Http.Json;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Maintenance;
using ClearanceWorkflow.IntegrationTests.Support;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Privacy;

/// <summary>Key rotation: new writes use the new key, old data stays readable, and <c>rekey</c> moves everything to the active key.</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class KeyRotationTests(DatabaseKind kind)
{
    private Guid _caseId;

    private DatabaseKind Kind { get; } = kind;

    private TestDatabase Database { get; set; } = null!;

    private ApiFactory Factory { get; set; } = null!;

    [SetUp]
    public async Task StartAsync()
    {
        Database = await TestDatabase.CreateAsync(Kind);
        Factory = new ApiFactory(Database);
        _caseId = await PrivacySubject.DriveFullCaseAsync(Factory, "applicant-7f3a");
    }

    [TearDown]
    public async Task StopAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    [Test]
    public async Task Rekey_NewActiveKey_OldDataReadableAndEverythingMovesToTheNewKey()
    {
        var k2 = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        // One service at a time on a data folder (SQLite allows no more).
        await Factory.DisposeAsync();
        await using (var rotated = new ApiFactory(Database, s =>
        {
            s["Encryption:Keys:k2"] = k2;
            s["Encryption:ActiveKeyId"] = "k2";
        }, keys: Factory.Keys))
        {
            using var adjudicator = rotated.ClientFor("ada-adjudicator", "adjudicator");
            var before = await new CaseDriver(rotated).GetCaseAsync(adjudicator, _caseId);
            Assert.That(before.GetProperty("subject").GetProperty("familyName").GetString(), Is.EqualTo(PrivacySubject.FamilyName), "data under the old key stays readable");

            using var scope = rotated.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<ActorContext>().Set(Actor.System);
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RekeyData.Run());
            Assert.That(result.ActiveKeyId, Is.EqualTo("k2"));
            Assert.That(result.Complete, Is.True, "nothing was written behind the run");
            Assert.That(result.Reencrypted["cases"], Is.GreaterThan(0));
        }

        var ciphers = await ProtectionTests.AllCiphertextsAsync(Database);
        Assert.That(ciphers, Is.Not.Empty);
        Assert.That(ciphers, Has.All.StartsWith("enc1:k2:"));

        await using var onlyNewKey = new ApiFactory(Database, s =>
        {
            s["Encryption:Keys:k1"] = k2;
            s["Encryption:Keys:k2"] = k2;
            s["Encryption:ActiveKeyId"] = "k2";
        }, keys: Factory.Keys);
        using var reader = onlyNewKey.ClientFor("ada-adjudicator", "adjudicator");
        var after = await new CaseDriver(onlyNewKey).GetCaseAsync(reader, _caseId);
        Assert.That(after.GetProperty("findings")[0].GetProperty("summary").GetString(), Is.EqualTo(PrivacySubject.FindingSummary), "readable with k1 gone (its slot now holds another key)");
        var audited = await ProtectionTests.AuditEventsAsync(Database);
        Assert.That(audited.Select(e => e.Action), Has.Member("data.rekeyed"));
        Assert.That(audited.Count(e => e.Action == "data.rekeyed-batch"), Is.GreaterThan(0),
            "each batch is audited in its own transaction, so a run stopped part-way is audited as far as it went");
    }

    [Test]
    public async Task LedgerKey_RotatedWithTheRetiredKeyKeptAsItsPublicKeyAlone_OldBlocksAndASavedDigestStillVerify()
    {
        await Factory.AllSealedAsync();
        System.Text.Json.JsonElement saved;
        using (var auditor = Factory.ClientFor("audrey-rotation", "auditor"))
        {
            saved = await CaseDriver.Json(await auditor.GetAsync("/api/v1/audit/digest"));
        }

        Assert.That(saved.GetProperty("keyId").GetString(), Is.EqualTo(TestKeys.LedgerKeyId));
        await Factory.DisposeAsync();
        using var l2 = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        await using var rotated = new ApiFactory(Database, s =>
        {
            s.Remove("Ledger:SigningKeys:" + TestKeys.LedgerKeyId);
            s["Ledger:VerifyingKeys:" + TestKeys.LedgerKeyId] = Factory.Keys.LedgerPublicKeyPem;
            s["Ledger:SigningKeys:l2"] = l2.ExportPkcs8PrivateKeyPem();
            s["Ledger:ActiveKeyId"] = "l2";
        }, keys: Factory.Keys);
        using (var applicant = rotated.ClientFor("applicant-rotation", "applicant"))
        {
            await new CaseDriver(rotated).SubmittedCaseAsync(applicant);
        }

        await rotated.AllSealedAsync();
        using var reader = rotated.ClientFor("audrey-rotation", "auditor");
        var digest = await CaseDriver.Json(await reader.GetAsync("/api/v1/audit/digest"));
        Assert.That(digest.GetProperty("keyId").GetString(), Is.EqualTo("l2"), "new blocks are signed with the new key");
        var whole = await CaseDriver.Json(await reader.GetAsync("/api/v1/audit/verify"));
        Assert.That(whole.GetProperty("valid").GetBoolean(), Is.True, "blocks signed with the retired key verify under its public key: " + whole);
        var against = await CaseDriver.Json(await reader.PostAsJsonAsync("/api/v1/audit/verify", new { digest = saved }));
        Assert.That(against.GetProperty("valid").GetBoolean(), Is.True, against.ToString());
        var keys = await CaseDriver.Json(await reader.GetAsync("/api/v1/audit/keys"));
        Assert.That(keys.EnumerateArray().Select(k => k.GetProperty("keyId").GetString()), Is.EquivalentTo(new[] { TestKeys.LedgerKeyId, "l2" }));
    }

    /// <summary>Once the first batch of cases has committed, a node that still has k1 active rewrites a case that batch passed.</summary>
    private sealed class OldKeyNodeWritesBehind(IServiceScopeFactory scopes, TransactionResources resources, TestKeys keys)
        : IPipelineBehavior<RekeyData.Batch, (int Seen, int Changed, Guid Last)>
    {
        public static Guid Rewritten { get; private set; }

        public async Task<(int Seen, int Changed, Guid Last)> Handle(RekeyData.Batch request, CancellationToken cancellationToken, RequestHandlerDelegate<(int Seen, int Changed, Guid Last)> next)
        {
            var result = await next();
            if (request.EntityType == typeof(ClearanceWorkflow.Domain.ClearanceCase).FullName && request.After == Guid.Empty)
            {
                resources.AfterCommit(async () =>
                {
                    var oldNode = new ClearanceWorkflow.Infrastructure.Security.AesGcmDataProtector(new Dictionary<string, byte[]> { ["k1"] = keys.DataKey }, "k1");
                    var cipher = oldNode.Protect("{}");
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<ClearanceWorkflow.Application.Persistence.ClearanceDbContext>();
                    await db.Cases.Where(c => c.Id == result.Last).ExecuteUpdateAsync(u => u.SetProperty(c => c.PersonalDataCipher, cipher));
                    Rewritten = result.Last;
                });
            }

            return result;
        }
    }

    [Test]
    public async Task Rekey_AValueWrittenBehindItUnderTheOldKey_IsCounted_AndTheRunIsNotComplete()
    {
        var k2 = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await Factory.DisposeAsync();
        await using var rotated = new ApiFactory(Database, s =>
        {
            s["Encryption:Keys:k2"] = k2;
            s["Encryption:ActiveKeyId"] = "k2";
        }, services => services.AddTransient<IPipelineBehavior<RekeyData.Batch, (int Seen, int Changed, Guid Last)>>(
            sp => new OldKeyNodeWritesBehind(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<TransactionResources>(), Factory.Keys)), keys: Factory.Keys);
        using var scope = rotated.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Set(Actor.System);
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();

        var first = await mediator.Send(new RekeyData.Run());

        Assert.That(OldKeyNodeWritesBehind.Rewritten, Is.Not.EqualTo(Guid.Empty));
        Assert.That(first.Remaining["cases"], Is.EqualTo(1), "the value written behind the run is found");
        Assert.That(first.Complete, Is.False);
        Assert.That(first.Remaining.Where(r => r.Key != "cases").Select(r => r.Value), Is.All.Zero);
    }

    [Test]
    public async Task RekeyVerb_RunAsOperatorsDo_ReencryptsUnderTheActiveKey()
    {
        var k3 = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var settings = new Dictionary<string, string?>(Factory.Keys.Settings())
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database:Provider"] = Kind.ToString(),
            ["ConnectionStrings:Clearance"] = Database.ConnectionString,
            ["DataPath"] = Database.Directory,
            ["Encryption:Keys:k3"] = k3,
            ["Encryption:ActiveKeyId"] = "k3",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var previous = await ProtectionTests.AllCiphertextsAsync(Database);
        var (exitCode, stdout, stderr) = await ServiceProcess.RunAsync(Database.Directory, settings, "rekey");
        Assert.That(exitCode, Is.EqualTo(0), stderr + stdout);
        Assert.That(stdout, Does.Contain("under key 'k3'"));
        var ciphers = await ProtectionTests.AllCiphertextsAsync(Database);
        Assert.That(ciphers, Has.Count.EqualTo(previous.Count));
        Assert.That(ciphers, Has.All.StartsWith("enc1:k3:"));
    }

    [Test]
    public async Task RekeyVerb_OldKeyAlreadyRemoved_ExitsNonZeroNamingTheKeyWithoutStackTrace()
    {
        var settings = Factory.Keys.Settings().Where(s => !s.Key.StartsWith("Encryption:Keys:", StringComparison.Ordinal))
            .ToDictionary(s => s.Key, s => s.Value);
        settings["ASPNETCORE_ENVIRONMENT"] = "Production";
        settings["Database:Provider"] = Kind.ToString();
        settings["ConnectionStrings:Clearance"] = Database.ConnectionString;
        settings["DataPath"] = Database.Directory;
        settings["Encryption:Keys:k9"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        settings["Encryption:ActiveKeyId"] = "k9";
        settings["Logging:LogLevel:Default"] = "None";
        var previous = await ProtectionTests.AllCiphertextsAsync(Database);

        var (exitCode, stdout, stderr) = await ServiceProcess.RunAsync(Database.Directory, settings, "rekey");

        Assert.That(exitCode, Is.EqualTo(1), stderr + stdout);
        Assert.That(stderr, Does.Contain("is not configured").And.Not.Contain("   at "));
        Assert.That(await ProtectionTests.AllCiphertextsAsync(Database), Is.EquivalentTo(previous), "nothing re-encrypted");
    }

    [Test]
    public async Task RekeyVerb_NoDatabaseThere_SaysSoNotThatMigrationsArePending()
    {
        var empty = Directory.CreateTempSubdirectory("clearance-rekey-").FullName;
        try
        {
            var (exitCode, stdout, stderr) = await ServiceProcess.RunAsync(
                empty, new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["DataPath"] = empty }, "rekey");

            Assert.That(exitCode, Is.EqualTo(1), stderr + stdout);
            Assert.That(stderr, Does.Contain("no ClearanceWorkflow database here").And.Not.Contain("   at "));
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }
}
