using System.Net;
using System.Net.Http.Json;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Applications;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.Infrastructure.Jobs;
using ClearanceWorkflow.Infrastructure.Persistence;
using ClearanceWorkflow.IntegrationTests.Lifecycle;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Hangfire.Storage;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Requests;

/// <summary>
/// <c>Idempotency-Key</c> on POSTs: a retry with the same key and body gets the first answer and changes
/// nothing; another body is 422; concurrent duplicates have one effect; keys are per caller, expire after 24 hours,
/// and the kept answer is encrypted.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class IdempotencyTests(DatabaseKind kind) : LifecycleTest(kind)
{
    private readonly ShiftedClock _clock = new();

    protected override ApiFactory CreateFactory(TestDatabase database) => new(database, services: s =>
    {
        s.UseClock(_clock);
        s.AddTransient(typeof(IPipelineBehavior<,>), typeof(ClientGoneAfterCommit<,>));
    });

    /// <summary>For a request carrying <see cref="Header"/>: the client goes away right after the command commits, before the answer is written.</summary>
    private sealed class ClientGoneAfterCommit<TRequest, TResponse>(TransactionResources resources, IHttpContextAccessor http) : IPipelineBehavior<TRequest, TResponse>
    {
        public const string Header = "X-Test-Client-Gone-After-Commit";

        public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
        {
            if (http.HttpContext is { } context && context.Request.Headers.ContainsKey(Header))
            {
                resources.AfterCommit(() =>
                {
                    context.Abort();
                    return Task.CompletedTask;
                });
            }

            return next();
        }
    }

    private static object Application(string familyName = "Doe") => new { requestedLevel = "Secret", sponsor = "Ministry of Defence", subject = CaseDriver.Subject(familyName, nationalId: "IK-482913") };

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object? body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private Task<int> CasesOfAsync(string subjectId) => InDatabaseAsync(db => db.Cases.CountAsync(c => c.SubjectId == subjectId));

    private Task<int> AuditEventsAsync() => InDatabaseAsync(db => db.AuditEvents.CountAsync());

    [Test]
    public async Task CreateApplication_RetriedWithTheSameKey_ReturnsTheFirstAnswerAndCreatesNothing()
    {
        using var alice = NewApplicant(out var aliceId);
        var key = Guid.NewGuid().ToString();

        using var first = await PostAsync(alice, "/api/v1/applications", Application(), key);
        await CaseDriver.Expect(first, HttpStatusCode.Created);
        var audited = await AuditEventsAsync();
        var errors = KeyErrorsLogged();
        using var retry = await PostAsync(alice, "/api/v1/applications", Application(), key);

        await CaseDriver.Expect(retry, HttpStatusCode.Created);
        Assert.That(retry.Headers.Location, Is.EqualTo(first.Headers.Location));
        Assert.That(await retry.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
        Assert.That(retry.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(retry.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
        Assert.That(first.Headers.Contains("Idempotent-Replayed"), Is.False);
        Assert.That(await CasesOfAsync(aliceId), Is.EqualTo(1), "no second case");
        Assert.That(await AuditEventsAsync(), Is.EqualTo(audited + 1), "no second application, only the replay audited");
        var caseId = Guid.Parse(first.Headers.Location!.ToString().Split('/')[^1]);
        Assert.That(await InDatabaseAsync(db => db.AuditEvents.CountAsync(e => e.CaseId == caseId && e.Action == "request.replayed")), Is.EqualTo(1), "under the case its answer shows");
        Assert.That(KeyErrorsLogged(), Is.EqualTo(errors), "a retry is expected, not an error in the log");
    }

    private int KeyErrorsLogged() => Factory.Logs.Lines.Count(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("idempotent_requests", StringComparison.Ordinal));

    [Test]
    public async Task CreateApplication_SameKeyAnotherBody_Returns422AndCreatesNothing()
    {
        using var alice = NewApplicant(out var aliceId);
        var key = Guid.NewGuid().ToString();
        await CaseDriver.Expect(await PostAsync(alice, "/api/v1/applications", Application(), key), HttpStatusCode.Created);

        using var other = await PostAsync(alice, "/api/v1/applications", Application("Roe"), key);

        var problem = await CaseDriver.ExpectProblem(other, (HttpStatusCode)422);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("Idempotency-Key"));
        Assert.That(await CasesOfAsync(aliceId), Is.EqualTo(1));
    }

    [Test]
    public async Task SameKey_TwoCallers_EachGetsTheirOwnAnswer()
    {
        using var alice = NewApplicant(out var aliceId);
        using var bob = NewApplicant(out var bobId);
        const string key = "shared-key-1";

        using var forAlice = await PostAsync(alice, "/api/v1/applications", Application(), key);
        using var forBob = await PostAsync(bob, "/api/v1/applications", Application(), key);

        await CaseDriver.Expect(forAlice, HttpStatusCode.Created);
        await CaseDriver.Expect(forBob, HttpStatusCode.Created);
        Assert.That(forBob.Headers.Location, Is.Not.EqualTo(forAlice.Headers.Location));
        Assert.That(await CasesOfAsync(aliceId) + await CasesOfAsync(bobId), Is.EqualTo(2));
    }

    [TestCase("tab\tinside")]
    [TestCase("é-not-ascii")]
    public async Task Key_Malformed_Returns400(string key)
    {
        using var alice = NewApplicant(out var aliceId);

        using var response = await PostAsync(alice, "/api/v1/applications", Application(), key);

        var problem = await CaseDriver.ExpectProblem(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), Is.True, problem.ToString());
        Assert.That(await CasesOfAsync(aliceId), Is.Zero);
    }

    [Test]
    public async Task Key_LongerThan255_Returns400AndAKeyOf255IsAccepted()
    {
        using var alice = NewApplicant(out var aliceId);

        using var tooLong = await PostAsync(alice, "/api/v1/applications", Application(), new string('k', 256));
        using var longest = await PostAsync(alice, "/api/v1/applications", Application(), new string('k', 255));

        await CaseDriver.ExpectProblem(tooLong, HttpStatusCode.BadRequest);
        await CaseDriver.Expect(longest, HttpStatusCode.Created);
        Assert.That(await CasesOfAsync(aliceId), Is.EqualTo(1));
    }

    [Test]
    public async Task CreateApplication_SameKeySentConcurrently_OneCaseAndEveryOtherAnswerIsTheFirstOrInProgress()
    {
        using var alice = NewApplicant(out var aliceId);
        var key = Guid.NewGuid().ToString();
        using var start = new SemaphoreSlim(0, 8);
        var sends = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await PostAsync(alice, "/api/v1/applications", Application(), key);
        })).ToList();
        start.Release(8);
        var responses = await Task.WhenAll(sends);

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        var inProgress = responses.Where(r => r.StatusCode == HttpStatusCode.Conflict).ToList();
        Assert.That(created.Count + inProgress.Count, Is.EqualTo(responses.Length),
            string.Join("; ", responses.Select(r => (int)r.StatusCode)));
        Assert.That(created, Is.Not.Empty);
        Assert.That(created.Select(r => r.Headers.Location).Distinct().Count(), Is.EqualTo(1), "every 201 names the same case");
        foreach (var response in inProgress)
        {
            Assert.That(response.Headers.RetryAfter?.Delta, Is.Not.Null);
            await CaseDriver.ExpectProblem(response, HttpStatusCode.Conflict);
        }

        using var later = await PostAsync(alice, "/api/v1/applications", Application(), key);
        await CaseDriver.Expect(later, HttpStatusCode.Created);
        Assert.That(later.Headers.Location, Is.EqualTo(created[0].Headers.Location));
        Assert.That(await CasesOfAsync(aliceId), Is.EqualTo(1));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task Action_RetriedWithTheSameKey_ReturnsTheFirstAnswerWhereARepeatWouldBe409()
    {
        using var alice = NewApplicant();
        var id = (await Driver.ApplyAsync(alice)).GetProperty("id").GetGuid();
        var key = Guid.NewGuid().ToString();
        var body = new { reason = "Accepted another offer." };

        using var first = await PostAsync(alice, $"/api/v1/cases/{id}/actions/withdraw", body, key);
        using var retry = await PostAsync(alice, $"/api/v1/cases/{id}/actions/withdraw", body, key);
        using var withoutKey = await Driver.ActAsync(alice, id, "withdraw", body);

        await CaseDriver.Expect(first, HttpStatusCode.OK);
        await CaseDriver.Expect(retry, HttpStatusCode.OK);
        Assert.That(await retry.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
        Assert.That(retry.Headers.ETag, Is.EqualTo(first.Headers.ETag));
        await CaseDriver.ExpectProblem(withoutKey, HttpStatusCode.Conflict);
        var withdrawals = await InDatabaseAsync(db => db.AuditEvents.CountAsync(e => e.CaseId == id && e.Action == "case.withdraw"));
        Assert.That(withdrawals, Is.EqualTo(1));
        var replays = await InDatabaseAsync(db => db.AuditEvents.Where(e => e.CaseId == id && e.Action == "request.replayed").Select(e => e.Detail).ToListAsync());
        Assert.That(replays, Has.Count.EqualTo(1).And.All.Contain($"/api/v1/cases/{id}/actions/withdraw"), "the answer given again, the case's view, is audited");
    }

    [Test]
    public async Task Action_SameKeyFromTheSameUserWithOtherRoles_Returns422NotTheStaffAnswer()
    {
        using var alice = NewApplicant();
        var id = await Driver.SubmittedCaseAsync(alice);
        await Driver.CompleteChecksAsync(Investigator, id);
        using var asStaff = Staff("bob", out var bob, AdjudicatorRole);
        using var asApplicant = Factory.ClientFor(bob, ApplicantRole);
        var key = Guid.NewGuid().ToString();

        using var claimed = await PostAsync(asStaff, $"/api/v1/cases/{id}/actions/claim", new { }, key);
        using var replay = await PostAsync(asApplicant, $"/api/v1/cases/{id}/actions/claim", new { }, key);

        await CaseDriver.Expect(claimed, HttpStatusCode.OK);
        Assert.That(replay.Headers.Contains("Idempotent-Replayed"), Is.False, "no case view for roles that could not have asked for it");
        await CaseDriver.ExpectProblem(replay, HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task CreateApplication_ClientGoneAfterTheCommit_TheRetryGetsTheWholeAnswer()
    {
        using var alice = NewApplicant(out var aliceId);
        var key = Guid.NewGuid().ToString();
        var gone = new HttpRequestMessage(HttpMethod.Post, "/api/v1/applications") { Content = JsonContent.Create(Application()) };
        gone.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        gone.Headers.TryAddWithoutValidation(ClientGoneAfterCommit<object, object>.Header, "yes");
        Assert.That(async () => (await alice.SendAsync(gone)).Dispose(), Throws.Exception, "the client sees the connection go");

        // The client learns of the lost connection before the service has kept the answer: until then a retry is told
        // to come back (409, Retry-After), as a client would.
        HttpResponseMessage retry;
        for (var tries = 1; (retry = await PostAsync(alice, "/api/v1/applications", Application(), key)).StatusCode == HttpStatusCode.Conflict && tries < 600; tries++)
        {
            Assert.That(retry.Headers.RetryAfter, Is.Not.Null);
            retry.Dispose();
            await Task.Delay(50);
        }

        using var _ = retry;
        await CaseDriver.Expect(retry, HttpStatusCode.Created);
        Assert.That(retry.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
        var answer = await CaseDriver.Json(retry);
        Assert.That(retry.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/cases/{answer.GetProperty("id").GetGuid()}"));
        Assert.That(answer.GetProperty("stage").GetString(), Is.EqualTo("application"));
        Assert.That(await CasesOfAsync(aliceId), Is.EqualTo(1));
    }

    [Test]
    public async Task FailedFirstRequest_FreesTheKey_TheCorrectedRequestRuns()
    {
        using var alice = NewApplicant(out var aliceId);
        var key = Guid.NewGuid().ToString();

        using var invalid = await PostAsync(alice, "/api/v1/applications", new { requestedLevel = "Secret" }, key);
        using var corrected = await PostAsync(alice, "/api/v1/applications", Application(), key);

        await CaseDriver.ExpectProblem(invalid, HttpStatusCode.BadRequest);
        await CaseDriver.Expect(corrected, HttpStatusCode.Created);
        Assert.That(await CasesOfAsync(aliceId), Is.EqualTo(1));
    }

    [Test]
    public async Task StoredAnswer_IsEncryptedAndExpiresAfter24Hours()
    {
        using var alice = NewApplicant(out var aliceId);
        var key = Guid.NewGuid().ToString();
        using var first = await PostAsync(alice, "/api/v1/applications", Application(), key);
        await CaseDriver.Expect(first, HttpStatusCode.Created);
        var answer = await first.Content.ReadAsStringAsync();

        var row = await InDatabaseAsync(db => db.IdempotentRequests.AsNoTracking().SingleAsync(r => r.Caller == aliceId));
        Assert.That(row.BodyCipher, Does.Not.Contain(aliceId).And.Not.Contain("\"reference\""), "not kept in the clear");
        Assert.That(Factory.Services.GetRequiredService<IDataProtector>().Unprotect(row.BodyCipher!), Is.EqualTo(answer));
        Assert.That(row.ExpiresAt - row.CreatedAt, Is.EqualTo(TimeSpan.FromHours(24)));

        _clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        using var bob = NewApplicant(out var bobId);
        await CaseDriver.Expect(await PostAsync(bob, "/api/v1/applications", Application(), Guid.NewGuid().ToString()), HttpStatusCode.Created);

        Assert.That(await InDatabaseAsync(db => db.IdempotentRequests.CountAsync(r => r.Caller == aliceId)), Is.Zero, "the expired key is deleted");
        using var afterExpiry = await PostAsync(alice, "/api/v1/applications", Application(), key);
        await CaseDriver.Expect(afterExpiry, HttpStatusCode.Created);
        Assert.That(await CasesOfAsync(aliceId), Is.EqualTo(2), "an expired key is new again");
    }

    [Test]
    public async Task StoredAnswer_NoKeyedRequestAfterItsExpiry_IsDeletedByTheRecurringJob()
    {
        using var alice = NewApplicant(out var aliceId);
        await CaseDriver.Expect(await PostAsync(alice, "/api/v1/applications", Application(), Guid.NewGuid().ToString()), HttpStatusCode.Created);
        await Factory.SucceededAsync(Factory.TriggerRecurring(IdempotencyExpiryJob.RecurringId));
        Assert.That(await InDatabaseAsync(db => db.IdempotentRequests.CountAsync(r => r.Caller == aliceId)), Is.EqualTo(1), "kept for its 24 hours");

        _clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await Factory.SucceededAsync(Factory.TriggerRecurring(IdempotencyExpiryJob.RecurringId));

        Assert.That(await InDatabaseAsync(db => db.IdempotentRequests.CountAsync(r => r.Caller == aliceId)), Is.Zero, "the kept answer is gone with no other request");
        using var connection = Factory.Storage().GetConnection();
        Assert.That(connection.GetRecurringJobs().Single(r => r.Id == IdempotencyExpiryJob.RecurringId).Cron, Is.EqualTo("*/10 * * * *"));
    }

    [Test]
    public async Task NodeFailedAfterTheCommit_RetryIsToldItWasCarriedOut_AndNothingRunsTwice()
    {
        using var alice = NewApplicant(out var aliceId);
        var key = Guid.NewGuid().ToString();
        await CaseDriver.Expect(await PostAsync(alice, "/api/v1/applications", Application(), key), HttpStatusCode.Created);
        var row = await InDatabaseAsync(db => db.IdempotentRequests.AsNoTracking().SingleAsync(r => r.Caller == aliceId));
        Assert.That(row.CommittedAt, Is.Not.Null, "marked in the command's own transaction");

        // The node failed after the commit, before keeping the answer.
        await InDatabaseAsync(db => db.IdempotentRequests.Where(r => r.Id == row.Id).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.StatusCode, (int?)null).SetProperty(r => r.ContentType, (string?)null)
            .SetProperty(r => r.Location, (string?)null).SetProperty(r => r.BodyCipher, (string?)null)));
        using var soon = await PostAsync(alice, "/api/v1/applications", Application(), key);
        Assert.That((await CaseDriver.ExpectProblem(soon, HttpStatusCode.Conflict)).GetProperty("title").GetString(), Is.EqualTo("Request in progress"));

        _clock.Advance(IdempotencyStore.Lease + TimeSpan.FromSeconds(1));
        using var late = await PostAsync(alice, "/api/v1/applications", Application(), key);

        var problem = await CaseDriver.ExpectProblem(late, HttpStatusCode.Conflict);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("was carried out"));
        Assert.That(await CasesOfAsync(aliceId), Is.EqualTo(1), "not carried out twice");
    }

    [Test]
    public async Task NodeFailedBeforeTheCommit_RetryAfterTheLease_TakesTheKeyOverAndRuns()
    {
        using var alice = NewApplicant(out var aliceId);
        await CaseDriver.Expect(await PostAsync(alice, "/api/v1/applications", Application(), Guid.NewGuid().ToString()), HttpStatusCode.Created);
        var fingerprint = await InDatabaseAsync(db => db.IdempotentRequests.Where(r => r.Caller == aliceId).Select(r => r.Fingerprint).SingleAsync());

        // What a node that failed before its commit leaves: the same request's claim under a second key, never committed.
        var key = Guid.NewGuid().ToString();
        var now = _clock.GetUtcNow().UtcDateTime;
        var abandoned = new IdempotentRequest(aliceId, key, fingerprint, now, now + IdempotencyStore.Retention);
        await InDatabaseAsync(db =>
        {
            db.IdempotentRequests.Add(abandoned);
            return db.SaveChangesAsync();
        });
        using var soon = await PostAsync(alice, "/api/v1/applications", Application(), key);
        await CaseDriver.ExpectProblem(soon, HttpStatusCode.Conflict);
        Assert.That(await CasesOfAsync(aliceId), Is.EqualTo(1));

        _clock.Advance(IdempotencyStore.Lease + TimeSpan.FromSeconds(1));
        using var late = await PostAsync(alice, "/api/v1/applications", Application(), key);

        await CaseDriver.Expect(late, HttpStatusCode.Created);
        Assert.That(late.Headers.Contains("Idempotent-Replayed"), Is.False);
        Assert.That(await CasesOfAsync(aliceId), Is.EqualTo(2), "the second key's request ran, once");
        var claim = await InDatabaseAsync(db => db.IdempotentRequests.AsNoTracking().SingleAsync(r => r.Caller == aliceId && r.Key == key));
        Assert.That(claim.Id, Is.Not.EqualTo(abandoned.Id), "a claim of its own");
        Assert.That(claim.StatusCode, Is.EqualTo(201));
        using var replay = await PostAsync(alice, "/api/v1/applications", Application(), key);
        Assert.That(replay.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
    }

    [Test]
    public async Task RequestWhoseKeyWasTakenOver_CannotCommit()
    {
        using var alice = NewApplicant(out var aliceId);
        await using var scope = Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Set(new Actor(aliceId, new HashSet<string> { Roles.Applicant }));
        // Its claim is gone: a retry took the key over after the lease.
        scope.ServiceProvider.GetRequiredService<IdempotencyClaim>().Id = Guid.NewGuid();
        var command = new CreateApplication.Command(ClearanceLevel.Secret, "Ministry of Defence",
            new CreateApplication.SubjectInput("Jane", "Doe", new DateOnly(1988, 2, 14), "US", "IK-482913", "jane.doe@example.org"));

        var refused = Assert.ThrowsAsync<ConflictException>(() => scope.ServiceProvider.GetRequiredService<IMediator>().Send(command));

        Assert.That(refused!.Message, Does.Contain("Idempotency-Key"));
        Assert.That(await CasesOfAsync(aliceId), Is.Zero, "rolled back");
    }
}
