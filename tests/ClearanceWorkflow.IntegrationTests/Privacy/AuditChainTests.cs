using System.Net;
using System.Text.Json;
using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Privacy;

/// <summary>
/// The audit ledger is a hash chain in signed blocks: changing, deleting or reordering rows directly in the
/// database is found by <c>/audit/verify</c>, which names the first invalid event. Concurrent writers do not fork it.
/// One service per fixture; before each test its database is emptied and the chain started again.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class AuditChainTests(DatabaseKind kind)
{
    private Scenario _scenario = null!;
    private DatabaseReset _reset = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _scenario = await Scenario.StartAsync(kind);
        _reset = await DatabaseReset.CreateAsync(_scenario.Database, _scenario.Factory);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_scenario is not null)
        {
            await _scenario.DisposeAsync();
        }
    }

    [SetUp]
    public async Task NewChainAsync()
    {
        await _reset.ResetAsync();
        await _scenario.SeedAsync();
    }

    [Test]
    public async Task Verify_UntouchedChain_ValidWithEveryEvent()
    {
        var result = await _scenario.VerifyAsync();
        Assert.That(result.GetProperty("valid").GetBoolean(), Is.True);
        Assert.That(result.GetProperty("events").GetInt64(), Is.EqualTo(await _scenario.CountAsync()));
        Assert.That(result.GetProperty("firstInvalidEventId").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Verify_DetailChangedInDatabase_NamesThatEvent()
    {
        var target = await _scenario.IdAtAsync(3);
        await RawDatabase.ExecuteAsync(_scenario.Database, "UPDATE audit_events SET \"Detail\" = '{\"reference\":\"forged\"}' WHERE \"Sequence\" = 3");
        await AssertFirstInvalidAsync(target);
    }

    [Test]
    public async Task Verify_HashOverwritten_NamesThatEvent()
    {
        var target = await _scenario.IdAtAsync(3);
        await RawDatabase.ExecuteAsync(_scenario.Database, "UPDATE audit_events SET \"Hash\" = 'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff' WHERE \"Sequence\" = 3");
        await AssertFirstInvalidAsync(target);
    }

    [Test]
    public async Task Verify_RowForgedWithItsOwnHashRecomputed_NamesTheNextEventOrTheBlock()
    {
        // A forger who rewrites a row and recomputes its hash still breaks the link stored in the row after it,
        // named when it is in the same block; otherwise the block's Merkle root breaks first, and its first event is named.
        var block = await RawDatabase.ColumnAsync(_scenario.Database, "SELECT \"FirstSequence\" FROM ledger_blocks WHERE \"FirstSequence\" <= 3 AND \"LastSequence\" >= 3 UNION ALL SELECT \"LastSequence\" FROM ledger_blocks WHERE \"FirstSequence\" <= 3 AND \"LastSequence\" >= 3");
        var (first, last) = (long.Parse(block[0], System.Globalization.CultureInfo.InvariantCulture), long.Parse(block[1], System.Globalization.CultureInfo.InvariantCulture));
        var next = await _scenario.IdAtAsync(last >= 4 ? 4 : first);
        using (var scope = _scenario.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ClearanceDbContext>();
            var forged = await db.AuditEvents.SingleAsync(e => e.Sequence == 3);
            db.Entry(forged).Property(nameof(AuditEvent.Actor)).CurrentValue = "someone-else";
            db.Entry(forged).Property(nameof(AuditEvent.Hash)).CurrentValue = forged.ComputeHash();
            await db.SaveChangesAsync();
        }

        await AssertFirstInvalidAsync(next);
    }

    [Test]
    public async Task Verify_EventDeleted_NamesTheEventAfterTheGap()
    {
        var after = await _scenario.IdAtAsync(4);
        await RawDatabase.ExecuteAsync(_scenario.Database, "DELETE FROM audit_events WHERE \"Sequence\" = 3");
        await AssertFirstInvalidAsync(after);
    }

    [Test]
    public async Task Verify_LastEventDeletedAndRenumbered_StillDetectsTheForgedOrder()
    {
        var third = await _scenario.IdAtAsync(3);
        await RawDatabase.ExecuteAsync(_scenario.Database, "DELETE FROM audit_events WHERE \"Sequence\" = 2");
        await RawDatabase.ExecuteAsync(_scenario.Database, "UPDATE audit_events SET \"Sequence\" = 1 - \"Sequence\" WHERE \"Sequence\" > 2");
        await RawDatabase.ExecuteAsync(_scenario.Database, "UPDATE audit_events SET \"Sequence\" = -\"Sequence\" WHERE \"Sequence\" < 0");
        await AssertFirstInvalidAsync(third);
    }

    [Test]
    public async Task Verify_TwoEventsSwapped_NamesTheFirstOutOfPlace()
    {
        var third = await _scenario.IdAtAsync(3);
        var fourth = await _scenario.IdAtAsync(4);
        await RawDatabase.ExecuteAsync(_scenario.Database, "UPDATE audit_events SET \"Sequence\" = -1 WHERE \"Sequence\" = 3");
        await RawDatabase.ExecuteAsync(_scenario.Database, "UPDATE audit_events SET \"Sequence\" = 3 WHERE \"Sequence\" = 4");
        await RawDatabase.ExecuteAsync(_scenario.Database, "UPDATE audit_events SET \"Sequence\" = 4 WHERE \"Sequence\" = -1");
        await AssertFirstInvalidAsync(fourth);
        Assert.That(await _scenario.IdAtAsync(4), Is.EqualTo(third));
    }

    [Test]
    public async Task Append_ManyConcurrentWriters_OneUnbrokenChain()
    {
        var before = await _scenario.CountAsync();
        var driver = new CaseDriver(_scenario.Factory);
        await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            using var applicant = _scenario.Factory.ClientFor($"concurrent-{i}", "applicant");
            await driver.ApplyAsync(applicant);
        }));
        await _scenario.Factory.AllSealedAsync();

        var result = await _scenario.VerifyAsync();
        Assert.That(result.GetProperty("valid").GetBoolean(), Is.True);
        Assert.That(result.GetProperty("events").GetInt64(), Is.EqualTo(before + 24));
        var sequences = await RawDatabase.ColumnAsync(_scenario.Database, "SELECT \"Sequence\" FROM audit_events ORDER BY \"Sequence\"");
        Assert.That(sequences.Select(long.Parse), Is.EqualTo(Enumerable.Range(1, sequences.Count).Select(n => (long)n)), "one gap-free order");
    }

    [Test]
    public async Task AuditEvents_ListedToAuditor_CarryHashAndPreviousHashLinks()
    {
        using var auditor = _scenario.Factory.ClientFor("audrey", "auditor");
        var page = await CaseDriver.Json(await auditor.GetAsync("/api/v1/audit?page=1"));
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items, Has.Count.GreaterThanOrEqualTo(4));
        for (var i = 1; i < items.Count; i++)
        {
            Assert.That(items[i].GetProperty("previousHash").GetString(), Is.EqualTo(items[i - 1].GetProperty("hash").GetString()));
        }

        foreach (var name in new[] { "id", "at", "actor", "action", "caseId", "detail", "hash", "previousHash" })
        {
            Assert.That(items[0].TryGetProperty(name, out _), Is.True, name);
        }
    }

    private async Task AssertFirstInvalidAsync(Guid expected)
    {
        var result = await _scenario.VerifyAsync();
        Assert.That(result.GetProperty("valid").GetBoolean(), Is.False);
        Assert.That(result.GetProperty("firstInvalidEventId").GetGuid(), Is.EqualTo(expected));
    }

    /// <summary>The service on its own database; <see cref="SeedAsync"/> makes a few audited changes: apply, questionnaire, submit, a check result, a view.</summary>
    private sealed class Scenario : IAsyncDisposable
    {
        private Scenario(TestDatabase database, ApiFactory factory)
        {
            Database = database;
            Factory = factory;
        }

        public TestDatabase Database { get; }

        public ApiFactory Factory { get; }

        public static async Task<Scenario> StartAsync(DatabaseKind kind)
        {
            var database = await TestDatabase.CreateAsync(kind);
            var factory = new ApiFactory(database);
            _ = factory.Server;
            return new Scenario(database, factory);
        }

        public async Task SeedAsync()
        {
            var driver = new CaseDriver(Factory);
            using var applicant = Factory.ClientFor("alice-audit", "applicant");
            using var investigator = Factory.ClientFor("ivan-audit", "investigator");
            var id = await driver.SubmittedCaseAsync(applicant);
            await driver.CompleteChecksAsync(investigator, id);
            await Factory.AllSealedAsync();
        }

        public async Task<JsonElement> VerifyAsync()
        {
            using var auditor = Factory.ClientFor("audrey", "auditor");
            var response = await auditor.GetAsync("/api/v1/audit/verify");
            await CaseDriver.Expect(response, HttpStatusCode.OK);
            return await CaseDriver.Json(response);
        }

        public async Task<long> CountAsync() =>
            long.Parse((await RawDatabase.ColumnAsync(Database, "SELECT COUNT(*) FROM audit_events"))[0], System.Globalization.CultureInfo.InvariantCulture);

        public async Task<Guid> IdAtAsync(long sequence) =>
            Guid.Parse((await RawDatabase.ColumnAsync(Database, $"SELECT \"Id\" FROM audit_events WHERE \"Sequence\" = {sequence}"))[0]);

        public async ValueTask DisposeAsync()
        {
            await Factory.DisposeAsync();
            await Database.DisposeAsync();
        }
    }
}
