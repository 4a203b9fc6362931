using System.Net.Http.Headers;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Privacy;

/// <summary>
/// The sealing leader dies and another node takes over (ADR 11): two service processes
/// (<c>dotnet ClearanceWorkflow.Api.dll</c>) on one PostgreSQL database. Node 1 starts alone and takes the
/// sealer's session advisory lock; node 2 starts and writes, and node 1 seals. Node 1 is killed (SIGKILL);
/// its session ends and the lock with it, and node 2 seals what is committed after the kill. The lock's
/// holder is read from <c>pg_locks</c>, so the test knows which node led.
/// </summary>
[TestFixture]
public sealed class LedgerFailoverTests
{
    /// <summary>The key of the sealer's advisory lock (<c>LedgerSealer</c>'s "ClLg"): a bigint lock shows as objid with objsubid 1.</summary>
    private const long SealerLockKey = 0x436C4C67;

    private readonly TestKeys _keys = new();
    private readonly CaseDriver _driver = new();
    private readonly List<RunningService> _nodes = [];
    private TestDatabase _database = null!;

    [SetUp]
    public async Task CreateDatabaseAsync() => _database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);

    [TearDown]
    public async Task StopAsync()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            foreach (var (node, i) in _nodes.Select((n, i) => (n, i + 1)))
            {
                await TestContext.Out.WriteLineAsync($"node {i} (exited: {node.Process.HasExited}):\n{node.Output}");
            }
        }

        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        _nodes.Clear();

        await _database.DisposeAsync();
    }

    [Test]
    public async Task SealingLeaderKilled_TheOtherNodeSealsWhatIsCommittedAfter()
    {
        var (node1, leader, node2) = await StartTwoNodesAsync();

        // Both nodes write; node 1, the leader, seals it all, and keeps the lock.
        await ApplyAsync(node2);
        await ApplyAsync(node1);
        await Eventually.Until(UnsealedAsync, n => n == 0, "node 1 to seal both nodes' events");
        Assert.That(await LockHolderAsync(), Is.EqualTo(leader), "node 1 still leads");
        var blocksBefore = await CountAsync("SELECT count(*) FROM ledger_blocks");

        node1.Kill();
        var afterKill = await ApplyAsync(node2);

        await Eventually.Until(UnsealedAsync, n => n == 0, "node 2 to take over and seal what was committed after the kill", TimeSpan.FromSeconds(60));
        var holder = await LockHolderAsync();
        var sealedAfterKill = await CountAsync($"SELECT count(*) FROM audit_events WHERE \"CaseId\" = '{afterKill}' AND \"Sequence\" IS NOT NULL");
        var blocksAfter = await CountAsync("SELECT count(*) FROM ledger_blocks");
        Assert.Multiple(() =>
        {
            Assert.That(holder, Is.Not.Null.And.Not.EqualTo(leader), "node 2 holds the lock now");
            Assert.That(sealedAfterKill, Is.GreaterThan(0), "the case applied for after the kill is in the ledger");
            Assert.That(blocksAfter, Is.GreaterThan(blocksBefore), "node 2 made new blocks");
        });

        using var auditor = Client(node2, "audrey-failover", "auditor");
        var verified = await _driver.GetJsonAsync(auditor, "/api/v1/audit/verify");
        Assert.That(verified.GetProperty("valid").GetBoolean(), Is.True, "the ledger verifies across the change of leader: " + verified);
    }

    /// <summary>
    /// The leader refuses a ledger cut back under it; so must the node that takes over, though it never led before: it
    /// has watched the newest block too. Before, it sealed the cut block's events again, changed, and signed them.
    /// </summary>
    [Test]
    public async Task LedgerCutBackUnderTheLeader_TheNodeThatTakesOverSealsNothingEither()
    {
        var (node1, leader, node2) = await StartTwoNodesAsync();
        await ApplyAsync(node2);
        await Eventually.Until(UnsealedAsync, n => n == 0, "node 1 to seal");
        var newest = await CountAsync("SELECT max(\"Number\") FROM ledger_blocks");
        await Task.Delay(TimeSpan.FromSeconds(3)); // node 2 tries to lead, and reads the newest block, every 100 ms

        var first = await CountAsync($"SELECT \"FirstSequence\" FROM ledger_blocks WHERE \"Number\" = {newest}");
        await RawDatabase.ExecuteAsync(_database, $"DELETE FROM ledger_blocks WHERE \"Number\" = {newest}");
        await RawDatabase.ExecuteAsync(_database, $"UPDATE audit_events SET \"Sequence\" = NULL, \"Hash\" = NULL, \"PreviousHash\" = NULL, \"Actor\" = 'mallory' WHERE \"Sequence\" >= {first}");
        node1.Kill();
        await Eventually.Until(LockHolderAsync, holder => holder is not null && holder != leader, "node 2 to take the sealer's lock", TimeSpan.FromSeconds(60));
        var afterTakeOver = await ApplyAsync(node2);
        await Task.Delay(TimeSpan.FromSeconds(3));

        var blocks = await CountAsync("SELECT coalesce(max(\"Number\"), 0) FROM ledger_blocks");
        var unsealedAfter = await CountAsync($"SELECT count(*) FROM audit_events WHERE \"CaseId\" = '{afterTakeOver}' AND \"Sequence\" IS NULL");
        Assert.Multiple(() =>
        {
            Assert.That(blocks, Is.EqualTo(newest - 1), "no block signed over the cut");
            Assert.That(unsealedAfter, Is.GreaterThan(0), "nothing sealed after it");
            Assert.That(node2.Output, Does.Contain("The audit ledger is not sealed"));
        });
    }

    /// <summary>Node 1 starts alone and takes the sealer's lock (its backend is the leader), then node 2 starts.</summary>
    private async Task<(RunningService Node1, string? Leader, RunningService Node2)> StartTwoNodesAsync()
    {
        var node1 = await StartNodeAsync("node1");
        var leader = await Eventually.Until(LockHolderAsync, holder => holder is not null, "node 1 to take the sealer's lock");
        return (node1, leader, await StartNodeAsync("node2"));
    }

    private async Task<RunningService> StartNodeAsync(string name)
    {
        var dataPath = Path.Combine(_database.Directory, name);
        Directory.CreateDirectory(dataPath);
        var settings = new Dictionary<string, string?>(_keys.Settings())
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Database:Provider"] = nameof(DatabaseKind.Postgres),
            ["ConnectionStrings:Clearance"] = _database.ConnectionString,
            ["DataPath"] = dataPath,
            ["Verification:Automated"] = "false",
            ["Ledger:SealInterval"] = "00:00:00.1",
        };
        var node = await ServiceProcess.StartAsync(_database.Directory, settings, LoopbackServer.NothingListening());
        _nodes.Add(node);
        return node;
    }

    private HttpClient Client(RunningService node, string subject, string role)
    {
        var client = new HttpClient { BaseAddress = node.Url, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _keys.Token(subject, role));
        return client;
    }

    /// <summary>An application through the node's API: audited writes committed by that node.</summary>
    private async Task<Guid> ApplyAsync(RunningService node)
    {
        using var applicant = Client(node, $"alice-{Guid.NewGuid():N}"[..19], "applicant");
        return (await _driver.ApplyAsync(applicant)).GetProperty("id").GetGuid();
    }

    /// <summary>The backend process that holds the sealer's lock in this database, or null.</summary>
    private async Task<string?> LockHolderAsync() =>
        (await RawDatabase.ColumnAsync(_database, $"""
            SELECT pid FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND classid = 0 AND objid = {SealerLockKey} AND objsubid = 1
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """)).SingleOrDefault();

    private Task<long> UnsealedAsync() => CountAsync("SELECT count(*) FROM audit_events WHERE \"Sequence\" IS NULL");

    private async Task<long> CountAsync(string sql) => long.Parse((await RawDatabase.ColumnAsync(_database, sql)).Single(), System.Globalization.CultureInfo.InvariantCulture);
}
