using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.Workflow;
using MediatR;

namespace ClearanceWorkflow.Application.Workflows;

/// <summary>What a step handler gets: the loaded case, who acts, and which action of which definition.</summary>
public sealed record CaseStep(ClearanceCase Case, Actor Actor, WorkflowDefinition Definition, ActionDefinition Action, DateTime Now);

/// <summary>A MediatR request that carries out one workflow action. The engine has already authorized it.</summary>
public interface IWorkflowStep : IRequest<Unit>
{
    CaseStep Context { get; }
}

/// <summary>A step named in definitions by <see cref="Name"/>, built from the action's JSON body.</summary>
public interface IWorkflowStep<out TSelf, in TBody> : IWorkflowStep
    where TSelf : IWorkflowStep<TSelf, TBody>
{
    static abstract string Name { get; }

    static abstract TSelf Create(CaseStep context, TBody body);
}

/// <summary>An action that needs no body.</summary>
public sealed record EmptyBody;

/// <summary>Runs when a case enters a stage whose definition names it in <c>onEnter</c>; registered under that name.</summary>
public interface IStageEffect
{
    Task RunAsync(ClearanceCase clearanceCase, DateTime now, CancellationToken cancellationToken);
}

/// <summary>Arms the SLA timer of the case's current stage (or cancels it when there is none), inside the current transaction.</summary>
public interface IStageTimers
{
    Task ArmAsync(ClearanceCase clearanceCase, CancellationToken cancellationToken);
}
