using System.Net;
using System.Net.Http.Json;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Infrastructure.Jobs;
using ClearanceWorkflow.Infrastructure.Notifications;
using ClearanceWorkflow.Infrastructure.Persistence;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

/// <summary>
/// A database built by release 1 (hand-written migrations) upgrades in place to the generated migrations:
/// its history is rewritten to the baseline, its schema is then exactly a fresh database's, no row changes,
/// and the service reads it with the keys it was written with and keeps working on it. A history the
/// migrator does not recognise, or a release-1 history over a schema that is not release 1's, is refused.
/// The work release 1 left to Quartz (open checks, SLA timers) is carried over to Hangfire and Quartz's tables
/// are dropped.
/// </summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.Postgres)]
public sealed class UpgradeTests(DatabaseKind kind)
{
    /// <summary>Rows per table in the fixtures, as release 1 wrote them (same on both databases).</summary>
    private static readonly Dictionary<string, int> FixtureCounts = new(StringComparer.Ordinal)
    {
        ["cases"] = 14,
        ["case_events"] = 53,
        ["clearances"] = 2,
        ["partners"] = 3,
        ["findings"] = 3,
        ["information_requests"] = 1,
        ["outbox_messages"] = 2,
        ["scheduled_work"] = 3,
    };

    private static readonly string[] LedgerTables = ["case_reference_counters", "ledger_blocks"];

    private static readonly string[] ReleaseOneAuditColumns = ["Id", "Sequence", "At", "Actor", "Action", "CaseId", "Detail", "Hash", "PreviousHash"];

    [Test]
    public async Task Migrate_ReleaseOneDatabase_HistoryIsBaselineAndSchemaEqualsFreshDatabase()
    {
        await using var upgraded = await TestDatabase.CreateAsync(kind);
        await using var fresh = await TestDatabase.CreateAsync(kind);
        await ReleaseOne.LoadAsync(upgraded);
        Assert.That(await HistoryAsync(upgraded), Is.EqualTo(DatabaseMigrator.ReleaseOneMigrations));

        await SchemaTests.Migrator(upgraded).MigrateAsync(CancellationToken.None);
        await SchemaTests.Migrator(fresh).MigrateAsync(CancellationToken.None);

        await using var db = new ClearanceDbContext(SchemaTests.Settings(fresh).Options());
        Assert.That(await HistoryAsync(upgraded), Is.EqualTo(db.Database.GetMigrations().ToList()));
        var expected = await SchemaDescription.DescribeAsync(fresh);
        Assert.That(expected, Is.Not.Empty);
        Assert.That(await SchemaDescription.DescribeAsync(upgraded), Is.EqualTo(expected));
    }

    [Test]
    public async Task Migrate_ReleaseOneDatabase_EveryRowIntactAndServiceKeepsWorking()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await ReleaseOne.LoadAsync(database);
        var before = await ReleaseOne.RowsAsync(database);
        var columns = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in before.Keys)
        {
            columns[table] = await ReleaseOne.ColumnsAsync(database, table);
        }

        foreach (var (table, count) in FixtureCounts)
        {
            Assert.That(before[table], Has.Count.EqualTo(count), $"fixture rows in {table}");
        }

        var carried = int.Parse((await RawDatabase.ColumnAsync(database, CarriedOverSql))[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(carried, Is.GreaterThan(0), "release 1 left checks and timers to carry over");

        await SchemaTests.Migrator(database).MigrateAsync(CancellationToken.None);
        var after = await ReleaseOne.RowsAsync(database);
        var quartz = before.Keys.Where(t => t.StartsWith("qrtz_", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.That(quartz, Has.Count.EqualTo(15), "release 1 had Quartz's tables");
        string[] added = [.. LedgerTables, "idempotent_requests", "partner_rate_windows", "clearance_certificates", "board_votes", "vetting_results", "workspace_sessions", "data_protection_keys"];
        Assert.That(after.Keys, Is.EquivalentTo(before.Keys.Except(quartz).Concat(added).Append("clearance_status_changes")), "Quartz's tables are dropped and the later migrations' added, nothing else");
        Assert.That(added.Select(t => after[t]), Is.All.Empty);

        // Each clearance gets one history entry: the status it holds.
        var history = await RawDatabase.ColumnAsync(database, "SELECT \"ClearanceId\" || ':' || \"Status\" || ':' || \"Actor\" FROM \"clearance_status_changes\"");
        var clearances = await RawDatabase.ColumnAsync(database, "SELECT \"Id\" || ':' || \"Status\" || ':system' FROM \"clearances\"");
        Assert.That(clearances, Has.Count.EqualTo(FixtureCounts["clearances"]));
        Assert.That(history, Is.EquivalentTo(clearances), "one entry per clearance, for its status");

        // Release 1's columns are unchanged (later migrations add columns to cases and clearances; SQLite may rebuild a table in another column order).
        foreach (var table in before.Keys.Except(quartz).Where(t => t is not "scheduled_work" and not "audit_events"))
        {
            Assert.That(await ReleaseOne.RowsAsync(database, table, columns[table]), Is.EqualTo(before[table]), $"rows of {table}");
        }

        // Each event gains its ordinal (and on PostgreSQL its writing transaction, ADR 11); release 1's columns are unchanged.
        Assert.That(await ReleaseOne.RowsAsync(database, "audit_events", ReleaseOneAuditColumns), Is.EqualTo(before["audit_events"]), "rows of audit_events");

        // Each event's stored stage-change flag is filled in from its stages.
        Assert.That(await RawDatabase.ColumnAsync(database, StageChangedSql + " <> CASE WHEN \"FromStage\" <> \"ToStage\" THEN 1 ELSE 0 END"), Is.EqualTo(new[] { "0" }));
        Assert.That(int.Parse((await RawDatabase.ColumnAsync(database, StageChangedSql + " = 1"))[0], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0));

        Assert.That(after["scheduled_work"], Is.SupersetOf(before["scheduled_work"]));
        Assert.That(after["scheduled_work"], Has.Count.EqualTo(before["scheduled_work"].Count + carried), "a row per open check and per open case's timer");

        await using var factory = new ApiFactory(database, ReleaseOne.UseKeys);
        await CarriedOverWorkDoneAsync(factory, database);
        using var auditor = factory.ClientFor("audrey-upgrade", "auditor");
        // The first sealing run puts release 1's chained events into signed blocks.
        await factory.AllSealedAsync();
        var digest = await Json(await auditor.GetAsync("/api/v1/audit/digest"));
        Assert.That(digest.GetProperty("events").GetInt64(), Is.GreaterThanOrEqualTo(before["audit_events"].Count));
        var verified = await Json(await auditor.GetAsync("/api/v1/audit/verify"));
        Assert.That(verified.GetProperty("valid").GetBoolean(), Is.True);
        Assert.That(verified.GetProperty("events").GetInt64(), Is.EqualTo(await CountAsync(database, "audit_events")));
        Assert.That(verified.GetProperty("events").GetInt64(), Is.GreaterThanOrEqualTo(before["audit_events"].Count));

        // Encrypted personal data written by release 1 decrypts with its keys.
        var driver = new CaseDriver(factory);
        using var adjudicator = factory.ClientFor("adam-fixture", "adjudicator");
        var reviewId = await CaseOfAsync(database, "subj-revere");
        var review = await driver.GetCaseAsync(adjudicator, reviewId);
        Assert.That(review.GetProperty("stage").GetString(), Is.EqualTo("review"));
        Assert.That(review.GetProperty("status").GetString(), Is.EqualTo("AwaitingApplicant"));
        Assert.That(review.GetProperty("subject").GetProperty("familyName").GetString(), Is.EqualTo("Doe"));
        Assert.That(review.GetProperty("subject").GetProperty("email").GetString(), Is.EqualTo("jane.doe@example.org"));
        Assert.That(review.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("stage").GetString()), Is.EqualTo(new[] { "application", "background-check", "review" }),
            "the stage history of a release-1 case, read by its events' stage-change flag");

        using var admin = factory.ClientFor("root-upgrade", "admin");
        var partners = await Json(await admin.GetAsync("/api/v1/partners"));
        Assert.That(partners.EnumerateArray().Select(p => p.GetProperty("partnerId").GetString()), Is.EquivalentTo(new[] { "agency-de", "agency-fr", "agency-nl" }));
        Assert.That(partners.EnumerateArray().Single(p => p.GetProperty("partnerId").GetString() == "agency-fr").GetProperty("name").GetString(), Is.EqualTo("Direction des partenaires"));

        // The blind index written by release 1 still finds the clearance granted ten years before the fixtures were made.
        using var partner = factory.PartnerClient("pat-upgrade", "agency-de");
        var answer = await Json(await partner.PostAsJsonAsync("/api/v1/reciprocity/queries", new
        {
            subject = new { nationalId = "OL-100001", familyName = "Oldham", dateOfBirth = "1988-02-14" },
            purpose = "employment",
        }));
        Assert.That(answer.GetProperty("match").GetBoolean(), Is.True);

        // One more step on an upgraded case: the applicant answers, the case goes back to the adjudicator.
        using var applicant = factory.ClientFor("subj-revere", "applicant");
        var versionBefore = await VersionAsync(database, reviewId);
        var answered = await driver.ActOkAsync(applicant, reviewId, "provide-information", new { answers = new[] { "Repaid in full in 2020." } });
        Assert.That(answered.GetProperty("status").GetString(), Is.EqualTo("InProgress"));
        Assert.That(await VersionAsync(database, reviewId), Is.GreaterThan(versionBefore));

        var decisionId = await CaseOfAsync(database, "subj-decker");
        var granted = await driver.ActOkAsync(adjudicator, decisionId, "grant", CaseDriver.GrantBody());
        Assert.That(granted.GetProperty("status").GetString(), Is.EqualTo("Granted"));
        Assert.That(await CountAsync(database, "clearances"), Is.EqualTo(before["clearances"].Count + 1));
        await factory.AllSealedAsync();
        var reverified = await Json(await auditor.GetAsync("/api/v1/audit/verify"));
        Assert.That(reverified.GetProperty("valid").GetBoolean(), Is.True);
        Assert.That(reverified.GetProperty("events").GetInt64(), Is.GreaterThan(verified.GetProperty("events").GetInt64()));
    }

    [Test]
    public async Task Upgrade_ChecksAndTimersReleaseOneLeftToQuartz_ContinueOnHangfire()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await ReleaseOne.LoadAsync(database);
        var open = await RawDatabase.ColumnAsync(database, "SELECT k.\"Kind\" FROM investigation_checks k JOIN cases c ON c.\"Id\" = k.\"CaseId\" WHERE c.\"SubjectId\" = 'subj-backer' AND k.\"Status\" IN ('Pending', 'Running')");
        Assert.That(open, Is.Not.Empty, "the fixture has checks Quartz was still to run");
        var timed = (await RawDatabase.ColumnAsync(database, "SELECT \"Id\" FROM cases WHERE \"Stage\" <> 'closed' AND \"DueAt\" IS NOT NULL")).Select(Guid.Parse).ToList();
        await using var provider = FakeProvider.Start();
        provider.Respond = _ => ProviderReply.Clear();

        await using var factory = new ApiFactory(database, s =>
        {
            ReleaseOne.UseKeys(s);
            s["Verification:Automated"] = "true";
            s["Verification:BaseUrl"] = provider.BaseUrl.ToString();
            s["Jobs:DispatchInterval"] = "00:00:01";
        });
        var backer = await CaseOfAsync(database, "subj-backer");
        var driver = new CaseDriver(factory);
        using var investigator = factory.ClientFor("ivan-upgrade", "investigator");
        var checks = await Eventually.Until(
            async () => (await driver.GetInvestigationAsync(investigator, backer)).GetProperty("checks").EnumerateArray().Select(c => c.Clone()).ToList(),
            all => all.All(c => c.GetProperty("status").GetString() is "Clear" or "Flagged" or "Unable"),
            "the checks release 1 left open to end on Hangfire");

        Assert.That(provider.CallsFor(backer).Select(c => c.Kind), Is.EquivalentTo(open), "each open check verified once; the finished ones left alone");
        Assert.That(checks.Where(c => open.Contains(c.GetProperty("kind").GetString()!)).Select(c => c.GetProperty("summary").GetString()), Is.All.EqualTo("fake provider: Clear"));
        foreach (var id in timed)
        {
            await Eventually.Until(() => SlaTimers.JobId(factory.Storage(), id) is not null, $"the SLA timer of open case {id} to be armed on Hangfire");
        }
    }

    [Test]
    public async Task Migrate_ReleaseOneDatabaseFromFourNodesAtOnce_AdoptedOnce()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await ReleaseOne.LoadAsync(database);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SchemaTests.Migrator(database).MigrateAsync(CancellationToken.None))));

        await using var db = new ClearanceDbContext(SchemaTests.Settings(database).Options());
        Assert.That(await HistoryAsync(database), Is.EqualTo(db.Database.GetMigrations().ToList()));
    }

    [Test]
    public async Task Migrate_HistoryWithAnUnknownMigration_FailsAndChangesNothing()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await SchemaTests.Migrator(database).MigrateAsync(CancellationToken.None);
        await RawDatabase.ExecuteAsync(database, "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('20990101000000_FromTheFuture', '99.0.0')");
        var history = await HistoryAsync(database);

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => SchemaTests.Migrator(database).MigrateAsync(CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("20990101000000_FromTheFuture").And.Contain("not changed"));
        Assert.That(await HistoryAsync(database), Is.EqualTo(history));
    }

    [Test]
    public async Task Migrate_PartOfReleaseOneHistory_FailsAndChangesNothing()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await ReleaseOne.LoadAsync(database);
        await RawDatabase.ExecuteAsync(database, "DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = '20261124000000_PartnersAndAgreements'");

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => SchemaTests.Migrator(database).MigrateAsync(CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("20261123000000_InitialSchema"));
        Assert.That(await HistoryAsync(database), Is.EqualTo(DatabaseMigrator.ReleaseOneMigrations.Take(2)));
    }

    [Test]
    public async Task Migrate_ReleaseOneHistoryOverAnotherSchema_FailsAndChangesNothing()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await ReleaseOne.LoadAsync(database);
        await RawDatabase.ExecuteAsync(database, "ALTER TABLE partners DROP COLUMN \"DeactivatedAt\"");

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => SchemaTests.Migrator(database).MigrateAsync(CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("partners.DeactivatedAt is missing"));
        Assert.That(await HistoryAsync(database), Is.EqualTo(DatabaseMigrator.ReleaseOneMigrations));
    }

    /// <summary>
    /// The work release 1 left reaches Hangfire as the service starts, and what is already due runs at once: an open
    /// case's SLA passed by the time the test runs (the fixtures' due dates are fixed, the clock is not) is breached,
    /// which writes to the trail and moves the case's version. What the test reads and does must come after it: no
    /// row left in the scheduler outbox, and no job running, enqueued or due, twice in a row. Notification delivery,
    /// which writes neither, may wait on its lock for minutes and is not waited for.
    /// </summary>
    private static async Task CarriedOverWorkDoneAsync(ApiFactory factory, TestDatabase database)
    {
        var quiet = 0;
        await Eventually.Until(
            async () =>
            {
                var due = TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(2);
                var busy = factory.AllJobs()
                    .Where(j => j.Job?.Type != typeof(OutboxDispatchJob) && (j.State is "Enqueued" or "Processing" || (j.State == "Scheduled" && j.EnqueueAt <= due)))
                    .Select(j => $"{j.Job?.Type.Name} {j.State}").ToList();
                var outbox = await CountAsync(database, "scheduled_work");
                quiet = outbox == 0 && busy.Count == 0 ? quiet + 1 : 0;
                return (quiet, outbox, busy: string.Join(", ", busy));
            },
            state => state.quiet >= 2,
            "the work carried over from release 1 that is already due to end",
            TimeSpan.FromMinutes(2));
    }

    /// <summary>How many rows the upgrade puts into the scheduler outbox: open checks of cases in background-check, and open cases with a due time.</summary>
    private const string StageChangedSql = "SELECT COUNT(*) FROM \"case_events\" WHERE CAST(\"StageChanged\" AS INTEGER)";

    private const string CarriedOverSql = "SELECT (SELECT COUNT(*) FROM investigation_checks k JOIN cases c ON c.\"Id\" = k.\"CaseId\" WHERE c.\"Stage\" = 'background-check' AND k.\"Status\" IN ('Pending', 'Running')) + (SELECT COUNT(*) FROM cases WHERE \"Stage\" <> 'closed' AND \"DueAt\" IS NOT NULL) AS n";

    private static Task<List<string>> HistoryAsync(TestDatabase database) =>
        RawDatabase.ColumnAsync(database, "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\"");

    private static async Task<long> CountAsync(TestDatabase database, string table) =>
        long.Parse((await RawDatabase.ColumnAsync(database, $"SELECT COUNT(*) FROM {table}"))[0], System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<int> VersionAsync(TestDatabase database, Guid caseId) =>
        int.Parse((await RawDatabase.ColumnAsync(database, $"SELECT \"Version\" FROM cases WHERE \"Id\" = '{(database.Kind == DatabaseKind.Sqlite ? caseId.ToString().ToUpperInvariant() : caseId)}'")).Single(), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<Guid> CaseOfAsync(TestDatabase database, string subjectId) =>
        Guid.Parse((await RawDatabase.ColumnAsync(database, $"SELECT \"Id\" FROM cases WHERE \"SubjectId\" = '{subjectId}' AND \"Type\" = 'Initial'")).Single());

    private static async Task<System.Text.Json.JsonElement> Json(HttpResponseMessage response)
    {
        await CaseDriver.Expect(response, HttpStatusCode.OK);
        return await CaseDriver.Json(response);
    }

    /// <summary>The table's column names, in its order.</summary>
    private static async Task<List<string>> ColumnsAsync(TestDatabase database, string table)
    {
        await using var connection = RawDatabase.Open(database);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE 1 = 0";
        await using var reader = await command.ExecuteReaderAsync();
        return [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];
    }
}
