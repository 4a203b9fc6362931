using System.Text.Json;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Domain;

namespace ClearanceWorkflow.Application.Workflows;

/// <summary>What an action gets: the loaded case, who acts, and where the definition sends the case.</summary>
public sealed record ActionContext(ClearanceCase Case, Actor Actor, StageChange Change);

/// <summary>
/// Carries out one workflow action, registered under the name definitions give as its <c>request</c>: reads the
/// body, then calls the one method of the case that does the action. The engine has already allowed it.
/// </summary>
public interface ICaseAction
{
    Task RunAsync(ActionContext context, JsonElement? body, CancellationToken cancellationToken);
}

/// <summary>What an action's validator sees: the context and the body.</summary>
public sealed record ActionInput<TBody>(ActionContext Context, TBody Payload);

/// <summary>An action that needs no body.</summary>
public sealed record EmptyBody;

/// <summary>Runs when a case enters a stage whose definition names it in <c>onEnter</c>; registered under that name.</summary>
public interface IStageEffect
{
    Task RunAsync(ClearanceCase clearanceCase, DateTime now, CancellationToken cancellationToken);
}
