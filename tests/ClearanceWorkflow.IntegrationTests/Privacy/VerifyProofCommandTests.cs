using System.Net;
using System.Text.Json.Nodes;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Privacy;

/// <summary>
/// The <c>verify-proof</c> CLI verb, run as operators run it (the built service as a child process), checks a
/// proof saved from the API against the ledger's public key, with no service or database.
/// </summary>
[TestFixture]
public sealed class VerifyProofCommandTests
{
    private TestDatabase _database = null!;
    private string _proof = null!;
    private string _publicKey = null!;

    [OneTimeSetUp]
    public async Task SaveProofAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var factory = new ApiFactory(_database);
        await factory.EventsInOneTransactionAsync(6);
        await factory.AllSealedAsync();
        using var auditor = factory.ClientFor("audrey-proof", "auditor");
        var page = await CaseDriver.Json(await auditor.GetAsync("/api/v1/audit"));
        // The third of the six events sealed together: a path of three steps.
        var id = page.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("action").GetString()!.StartsWith("reciprocity.", StringComparison.Ordinal))
            .ElementAt(2).GetProperty("id").GetGuid();
        var response = await auditor.GetAsync($"/api/v1/audit/events/{id}/proof");
        await CaseDriver.Expect(response, HttpStatusCode.OK);
        _proof = await response.Content.ReadAsStringAsync();
        var keys = await CaseDriver.Json(await auditor.GetAsync("/api/v1/audit/keys"));
        _publicKey = keys[0].GetProperty("publicKeyPem").GetString()!;
    }

    [OneTimeTearDown]
    public async Task DropAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Test]
    public async Task VerifyProof_SavedProofAndKey_ExitsZeroValid()
    {
        var (exitCode, stdout, stderr) = await RunAsync(_proof, _publicKey);
        Assert.That(exitCode, Is.EqualTo(0), stdout + stderr);
        Assert.That(stdout.Trim(), Is.EqualTo("valid"));
    }

    [Test]
    public async Task VerifyProof_EventAltered_ExitsNonZeroNamingTheHash()
    {
        var proof = JsonNode.Parse(_proof)!;
        proof["event"]!["actor"] = "someone-else";
        var (exitCode, stdout, _) = await RunAsync(proof.ToJsonString(), _publicKey);
        Assert.That(exitCode, Is.Not.EqualTo(0));
        Assert.That(stdout, Does.Contain("invalid: the event's hash does not match its content"));
    }

    [Test]
    public async Task VerifyProof_PathAltered_ExitsNonZeroNamingThePath()
    {
        var proof = JsonNode.Parse(_proof)!;
        proof["path"]![0] = new string('a', 64);
        var (exitCode, stdout, _) = await RunAsync(proof.ToJsonString(), _publicKey);
        Assert.That(exitCode, Is.Not.EqualTo(0));
        Assert.That(stdout, Does.Contain("invalid: the path does not lead"));
    }

    [Test]
    public async Task VerifyProof_AnotherKey_ExitsNonZeroNamingTheSignature()
    {
        var (exitCode, stdout, _) = await RunAsync(_proof, new TestKeys().LedgerPublicKeyPem);
        Assert.That(exitCode, Is.Not.EqualTo(0));
        Assert.That(stdout, Does.Contain("invalid: the block's signature does not verify"));
    }

    [Test]
    public async Task VerifyProof_NotAProof_ExitsNonZero()
    {
        var (exitCode, stdout, _) = await RunAsync("{\"event\":42}", _publicKey);
        Assert.That(exitCode, Is.Not.EqualTo(0));
        Assert.That(stdout, Does.StartWith("invalid: "));
    }

    [Test]
    public async Task VerifyProof_AFolderForTheProof_ExitsNonZeroSayingItCannotReadWithoutStackTrace()
    {
        var folder = Path.Combine(_database.Directory, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var keyFile = Path.Combine(folder, "ledger.pem");
        await File.WriteAllTextAsync(keyFile, _publicKey);

        var (exitCode, _, stderr) = await ServiceProcess.RunAsync(folder, new Dictionary<string, string?>(), "verify-proof", "--proof", folder, "--public-key", keyFile);

        Assert.That(exitCode, Is.EqualTo(2), stderr);
        Assert.That(stderr, Does.StartWith("cannot read").And.Not.Contain(" at "));
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string proof, string publicKey)
    {
        var folder = Path.Combine(_database.Directory, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var proofFile = Path.Combine(folder, "proof.json");
        var keyFile = Path.Combine(folder, "ledger.pem");
        await File.WriteAllTextAsync(proofFile, proof);
        await File.WriteAllTextAsync(keyFile, publicKey);
        return await ServiceProcess.RunAsync(folder, new Dictionary<string, string?>(), "verify-proof", "--proof", proofFile, "--public-key", keyFile);
    }
}
