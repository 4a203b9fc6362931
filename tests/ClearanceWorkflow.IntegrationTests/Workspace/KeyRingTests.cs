using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Workspace;

/// <summary>
/// The key ring that protects the workspace's session cookie and antiforgery tokens is in the database: what one
/// node protected, another node (PostgreSQL, SQL Server) or the same service after a restart (every database)
/// reads; its keys are stored encrypted with the service's data key, and a service with other keys cannot use them.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class KeyRingTests(DatabaseKind kind)
{
    private const string Purpose = "a workspace session";

    [Test]
    public async Task SessionProtection_ReadByAnotherNodeAndAfterARestart_KeysEncryptedAtRest()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var first = new ApiFactory(database);
        var keys = first.Keys;
        var session = Protector(first).Protect("session of adam");
        if (kind == DatabaseKind.Sqlite)
        {
            // One node on SQLite: the next is the same service started again.
            await first.DisposeAsync();
        }

        await using var next = new ApiFactory(database, keys: keys);
        Assert.That(Protector(next).Unprotect(session), Is.EqualTo("session of adam"));
        if (kind != DatabaseKind.Sqlite)
        {
            await first.DisposeAsync();
        }

        await using var scope = next.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<ClearanceDbContext>().DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync();
        Assert.That(stored, Has.Count.EqualTo(1), "one key ring, not one per node");
        Assert.That(stored[0], Does.Contain("encryptedKey").And.Not.Contain("<value>"), "the key is stored encrypted, not as ASP.NET writes it by default");
        await next.DisposeAsync();

        await using var stranger = new ApiFactory(database);
        Assert.That(() => Protector(stranger).Unprotect(session), Throws.InstanceOf<System.Security.Cryptography.CryptographicException>(),
            "without the service's data key the stored key ring is of no use");
        Assert.That(Protector(stranger).Unprotect(Protector(stranger).Protect("new session")), Is.EqualTo("new session"), "a new key is made: staff sign in again");
    }

    private static IDataProtector Protector(ApiFactory node) =>
        node.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
}
