namespace ClearanceWorkflow.Application.Common;

/// <summary>Actions that only make sense once the command's transaction has committed; dropped on rollback.</summary>
public sealed class TransactionResources : IDisposable
{
    private readonly List<Func<Task>> _afterCommit = [];

    /// <summary>Runs <paramref name="action"/> once after a successful commit.</summary>
    public void AfterCommit(Func<Task> action) => _afterCommit.Add(action);

    /// <summary>Like <see cref="AfterCommit"/>, unless an equal delegate (the same method of the same object) already waits for this transaction's commit.</summary>
    public void AfterCommitOnce(Func<Task> action)
    {
        if (!_afterCommit.Contains(action))
        {
            _afterCommit.Add(action);
        }
    }

    public async Task CommittedAsync()
    {
        var actions = _afterCommit.ToList();
        _afterCommit.Clear();
        foreach (var action in actions)
        {
            await action();
        }
    }

    /// <summary>Forgets what a rolled-back transaction asked for.</summary>
    public void Dispose() => _afterCommit.Clear();
}
