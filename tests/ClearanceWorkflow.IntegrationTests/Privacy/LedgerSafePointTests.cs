using System.Globalization;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Infrastructure.Audit;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ClearanceWorkflow.IntegrationTests.Privacy;

/// <summary>
/// PostgreSQL's safe point (ADR 11): an audit event whose transaction began before others and commits after
/// them is never left out of the ledger. While its transaction is open, the events committed after it are
/// not sealed either; once it commits, all are sealed, it first, and the ledger verifies with every event.
/// </summary>
[TestFixture]
public sealed class LedgerSafePointTests
{
    [Test]
    public async Task Seal_TransactionOpenAcrossLaterCommits_NothingSealedPastItUntilItCommits()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        await using var factory = new ApiFactory(database);
        var driver = new CaseDriver(factory);
        using (var first = factory.ClientFor("alice-safepoint", "applicant"))
        {
            await driver.ApplyAsync(first);
        }

        await factory.AllSealedAsync();
        var sealedBefore = await SealedAsync(database);

        // A transaction that has written an audit event and stays open, as a slow command would.
        var held = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO audit_events (\"Id\", \"At\", \"Actor\", \"Action\", \"CaseId\", \"Detail\", \"Ordinal\") VALUES (@id, now(), 'slow-writer', 'test.held', NULL, '{}', 0)",
            connection,
            transaction))
        {
            insert.Parameters.AddWithValue("id", held);
            await insert.ExecuteNonQueryAsync();
        }

        // Later commands commit meanwhile.
        foreach (var name in new[] { "bob-safepoint", "carol-safepoint" })
        {
            using var applicant = factory.ClientFor(name, "applicant");
            await driver.ApplyAsync(applicant);
        }

        var sealer = factory.Services.GetRequiredService<LedgerSealer>();
        await sealer.SealAsync(CancellationToken.None);
        Assert.That(await SealedAsync(database), Is.EqualTo(sealedBefore), "nothing committed after the open transaction began is sealed");
        Assert.That(await Sealing.UnsealedAsync(factory), Is.EqualTo(2), "the later commands' events wait, committed but unsealed");

        await transaction.CommitAsync();
        await factory.AllSealedAsync();

        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ClearanceDbContext>();
            var order = await db.AuditEvents.Where(e => e.Sequence > sealedBefore).OrderBy(e => e.Sequence).Select(e => e.Id).ToListAsync();
            Assert.That(order, Has.Count.EqualTo(3));
            Assert.That(order[0], Is.EqualTo(held), "the held event is sealed before the events committed after it began");
        }

        using var auditor = factory.ClientFor("audrey-safepoint", "auditor");
        var verify = await driver.GetJsonAsync(auditor, "/api/v1/audit/verify");
        Assert.That(verify.GetProperty("valid").GetBoolean(), Is.True, verify.ToString());
        Assert.That(verify.GetProperty("events").GetInt64(), Is.EqualTo(sealedBefore + 3), "nothing missing");
    }

    private static async Task<long> SealedAsync(TestDatabase database) =>
        long.Parse((await RawDatabase.ColumnAsync(database, "SELECT COUNT(*) FROM audit_events WHERE \"Sequence\" IS NOT NULL"))[0], CultureInfo.InvariantCulture);
}
