using System.Text.RegularExpressions;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Infrastructure.Persistence;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace ClearanceWorkflow.UnitTests.Persistence;

/// <summary>Choosing the provider from configuration, and what each provider's model asks of the database. No server is contacted.</summary>
public sealed class DatabaseSettingsTests
{
    private const string SqlServerConnection = "Server=127.0.0.1,1433;Database=clearance;User Id=sa;Password=unused;TrustServerCertificate=True";

    [TestCase("SqlServer")]
    [TestCase("sqlserver")]
    [TestCase("SQLSERVER")]
    public void From_SqlServerInAnyCase_ChoosesSqlServerWithTheConfiguredConnectionString(string provider)
    {
        var settings = DatabaseSettings.From(Configuration(provider, SqlServerConnection));
        Assert.That(settings.Provider, Is.EqualTo(DatabaseProvider.SqlServer));
        Assert.That(settings.ConnectionString, Is.EqualTo(SqlServerConnection));
    }

    [Test]
    public void From_SqlServerWithoutConnectionString_FailsNamingConnectionStringsClearance()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => DatabaseSettings.From(Configuration("SqlServer", connectionString: null)));
        Assert.That(failure!.Message, Does.Contain("ConnectionStrings__Clearance"));
    }

    [Test]
    public void From_UnknownProvider_FailsNamingEveryProvider()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => DatabaseSettings.From(Configuration("Oracle", SqlServerConnection)));
        Assert.That(failure!.Message, Does.Contain("Database__Provider").And.Contain("Sqlite").And.Contain("Postgres").And.Contain("SqlServer"));
    }

    [Test]
    public void From_PostgresWithoutMaxAutoPrepare_PreparesFrequentStatements()
    {
        var settings = DatabaseSettings.From(Configuration("Postgres", "Host=127.0.0.1;Port=5432;Username=clearance;Database=clearance"));
        var connection = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        Assert.That((connection.MaxAutoPrepare, connection.Host, connection.Database), Is.EqualTo((64, "127.0.0.1", "clearance")));
    }

    [TestCase("Max Auto Prepare=0", 0)]
    [TestCase("maxautoprepare=10", 10)]
    [TestCase("MAX AUTO PREPARE=200", 200)]
    public void From_PostgresSettingMaxAutoPrepare_KeepsTheOperatorsValue(string setting, int expected)
    {
        var settings = DatabaseSettings.From(Configuration("Postgres", $"Host=127.0.0.1;Database=clearance;{setting}"));
        Assert.That(new NpgsqlConnectionStringBuilder(settings.ConnectionString).MaxAutoPrepare, Is.EqualTo(expected));
    }

    [Test]
    public void NewContext_HasNoAutomaticSavepoints()
    {
        using var db = new ClearanceDbContext(DatabaseSettings.From(Configuration("Postgres", "Host=127.0.0.1;Database=clearance")).Options());
        Assert.That(db.Database.AutoSavepointsEnabled, Is.False);
    }

    [Test]
    public void Options_SqlServer_UseTheSqlServerProvider()
    {
        using var db = new ClearanceDbContext(DatabaseSettings.From(Configuration("SqlServer", SqlServerConnection)).Options());
        Assert.That(db.Database.IsSqlServer(), Is.True);
        var connection = new SqlConnectionStringBuilder(db.Database.GetConnectionString());
        Assert.That((connection.DataSource, connection.InitialCatalog), Is.EqualTo(("127.0.0.1,1433", "clearance")));
    }

    [Test]
    public void CreateScript_SqlServer_EveryTextColumnComparesExactly()
    {
        using var db = new ClearanceDbContext(DatabaseSettings.From(Configuration("SqlServer", SqlServerConnection)).Options());
        var textColumns = db.Database.GenerateCreateScript().Split('\n').Where(l => Regex.IsMatch(l, @"^\s+\[\w+\] nvarchar\(")).ToList();
        Assert.That(textColumns, Has.Count.GreaterThan(40), "the script lists the text columns");
        Assert.That(textColumns, Has.All.Contain($" COLLATE {ClearanceDbContext.SqlServerCollation} "));
        Assert.That(textColumns, Has.Some.Contains("[SubjectId] nvarchar(200) COLLATE Latin1_General_100_BIN2 NOT NULL"));
    }

    [Test]
    public void CreateScript_Sqlite_NamesNoCollation()
    {
        var directory = Path.Combine(Path.GetTempPath(), "cw-unit", Guid.NewGuid().ToString("N"));
        using var db = new ClearanceDbContext(DatabaseSettings.From(Configuration("Sqlite", $"Data Source={Path.Combine(directory, "c.db")}")).Options());
        var script = db.Database.GenerateCreateScript();
        Assert.That(script, Does.Contain("\"SubjectId\" TEXT NOT NULL"));
        Assert.That(script, Does.Not.Contain("COLLATE"));
    }

    private static IConfiguration Configuration(string provider, string? connectionString) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Clearance"] = connectionString,
            ["DataPath"] = Path.GetTempPath(),
        })
        .Build();
}
