using System.Net;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.IntegrationTests.Privacy;

/// <summary>
/// What a stolen database file or a log shipper would hold: no plaintext personal data. Views by anyone
/// but the subject are audited.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class ProtectionTests(DatabaseKind kind) : IntegrationTest(kind)
{
    private Guid _caseId;

    /// <summary>Every category at Debug, so the log test sees what an operator turning logging up would see.</summary>
    protected override ApiFactory CreateFactory(TestDatabase database) => new(database, s =>
    {
        s["Logging:LogLevel:Default"] = "Debug";
        s["Logging:LogLevel:Microsoft"] = "Debug";
        s["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug";
        s["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Debug";
        s["Logging:LogLevel:Hangfire"] = "Debug";
    });

    [OneTimeSetUp]
    public async Task DriveCaseAsync() => _caseId = await PrivacySubject.DriveFullCaseAsync(Factory, "applicant-7f3a");

    [Test]
    public async Task Storage_AfterAFullCase_HoldsNoPlaintextPersonalData()
    {
        var stored = await RawDatabase.EverythingStoredAsync(Database);
        Assert.That(stored, Does.Contain("CW-"), "the scan reads the real data (references are stored in the clear)");
        foreach (var secret in PrivacySubject.Secrets)
        {
            Assert.That(stored, Does.Not.Contain(secret).IgnoreCase, $"'{secret}' is stored in plaintext");
        }
    }

    [Test]
    public async Task Storage_PersonalColumns_AreCiphertextsNamingTheirKey()
    {
        var personal = await RawDatabase.ColumnAsync(Database, "SELECT \"PersonalDataCipher\" FROM cases");
        Assert.That(personal, Is.Not.Empty);
        Assert.That(personal, Has.All.StartsWith("enc1:k1:"));
        var index = await RawDatabase.ColumnAsync(Database, "SELECT \"NationalIdIndex\" FROM cases");
        Assert.That(index, Has.All.Match("^[0-9a-f]{64}$"), "a keyed blind index, not the identifier");
    }

    [Test]
    public async Task Storage_WholePersonFactors_AreACiphertextNamingItsKey()
    {
        var factors = await RawDatabase.ColumnAsync(Database, "SELECT \"WholePersonCipher\" FROM findings");
        Assert.That(factors, Has.Count.EqualTo(1));
        Assert.That(factors, Has.All.StartsWith("enc1:k1:"));
        Assert.That(await RawDatabase.EverythingStoredAsync(Database), Does.Not.Contain("ageAtConduct").IgnoreCase.And.Not.Contain("OneToFiveYears"));
    }

    [Test]
    public void Logs_DebugLevelOverAFullCase_HoldNoPersonalData()
    {
        var lines = Factory.Logs.Lines.ToList();
        Assert.That(lines, Has.Count.GreaterThan(50), "Debug logging was captured");
        foreach (var secret in PrivacySubject.Secrets)
        {
            var leaks = lines.Where(l => l.Contains(secret, StringComparison.OrdinalIgnoreCase)).Take(3).ToList();
            Assert.That(leaks, Is.Empty, $"'{secret}' appears in the logs");
        }
    }

    [Test]
    public async Task GetCase_ByStaff_AuditedAsViewedByThem()
    {
        using var officer = Factory.ClientFor("sofia-officer", "security-officer");
        await CaseDriver.Expect(await officer.GetAsync($"/api/v1/cases/{_caseId}"), HttpStatusCode.OK);
        using var investigator = Factory.ClientFor("ivo-investigator", "investigator");
        await CaseDriver.Expect(await investigator.GetAsync($"/api/v1/cases/{_caseId}/investigation"), HttpStatusCode.OK);

        var events = await AuditEventsAsync();
        Assert.That(events, Has.Some.EqualTo(("sofia-officer", "case.viewed")));
        Assert.That(events, Has.Some.EqualTo(("ivo-investigator", "investigation.viewed")));
    }

    [Test]
    public async Task GetCase_BySubject_NotAuditedAsAView()
    {
        using var subject = Factory.ClientFor("applicant-7f3a", "applicant");
        await CaseDriver.Expect(await subject.GetAsync($"/api/v1/cases/{_caseId}"), HttpStatusCode.OK);
        Assert.That(await AuditEventsAsync(), Has.None.EqualTo(("applicant-7f3a", "case.viewed")));
    }

    private Task<List<(string Actor, string Action)>> AuditEventsAsync() => AuditEventsAsync(Database);

    internal static async Task<List<(string Actor, string Action)>> AuditEventsAsync(TestDatabase database)
    {
        // One query: events not sealed yet have no sequence, so two queries could list them in different orders.
        var rows = await RawDatabase.RowsAsync(database, "SELECT \"Actor\", \"Action\" FROM audit_events ORDER BY \"Sequence\"");
        return [.. rows.Select(r => (r[0], r[1]))];
    }

    /// <summary>Every encrypted value in the database: each string column of the model whose property ends in <c>Cipher</c>.</summary>
    internal static async Task<List<string>> AllCiphertextsAsync(TestDatabase database)
    {
        var all = new List<string>();
        foreach (var (table, column) in CipherColumns())
        {
            all.AddRange((await RawDatabase.ColumnAsync(database, $"SELECT \"{column}\" FROM {table} WHERE \"{column}\" IS NOT NULL")).Where(v => v.Length > 0));
        }

        return all;
    }

    internal static List<(string Table, string Column)> CipherColumns()
    {
        using var db = new ClearanceDbContext(new DbContextOptionsBuilder<ClearanceDbContext>().UseSqlite("Data Source=:memory:").Options);
        return [.. db.Model.GetEntityTypes()
            .SelectMany(e => e.GetProperties()
                .Where(p => p.ClrType == typeof(string) && p.Name.EndsWith("Cipher", StringComparison.Ordinal))
                .Select(p => (e.GetTableName()!, p.GetColumnName())))
            .OrderBy(c => c.Item1, StringComparer.Ordinal).ThenBy(c => c.Item2, StringComparer.Ordinal)];
    }

    [Test]
    public void CipherColumns_IncludeEveryEncryptedColumnTheTestsWrite()
    {
        Assert.That(CipherColumns(), Is.SupersetOf(new[]
        {
            ("cases", "PersonalDataCipher"), ("findings", "MitigationCipher"), ("information_requests", "QuestionsCipher"),
            ("clearance_status_changes", "RationaleCipher"), ("board_votes", "RationaleCipher"),
        }));
    }
}
