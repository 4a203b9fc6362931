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

    [Test]
    public async Task Restart_WithoutTheVersionOnlyClosedCasesRanOn_StartsAndAnActionOnOneIs409()
    {
        // Startup lets it go (no open case needs it); an action sent to such a case was a 500.
        await using var database = await TestDatabase.CreateAsync(kind);
        var workflows = Directory.CreateTempSubdirectory("clearance-workflows-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "workflows"), "clearance.v*.json"))
            {
                File.Copy(file, Path.Combine(workflows, Path.GetFileName(file)));
            }

            var keys = new TestKeys();
            Guid id;
            await using (var onVersionOne = new ApiFactory(database, s => { s["Workflows:Path"] = workflows; s["Workflows:Active:clearance"] = "1"; }, keys: keys))
            {
                using var applicant = onVersionOne.ClientFor("alice-closed-version", "applicant");
                var driver = new CaseDriver(onVersionOne);
                id = (await driver.ApplyAsync(applicant)).GetProperty("id").GetGuid();
                await driver.ActOkAsync(applicant, id, "withdraw", new { reason = "I accepted a position elsewhere." });
            }

            File.Delete(Path.Combine(workflows, "clearance.v1.json"));
            await using var restarted = new ApiFactory(database, s => s["Workflows:Path"] = workflows, keys: keys);
            using var again = restarted.ClientFor("alice-closed-version", "applicant");

            var refused = await CaseDriver.ExpectProblem(await new CaseDriver(restarted).ActAsync(again, id, "withdraw", new { reason = "Again." }), System.Net.HttpStatusCode.Conflict);

            Assert.That(refused.GetProperty("detail").GetString(), Does.Contain("'clearance' v1").And.Contain("no longer has"));
        }
        finally
        {
            Directory.Delete(workflows, recursive: true);
        }
    }
}
