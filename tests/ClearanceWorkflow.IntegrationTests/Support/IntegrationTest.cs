using System.Net.Http.Json;
using System.Text.Json;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Support;

/// <summary>
/// Base of the tests that run the same cases against each database kind: derived fixtures carry
/// <c>[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]</c> (SQLite, PostgreSQL, and
/// SQL Server when configured). Each fixture gets a fresh database and its own service.
/// </summary>
public abstract class IntegrationTest(DatabaseKind kind)
{
    public static readonly JsonSerializerOptions JsonOptions = Json.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    protected DatabaseKind Kind { get; } = kind;

    protected TestDatabase Database { get; private set; } = null!;

    protected ApiFactory Factory { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartServiceAsync()
    {
        Database = await TestDatabase.CreateAsync(Kind);
        Factory = CreateFactory(Database);
        _ = Factory.Server;
    }

    [OneTimeTearDown]
    public async Task StopServiceAsync()
    {
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }

    protected virtual ApiFactory CreateFactory(TestDatabase database) => new(database);

    /// <summary>A user id no other test in the fixture uses.</summary>
    protected static string NewUser(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>Runs a query against the service's database, in a scope of its own.</summary>
    protected async Task<T> InDatabaseAsync<T>(Func<ClearanceDbContext, Task<T>> query, ApiFactory? on = null)
    {
        await using var scope = (on ?? Factory).Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ClearanceDbContext>());
    }

    protected static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text.Length == 0 ? "null" : text).RootElement.Clone();
    }

    protected static async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(JsonOptions))!;
}
