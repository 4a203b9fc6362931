using System.Text.Json.Nodes;
using ClearanceWorkflow.Workflow;
using static ClearanceWorkflow.UnitTests.Workflow.WorkflowTestData;

namespace ClearanceWorkflow.UnitTests.Workflow;

public class WorkflowLoaderTests
{
    [Test]
    public void LoadFile_ClearanceV1_LoadsWithoutErrors()
    {
        var definition = Clearance();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(definition.Name, Is.EqualTo("clearance"));
            Assert.That(definition.Version, Is.EqualTo(1));
            Assert.That(definition.InitialStage, Is.EqualTo("application"));
            Assert.That(definition.InitialStatus, Is.EqualTo("InProgress"));
            Assert.That(definition.Stages.Select(s => s.Name), Is.EqualTo(new[] { "application", "background-check", "review", "interview", "decision", "closed" }));
            Assert.That(definition.Actions.Select(a => a.Name), Is.EqualTo(new[]
            {
                "submit", "withdraw", "withdraw", "complete-investigation", "claim", "assign", "request-information", "provide-information",
                "schedule-interview", "complete-interview", "refer-to-decision", "grant", "deny", "concur", "decline-concurrence",
            }));
            Assert.That(definition.Stage("background-check").Sla, Is.EqualTo(TimeSpan.FromDays(40)));
            Assert.That(definition.Stage("background-check").OnEnter, Is.EqualTo(new[] { "startInvestigation" }));
            Assert.That(definition.Stage("closed").Terminal, Is.True);
            Assert.That(definition.Stage("closed").Sla, Is.Null);
            Assert.That(definition.FindAction("concur")!.Ownership, Is.EqualTo(new OwnershipRule(OwnershipKind.NotActorOf, "deny")));
            Assert.That(definition.FindAction("complete-interview")!.OwnershipExemptRoles, Is.EqualTo(new[] { "investigator" }));
            Assert.That(definition.FindAction("withdraw")!.WhenStatus, Is.Empty);
            Assert.That(definition.FindAction("claim")!.To, Is.Null);
            Assert.That(definition.FindAction("claim")!.Status, Is.Null);
        }
    }

    [Test]
    public void Parse_DemoDefinition_ReadsEveryField()
    {
        var definition = Demo();
        var approve = definition.FindAction("approve")!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(definition.Description, Is.Null);
            Assert.That(definition.Statuses, Is.EqualTo(new[] { "Open", "Waiting", "Done" }));
            Assert.That(definition.Stage("in-review"), Is.EqualTo(new StageDefinition("in-review", false, TimeSpan.FromHours(12), definition.Stage("in-review").OnEnter)));
            Assert.That(definition.Stage("in-review").OnEnter, Is.EqualTo(new[] { "notify" }));
            Assert.That(approve.From, Is.EqualTo(new[] { "in-review" }));
            Assert.That(approve.To, Is.EqualTo("done"));
            Assert.That(approve.Status, Is.EqualTo("Done"));
            Assert.That(approve.WhenStatus, Is.EqualTo(new[] { "Open" }));
            Assert.That(approve.Roles, Is.EqualTo(new[] { "reviewer", "lead" }));
            Assert.That(approve.Ownership.Kind, Is.EqualTo(OwnershipKind.Assigned));
            Assert.That(approve.OwnershipExemptRoles, Is.EqualTo(new[] { "lead" }));
            Assert.That(approve.Guards, Is.Empty);
            Assert.That(approve.Request, Is.EqualTo("Approve"));
            Assert.That(definition.FindAction("claim")!.Ownership, Is.EqualTo(OwnershipRule.Any));
            Assert.That(definition.FindAction("nothing"), Is.Null);
        }
    }

    [Test]
    public void Parse_MalformedJson_ReportsPathLineAndPosition()
    {
        var json = "{\n  \"name\": \"demo\",\n  \"stages\": [\n    { \"name\": \"draft\", \"sla\": }\n  ]\n}";

        Assert.That(ErrorsOf(json), Is.EqualTo(new[]
        {
            DemoError("$.stages[0].sla", "malformed JSON at line 4, position 31: '}' is an invalid start of a value."),
        }));
    }

    [Test]
    public void Parse_TrailingComma_IsMalformed()
    {
        var json = "{\n  \"name\": \"demo\",\n  \"statuses\": [\"Open\",]\n}";

        Assert.That(ErrorsOf(json), Is.EqualTo(new[]
        {
            DemoError("$.statuses[1]", "malformed JSON at line 3, position 23: The JSON array contains a trailing comma at the end which is not supported in this mode. Change the reader options."),
        }));
    }

    [Test]
    public void Parse_Comments_AreSkipped()
    {
        var definition = WorkflowLoader.Parse("// a comment\n" + DemoText().Replace("\"version\":1,", "\"version\":1, /* another */", StringComparison.Ordinal), DemoFile, DemoEnvironment);

        Assert.That(definition.Version, Is.EqualTo(1));
    }

    [TestCase("[]", "The JSON value could not be converted to ClearanceWorkflow.Workflow.WorkflowJson.")]
    [TestCase("null", "expected an object but found null")]
    public void Parse_RootIsNotAnObject_ReportsType(string json, string message)
    {
        Assert.That(ErrorsOf(json), Is.EqualTo(new[] { DemoError("$", message) }));
    }

    [Test]
    public void Parse_MissingRequiredProperty_ReportsObjectPath()
    {
        var errors = DemoErrors(n => n.Action(0).AsObject().Remove("request"));

        Assert.That(errors, Is.EqualTo(new[] { DemoError("$.actions[0]", "JSON deserialization for type 'ClearanceWorkflow.Workflow.ActionJson' was missing required properties including: 'request'.") }));
    }

    private static readonly TestCaseData[] WrongTypes =
    [
        new TestCaseData((Action<JsonNode>)(n => n["version"] = "1"), "$.version", "System.Int32").SetArgDisplayNames("version"),
        new TestCaseData((Action<JsonNode>)(n => n.Stage(2)["terminal"] = "yes"), "$.stages[2].terminal", "System.Boolean").SetArgDisplayNames("terminal"),
        new TestCaseData((Action<JsonNode>)(n => n.Action(1)["roles"] = "reviewer"), "$.actions[1].roles", "System.Collections.Generic.IReadOnlyList`1[System.String]").SetArgDisplayNames("roles"),
        new TestCaseData((Action<JsonNode>)(n => n.Action(1)["guards"] = new JsonArray(1)), "$.actions[1].guards[0]", "System.String").SetArgDisplayNames("guards"),
        new TestCaseData((Action<JsonNode>)(n => n.Action(1)["to"] = new JsonArray()), "$.actions[1].to", "System.String").SetArgDisplayNames("to"),
    ];

    // A JSON error stops the reading, so each wrong type is reported alone.
    [TestCaseSource(nameof(WrongTypes))]
    public void Parse_WrongType_ReportsThePathOfTheValue(Action<JsonNode> change, string path, string type)
    {
        Assert.That(DemoErrors(change), Is.EqualTo(new[] { DemoError(path, $"The JSON value could not be converted to {type}.") }));
    }

    [Test]
    public void Parse_NullForRequiredProperty_IsReported()
    {
        var errors = DemoErrors(n => n.Action(0)["request"] = null);

        Assert.That(errors, Is.EqualTo(new[] { DemoError("$.actions[0].request", "The property or field 'request' on type 'ClearanceWorkflow.Workflow.ActionJson' doesn't allow setting null values. Consider updating its nullability annotation.") }));
    }

    [Test]
    public void Parse_NullInArray_IsReported()
    {
        var errors = DemoErrors(n =>
        {
            n.Action(0)["roles"] = new JsonArray("author", null);
            n["stages"]!.AsArray().Add(null);
        });

        Assert.That(errors, Is.EqualTo(new[]
        {
            DemoError("$.stages[3]", "expected an object but found null"),
            DemoError("$.actions[0].roles[1]", "expected a string but found null"),
        }));
    }

    [TestCase("gaurds")]
    [TestCase("Guards")]
    public void Parse_UnknownProperty_IsReported(string property)
    {
        var errors = DemoErrors(n => n.Action(1)[property] = new JsonArray("unassigned"));

        Assert.That(errors, Is.EqualTo(new[]
        {
            DemoError($"$.actions[1].{property}", $"The JSON property '{property}' could not be mapped to any .NET member contained in type 'ClearanceWorkflow.Workflow.ActionJson'."),
        }));
    }

    [Test]
    public void Parse_DuplicateProperty_IsReported()
    {
        var json = DemoText().Replace("\"version\":1,", "\"version\":1,\"version\":2,", StringComparison.Ordinal);

        Assert.That(ErrorsOf(json), Is.EqualTo(new[] { DemoError("$.version", "Duplicate property 'version' encountered during deserialization of type 'ClearanceWorkflow.Workflow.WorkflowJson'.") }));
    }

    [Test]
    public void Parse_UnknownInitialStage_IsReported()
    {
        var errors = DemoErrors(n => n["initialStage"] = "nowhere");

        Assert.That(errors, Is.EqualTo(new[] { DemoError("$.initialStage", "unknown stage 'nowhere'") }));
    }

    [Test]
    public void Parse_UnknownStageInActionFromAndTo_IsReported()
    {
        var errors = DemoErrors(n =>
        {
            n.Action(0)["to"] = "nowhere";
            n.Action(1)["from"] = new JsonArray("in-review", "limbo");
        });

        Assert.That(errors, Is.EqualTo(new[]
        {
            DemoError("$.actions[0].to", "unknown stage 'nowhere'"),
            DemoError("$.actions[1].from[1]", "unknown stage 'limbo'"),
        }));
    }

    [Test]
    public void Parse_UnknownRole_IsReported()
    {
        var errors = DemoErrors(n =>
        {
            n.Action(0)["roles"] = new JsonArray("wizard");
            n.Action(4)["ownershipExemptRoles"] = new JsonArray("lead", "boss");
        });

        Assert.That(errors, Is.EqualTo(new[]
        {
            DemoError("$.actions[0].roles[0]", "unknown role 'wizard'"),
            DemoError("$.actions[4].ownershipExemptRoles[1]", "unknown role 'boss'"),
        }));
    }

    [Test]
    public void Parse_OwnershipExemptStage_ReadIntoTheAction()
    {
        var definition = Demo(n => n.Action(2)["ownershipExemptStages"] = new JsonArray("in-review"));

        Assert.That(definition.FindAction("ask")!.OwnershipExemptStages, Is.EqualTo(new[] { "in-review" }));
    }

    [Test]
    public void Parse_OwnershipExemptStageTheActionCannotStartFrom_IsReported()
    {
        var errors = DemoErrors(n => n.Action(2)["ownershipExemptStages"] = new JsonArray("in-review", "draft"));

        Assert.That(errors, Is.EqualTo(new[] { DemoError("$.actions[2].ownershipExemptStages[1]", "stage 'draft' is not one the action starts from") }));
    }

    [Test]
    public void Parse_OwnershipExemptStageWithoutOwnershipRule_IsReported()
    {
        var errors = DemoErrors(n => n.Action(1)["ownershipExemptStages"] = new JsonArray("in-review"));

        Assert.That(errors, Is.EqualTo(new[] { DemoError("$.actions[1].ownershipExemptStages", "an action without an ownership rule has nothing to exempt a stage from") }));
    }

    [Test]
    public void Parse_EmptyRoles_IsReported()
    {
        var errors = DemoErrors(n => n.Action(0)["roles"] = new JsonArray());

        Assert.That(errors, Is.EqualTo(new[] { DemoError("$.actions[0].roles", "'roles' must not be empty") }));
    }

    [Test]
    public void Parse_UnknownStatus_IsReported()
    {
        var errors = DemoErrors(n =>
        {
            n["initialStatus"] = "New";
            n.Action(2)["status"] = "Pending";
            n.Action(3)["whenStatus"] = new JsonArray("Waiting", "Paused");
        });

        Assert.That(errors, Is.EqualTo(new[]
        {
            DemoError("$.initialStatus", "unknown status 'New'"),
            DemoError("$.actions[2].status", "unknown status 'Pending'"),
            DemoError("$.actions[3].whenStatus[1]", "unknown status 'Paused'"),
        }));
    }

    [Test]
    public void Parse_UnreachableStage_IsReported()
    {
        var errors = DemoErrors(n =>
        {
            n["stages"]!.AsArray().Add(new JsonObject { ["name"] = "limbo" });
            n["actions"]!.AsArray().Add(JsonNode.Parse("""{ "name": "escape", "from": ["limbo"], "to": "done", "roles": ["lead"], "request": "Approve" }"""));
        });

        Assert.That(errors, Is.EqualTo(new[] { DemoError("$.stages[3]", "stage 'limbo' cannot be reached from 'draft'") }));
    }

    [Test]
    public void Parse_NonTerminalStageWithoutWayOut_IsReported()
    {
        var errors = DemoErrors(n =>
        {
            n["stages"]!.AsArray().Add(new JsonObject { ["name"] = "stuck" });
            n["actions"]!.AsArray().Add(JsonNode.Parse("""{ "name": "park", "from": ["draft"], "to": "stuck", "roles": ["author"], "request": "Submit" }"""));
        });

        Assert.That(errors, Is.EqualTo(new[] { DemoError("$.stages[3]", "stage 'stuck' is not terminal and has no action leading out of it") }));
    }

    [Test]
    public void Parse_CycleWithoutTerminalStage_IsReported()
    {
        var errors = DemoErrors(n =>
        {
            n["stages"]!.AsArray().Add(new JsonObject { ["name"] = "ping" });
            n["stages"]!.AsArray().Add(new JsonObject { ["name"] = "pong" });
            var actions = n["actions"]!.AsArray();
            actions.Add(JsonNode.Parse("""{ "name": "start", "from": ["draft"], "to": "ping", "roles": ["author"], "request": "Submit" }"""));
            actions.Add(JsonNode.Parse("""{ "name": "hit", "from": ["ping"], "to": "pong", "roles": ["author"], "request": "Submit" }"""));
            actions.Add(JsonNode.Parse("""{ "name": "return", "from": ["pong"], "to": "ping", "roles": ["author"], "request": "Submit" }"""));
        });

        Assert.That(errors, Is.EqualTo(new[]
        {
            DemoError("$.stages[3]", "no terminal stage can be reached from stage 'ping'"),
            DemoError("$.stages[4]", "no terminal stage can be reached from stage 'pong'"),
        }));
    }

    [Test]
    public void Parse_NoTerminalStage_IsReported()
    {
        var errors = DemoErrors(n => n.Stage(2).AsObject().Remove("terminal"));

        Assert.That(errors, Is.EqualTo(new[]
        {
            DemoError("$.stages", "no terminal stage"),
            DemoError("$.stages[2]", "stage 'done' is not terminal and has no action leading out of it"),
        }));
    }

    [Test]
    public void Parse_ActionFromTerminalStage_IsReported()
    {
        var errors = DemoErrors(n => n.Action(1)["from"] = new JsonArray("done"));

        Assert.That(errors, Is.EqualTo(new[] { DemoError("$.actions[1].from[0]", "stage 'done' is terminal; no action may start from it") }));
    }

    [Test]
    public void Parse_DuplicateActionFromTheSameStage_IsReported()
    {
        var errors = DemoErrors(n => n.Action(2)["name"] = "claim");

        Assert.That(errors, Is.EqualTo(new[] { DemoError("$.actions[2].name", "duplicate action 'claim': variants of an action must start from different stages") }));
    }

    [Test]
    public void Parse_ActionVariantsFromDifferentStages_AreLoadedAndFoundByStage()
    {
        var definition = Demo(n => n.Action(1)["name"] = "submit");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(definition.FindAction("submit", "draft")!.To, Is.EqualTo("in-review"));
            Assert.That(definition.FindAction("submit", "in-review")!.Request, Is.EqualTo("Claim"));
            Assert.That(definition.FindAction("submit", "done"), Is.SameAs(definition.FindAction("submit")));
            Assert.That(definition.ActionNames, Is.EqualTo(new[] { "submit", "ask", "answer", "approve", "countersign" }));
        }
    }

    [Test]
    public void Parse_SeparateFromAndAutomatic_AreRead()
    {
        var definition = Demo(n =>
        {
            n.Action(4)["separateFrom"] = new JsonArray("ask", "answer");
            n.Action(5)["automatic"] = true;
            n.Action(5)["roles"] = new JsonArray("system");
            n.Action(5)["to"] = "done";
        });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(definition.FindAction("approve")!.SeparateFrom, Is.EqualTo(new[] { "ask", "answer" }));
            Assert.That(definition.FindAction("approve")!.Automatic, Is.False);
            Assert.That(definition.FindAction("countersign")!.Automatic, Is.True);
            Assert.That(definition.FindAction("countersign")!.SeparateFrom, Is.Empty);
        }
    }

    [Test]
    public void Parse_SeparateFromUnknownAction_IsReported()
    {
        var errors = DemoErrors(n => n.Action(4)["separateFrom"] = new JsonArray("ask", "sign"));

        Assert.That(errors, Is.EqualTo(new[] { DemoError("$.actions[4].separateFrom[1]", "separateFrom refers to unknown action 'sign'") }));
    }

    [Test]
    public void Parse_SeparateFromAnActionTheHostRecords_IsAccepted()
    {
        var text = DemoText(n => n.Action(4)["separateFrom"] = new JsonArray("ask", "sign"));

        var definition = WorkflowLoader.Parse(text, DemoFile, DemoEnvironment with { HostActions = Set("sign") });

        Assert.That(definition.FindAction("approve")!.SeparateFrom, Is.EqualTo(new[] { "ask", "sign" }));
    }

    [Test]
    public void LoadFile_ClearanceV2_HasDueProcessAndTheAppealBoard()
    {
        var definition = ClearanceV2();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(definition.Version, Is.EqualTo(2));
            Assert.That(definition.FindAction("concur")!.To, Is.EqualTo("due-process"));
            Assert.That(definition.FindAction("deny", "decision")!.Status, Is.EqualTo("DenialPendingConcurrence"));
            Assert.That(definition.FindAction("deny", "due-process")!.To, Is.EqualTo("appeal"));
            Assert.That(definition.FindAction("board-vote")!.SeparateFrom, Is.EqualTo(new[] { "deny", "concur", "decline-concurrence", "board-vote", "claim", "assign", "complete-investigation", "schedule-interview", "complete-interview", "refer-to-decision", "grant-interim", "withdraw-interim", "suspend", "record-finding", "record-check-result", "assigned", "open-continuous-evaluation" }));
            Assert.That(definition.Actions.Where(a => a.Automatic).Select(a => a.Name), Is.EqualTo(new[] { "uphold-denial", "reverse-denial" }));
        }
    }

    [Test]
    public void Parse_DuplicateStage_IsReported()
    {
        var errors = DemoErrors(n => n["stages"]!.AsArray().Add(new JsonObject { ["name"] = "draft" }));

        Assert.That(errors, Is.EqualTo(new[] { DemoError("$.stages[3].name", "duplicate stage 'draft'") }));
    }

    [Test]
    public void Parse_DuplicateStatus_IsReported()
    {
        var errors = DemoErrors(n => n["statuses"]!.AsArray().Add("Open"));

        Assert.That(errors, Is.EqualTo(new[] { DemoError("$.statuses[3]", "duplicate status 'Open'") }));
    }

    [Test]
    public void Parse_UnknownGuard_IsReported()
    {
        var errors = DemoErrors(n => n.Action(0)["guards"] = new JsonArray("foo"));

        Assert.That(errors, Is.EqualTo(new[] { DemoError("$.actions[0].guards[0]", "unknown guard 'foo'") }));
    }

    [Test]
    public void Parse_RequestWithoutHandler_IsReported()
    {
        var errors = DemoErrors(n => n.Action(0)["request"] = "Foo");

        Assert.That(errors, Is.EqualTo(new[] { DemoError("$.actions[0].request", "request 'Foo' has no handler") }));
    }

    [Test]
    public void Parse_UnknownEffect_IsReported()
    {
        var errors = DemoErrors(n => n.Stage(1)["onEnter"] = new JsonArray("notify", "explode"));

        Assert.That(errors, Is.EqualTo(new[] { DemoError("$.stages[1].onEnter[1]", "unknown effect 'explode'") }));
    }

    [TestCase("40 days")]
    [TestCase("P")]
    [TestCase("PT")]
    [TestCase("P1DT")]
    [TestCase("-P1D")]
    [TestCase("P1Y")]
    [TestCase("P1M")]
    [TestCase("P1.5D")]
    [TestCase("p1d")]
    public void Parse_InvalidSla_IsReported(string sla)
    {
        var errors = DemoErrors(n => n.Stage(0)["sla"] = sla);

        Assert.That(errors, Is.EqualTo(new[] { DemoError("$.stages[0].sla", $"invalid ISO 8601 duration '{sla}' (expected e.g. P40D, PT12H or P1DT2H)") }));
    }

    [TestCase("PT0S")]
    [TestCase("P0D")]
    public void Parse_ZeroSla_IsReported(string sla)
    {
        var errors = DemoErrors(n => n.Stage(0)["sla"] = sla);

        Assert.That(errors, Is.EqualTo(new[] { DemoError("$.stages[0].sla", $"invalid ISO 8601 duration '{sla}': must be greater than zero") }));
    }

    [Test]
    public void Parse_HugeSla_IsReported()
    {
        var errors = DemoErrors(n => n.Stage(0)["sla"] = "P99999999999999D");

        Assert.That(errors, Is.EqualTo(new[] { DemoError("$.stages[0].sla", "invalid ISO 8601 duration 'P99999999999999D': too long") }));
    }

    [TestCase("P3000000D")] // fits a TimeSpan, but a case opened now would be due beyond year 9999: every apply was a 500
    [TestCase("P3651D")]
    [TestCase("P522W")]
    public void Parse_SlaBeyondTenYears_IsReported(string sla)
    {
        var errors = DemoErrors(n => n.Stage(0)["sla"] = sla);

        Assert.That(errors, Is.EqualTo(new[] { DemoError("$.stages[0].sla", $"invalid ISO 8601 duration '{sla}': longer than P3650D") }));
    }

    [TestCase("P3650D")]
    [TestCase("P521W")]
    public void Parse_SlaOfTenYearsOrLess_IsAccepted(string sla) =>
        Assert.That(Demo(n => n.Stage(0)["sla"] = sla).Stage("draft").Sla, Is.LessThanOrEqualTo(TimeSpan.FromDays(3650)));

    [Test]
    public void Parse_AutomaticActionNotOfTheSystem_IsReported()
    {
        var errors = DemoErrors(n =>
        {
            n.Action(5)["automatic"] = true;
            n.Action(5)["to"] = "done";
        });

        Assert.That(errors, Is.EqualTo(new[] { DemoError("$.actions[5].roles", "an automatic action is performed by the system: its roles must include 'system'") }));
    }

    [TestCase(null, null, null)] // it stays where it is allowed: the host would run it for ever
    [TestCase("in-review", null, null)]
    [TestCase(null, "Open", "Open")]
    [TestCase(null, "Done", null)]
    public void Parse_AutomaticActionThatStaysAllowed_IsReported(string? to, string? status, string? whenStatus)
    {
        var errors = DemoErrors(n =>
        {
            n.Action(5)["automatic"] = true;
            n.Action(5)["roles"] = new JsonArray("system");
            n.Action(5)["to"] = to;
            n.Action(5)["status"] = status;
            if (whenStatus is not null)
            {
                n.Action(5)["whenStatus"] = new JsonArray(whenStatus);
            }
        });

        Assert.That(errors, Is.EqualTo(new[]
        {
            DemoError("$.actions[5].automatic", "an automatic action must take the case out of where it is allowed: a 'to' stage it does not start from, or a 'status' outside its 'whenStatus'"),
        }));
    }

    [Test]
    public void Parse_AutomaticActionsThatLeadBackToEachOther_AreReported()
    {
        // Each leaves where it is allowed, but together they flip the status for ever.
        var errors = DemoErrors(n =>
        {
            var actions = n["actions"]!.AsArray();
            actions.Add(JsonNode.Parse("""{ "name": "park", "from": ["in-review"], "status": "Waiting", "whenStatus": ["Open"], "roles": ["system"], "automatic": true, "request": "Ask" }"""));
            actions.Add(JsonNode.Parse("""{ "name": "unpark", "from": ["in-review"], "status": "Open", "whenStatus": ["Waiting"], "roles": ["system"], "automatic": true, "request": "Answer" }"""));
        });

        Assert.That(errors, Is.EqualTo(new[]
        {
            DemoError("$.actions", "automatic actions lead back to stage 'in-review' with status 'Open' (in-review/Open → in-review/Waiting → in-review/Open): the host would perform them without end"),
        }));
    }

    [Test]
    public void Parse_AnActionAutomaticInOneVariantOnly_IsReported()
    {
        var errors = DemoErrors(n =>
        {
            n.Action(5)["automatic"] = true;
            n.Action(5)["roles"] = new JsonArray("system");
            n.Action(5)["status"] = "Done";
            n.Action(5)["whenStatus"] = new JsonArray("Open");
            n["actions"]!.AsArray().Add(JsonNode.Parse("""{ "name": "countersign", "from": ["draft"], "roles": ["lead", "system"], "request": "Countersign" }"""));
        });

        Assert.That(errors, Is.EqualTo(new[]
        {
            DemoError("$.actions", "action 'countersign' is automatic in some variants and not in others: the host would perform the others as the system"),
        }));
    }

    [Test]
    public void Parse_AutomaticActionThatSettlesTheStatus_IsAccepted() =>
        Assert.That(Demo(n =>
        {
            n.Action(5)["automatic"] = true;
            n.Action(5)["roles"] = new JsonArray("system");
            n.Action(5)["status"] = "Done";
            n.Action(5)["whenStatus"] = new JsonArray("Open");
        }).FindAction("countersign")!.Automatic, Is.True);

    [TestCase("P40D", 40 * 24 * 60)]
    [TestCase("PT12H", 12 * 60)]
    [TestCase("P1DT2H", 26 * 60)]
    [TestCase("PT90M", 90)]
    [TestCase("P2W", 14 * 24 * 60)]
    [TestCase("P1DT1H1M60S", (25 * 60) + 2)]
    public void Parse_ValidSla_IsParsed(string sla, int minutes)
    {
        var definition = Demo(n => n.Stage(0)["sla"] = sla);

        Assert.That(definition.Stage("draft").Sla, Is.EqualTo(TimeSpan.FromMinutes(minutes)));
    }

    [Test]
    public void Parse_NotActorOfUnknownAction_IsReported()
    {
        var errors = DemoErrors(n => n.Action(5)["ownership"] = "notActorOf:sign");

        Assert.That(errors, Is.EqualTo(new[] { DemoError("$.actions[5].ownership", "ownership rule 'notActorOf:sign' refers to unknown action 'sign'") }));
    }

    [TestCase("owner")]
    [TestCase("notActorOf:")]
    [TestCase("Subject")]
    public void Parse_UnknownOwnershipKind_IsReported(string ownership)
    {
        var errors = DemoErrors(n => n.Action(0)["ownership"] = ownership);

        Assert.That(errors, Is.EqualTo(new[]
        {
            DemoError("$.actions[0].ownership", $"unknown ownership rule '{ownership}' (expected any, subject, assigned or notActorOf:<action>)"),
        }));
    }

    [Test]
    public void Parse_EmptyNameAndVersionZero_AreReported()
    {
        var errors = DemoErrors(n =>
        {
            n["name"] = "";
            n["version"] = 0;
        });

        Assert.That(errors, Is.EqualTo(new[]
        {
            DemoError("$.name", "workflow name must not be empty"),
            DemoError("$.version", "version must be at least 1, got 0"),
        }));
    }

    [Test]
    public void Parse_NamesLongerThanTheColumnsHold_AreReported()
    {
        var errors = DemoErrors(n =>
        {
            n.Action(1)["name"] = "claim-" + new string('x', 54);
            n.Action(2)["name"] = "claim-" + new string('y', 53);
            n["name"] = "demo-" + new string('w', 60);
        });

        Assert.That(errors, Is.EqualTo(new[]
        {
            DemoError("$.name", $"workflow name 'demo-{new string('w', 59)}…' is longer than 64 characters"),
            DemoError("$.actions[1].name", $"action name 'claim-{new string('x', 53)}…' is longer than 59 characters"),
        }));
    }

    [Test]
    public void Parse_NameWithSpaces_IsReported()
    {
        var errors = DemoErrors(n => n.Action(1)["name"] = "claim it");

        Assert.That(errors, Is.EqualTo(new[]
        {
            DemoError("$.actions[1].name", "action name 'claim it' must start with a letter and contain only letters, digits, '-' and '_'"),
        }));
    }

    [Test]
    public void Parse_SeveralProblems_ReportsAllAtOnce()
    {
        var exception = Assert.Throws<WorkflowDefinitionException>(() => WorkflowLoader.Parse(
            DemoText(n =>
            {
                n.Stage(0)["sla"] = "40 days";
                n.Action(0)["roles"] = new JsonArray("wizard");
                n.Action(0)["guards"] = new JsonArray("foo");
                n.Action(2)["request"] = "Foo";
            }),
            DemoFile,
            DemoEnvironment));

        var expected = new[]
        {
            DemoError("$.stages[0].sla", "invalid ISO 8601 duration '40 days' (expected e.g. P40D, PT12H or P1DT2H)"),
            DemoError("$.actions[0].roles[0]", "unknown role 'wizard'"),
            DemoError("$.actions[0].guards[0]", "unknown guard 'foo'"),
            DemoError("$.actions[2].request", "request 'Foo' has no handler"),
        };
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception.Errors, Is.EqualTo(expected));
            Assert.That(exception.Message, Is.EqualTo("Invalid workflow definition (4 errors):\n" + string.Join('\n', expected.Select(e => e.ToString()))));
            Assert.That(expected[1].ToString(), Is.EqualTo("demo.v1.json: $.actions[0].roles[0]: unknown role 'wizard'"));
        }
    }

    [Test]
    public void LoadFile_FileNameDoesNotMatchNameAndVersion_IsReported()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Write("demo.json", DemoText());

        var exception = Assert.Throws<WorkflowDefinitionException>(() => WorkflowLoader.LoadFile(path, DemoEnvironment));

        Assert.That(exception.Errors, Is.EqualTo(new[] { new WorkflowDefinitionError(path, "$", "file name must be 'demo.v1.json' for workflow 'demo' version 1") }));
    }

    [Test]
    public void LoadDirectory_SeveralBrokenFiles_AggregatesTheirErrors()
    {
        using var directory = new TemporaryDirectory();
        var first = directory.Write("demo.v1.json", DemoText(n => n.Action(0)["guards"] = new JsonArray("foo")));
        var second = directory.Write("demo.v2.json", DemoText(n =>
        {
            n["version"] = 2;
            n.Action(0)["request"] = "Foo";
        }));

        var exception = Assert.Throws<WorkflowDefinitionException>(() => WorkflowLoader.LoadDirectory(directory.Path, DemoEnvironment));

        Assert.That(exception.Errors, Is.EqualTo(new[]
        {
            new WorkflowDefinitionError(first, "$.actions[0].guards[0]", "unknown guard 'foo'"),
            new WorkflowDefinitionError(second, "$.actions[0].request", "request 'Foo' has no handler"),
        }));
    }
}

/// <summary>A directory under the system temp directory, deleted on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("workflow-tests-").FullName;

    public string Write(string fileName, string content)
    {
        var path = System.IO.Path.Combine(Path, fileName);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
