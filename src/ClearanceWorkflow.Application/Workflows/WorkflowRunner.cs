using System.Text.Json;
using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Cases;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.Workflow;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.Application.Workflows;

/// <summary>
/// POST /cases/{id}/actions/{action}. The case's pinned workflow definition decides who may do what
/// when; this handler only loads the case and hands it to the runner below.
/// </summary>
public static class PerformAction
{
    /// <summary>
    /// <c>IfMatch</c> holds the entity tags of <c>If-Match</c>: the action runs only on a case whose
    /// <see cref="CaseDto.ETag"/> is one of them; null for no condition.
    /// </summary>
    [AuthorizedByHandler]
    public sealed record Command(Guid CaseId, string Action, JsonElement? Body, IReadOnlyList<string>? IfMatch = null) : ICommand<CaseDto>, IConditionalCommand
    {
        public bool HasPrecondition => IfMatch is not null;
    }

    public sealed class Handler(ActorContext actors, CaseAccess access, WorkflowRunner runner) : IRequestHandler<Command, CaseDto>
    {
        public async Task<CaseDto> Handle(Command request, CancellationToken cancellationToken)
        {
            var actor = actors.Current;
            var c = await access.LoadVisibleAsync(request.CaseId, actor, cancellationToken);
            CaseDto.RequireMatch(request.IfMatch, c.Version);

            await runner.RunAsync(c, request.Action, actor, request.Body, cancellationToken);
            return await access.ViewAsync(c, actor, cancellationToken);
        }
    }
}

/// <summary>
/// Runs one action on a case: the engine decides (403/409/400), the action registered under the
/// definition's <c>request</c> name carries it out (the case moves where the definition says and records
/// the event), then an audit event is written and entry effects run; then an <c>automatic</c> action the
/// new state allows runs as the system. All of it inside the caller's transaction.
/// </summary>
public sealed class WorkflowRunner(
    WorkflowRegistry registry,
    AuditTrail audit,
    TimeProvider clock,
    IDataProtector protector,
    IServiceProvider services,
    Scheduling.StageTimers timers,
    TransactionResources resources,
    ClearanceTelemetry telemetry)
{
    /// <summary>The version the case follows. Startup checks every open case's version is loaded; a closed case's may be gone (409).</summary>
    public WorkflowDefinition DefinitionOf(ClearanceCase c) => registry.Catalog.TryGet(c.WorkflowName, c.WorkflowVersion, out var definition)
        ? definition
        : throw new ConflictException($"case {c.Reference} follows the workflow '{c.WorkflowName}' v{c.WorkflowVersion}, which this release no longer has");

    /// <summary>
    /// An action the case's version lacks: 404 when no version of its workflow has it; else, as for any action, 403
    /// to a role that version would refuse and 409 to one it allows (a case keeps the version it started on).
    /// </summary>
    private Exception OtherVersionsAction(WorkflowDefinition definition, string action, Actor actor)
    {
        var roles = registry.Catalog.Versions(definition.Name).SelectMany(v => registry.Catalog.Get(definition.Name, v).Actions).Where(a => a.Name == action).SelectMany(a => a.Roles).ToHashSet(StringComparer.Ordinal);
        if (roles.Count == 0)
        {
            return new NotFoundException($"the workflow '{definition.Name}' v{definition.Version} has no action '{action}'");
        }

        return roles.Overlaps(actor.Roles)
            ? new ConflictException($"'{action}' is not available on this case: it follows the workflow '{definition.Name}' v{definition.Version}, which has no such action")
            : new ForbiddenException($"action '{action}' requires one of the roles {string.Join(", ", roles.Order(StringComparer.Ordinal))}");
    }

    public async Task RunAsync(ClearanceCase c, string action, Actor actor, JsonElement? body, CancellationToken cancellationToken)
    {
        var definition = DefinitionOf(c);
        var now = clock.Now();
        var decision = await WorkflowEngine.DecideAsync(definition, Instance(c), action, ToWorkflowActor(actor), Guards(c), cancellationToken);
        switch (decision.Verdict)
        {
            case ActionVerdict.UnknownAction:
                throw OtherVersionsAction(definition, action, actor);
            case ActionVerdict.Forbidden:
                throw new ForbiddenException(decision.Reason ?? "not allowed");
            case ActionVerdict.Conflict:
                throw new ConflictException(decision.Reason ?? "not available now");
            case ActionVerdict.Invalid:
                throw new RequestValidationException(decision.Errors ?? new Dictionary<string, string[]>(), decision.Reason ?? "invalid");
        }

        var allowed = decision.Action!;
        if (c.IsConflictOfInterest(actor.Id, allowed.Roles.Contains(Roles.Applicant)))
        {
            throw new ForbiddenException($"conflict of interest: the subject of a case cannot perform '{action}' on it");
        }

        var transition = WorkflowEngine.TransitionFor(definition, Instance(c), allowed);
        var change = new StageChange(action, actor.Id, transition.ToStage, transition.ToStatus, definition.Stage(transition.ToStage).Sla, now);
        await services.GetRequiredKeyedService<ICaseAction>(allowed.Request).RunAsync(new ActionContext(c, actor, change), body, cancellationToken);

        await audit.AppendAsync($"case.{action}", c.Id, new
        {
            reference = c.Reference,
            workflow = $"{definition.Name}.v{definition.Version}",
            fromStage = transition.FromStage,
            toStage = transition.ToStage,
            fromStatus = transition.FromStatus,
            toStatus = transition.ToStatus,
        }, cancellationToken, actor.Id);

        foreach (var effect in transition.Effects)
        {
            await services.GetRequiredKeyedService<IStageEffect>(effect).RunAsync(c, now, cancellationToken);
        }

        if (transition.StageChanged)
        {
            await timers.ArmAsync(c, cancellationToken);
        }

        resources.AfterCommit(() =>
        {
            telemetry.Transitioned(action);
            return Task.CompletedTask;
        });

        await RunAutomaticAsync(c, definition, cancellationToken);
    }

    /// <summary>The first automatic action now allowed to the system, if any, runs next (and so on, after it).</summary>
    private async Task RunAutomaticAsync(ClearanceCase c, WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        foreach (var automatic in definition.Actions.Where(a => a.Automatic).Select(a => a.Name).Distinct(StringComparer.Ordinal))
        {
            if ((await WorkflowEngine.DecideAsync(definition, Instance(c), automatic, ToWorkflowActor(Actor.System), Guards(c), cancellationToken)).IsAllowed)
            {
                await RunAsync(c, automatic, Actor.System, null, cancellationToken);
                return;
            }
        }
    }

    public async Task<IReadOnlyList<string>> AvailableActionsAsync(ClearanceCase c, Actor actor, CancellationToken cancellationToken)
    {
        if (c.IsClosed)
        {
            return [];
        }

        var definition = DefinitionOf(c);
        var names = await WorkflowEngine.AvailableActionsAsync(definition, Instance(c), ToWorkflowActor(actor), Guards(c), cancellationToken);
        return [.. names.Where(n => !c.IsConflictOfInterest(actor.Id, definition.FindAction(n)!.Roles.Contains(Roles.Applicant)))];
    }

    /// <summary>In a case's history, whoever recorded a finding on it (a finding is not a workflow action).</summary>
    public const string RecordFinding = "record-finding";

    /// <summary>In a case's history, whoever a <c>claim</c> or <c>assign</c> made its adjudicator (the event's actor is who assigned).</summary>
    public const string Assigned = "assigned";

    /// <summary>In a case's history, the investigator who recorded a check's result by hand (a result is not a workflow action).</summary>
    public const string RecordCheckResult = "record-check-result";

    /// <summary>
    /// Names in a case's history besides the definition's actions. <see cref="RecordFinding"/>, <see cref="Assigned"/> and
    /// <see cref="RecordCheckResult"/> are made from what is loaded, not stored as events of their own.
    /// </summary>
    public static readonly IReadOnlySet<string> HostActions = new HashSet<string>([RecordFinding, Assigned, RecordCheckResult, ClearanceCase.OpenContinuousEvaluationAction], StringComparer.Ordinal);

    /// <summary>
    /// The case as the engine sees it. Its history is the events loaded, which hold every one a <c>notActorOf</c> or
    /// <c>separateFrom</c> rule looks back at (<see cref="WorkflowRegistry.LookedBackActions"/>), each followed by an
    /// <see cref="Assigned"/> for its assignee, then a <see cref="RecordFinding"/> per finding and a <see cref="RecordCheckResult"/>
    /// per check result recorded by hand.
    /// </summary>
    public static WorkflowInstance Instance(ClearanceCase c) => new(
        c.Stage,
        c.Status,
        c.SubjectId,
        c.AssignedAdjudicator,
        [
            .. c.Events.OrderBy(e => e.Sequence).SelectMany(e => e.Assignee is { } assignee
                ? [new WorkflowHistoryItem(e.Action, e.Actor), new WorkflowHistoryItem(Assigned, assignee)]
                : new[] { new WorkflowHistoryItem(e.Action, e.Actor) }),
            .. c.Findings.OrderBy(f => f.RecordedAt).Select(f => new WorkflowHistoryItem(RecordFinding, f.RecordedBy)),
            .. c.Checks.Where(k => k.CompletedBy is { } by && by != Actor.System.Id).OrderBy(k => k.CompletedAt).Select(k => new WorkflowHistoryItem(RecordCheckResult, k.CompletedBy!)),
        ]);

    private CaseGuards Guards(ClearanceCase c) => new(c, protector, clock.Now());

    private static WorkflowActor ToWorkflowActor(Actor actor) => new(actor.Id, actor.Roles);
}
