
namespace ClearanceWorkflow.Application.Common;

/// <summary>Who is acting: a token's subject and roles, or the service itself.</summary>
public sealed record Actor(string Id, IReadOnlySet<string> Roles, string? PartnerId = null)
{
    public static readonly Actor System = new("system", new HashSet<string>(StringComparer.Ordinal) { Domain.Roles.System });

    public bool IsInRole(string role) => Roles.Contains(role);

    public bool IsInAnyRole(params string[] roles) => roles.Any(Roles.Contains);
}

/// <summary>The actor of the current request or job. HTTP requests set it from the token; jobs set <see cref="Actor.System"/>.</summary>
public sealed class ActorContext
{
    private Actor? _actor;

    public Actor Current => _actor ?? throw new InvalidOperationException("No actor has been set for this scope.");

    public bool IsSet => _actor is not null;

    public void Set(Actor actor) => _actor = actor;
}
