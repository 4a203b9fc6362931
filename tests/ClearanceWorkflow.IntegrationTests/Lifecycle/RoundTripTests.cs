using System.Collections.Concurrent;
using System.Data.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>
/// The database commands one workflow transition issues, counted by an EF command interceptor on the
/// request's own path. With the case and its four collections in five split queries, a transition
/// issued 8 on PostgreSQL (the write lock, five loads, the audit tail, one batched save). Loading the
/// case in two queries makes that 5. SQLite has no lock command and sends each row's write on its own,
/// so there the reads are counted: 6 before, 3 now.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class RoundTripTests(DatabaseKind kind) : LifecycleTest(kind)
{
    private readonly CommandCounter _counter = new();

    protected override ApiFactory CreateFactory(TestDatabase database) => new(database, services: s =>
    {
        s.AddHttpContextAccessor();
        s.ConfigureDbContext<ClearanceDbContext>((sp, o) => o.AddInterceptors(new CountingInterceptor(_counter, sp.GetRequiredService<IHttpContextAccessor>())));
    });

    [Test]
    public async Task RequestAndProvideInformation_EachTransition_LoadsTheCaseInTwoQueries()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);

        _counter.Clear();
        await Driver.ActOkAsync(Adjudicator, id, "request-information", new { questions = new[] { "Why?" } });
        var requested = _counter.For("request-information");
        await Driver.ActOkAsync(alice, id, "provide-information", new { answers = new[] { "Because." } });
        var provided = _counter.For("provide-information");

        // Reads: the case with its events, then its other collections (no write lock, no audit tail: the ledger
        // seals after commit). Writes: one batched save on a server; SQLite sends one command per row.
        const int reads = 2;
        const int total = 3;
        Assert.Multiple(() =>
        {
            foreach (var (action, commands) in new[] { ("request-information", requested), ("provide-information", provided) })
            {
                var message = $"{action}: at most {reads} reads (6 with split queries, the lock and the audit tail), and on a server {total} commands (8 before):\n"
                    + string.Join("\n---\n", commands);
                Assert.That(commands.Count(IsRead), Is.LessThanOrEqualTo(reads), message);
                if (Kind != DatabaseKind.Sqlite)
                {
                    Assert.That(commands, Has.Count.LessThanOrEqualTo(total), message);
                }
            }
        });
    }

    private static bool IsRead(string sql) => sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);

    private sealed class CommandCounter
    {
        private readonly ConcurrentQueue<(string Path, string Sql)> _commands = new();

        public void Add(string path, string sql) => _commands.Enqueue((path, sql));

        public void Clear() => _commands.Clear();

        public List<string> For(string action) =>
            [.. _commands.Where(c => c.Path.EndsWith("/actions/" + action, StringComparison.Ordinal)).Select(c => c.Sql)];
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
