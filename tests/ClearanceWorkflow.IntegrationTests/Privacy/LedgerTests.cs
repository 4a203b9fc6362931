using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Privacy;

/// <summary>
/// The sealed audit ledger: signed block digests, verification against a digest saved before the database
/// was tampered with directly, and inclusion proofs. Blocks are small here (<c>Ledger__MaxBlockEvents</c> 4)
/// so that the ledger spans several. One service per fixture; each test starts from an empty database.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class LedgerTests(DatabaseKind kind)
{
    private TestDatabase _database = null!;
    private ApiFactory _factory = null!;
    private DatabaseReset _reset = null!;
    private HttpClient _auditor = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _database = await TestDatabase.CreateAsync(kind);
        _factory = new ApiFactory(_database, s => s["Ledger:MaxBlockEvents"] = "4");
        _ = _factory.Server;
        _reset = await DatabaseReset.CreateAsync(_database, _factory);
        _auditor = _factory.ClientFor("audrey-ledger", "auditor");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _auditor?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>Two cases through submission and their checks: a dozen events or more, in several blocks.</summary>
    [SetUp]
    public async Task SeedAsync()
    {
        await _reset.ResetAsync();
        var driver = new CaseDriver(_factory);
        using var investigator = _factory.ClientFor("ivan-ledger", "investigator");
        foreach (var name in new[] { "alice-ledger", "bob-ledger" })
        {
            using var applicant = _factory.ClientFor(name, "applicant");
            await driver.CompleteChecksAsync(investigator, await driver.SubmittedCaseAsync(applicant));
        }

        await _factory.AllSealedAsync();
    }

    [Test]
    public async Task Digest_LatestBlock_SignedWithTheLedgerKeyOverItsHeader()
    {
        var digest = await DigestAsync();
        Assert.That(digest["events"]!.GetValue<long>(), Is.EqualTo(await CountAsync()));
        Assert.That(digest["block"]!.GetValue<long>(), Is.GreaterThan(2), "several blocks of at most 4 events");
        Assert.That(digest["keyId"]!.GetValue<string>(), Is.EqualTo(TestKeys.LedgerKeyId));

        var header = Ledger.Header(
            digest["block"]!.GetValue<long>(), digest["firstSequence"]!.GetValue<long>(), digest["events"]!.GetValue<long>(),
            digest["root"]!.GetValue<string>(), digest["previousHash"]!.GetValue<string>(), digest["at"]!.GetValue<DateTime>());
        Assert.That(AuditEvent.HashOf(header), Is.EqualTo(digest["hash"]!.GetValue<string>()));
        using var key = ECDsa.Create();
        key.ImportFromPem(_factory.Keys.LedgerPublicKeyPem);
        Assert.That(key.VerifyData(Encoding.UTF8.GetBytes(header), Convert.FromBase64String(digest["signature"]!.GetValue<string>()), HashAlgorithmName.SHA256), Is.True);

        var keys = await CaseDriver.Json(await _auditor.GetAsync("/api/v1/audit/keys"));
        var listed = keys.EnumerateArray().Single();
        Assert.That(listed.GetProperty("keyId").GetString(), Is.EqualTo(TestKeys.LedgerKeyId));
        Assert.That(listed.GetProperty("publicKeyPem").GetString(), Is.EqualTo(_factory.Keys.LedgerPublicKeyPem));
    }

    [Test]
    public async Task VerifyWithDigest_Untouched_ValidAlsoAfterLaterBlocks()
    {
        var saved = await DigestAsync();
        using (var applicant = _factory.ClientFor("carol-ledger", "applicant"))
        {
            await new CaseDriver(_factory).SubmittedCaseAsync(applicant);
        }

        await _factory.AllSealedAsync();
        Assert.That((await DigestAsync())["block"]!.GetValue<long>(), Is.GreaterThan(saved["block"]!.GetValue<long>()));

        var result = await VerifyAsync(saved);
        Assert.That(result.GetProperty("valid").GetBoolean(), Is.True, result.ToString());
        Assert.That(result.GetProperty("events").GetInt64(), Is.EqualTo(saved["events"]!.GetValue<long>()));
        Assert.That(result.GetProperty("firstInvalidEventId").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task VerifyWithDigest_OnlyTheContractsFields_ValidUntouchedAndInvalidOnceAnEventChanged()
    {
        // A client may keep only what API.md names: { block, events, root, at, signature, keyId }.
        var saved = await DigestAsync();
        foreach (var extra in new[] { "firstSequence", "previousHash", "hash" })
        {
            saved.Remove(extra);
        }

        var untouched = await VerifyAsync(saved);
        Assert.That(untouched.GetProperty("valid").GetBoolean(), Is.True, untouched.ToString());
        Assert.That(untouched.GetProperty("events").GetInt64(), Is.EqualTo(saved["events"]!.GetValue<long>()));

        await RawDatabase.ExecuteAsync(_database, "UPDATE audit_events SET \"Detail\" = '{\"reference\":\"forged\"}' WHERE \"Sequence\" = 6");
        var changed = await VerifyAsync(saved);
        Assert.That(changed.GetProperty("valid").GetBoolean(), Is.False, changed.ToString());
    }

    [Test]
    public async Task VerifyWithDigest_EventChanged_NamesIt()
    {
        var saved = await DigestAsync();
        var target = await IdAtAsync(6);
        await RawDatabase.ExecuteAsync(_database, "UPDATE audit_events SET \"Detail\" = '{\"reference\":\"forged\"}' WHERE \"Sequence\" = 6");
        await AssertInvalidAsync(saved, target);
    }

    [Test]
    public async Task VerifyWithDigest_EventDeleted_NamesTheEventAfterTheGap()
    {
        var saved = await DigestAsync();
        var after = await IdAtAsync(7);
        await RawDatabase.ExecuteAsync(_database, "DELETE FROM audit_events WHERE \"Sequence\" = 6");
        await AssertInvalidAsync(saved, after);
    }

    [Test]
    public async Task VerifyWithDigest_TwoEventsSwapped_NamesTheFirstOutOfPlace()
    {
        var saved = await DigestAsync();
        var seventh = await IdAtAsync(7);
        await RawDatabase.ExecuteAsync(_database, "UPDATE audit_events SET \"Sequence\" = -1 WHERE \"Sequence\" = 6");
        await RawDatabase.ExecuteAsync(_database, "UPDATE audit_events SET \"Sequence\" = 6 WHERE \"Sequence\" = 7");
        await RawDatabase.ExecuteAsync(_database, "UPDATE audit_events SET \"Sequence\" = 7 WHERE \"Sequence\" = -1");
        await AssertInvalidAsync(saved, seventh);
    }

    [Test]
    public async Task VerifyWithDigest_LastEventsDeleted_Invalid()
    {
        var saved = await DigestAsync();
        var last = saved["events"]!.GetValue<long>();
        await RawDatabase.ExecuteAsync(_database, $"DELETE FROM audit_events WHERE \"Sequence\" > {last - 2}");
        await AssertInvalidAsync(saved, null);

        // Deleting the blocks that held them too leaves the digest's block missing.
        await RawDatabase.ExecuteAsync(_database, $"DELETE FROM ledger_blocks WHERE \"LastSequence\" > {last - 2}");
        await AssertInvalidAsync(saved, null);
    }

    [Test]
    public async Task VerifyWithDigest_EventRewrittenWithEveryLaterHashAndBlockRecomputed_Invalid()
    {
        var saved = await DigestAsync();
        var target = await IdAtAsync(6);
        using (var scope = _factory.Services.CreateScope())
        {
            // Everything a forger without the signing key can redo: the event, every later link and hash, every block's root, link and hash.
            var db = scope.ServiceProvider.GetRequiredService<ClearanceDbContext>();
            var events = await db.AuditEvents.Where(e => e.Sequence != null).OrderBy(e => e.Sequence).ToListAsync();
            db.Entry(events[5]).Property(nameof(AuditEvent.Actor)).CurrentValue = "someone-else";
            var previous = events[4].Hash!;
            foreach (var e in events.Skip(5))
            {
                e.Seal(e.Sequence!.Value, previous);
                previous = e.Hash!;
            }

            var previousBlock = AuditEvent.GenesisHash;
            foreach (var b in await db.LedgerBlocks.OrderBy(b => b.Number).ToListAsync())
            {
                var root = Ledger.MerkleRoot([.. events.Where(e => e.Sequence >= b.FirstSequence && e.Sequence <= b.LastSequence).Select(e => e.Hash!)]);
                db.Entry(b).Property(nameof(LedgerBlock.MerkleRoot)).CurrentValue = root;
                db.Entry(b).Property(nameof(LedgerBlock.PreviousHash)).CurrentValue = previousBlock;
                db.Entry(b).Property(nameof(LedgerBlock.Hash)).CurrentValue = AuditEvent.HashOf(Ledger.Header(b.Number, b.FirstSequence, b.LastSequence, root, previousBlock, b.SealedAt));
                previousBlock = b.Hash;
            }

            await db.SaveChangesAsync();
        }

        var whole = await CaseDriver.Json(await _auditor.GetAsync("/api/v1/audit/verify"));
        Assert.That(whole.GetProperty("valid").GetBoolean(), Is.False, "the rewritten blocks' signatures no longer match");
        var result = await VerifyAsync(saved);
        Assert.That(result.GetProperty("valid").GetBoolean(), Is.False, result.ToString());
        Assert.That(await IdAtAsync(6), Is.EqualTo(target));
    }

    /// <summary>Blocks deleted under the running service, their events unsealed and one changed: the sealer must not sign the rewrite.</summary>
    [Test]
    public async Task Sealer_NewestBlocksDeletedAndTheirEventsUnsealedAndChanged_SealsNothing()
    {
        var saved = await DigestAsync();
        var block = saved["block"]!.GetValue<long>();
        var from = await FirstSequenceOfAsync(block - 1);
        await RawDatabase.ExecuteAsync(_database, $"DELETE FROM ledger_blocks WHERE \"Number\" >= {block - 1}");
        await RawDatabase.ExecuteAsync(_database, $"UPDATE audit_events SET \"Sequence\" = NULL, \"Hash\" = NULL, \"PreviousHash\" = NULL WHERE \"Sequence\" >= {from}");
        await RawDatabase.ExecuteAsync(_database, "UPDATE audit_events SET \"Actor\" = 'mallory' WHERE \"Sequence\" IS NULL");

        await AssertSealsNothingAsync(block - 2);
        await AssertInvalidAsync(saved, null);
    }

    /// <summary>The same with the events' sequences kept and every hash from the changed one on recomputed.</summary>
    [Test]
    public async Task Sealer_NewestBlocksDeletedAndTheirEventsRechained_SealsNothing()
    {
        var saved = await DigestAsync();
        var block = saved["block"]!.GetValue<long>();
        var from = await FirstSequenceOfAsync(block - 1);
        await RawDatabase.ExecuteAsync(_database, $"DELETE FROM ledger_blocks WHERE \"Number\" >= {block - 1}");
        await RechainFromAsync(from);

        await AssertSealsNothingAsync(block - 2);
        await AssertInvalidAsync(saved, null);
    }

    /// <summary>
    /// After a restart (the sealer has seen no block), events past the last block are adopted only as its unbroken
    /// continuation, as a release before blocks left them: a changed one is not.
    /// </summary>
    [Test]
    public async Task Sealer_EventsPastTheLastBlockThatDoNotChainOn_SealsNothingEvenAfterARestart()
    {
        var block = (await DigestAsync())["block"]!.GetValue<long>();
        var from = await FirstSequenceOfAsync(block);
        await RawDatabase.ExecuteAsync(_database, $"DELETE FROM ledger_blocks WHERE \"Number\" = {block}");
        await RawDatabase.ExecuteAsync(_database, $"UPDATE audit_events SET \"Actor\" = 'mallory' WHERE \"Sequence\" = {from}");
        await _factory.Services.GetRequiredService<ClearanceWorkflow.Infrastructure.Audit.LedgerSealer>().ForgetAsync();

        await AssertSealsNothingAsync(block - 1);
    }

    private async Task<long> FirstSequenceOfAsync(long block) =>
        long.Parse((await RawDatabase.ColumnAsync(_database, $"SELECT \"FirstSequence\" FROM ledger_blocks WHERE \"Number\" = {block}"))[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Changes the event at <paramref name="from"/> and recomputes its hash and every later one, as a forger without the key can.</summary>
    private async Task RechainFromAsync(long from)
    {
        using var scope = _factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClearanceDbContext>();
        var events = await db.AuditEvents.Where(e => e.Sequence >= from - 1).OrderBy(e => e.Sequence).ToListAsync();
        db.Entry(events[1]).Property(nameof(AuditEvent.Actor)).CurrentValue = "mallory";
        var previous = events[0].Hash!;
        foreach (var e in events.Skip(1))
        {
            e.Seal(e.Sequence!.Value, previous);
            previous = e.Hash!;
        }

        await db.SaveChangesAsync();
    }

    private async Task AssertSealsNothingAsync(long newestBlock)
    {
        var sealer = _factory.Services.GetRequiredService<ClearanceWorkflow.Infrastructure.Audit.LedgerSealer>();
        Assert.That(await sealer.SealAsync(CancellationToken.None), Is.Zero);
        Assert.That(await sealer.SealAsync(CancellationToken.None), Is.Zero, "and not on a later pass either");
        Assert.That(await RawDatabase.ColumnAsync(_database, "SELECT MAX(\"Number\") FROM ledger_blocks"), Is.EqualTo(new[] { newestBlock.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        Assert.That((await DigestAsync())["block"]!.GetValue<long>(), Is.EqualTo(newestBlock), "no block signed over the rewrite");
    }

    [Test]
    public async Task VerifyWithDigest_DigestAltered_Invalid()
    {
        var saved = await DigestAsync();
        // One hex digit of the root changed: still a well-formed digest (fewer events could fall below its first
        // sequence when the last block holds one event), but not the one that was signed.
        var root = saved["root"]!.GetValue<string>();
        saved["root"] = root[..^1] + (root[^1] == '0' ? '1' : '0');
        var result = await VerifyAsync(saved);
        Assert.That(result.GetProperty("valid").GetBoolean(), Is.False, "the digest's signature no longer matches it");
    }

    [TestCase("{}")]
    [TestCase("""{"digest":null}""")]
    [TestCase("""{"digest":{"block":"one"}}""")]
    [TestCase("""{"digest":{"block":1,"events":1,"firstSequence":1,"root":"zz","previousHash":"00","hash":"00","at":"2026-01-01T00:00:00Z","signature":"%%","keyId":"t1"}}""")]
    [TestCase("""{"digest":{"block":1}}""")]
    [TestCase("""[1,2]""")]
    public async Task VerifyWithDigest_Malformed_400(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        await CaseDriver.ExpectProblem(await _auditor.PostAsync("/api/v1/audit/verify", content), HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Proof_SealedEvent_PathLeadsToTheSignedRoot()
    {
        await _factory.EventsInOneTransactionAsync(4);
        await _factory.AllSealedAsync();

        // The last event of the largest block: a path of more than one step.
        var last = long.Parse(
            (await RawDatabase.ColumnAsync(_database, "SELECT \"LastSequence\" FROM ledger_blocks ORDER BY \"LastSequence\" - \"FirstSequence\" DESC, \"Number\""))[0],
            System.Globalization.CultureInfo.InvariantCulture);
        var id = await IdAtAsync(last);
        var proof = await CaseDriver.Json(await _auditor.GetAsync($"/api/v1/audit/events/{id}/proof"));
        Assert.That(proof.GetProperty("event").GetProperty("id").GetGuid(), Is.EqualTo(id));
        Assert.That(proof.GetProperty("treeSize").GetInt64(), Is.EqualTo(4), "a block of several events");
        Assert.That(proof.GetProperty("path").GetArrayLength(), Is.GreaterThan(1));
        Assert.That(
            Ledger.VerifyPath(
                proof.GetProperty("event").GetProperty("hash").GetString()!, proof.GetProperty("leafIndex").GetInt64(), proof.GetProperty("treeSize").GetInt64(),
                [.. proof.GetProperty("path").EnumerateArray().Select(p => p.GetString()!)], proof.GetProperty("root").GetString()!),
            Is.True);
        Assert.That(Api.Cli.ProofCheck.Problem(proof.GetRawText(), _factory.Keys.LedgerPublicKeyPem), Is.Null);
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        Assert.That(Api.Cli.ProofCheck.Problem(proof.GetRawText(), rsa.ExportSubjectPublicKeyInfoPem()), Is.EqualTo("the public key is not a PEM ECDSA key"));
        using var signingKey = System.Security.Cryptography.ECDsa.Create();
        signingKey.ImportPkcs8PrivateKey(_factory.Keys.LedgerKey, out _);
        var otherBlock = PemEncoding.WriteString("CERTIFICATE", [1, 2, 3]) + "\n";
        foreach (var privatePem in new[] { signingKey.ExportPkcs8PrivateKeyPem(), signingKey.ExportECPrivateKeyPem(), otherBlock + signingKey.ExportPkcs8PrivateKeyPem() })
        {
            Assert.That(Api.Cli.ProofCheck.Problem(proof.GetRawText(), privatePem), Is.EqualTo("the key file holds a private key: give the ledger's public key"), "it would verify");
        }
    }

    [Test]
    [NonParallelizable]
    public async Task ProofAndDigest_OnAHostAwayFromUtc_TheirTimesAreTheInstantsTheyName()
    {
        await _factory.EventsInOneTransactionAsync(2);
        await _factory.AllSealedAsync();
        var proof = JsonNode.Parse(await (await _auditor.GetAsync($"/api/v1/audit/events/{await IdAtAsync(1)}/proof")).Content.ReadAsStringAsync())!.AsObject();
        var digest = await DigestAsync();
        var at = DateTimeOffset.Parse(proof["event"]!["at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var zone = Environment.GetEnvironmentVariable("TZ");
        Environment.SetEnvironmentVariable("TZ", "Asia/Karachi");
        TimeZoneInfo.ClearCachedData();
        try
        {
            Assert.That(TimeZoneInfo.Local.BaseUtcOffset, Is.EqualTo(TimeSpan.FromHours(5)), "the host's zone could not be set for the test");
            // The same instant written with an offset (as a tool re-saving the file may): the proof still holds.
            proof["event"]!["at"] = at.ToOffset(TimeSpan.FromHours(5)).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", System.Globalization.CultureInfo.InvariantCulture);
            var sameInstant = Api.Cli.ProofCheck.Problem(proof.ToJsonString(), _factory.Keys.LedgerPublicKeyPem);
            // The clock reading kept under another offset: another instant, which the event's hash does not cover.
            proof["event"]!["at"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture) + "+05:00";
            var otherInstant = Api.Cli.ProofCheck.Problem(proof.ToJsonString(), _factory.Keys.LedgerPublicKeyPem);
            // A digest kept without its zone letter: its time is UTC, as every time of the contract.
            digest["at"] = digest["at"]!.GetValue<string>().TrimEnd('Z');
            var verified = await VerifyAsync(digest);

            Assert.That(sameInstant, Is.Null);
            Assert.That(otherInstant, Is.EqualTo("the event's hash does not match its content"));
            Assert.That(verified.GetProperty("valid").GetBoolean(), Is.True, verified.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("TZ", zone);
            TimeZoneInfo.ClearCachedData();
        }
    }

    [Test]
    public async Task Proof_UnknownEvent_404()
    {
        await CaseDriver.ExpectProblem(await _auditor.GetAsync($"/api/v1/audit/events/{Guid.NewGuid()}/proof"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Listing_SealedEvents_InLedgerOrderWithHashes()
    {
        var page = await CaseDriver.Json(await _auditor.GetAsync("/api/v1/audit?pageSize=500"));
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items.Select(i => i.GetProperty("sequence").GetInt64()), Is.EqualTo(Enumerable.Range(1, items.Count).Select(n => (long)n)));
        Assert.That(items.Select(i => i.GetProperty("hash").GetString()), Has.None.Null);
    }

    private async Task<JsonObject> DigestAsync()
    {
        var response = await _auditor.GetAsync("/api/v1/audit/digest");
        await CaseDriver.Expect(response, HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private async Task<JsonElement> VerifyAsync(JsonObject digest)
    {
        var response = await _auditor.PostAsJsonAsync("/api/v1/audit/verify", new { digest });
        await CaseDriver.Expect(response, HttpStatusCode.OK);
        return await CaseDriver.Json(response);
    }

    private async Task AssertInvalidAsync(JsonObject saved, Guid? firstInvalid)
    {
        var result = await VerifyAsync(saved);
        Assert.That(result.GetProperty("valid").GetBoolean(), Is.False, result.ToString());
        if (firstInvalid is { } id)
        {
            Assert.That(result.GetProperty("firstInvalidEventId").GetGuid(), Is.EqualTo(id));
        }
    }

    private async Task<long> CountAsync() =>
        long.Parse((await RawDatabase.ColumnAsync(_database, "SELECT COUNT(*) FROM audit_events"))[0], System.Globalization.CultureInfo.InvariantCulture);

    private async Task<Guid> IdAtAsync(long sequence) =>
        Guid.Parse((await RawDatabase.ColumnAsync(_database, $"SELECT \"Id\" FROM audit_events WHERE \"Sequence\" = {sequence}"))[0]);
}
