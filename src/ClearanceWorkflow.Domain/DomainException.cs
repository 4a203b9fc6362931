namespace ClearanceWorkflow.Domain;

/// <summary>How a broken rule is answered: 409 (not now), 403 (not by this actor), 400 (not this value), 404 (no such thing).</summary>
public enum DomainRefusal
{
    Conflict,
    Forbidden,
    Invalid,
    NotFound,
}

/// <summary>A rule of the domain was broken by a request that is valid in form. <see cref="Field"/> names the input an <see cref="DomainRefusal.Invalid"/> refusal is about.</summary>
public sealed class DomainException(string message, DomainRefusal refusal = DomainRefusal.Conflict, string? field = null) : Exception(message)
{
    public DomainRefusal Refusal { get; } = refusal;

    public string? Field { get; } = field;
}
