using System.Collections.Concurrent;
using ClearanceWorkflow.Application.Common;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.Application.Features.Reciprocity;

/// <summary>
/// Group commit for the audit of reciprocity queries (ADR 6): one transaction, and one commit flush, for the
/// events of every query waiting at that moment rather than one per query. Here each
/// request queues its events and waits; whichever waiting request takes the writer's turn writes the
/// events of every request queued so far in one transaction (<see cref="RecordReciprocityQueries.Command"/>),
/// then releases them all. No request returns, or throws its refusal, before its own events have committed.
/// When a shared transaction fails, each of its requests is written alone, so that only a request whose
/// own events cannot be written fails, with its error.
/// </summary>
public sealed class ReciprocityAuditWriter(IServiceScopeFactory scopes) : IDisposable
{
    /// <summary>Events written per transaction at most; a batch request's 100 always fit.</summary>
    public const int MaxEventsPerTransaction = 1000;

    private readonly ConcurrentQueue<Pending> _queue = new();
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Returns once the request's events have committed. Not cancellable: a query that was looked up is audited.</summary>
    public async Task WriteAsync(RecordReciprocityQueries.Request request)
    {
        var pending = new Pending(request);
        _queue.Enqueue(pending);
        while (!pending.Committed.Task.IsCompleted)
        {
            await _turn.WaitAsync();
            try
            {
                // Another request's turn may have written ours meanwhile.
                if (!pending.Committed.Task.IsCompleted)
                {
                    await WriteQueuedAsync();
                }
            }
            finally
            {
                _turn.Release();
            }
        }

        await pending.Committed.Task;
    }

    public void Dispose() => _turn.Dispose();

    private async Task WriteQueuedAsync()
    {
        var taken = new List<Pending>();
        var events = 0;
        // Only the request holding the turn dequeues, so the head it peeks at is the one it takes.
        while (_queue.TryPeek(out var next) && (taken.Count == 0 || events + next.Request.Entries.Count <= MaxEventsPerTransaction))
        {
            _queue.TryDequeue(out _);
            taken.Add(next);
            events += next.Request.Entries.Count;
        }

        if (taken.Count == 0)
        {
            return;
        }

        if (await TryWriteAsync(taken) is null)
        {
            return;
        }

        // One request's events can fail a shared transaction (an actor id too long for the column, say):
        // each is then written alone, so only the requests that fail on their own fail. A failed commit may still
        // have committed: a request whose events are there is released without writing them twice.
        foreach (var pending in taken)
        {
            await TryWriteAsync([pending], afterFailedCommit: true);
        }
    }

    /// <summary>Writes the requests' events in one transaction and releases them; on failure returns the error, releasing them with it only when there is one request.</summary>
    private async Task<Exception?> TryWriteAsync(List<Pending> requests, bool afterFailedCommit = false)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ActorContext>().Set(Actor.System);
            await scope.ServiceProvider.GetRequiredService<IMediator>()
                .Send(new RecordReciprocityQueries.Command([.. requests.Select(p => p.Request)], afterFailedCommit), CancellationToken.None);
            requests.ForEach(p => p.Committed.TrySetResult());
            return null;
        }
#pragma warning disable CA1031 // The error goes to the waiting request, which rethrows it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (requests.Count == 1)
            {
                requests[0].Committed.TrySetException(ex);
            }

            return ex;
        }
    }

    private sealed class Pending(RecordReciprocityQueries.Request request)
    {
        public RecordReciprocityQueries.Request Request { get; } = request;

        /// <summary>Continuations run off the writer's turn, so released requests never hold it up.</summary>
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
