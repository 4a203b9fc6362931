namespace ClearanceWorkflow.Domain;

/// <summary>A rule of the domain was broken by a request that is valid in form: answered with 409.</summary>
public sealed class DomainException(string message) : Exception(message);
