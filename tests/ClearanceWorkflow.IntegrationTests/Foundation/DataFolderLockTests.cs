using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

/// <summary>
/// SQLite runs one node: a second service process on the same SQLite data folder refuses to start and says
/// which folder; once the first process is killed (<c>kill -9</c>), the folder is free again.
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
}
