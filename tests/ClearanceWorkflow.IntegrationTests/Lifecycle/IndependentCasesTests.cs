using System.Net;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>
/// Commands on different cases never wait for each other (ADR 11): a command on case A is held after its
/// save, inside its open transaction (its rows written and locked, and whatever lock its request path took),
/// and a command on case B must complete meanwhile. A database-wide lock on the request path (an advisory
/// lock, a table lock) would hold B until A commits. A second command on A waits on A's row and, once A
/// commits, is refused 409 by the version check. Servers only: SQLite has one writer by design.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.Servers))]
public sealed class IndependentCasesTests(DatabaseKind kind) : LifecycleTest(kind)
{
    private readonly HoldAfterSave _hold = new();

    protected override ApiFactory CreateFactory(TestDatabase database) => new(database, services: s =>
    {
        s.AddHttpContextAccessor();
        s.ConfigureDbContext<ClearanceDbContext>((sp, o) => o.AddInterceptors(new HoldingInterceptor(_hold, sp.GetRequiredService<IHttpContextAccessor>())));
    });

    [Test]
    public async Task CommandOnCaseAHeldInItsTransaction_CommandOnCaseBCompletes_SecondCommandOnAWaitsThenConflicts()
    {
        using var alice = NewApplicant();
        using var bob = NewApplicant();
        var a = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);
        var b = await Driver.CaseInReviewAsync(bob, Investigator, Adjudicator);
        var question = new { questions = new[] { "Why?" } };

        _hold.Arm(a);
        var first = Driver.ActAsync(Adjudicator, a, "request-information", question);
        try
        {
            await _hold.Reached.WaitAsync(TimeSpan.FromSeconds(60));
            var second = Driver.ActAsync(Adjudicator, a, "request-information", question);

            // B completes while A's transaction is still open.
            var onB = Driver.ActAsync(Adjudicator, b, "request-information", question);
            await Task.WhenAny(onB, Task.Delay(TimeSpan.FromSeconds(20)));
            Assert.That(onB.IsCompleted, Is.True, "the command on case B waited 20 s for the open transaction on case A");
            await CaseDriver.Expect(await onB, HttpStatusCode.OK);

            // The second command on A cannot pass A's row while the first holds it.
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.That(first.IsCompleted, Is.False, "the first command on A is still held");
            Assert.That(second.IsCompleted, Is.False, "the second command on A waits for the first");

            _hold.Release();
            await CaseDriver.Expect(await first, HttpStatusCode.OK);
            await CaseDriver.ExpectProblem(await second, HttpStatusCode.Conflict);
        }
        finally
        {
            _hold.Release();
        }

        var caseA = await Driver.GetCaseAsync(Adjudicator, a);
        Assert.That(caseA.GetProperty("informationRequests").GetArrayLength(), Is.EqualTo(1), "one request on A: the first command's");
    }

    /// <summary>Holds the first save of a request on one case, after its rows are written and before its commit, until released.</summary>
    private sealed class HoldAfterSave
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private string? _path;

        public Task Reached => _reached.Task;

        public void Arm(Guid caseId) => _path = $"/api/v1/cases/{caseId}/actions/";

        public void Release() => _released.TrySetResult();

        public Task HoldAsync(string path)
        {
            var armed = _path;
            if (armed is null || !path.StartsWith(armed, StringComparison.Ordinal) || Interlocked.CompareExchange(ref _path, null, armed) != armed)
            {
                return Task.CompletedTask;
            }

            _reached.TrySetResult();
            return _released.Task;
        }
    }

    private sealed class HoldingInterceptor(HoldAfterSave hold, IHttpContextAccessor http) : SaveChangesInterceptor
    {
        public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            if (http.HttpContext is { } context)
            {
                await hold.HoldAsync(context.Request.Path.Value ?? "");
            }

            return await base.SavedChangesAsync(eventData, result, cancellationToken);
        }
    }
}
