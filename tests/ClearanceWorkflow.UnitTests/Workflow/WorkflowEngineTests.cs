using ClearanceWorkflow.Workflow;
using static ClearanceWorkflow.UnitTests.Workflow.WorkflowTestData;

namespace ClearanceWorkflow.UnitTests.Workflow;

public class WorkflowEngineTests
{
    private static readonly WorkflowDefinition Definition = Clearance();

    private static readonly WorkflowActor Alice = new("alice", Set("applicant"));
    private static readonly WorkflowActor Bob = new("bob", Set("applicant"));
    private static readonly WorkflowActor Adam = new("adam", Set("adjudicator"));
    private static readonly WorkflowActor Eve = new("eve", Set("adjudicator"));
    private static readonly WorkflowActor Sam = new("sam", Set("senior-adjudicator"));
    private static readonly WorkflowActor Sue = new("sue", Set("senior-adjudicator"));
    private static readonly WorkflowActor Ian = new("ian", Set("investigator"));

    // A case owned by alice and assigned to adam.
    private static WorkflowInstance Case(string stage, string status = "InProgress", params WorkflowHistoryItem[] history) =>
        new(stage, status, "alice", "adam", history);

    private static ValueTask<ActionDecision> Decide(WorkflowInstance instance, string action, WorkflowActor actor, FakeGuards? guards = null) =>
        WorkflowEngine.DecideAsync(Definition, instance, action, actor, guards ?? new FakeGuards(), CancellationToken.None);

    [Test]
    public async Task DecideAsync_UnknownAction_IsUnknownAction()
    {
        var decision = await Decide(Case("review"), "teleport", Adam);

        Assert.That(decision, Is.EqualTo(new ActionDecision(ActionVerdict.UnknownAction, null, "unknown action 'teleport'")));
    }

    [Test]
    public async Task DecideAsync_AllChecksPass_IsAllowed()
    {
        var decision = await Decide(Case("application"), "submit", Alice);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decision.IsAllowed, Is.True);
            Assert.That(decision.Action, Is.SameAs(Definition.FindAction("submit")));
            Assert.That(decision.Reason, Is.Null);
        }
    }

    [Test]
    public async Task DecideAsync_ActorWithoutRole_IsForbiddenBeforeStageIsChecked()
    {
        var guards = new FakeGuards();

        var decision = await Decide(Case("review"), "grant", Alice, guards);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decision.Verdict, Is.EqualTo(ActionVerdict.Forbidden));
            Assert.That(decision.Reason, Is.EqualTo("action 'grant' requires one of the roles 'adjudicator' or 'senior-adjudicator'"));
            Assert.That(guards.Evaluated, Is.Empty);
        }
    }

    [Test]
    public async Task DecideAsync_ActorIsNotSubject_IsForbidden()
    {
        var decision = await Decide(Case("application"), "submit", Bob);

        Assert.That(decision, Is.EqualTo(new ActionDecision(ActionVerdict.Forbidden, Definition.FindAction("submit"), "action 'submit' may only be performed by the case's subject")));
    }

    [Test]
    public async Task DecideAsync_ActorIsNotAssignee_IsForbidden()
    {
        var decision = await Decide(Case("decision"), "grant", Eve);

        Assert.That(decision, Is.EqualTo(new ActionDecision(ActionVerdict.Forbidden, Definition.FindAction("grant"), "action 'grant' may only be performed by the case's assignee")));
    }

    [Test]
    public async Task DecideAsync_ActorPerformedDeny_ConcurIsForbidden()
    {
        var denied = Case("decision", "DenialPendingConcurrence", new WorkflowHistoryItem("deny", "sam"));

        var own = await Decide(denied, "concur", Sam);
        var other = await Decide(denied, "concur", Sue);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(own.Verdict, Is.EqualTo(ActionVerdict.Forbidden));
            Assert.That(own.Reason, Is.EqualTo("action 'concur' may not be performed by the actor who performed 'deny'"));
            Assert.That(other.Verdict, Is.EqualTo(ActionVerdict.Allowed));
        }
    }

    [Test]
    public async Task DecideAsync_NotActorOf_OnlyTheMostRecentActorCounts()
    {
        var demo = Demo();
        var lead1 = new WorkflowActor("lena", Set("lead"));
        var lead2 = new WorkflowActor("leo", Set("lead"));
        var approvedTwice = new WorkflowInstance("in-review", "Open", "alice", "adam", [new("approve", "lena"), new("approve", "leo")]);

        var earlier = await WorkflowEngine.DecideAsync(demo, approvedTwice, "countersign", lead1, new FakeGuards(), CancellationToken.None);
        var latest = await WorkflowEngine.DecideAsync(demo, approvedTwice, "countersign", lead2, new FakeGuards(), CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(earlier.Verdict, Is.EqualTo(ActionVerdict.Allowed));
            Assert.That(latest.Verdict, Is.EqualTo(ActionVerdict.Forbidden));
        }
    }

    [Test]
    public async Task DecideAsync_Concur_NoDenierOfTheCase_NotEvenAnEarlierOne()
    {
        var deniedTwice = Case("decision", "DenialPendingConcurrence", new("deny", "sue"), new("decline-concurrence", "sam"), new("deny", "adam"));

        var earlier = await Decide(deniedTwice, "concur", Sue);
        var decliner = await Decide(deniedTwice, "concur", Sam);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(earlier.Verdict, Is.EqualTo(ActionVerdict.Forbidden));
            Assert.That(earlier.Reason, Is.EqualTo("action 'concur' may not be performed by an actor who performed 'deny' on this case"));
            Assert.That(decliner.Verdict, Is.EqualTo(ActionVerdict.Allowed));
        }
    }

    [Test]
    public async Task DecideAsync_ExemptRole_SkipsOwnershipRule()
    {
        var investigator = await Decide(Case("interview"), "complete-interview", Ian);
        var otherAdjudicator = await Decide(Case("interview"), "complete-interview", Eve);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(investigator.Verdict, Is.EqualTo(ActionVerdict.Allowed));
            Assert.That(otherAdjudicator.Verdict, Is.EqualTo(ActionVerdict.Forbidden));
        }
    }

    [Test]
    public async Task DecideAsync_GrantInterim_AnyAdjudicatorInBackgroundCheckOnlyTheAssigneeInReview()
    {
        var active = ClearanceV2();
        ValueTask<ActionDecision> GrantInterim(string stage, WorkflowActor actor) =>
            WorkflowEngine.DecideAsync(active, Case(stage), "grant-interim", actor, new FakeGuards(), CancellationToken.None);

        var otherInBackgroundCheck = await GrantInterim("background-check", Eve);
        var otherInReview = await GrantInterim("review", Eve);
        var assigneeInReview = await GrantInterim("review", Adam);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(otherInBackgroundCheck.Verdict, Is.EqualTo(ActionVerdict.Allowed));
            Assert.That(otherInReview.Verdict, Is.EqualTo(ActionVerdict.Forbidden));
            Assert.That(otherInReview.Reason, Is.EqualTo("action 'grant-interim' may only be performed by the case's assignee"));
            Assert.That(assigneeInReview.Verdict, Is.EqualTo(ActionVerdict.Allowed));
        }
    }

    [Test]
    public async Task DecideAsync_WrongStage_IsConflict()
    {
        var decision = await Decide(Case("review"), "grant", Adam);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decision.Verdict, Is.EqualTo(ActionVerdict.Conflict));
            Assert.That(decision.Reason, Is.EqualTo("action 'grant' is not available in stage 'review' (only in 'decision')"));
        }
    }

    [Test]
    public async Task DecideAsync_WrongStatus_IsConflict()
    {
        var decision = await Decide(Case("decision", "InProgress"), "concur", Sam);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decision.Verdict, Is.EqualTo(ActionVerdict.Conflict));
            Assert.That(decision.Reason, Is.EqualTo("action 'concur' requires status 'DenialPendingConcurrence', but the status is 'InProgress'"));
        }
    }

    [Test]
    public async Task DecideAsync_GuardFails_IsConflictWithItsReason()
    {
        var guards = new FakeGuards(new() { ["questionnaireComplete"] = GuardResult.Fail("the questionnaire is incomplete") });

        var decision = await Decide(Case("application"), "submit", Alice, guards);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decision.Verdict, Is.EqualTo(ActionVerdict.Conflict));
            Assert.That(decision.Reason, Is.EqualTo("the questionnaire is incomplete"));
            Assert.That(decision.Errors, Is.Null);
        }
    }

    [Test]
    public async Task DecideAsync_GuardFailsWithoutReason_NamesTheGuard()
    {
        var guards = new FakeGuards(new() { ["hasFindings"] = new GuardResult(false) });

        var decision = await Decide(Case("decision"), "deny", Adam, guards);

        Assert.That(decision.Reason, Is.EqualTo("guard 'hasFindings' failed"));
    }

    [Test]
    public async Task DecideAsync_GuardInvalid_IsInvalidWithItsErrors()
    {
        var errors = new Dictionary<string, string[]> { ["questionnaire.address"] = ["Address is required."] };
        var guards = new FakeGuards(new() { ["questionnaireComplete"] = GuardResult.Invalid("the questionnaire is incomplete", errors) });

        var decision = await Decide(Case("application"), "submit", Alice, guards);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decision.Verdict, Is.EqualTo(ActionVerdict.Invalid));
            Assert.That(decision.Reason, Is.EqualTo("the questionnaire is incomplete"));
            Assert.That(decision.Errors, Is.SameAs(errors));
        }
    }

    [Test]
    public void TransitionFor_StageChange_RunsTargetOnEnterEffects()
    {
        var transition = WorkflowEngine.TransitionFor(Definition, Case("application"), Definition.FindAction("submit")!);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(transition with { Effects = [] }, Is.EqualTo(new Transition("submit", "application", "background-check", "InProgress", "InProgress", [])));
            Assert.That(transition.Effects, Is.EqualTo(new[] { "startInvestigation" }));
            Assert.That(transition.StageChanged, Is.True);
        }
    }

    [Test]
    public void TransitionFor_StageAndStatusChange_SetsBoth()
    {
        var transition = WorkflowEngine.TransitionFor(Definition, Case("decision"), Definition.FindAction("grant")!);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(transition.ToStage, Is.EqualTo("closed"));
            Assert.That(transition.ToStatus, Is.EqualTo("Granted"));
            Assert.That(transition.Effects, Is.EqualTo(new[] { "closeCase" }));
        }
    }

    [Test]
    public void TransitionFor_StatusOnlyChange_HasNoEffects()
    {
        var transition = WorkflowEngine.TransitionFor(Definition, Case("decision"), Definition.FindAction("deny")!);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(transition.StageChanged, Is.False);
            Assert.That(transition.ToStage, Is.EqualTo("decision"));
            Assert.That(transition.FromStatus, Is.EqualTo("InProgress"));
            Assert.That(transition.ToStatus, Is.EqualTo("DenialPendingConcurrence"));
            Assert.That(transition.Effects, Is.Empty);
        }
    }

    [Test]
    public void TransitionFor_InStageAction_ChangesNothing()
    {
        var transition = WorkflowEngine.TransitionFor(Definition, Case("review", "AwaitingApplicant"), Definition.FindAction("assign")!);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(transition.StageChanged, Is.False);
            Assert.That(transition.ToStage, Is.EqualTo("review"));
            Assert.That(transition.ToStatus, Is.EqualTo("AwaitingApplicant"));
            Assert.That(transition.Effects, Is.Empty);
        }
    }

    [Test]
    public async Task AvailableActionsAsync_ApplicantAwaitedForInformation_CanProvideItOrWithdraw()
    {
        var actions = await WorkflowEngine.AvailableActionsAsync(Definition, Case("review", "AwaitingApplicant"), Alice, new FakeGuards(), CancellationToken.None);

        Assert.That(actions, Is.EqualTo(new[] { "withdraw", "provide-information" }));
    }

    [Test]
    public async Task AvailableActionsAsync_OtherApplicant_HasNone()
    {
        var actions = await WorkflowEngine.AvailableActionsAsync(Definition, Case("review", "AwaitingApplicant"), Bob, new FakeGuards(), CancellationToken.None);

        Assert.That(actions, Is.Empty);
    }

    [Test]
    public async Task AvailableActionsAsync_Assignee_GetsActionsWhoseGuardsPass()
    {
        var guards = new FakeGuards(new()
        {
            ["unassigned"] = GuardResult.Fail("the case is assigned"),
            ["interviewNotRequired"] = GuardResult.Fail("an interview is required"),
        });

        var actions = await WorkflowEngine.AvailableActionsAsync(Definition, Case("review"), Adam, guards, CancellationToken.None);

        Assert.That(actions, Is.EqualTo(new[] { "request-information", "schedule-interview" }));
    }

    [Test]
    public async Task AvailableActionsAsync_SecondSeniorAdjudicatorAfterDenial_CanAssignConcurOrDecline()
    {
        var denied = Case("decision", "DenialPendingConcurrence", new WorkflowHistoryItem("deny", "adam"));

        var actions = await WorkflowEngine.AvailableActionsAsync(Definition, denied, Sam, new FakeGuards(), CancellationToken.None);

        Assert.That(actions, Is.EqualTo(new[] { "assign", "concur", "decline-concurrence" }));
    }

    private static readonly WorkflowDefinition Version2 = ClearanceV2();

    private static ValueTask<ActionDecision> DecideV2(WorkflowInstance instance, string action, WorkflowActor actor) =>
        WorkflowEngine.DecideAsync(Version2, instance, action, actor, new FakeGuards(), CancellationToken.None);

    // A case whose denial by adam was concurred by sam, answered, and is unassigned in due process.
    private static WorkflowInstance InDueProcess(string? assignee = null) =>
        new("due-process", "InProgress", "alice", assignee, [new("claim", "adam"), new("deny", "adam"), new("concur", "sam"), new("answer", "alice")]);

    [Test]
    public async Task DecideAsync_ActorWhoPerformedASeparatedAction_IsForbiddenBeforeTheStage()
    {
        var denier = await DecideV2(InDueProcess(), "claim", Adam);
        var concurrer = await DecideV2(InDueProcess(), "claim", Sam);
        var other = await DecideV2(InDueProcess(), "claim", Eve);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(denier.Verdict, Is.EqualTo(ActionVerdict.Forbidden));
            Assert.That(denier.Reason, Is.EqualTo("action 'claim' may not be performed by an actor who performed 'deny' on this case"));
            Assert.That(concurrer.Reason, Is.EqualTo("action 'claim' may not be performed by an actor who performed 'concur' on this case"));
            Assert.That(other.IsAllowed, Is.True);
        }
    }

    [Test]
    public async Task DecideAsync_ActionWithVariants_TheVariantOfTheStageDecides()
    {
        var inDecision = await DecideV2(Case("decision"), "deny", Adam);
        var inDueProcess = await DecideV2(InDueProcess("eve"), "deny", Eve);
        var inReview = await DecideV2(Case("review"), "deny", Adam);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(inDecision.Action!.Status, Is.EqualTo("DenialPendingConcurrence"));
            Assert.That(inDueProcess.Action!.To, Is.EqualTo("appeal"));
            Assert.That(inReview.Verdict, Is.EqualTo(ActionVerdict.Conflict));
            Assert.That(inReview.Reason, Is.EqualTo("action 'deny' is not available in stage 'review' (only in 'decision' or 'due-process')"));
        }
    }

    [Test]
    public async Task AvailableActionsAsync_ActionWithVariants_IsListedOnce()
    {
        var assigned = new FakeGuards(new()
        {
            ["unassigned"] = GuardResult.Fail("the case is already assigned"),
            ["interimInForce"] = GuardResult.Fail("there is no interim clearance in force for this case"),
        });

        var actions = await WorkflowEngine.AvailableActionsAsync(Version2, InDueProcess("eve"), Eve, assigned, CancellationToken.None);

        Assert.That(actions, Is.EqualTo(new[] { "grant", "deny" }));
    }

    [Test]
    public async Task DecideAsync_BoardMemberWhoVotedOrTookPartInTheDenial_IsForbidden()
    {
        var appeal = new WorkflowInstance("appeal", "InProgress", "alice", "eve",
            [new("deny", "adam"), new("concur", "sam"), new("deny", "eve"), new("appeal", "alice"), new("board-vote", "sue")]);
        var again = await DecideV2(appeal, "board-vote", Sue);
        var concurrer = await DecideV2(appeal, "board-vote", Sam);
        var fresh = await DecideV2(appeal, "board-vote", new WorkflowActor("tom", Set("senior-adjudicator")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again.Reason, Is.EqualTo("action 'board-vote' may not be performed by an actor who performed 'board-vote' on this case"));
            Assert.That(concurrer.Verdict, Is.EqualTo(ActionVerdict.Forbidden));
            Assert.That(fresh.IsAllowed, Is.True);
        }
    }
}
