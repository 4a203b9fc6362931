using System.Net;
using System.Net.Http.Json;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Clearances;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.IntegrationTests.Lifecycle;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Clearances;

/// <summary>
/// Commands that rely on a clearance's state without changing it, while the clearance changes under them, on PostgreSQL,
/// where two commands' transactions run side by side (on SQLite each command holds the write lock from its start, so they
/// cannot interleave).
/// </summary>
public sealed class ClearanceRaceTests() : LifecycleTest(DatabaseKind.Postgres)
{
    private const string Rationale = "Questionnaire and the first checks raise no concern; the sponsor needs access now.";

    /// <summary>Runs <see cref="During"/> once, while a certificate is being issued (after its clearance was read).</summary>
    private sealed class RendererWithAHook(ICertificateRenderer inner) : ICertificateRenderer
    {
        public static Func<Task>? During;

        public byte[] Render(CertificateContent content)
        {
            Interlocked.Exchange(ref During, null)?.Invoke().GetAwaiter().GetResult();
            return inner.Render(content);
        }
    }

    /// <summary>Runs <see cref="During"/> once, when the text <see cref="Marker"/> is encrypted (an incident's summary, after its clearance was read).</summary>
    private sealed class ProtectorWithAHook(IDataProtector inner) : IDataProtector
    {
        public const string Marker = "Reported while the sweep expires the clearance.";

        public static Func<Task>? During;

        public string ActiveKeyId => inner.ActiveKeyId;

        public string Protect(string plaintext)
        {
            if (plaintext == Marker)
            {
                Interlocked.Exchange(ref During, null)?.Invoke().GetAwaiter().GetResult();
            }

            return inner.Protect(plaintext);
        }

        public string Unprotect(string ciphertext) => inner.Unprotect(ciphertext);

        public string KeyIdOf(string ciphertext) => inner.KeyIdOf(ciphertext);

        public string PrefixOf(string keyId) => inner.PrefixOf(keyId);
    }

    protected override ApiFactory CreateFactory(TestDatabase database) => new(database, services: s =>
    {
        s.AddSingleton<Infrastructure.Certificates.PdfCertificateRenderer>();
        s.AddSingleton<ICertificateRenderer>(sp => new RendererWithAHook(sp.GetRequiredService<Infrastructure.Certificates.PdfCertificateRenderer>()));
        var protector = (IDataProtector)s.Last(d => d.ServiceType == typeof(IDataProtector)).ImplementationInstance!;
        s.AddSingleton<IDataProtector>(new ProtectorWithAHook(protector));
    });

    [Test]
    public async Task Certificate_InterimWithdrawnWhileItIsIssued_409AndNoCertificate()
    {
        using var alice = NewApplicant(out var aliceId);
        var id = await Driver.SubmittedCaseAsync(alice);
        await Driver.ActOkAsync(Adjudicator, id, "grant-interim", new { level = "Secret", rationale = Rationale });
        RendererWithAHook.During = () => Driver.ActOkAsync(Adjudicator, id, "withdraw-interim", new { rationale = "New information came to light." });

        var answer = await alice.GetAsync("/api/v1/me/clearance/certificate");

        await CaseDriver.ExpectProblem(answer, HttpStatusCode.Conflict);
        Assert.That(RendererWithAHook.During, Is.Null, "the withdrawal ran while the certificate was issued");
        var clearance = await InDatabaseAsync(db => db.Clearances.AsNoTracking().SingleAsync(c => c.SubjectId == aliceId));
        Assert.That(clearance.Status, Is.EqualTo(ClearanceStatus.Withdrawn));
        Assert.That(await InDatabaseAsync(db => db.ClearanceCertificates.CountAsync(c => c.ClearanceId == clearance.Id)), Is.Zero,
            "no certificate dated after the withdrawal, which a re-grant of the interim the same day would make valid again");
    }

    [Test]
    public async Task Incident_ClearanceExpiredByTheSweepWhileItIsReported_409AndNoEvaluation()
    {
        using var officer = Staff("sofia", out _, "security-officer");
        using var alice = NewApplicant(out var aliceId);
        var id = await Driver.CaseInDecisionAsync(alice, Investigator, Adjudicator);
        await Driver.ActOkAsync(Adjudicator, id, "grant", CaseDriver.GrantBody());
        var clearanceId = await InDatabaseAsync(db => db.Clearances.Where(c => c.SubjectId == aliceId).Select(c => c.Id).SingleAsync());
        // What the sweep's expiry writes, in its own transaction, which takes no subject lock.
        ProtectorWithAHook.During = async () =>
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClearanceWorkflow.Application.Persistence.ClearanceDbContext>();
            (await db.Clearances.SingleAsync(c => c.Id == clearanceId)).Expire("system", "reinvestigation overdue", TimeProvider.System.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        };

        var answer = await officer.PostAsJsonAsync($"/api/v1/clearances/{clearanceId}/incidents",
            new { guideline = "J", summary = ProtectorWithAHook.Marker, suspend = false });

        await CaseDriver.ExpectProblem(answer, HttpStatusCode.Conflict);
        Assert.That(ProtectorWithAHook.During, Is.Null, "the expiry ran while the incident was reported");
        Assert.That(await InDatabaseAsync(db => db.Cases.CountAsync(c => c.ClearanceId == clearanceId && c.Type == CaseType.ContinuousEvaluation)), Is.Zero,
            "no evaluation opened on a clearance no longer held");
    }
}
