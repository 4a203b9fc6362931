using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Application.Common;

/// <summary>Unknown, or not visible to the caller: answered with 404.</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The caller's role may not do this: answered with 403. <see cref="Rule"/>, when set, names the rule that refused it.</summary>
public sealed class ForbiddenException(string message, string? rule = null) : Exception(message)
{
    public string? Rule { get; } = rule;
}

/// <summary>Not allowed in the current state, or a concurrent change won: answered with 409.</summary>
public sealed class ConflictException(string message) : Exception(message);

/// <summary>
/// Another command appended the same step of a case's history first (its <c>(CaseId, Sequence)</c> key broke before
/// the case's version was compared): a concurrent change to the case like any other.
/// </summary>
public sealed class CaseHistoryConflictException(Exception inner)
    : DbUpdateConcurrencyException("a concurrent change to the case appended the same step of its history", inner);

/// <summary>An <c>If-Match</c> precondition that does not hold: answered with 412.</summary>
public sealed class PreconditionFailedException(string message) : Exception(message);

/// <summary>Input that is well-formed JSON but not acceptable: answered with 400 and an errors map.</summary>
public sealed class RequestValidationException(IReadOnlyDictionary<string, string[]> errors, string message = "One or more validation errors occurred.")
    : Exception(message)
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static RequestValidationException For(string property, string error) =>
        new(new Dictionary<string, string[]> { [property] = [error] });
}
