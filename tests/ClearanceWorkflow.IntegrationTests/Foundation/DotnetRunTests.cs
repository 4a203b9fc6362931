using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Foundation;

/// <summary>The README's first command, <c>dotnet run --project src/ClearanceWorkflow.Api</c>, listens where <c>ASPNETCORE_URLS</c> says.</summary>
public sealed class DotnetRunTests
{
    [Test]
    public async Task DotnetRun_AspNetCoreUrlsSet_ListensThereInDevelopment()
    {
        var folder = Directory.CreateTempSubdirectory("clearance-run-").FullName;
        try
        {
            var url = LoopbackServer.NothingListening();
            using var service = await ServiceProcess.StartWithDotnetRunAsync(folder, new Dictionary<string, string?> { ["DataPath"] = folder }, url);

            using var client = new HttpClient { BaseAddress = url };
            var reference = await client.GetAsync("/docs");
            Assert.That(reference.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), "the launch profile's Development environment, which serves /docs");
            Assert.That(File.Exists(Path.Combine(folder, "clearance.db")), Is.True, "the data folder given is used");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
