namespace ClearanceWorkflow.Application.Common;

/// <summary>What must happen when the command's transaction ends: disposals, and actions that only make sense once it has committed.</summary>
public sealed class TransactionResources : IDisposable
{
    private readonly List<IDisposable> _resources = [];
    private readonly List<Func<Task>> _afterCommit = [];

    public void Register(IDisposable resource) => _resources.Add(resource);

    /// <summary>Runs <paramref name="action"/> once after a successful commit; dropped on rollback.</summary>
    public void AfterCommit(Func<Task> action) => _afterCommit.Add(action);

    public async Task CommittedAsync()
    {
        var actions = _afterCommit.ToList();
        _afterCommit.Clear();
        foreach (var action in actions)
        {
            await action();
        }
    }

    public void Dispose()
    {
        foreach (var resource in Enumerable.Reverse(_resources))
        {
            resource.Dispose();
        }

        _resources.Clear();
        _afterCommit.Clear();
    }
}
