using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>
/// A case stays on the workflow version it started on. A service restarted without that version's file refuses to start,
/// naming the file and the open cases on it: it used to start, then answer 500 on every request about those cases.
/// </summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.Postgres)]
public sealed class MissingWorkflowVersionTests(DatabaseKind kind)
{
    [Test]
    public async Task Restart_WithoutTheVersionAnOpenCaseRunsOn_RefusesToStartNamingIt()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var workflows = Directory.CreateTempSubdirectory("clearance-workflows-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "workflows"), "clearance.v*.json"))
            {
                File.Copy(file, Path.Combine(workflows, Path.GetFileName(file)));
            }

            var keys = new TestKeys();
            await using (var onVersionOne = new ApiFactory(database, s => { s["Workflows:Path"] = workflows; s["Workflows:Active:clearance"] = "1"; }, keys: keys))
            {
                using var applicant = onVersionOne.ClientFor("alice-missing-version", "applicant");
                await new CaseDriver(onVersionOne).ApplyAsync(applicant);
            }

            File.Delete(Path.Combine(workflows, "clearance.v1.json"));
            await using var restarted = new ApiFactory(database, s => s["Workflows:Path"] = workflows, keys: keys);

            var refusal = Assert.Catch(() => _ = restarted.Server);

            Assert.That(refusal!.ToString(), Does.Contain("clearance.v1.json").And.Contain("1 open case runs on it"));
        }
        finally
        {
            Directory.Delete(workflows, recursive: true);
        }
    }
}
