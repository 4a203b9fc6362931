using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

/// <summary>
/// SQLite runs one node: a second service process on the same SQLite data folder refuses to start and says
/// which folder; once the first process is killed (<c>kill -9</c>), the folder is free again. A migration and a
/// <c>rekey</c> never run at once on one folder.
/// </summary>
public sealed class DataFolderLockTests
{
    [Test]
    public async Task SecondProcess_SameSqliteFolder_RefusesToStartNamingTheFolder()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var settings = new Dictionary<string, string?>(new TestKeys().Settings())
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Clearance"] = database.ConnectionString,
            ["DataPath"] = database.Directory,
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Verification:Automated"] = "false",
        };

        using (await ServiceProcess.StartAsync(database.Directory, settings, LoopbackServer.NothingListening()))
        {
            var second = new Dictionary<string, string?>(settings) { ["ASPNETCORE_URLS"] = LoopbackServer.NothingListening().ToString().TrimEnd('/') };
            var (exitCode, stdout, stderr) = await ServiceProcess.RunAsync(database.Directory, second);

            Assert.That(exitCode, Is.Not.Zero, "the second process must not run");
            Assert.That(stdout + stderr, Does.Contain($"SQLite data folder '{database.Directory}'").And.Contain("one node only"));
        }

        // The first process was killed: its lock went with it.
        using var next = await ServiceProcess.StartAsync(database.Directory, settings, LoopbackServer.NothingListening());
        Assert.That(next.Process.HasExited, Is.False);
    }

    [Test]
    public async Task MigrateAndRekey_WhileAnotherProcessHoldsTheMaintenanceLock_AreRefused_AndRunOnceItIsFree()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var keys = new TestKeys();
        var settings = new Dictionary<string, string?>(keys.Settings())
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Clearance"] = database.ConnectionString,
            ["DataPath"] = database.Directory,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var migrated = await ServiceProcess.RunAsync(database.Directory, settings, "migrate");
        Assert.That(migrated.ExitCode, Is.Zero, migrated.Stderr + migrated.Stdout);

        using (new FileStream(Path.Combine(database.Directory, "maintenance.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            foreach (var verb in new[] { "migrate", "rekey" })
            {
                var (exitCode, stdout, stderr) = await ServiceProcess.RunAsync(database.Directory, settings, verb);
                Assert.That(exitCode, Is.EqualTo(1), verb + ": " + stderr + stdout);
                Assert.That(stderr, Does.Contain("maintenance.lock").And.Not.Contain("   at "), verb);
            }
        }

        var rekeyed = await ServiceProcess.RunAsync(database.Directory, settings, "rekey");
        Assert.That(rekeyed.ExitCode, Is.Zero, rekeyed.Stderr + rekeyed.Stdout);
        Assert.That(rekeyed.Stdout, Does.Contain("all personal data is under key 'k1'"));
    }
}
