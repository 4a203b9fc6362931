using System.Collections.Concurrent;
using System.Data.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>
/// The database commands one workflow transition issues, counted by an EF command interceptor on the
/// request's own path, and what the transition loads into its context, counted at its save. With the
/// case and its four collections in five split queries, a transition issued 8 commands on PostgreSQL (the
/// write lock, five loads, the audit tail, one batched save). Loading the case in two queries, with its
/// whole event history, made that 5, then 3 without the lock and the tail; but each transition got
/// slower as the case's history grew. Now the step loads the case with its latest event and its open
/// requests only, and the view it answers with reads the history apart: 2 reads, 2 for the view, 1 save.
/// SQLite sends each row's write on its own, so there the reads are counted.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class RoundTripTests(DatabaseKind kind) : LifecycleTest(kind)
{
    private const int Loops = 12;

    private readonly CommandCounter _counter = new();

    protected override ApiFactory CreateFactory(TestDatabase database) => new(database, services: s =>
    {
        s.AddHttpContextAccessor();
        s.ConfigureDbContext<ClearanceDbContext>((sp, o) => o.AddInterceptors(
            new CountingInterceptor(_counter, sp.GetRequiredService<IHttpContextAccessor>()),
            new TrackedAtSaveInterceptor(_counter, sp.GetRequiredService<IHttpContextAccessor>())));
    });

    [Test]
    public async Task RequestAndProvideInformation_OnACaseWithALongHistory_LoadNoneOfIt()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);
        await Driver.InformationLoopsAsync(Adjudicator, alice, id, Loops);

        var before = (await Driver.GetCaseAsync(Adjudicator, id)).GetProperty("events").GetArrayLength();
        _counter.Clear();
        var asked = await Driver.ActOkAsync(Adjudicator, id, "request-information", new { questions = new[] { "Why?" } });
        var requested = _counter.For("request-information");
        var answered = await Driver.ActOkAsync(alice, id, "provide-information", new { answers = new[] { "Because." } });
        var provided = _counter.For("provide-information");

        // Reads: the case with its latest event, then its checks, findings and open requests; the view's events,
        // then its requests. Writes: one batched save on a server; SQLite sends one command per row.
        const int reads = 4;
        const int total = 5;
        Assert.Multiple(() =>
        {
            Assert.That(before, Is.GreaterThan(2 * Loops), "the case has a long history");
            foreach (var (action, commands) in new[] { ("request-information", requested), ("provide-information", provided) })
            {
                var message = $"{action}: at most {reads} reads, and on a server {total} commands:\n" + string.Join("\n---\n", commands);
                Assert.That(commands.Count(IsRead), Is.LessThanOrEqualTo(reads), message);
                if (Kind != DatabaseKind.Sqlite)
                {
                    Assert.That(commands, Has.Count.LessThanOrEqualTo(total), message);
                }
            }

            // At the save, the context holds the latest event, the claim and the investigation's close (which the
            // board's separation rule looks back at) and the new event, and the open request or the new one: with the
            // history loaded it held every event and request of the case.
            Assert.That(_counter.TrackedAtSave("request-information"), Is.EqualTo(new Tracked(Events: 4, Requests: 1)));
            Assert.That(_counter.TrackedAtSave("provide-information"), Is.EqualTo(new Tracked(Events: 4, Requests: 1)));

            // The views answered still show the whole history, read apart from the case.
            Assert.That(asked.GetProperty("events").GetArrayLength(), Is.EqualTo(before + 1));
            Assert.That(asked.GetProperty("informationRequests").GetArrayLength(), Is.EqualTo(Loops + 1));
            Assert.That(answered.GetProperty("informationRequests").GetArrayLength(), Is.EqualTo(Loops + 1));
            Assert.That(
                answered.GetProperty("informationRequests")[Loops].GetProperty("answers")[0].GetString(),
                Is.EqualTo("Because."),
                "the answer not yet saved when the view was made is in it");
        });
    }

    private static bool IsRead(string sql) => sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);

    private sealed record Tracked(int Events, int Requests);

    private sealed class CommandCounter
    {
        private readonly ConcurrentQueue<(string Path, string Sql)> _commands = new();
        private readonly ConcurrentQueue<(string Path, Tracked Tracked)> _saves = new();

        public void Add(string path, string sql) => _commands.Enqueue((path, sql));

        public void AddSave(string path, Tracked tracked) => _saves.Enqueue((path, tracked));

        public void Clear()
        {
            _commands.Clear();
            _saves.Clear();
        }

        public Tracked TrackedAtSave(string action) =>
            _saves.Single(c => c.Path.EndsWith("/actions/" + action, StringComparison.Ordinal)).Tracked;

        public List<string> For(string action) =>
            [.. _commands.Where(c => c.Path.EndsWith("/actions/" + action, StringComparison.Ordinal)).Select(c => c.Sql)];
    }

    /// <summary>Records, at each save of a request, how many case events and information requests its context holds.</summary>
    private sealed class TrackedAtSaveInterceptor(CommandCounter counter, IHttpContextAccessor http) : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (http.HttpContext is { } context && eventData.Context is { } db)
            {
                counter.AddSave(context.Request.Path.Value ?? "", new Tracked(db.ChangeTracker.Entries<CaseEvent>().Count(), db.ChangeTracker.Entries<InformationRequest>().Count()));
            }

            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }

    /// <summary>Records each command with the path of the HTTP request it ran for (background work has none).</summary>
    private sealed class CountingInterceptor(CommandCounter counter, IHttpContextAccessor http) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Record(command);
            return base.ReaderExecuting(command, eventData, result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Record(command);
            return base.NonQueryExecuting(command, eventData, result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Record(command);
            return base.ScalarExecuting(command, eventData, result);
        }

        private void Record(DbCommand command)
        {
            if (http.HttpContext is { } context)
            {
                counter.Add(context.Request.Path.Value ?? "", command.CommandText);
            }
        }
    }
}
