using MediatR;

namespace ClearanceWorkflow.Application.Common;

/// <summary>A request that changes state: the pipeline runs it in one transaction.</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>;

/// <summary>A command the client made conditional on a version (<c>If-Match</c>): losing to a concurrent change fails the precondition (412).</summary>
public interface IConditionalCommand
{
    bool HasPrecondition { get; }
}

/// <summary>Roles allowed to send the request. Requests without it are refused (deny by default).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class AllowRolesAttribute(params string[] roles) : Attribute
{
    public IReadOnlyList<string> Roles { get; } = roles;
}

/// <summary>Marks a request whose access is decided inside its handler (the workflow definition decides it).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class AuthorizedByHandlerAttribute : Attribute;
