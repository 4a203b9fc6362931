using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClearanceWorkflow.Application.Workflows;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Contract;

/// <summary>
/// The OpenAPI document clients are generated from: what the service serves is the committed docs/openapi.json, passes
/// Redocly's recommended rules, names every schema apart, and gives every workflow action its own path and body.
/// The committed client is what Kiota makes of the committed document. (The document does not depend on the database.)
/// </summary>
public sealed class ApiDocumentTests() : IntegrationTest(DatabaseKind.Sqlite)
{
    private static string CommittedDocument => Path.Combine(Tools.RepositoryRoot, "docs", "openapi.json");

    private static string CommittedClient => Path.Combine(Tools.RepositoryRoot, "tests", "ClearanceWorkflow.IntegrationTests", "Client");

    [Test]
    public async Task ServedDocument_SameAsTheCommittedCopy()
    {
        var served = await ServedTextAsync();
        var copy = Path.Combine(TestContext.CurrentContext.WorkDirectory, "openapi.served.json");
        await File.WriteAllTextAsync(copy, served + "\n");

        Assert.That(Canonical(served), Is.EqualTo(Canonical(await File.ReadAllTextAsync(CommittedDocument))),
            $"docs/openapi.json is not what the service serves: copy {copy} there, then run tests/tools/generate-client.sh (docs/api.md)");
    }

    [Test]
    public async Task ServedDocument_RedoclyRecommendedRules_NoErrors()
    {
        Assert.That(File.Exists(Tools.Redocly), Is.True, $"{Tools.Redocly} is missing: run `npm ci --prefix tests/tools` (test.sh does)");
        var file = Path.Combine(Path.GetTempPath(), $"clearance-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await ServedTextAsync());
        try
        {
            var (exitCode, output) = await Tools.RunAsync(
                Tools.Redocly,
                ["lint", file, "--config", Path.Combine(Tools.RepositoryRoot, "tests", "tools", "redocly.yaml"), "--format", "stylish"],
                new Dictionary<string, string> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" });

            Assert.That(exitCode, Is.Zero, output);
            Assert.That(output, Does.Contain("valid"), output);
            Assert.That(output, Does.Not.Contain(" error "), output);
            // The only warning docs/api.md owns up to: the project names no licence.
            var warnings = output.Split('\n').Where(l => l.Contains(" warning ", StringComparison.Ordinal)).ToList();
            Assert.That(warnings, Has.All.Contain("info-license"), output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task Tags_EveryOneAnOperationUses_IsDeclaredWithADescription()
    {
        var document = await ServedAsync();
        var used = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject())
            .SelectMany(o => o.Value!["tags"]?.AsArray().Select(t => t!.GetValue<string>()) ?? []).Distinct().ToList();
        var declared = document["tags"]!.AsArray().ToDictionary(t => t!["name"]!.GetValue<string>(), t => t!["description"]?.GetValue<string>());

        Assert.That(used, Is.Not.Empty);
        Assert.That(used, Is.SubsetOf(declared.Keys));
        Assert.That(used.Select(t => declared[t]), Has.All.Not.Null.And.All.Not.Empty);
    }

    [Test]
    public async Task Schemas_NestedTypes_NamedAfterTheirDeclaringType()
    {
        var schemas = (await ServedAsync())["components"]!["schemas"]!.AsObject();

        Assert.That(schemas.Select(s => s.Key), Is.SupersetOf(new[]
        {
            "CreateApplicationCommand", "CreatePartnerCommand", "ReciprocityQuery", "ReciprocityBatchQuery",
            "ReciprocityQuerySubjectInput", "ReciprocityBatchQuerySubjectInput", "CreateApplicationSubjectInput",
            "GetInvestigationResult", "VerificationResult", "GetEventProof", "GetLedgerKeysKey", "AdjudicationWorklistPage", "ListAuditEventsPage", "UpdatePartnerBody",
        }));
        Assert.That(schemas.Select(s => s.Key), Has.None.AnyOf("Command", "Query", "Result", "Page", "Body", "Item", "SubjectInput"));
    }

    [Test]
    public async Task Actions_EveryWorkflowActionButTheServicesOwn_HasItsOwnPathWithTheBodyOfItsRequest()
    {
        var document = await ServedAsync();
        var paths = document["paths"]!.AsObject();
        var catalog = Factory.Services.GetRequiredService<WorkflowRegistry>().Catalog;
        var all = catalog.Names.SelectMany(n => catalog.Versions(n).SelectMany(v => catalog.Get(n, v).Actions)).ToList();
        var actions = all.Where(a => a.Roles.Any(r => r != "system")).Select(a => a.Name).Distinct().ToList();
        var servicesOwn = all.Select(a => a.Name).Distinct().Except(actions).ToList();

        // Deadlines and automatic actions: only the service performs them; clients get no call for them.
        Assert.That(servicesOwn, Is.EquivalentTo(new[] { "answer-period-ends", "appeal-period-ends", "uphold-denial", "reverse-denial" }));
        Assert.That(servicesOwn.Select(a => paths[$"/api/v1/cases/{{id}}/actions/{a}"]), Is.All.Null);
        Assert.That(BodyOf(paths, "board-vote"), Is.EqualTo("#/components/schemas/BoardVoteBody"));

        Assert.That(paths.Select(p => p.Key), Does.Not.Contain("/api/v1/cases/{id}/actions/{action}"));
        Assert.That(actions, Has.Count.GreaterThanOrEqualTo(13));
        foreach (var action in actions)
        {
            var operation = paths[$"/api/v1/cases/{{id}}/actions/{action}"]?["post"];
            Assert.That(operation, Is.Not.Null, action);
            Assert.That(operation!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>(), Does.StartWith("#/components/schemas/"), action);
        }

        Assert.That(BodyOf(paths, "grant"), Is.EqualTo("#/components/schemas/GrantBody"));
        Assert.That(BodyOf(paths, "submit"), Is.EqualTo("#/components/schemas/SubmitBody"));
        Assert.That(BodyOf(paths, "claim"), Is.EqualTo("#/components/schemas/EmptyBody"));
        var grant = document["components"]!["schemas"]!["GrantBody"]!["properties"]!;
        Assert.That(grant["level"]!.ToJsonString(), Does.Contain("#/components/schemas/ClearanceLevel"));
        Assert.That(grant["exception"]!.ToJsonString(), Does.Contain("#/components/schemas/GrantExceptionInput"));
    }

    [Test]
    public async Task Schemas_EveryArrayNamesItsItems()
    {
        var document = await ServedAsync();
        var untyped = new List<string>();
        void Walk(JsonNode? node, string path)
        {
            if (node is JsonObject o)
            {
                var type = o["type"];
                static bool IsArray(JsonNode? t) => t is JsonValue v && v.TryGetValue<string>(out var name) && name == "array";
                var isArray = IsArray(type) || (type is JsonArray a && a.Any(IsArray));
                if (isArray && o["items"] is null)
                {
                    untyped.Add(path);
                }

                foreach (var (key, value) in o)
                {
                    Walk(value, $"{path}/{key}");
                }
            }
            else if (node is JsonArray list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    Walk(list[i], $"{path}/{i}");
                }
            }
        }

        Walk(document, "#");
        Assert.That(untyped, Is.Empty);
        var guidelines = document["components"]!["schemas"]!["StatementOfReasonsDto"]!["properties"]!["guidelines"]!["items"]!;
        Assert.That(guidelines["enum"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(Enum.GetNames<ClearanceWorkflow.Domain.Guideline>()));
    }

    [Test]
    public async Task Actions_DescribedAsTheActiveVersionRunsThem_OlderVariantsNamedByVersion()
    {
        var paths = (await ServedAsync())["paths"]!.AsObject();
        string Description(string action) => paths[$"/api/v1/cases/{{id}}/actions/{action}"]!["post"]!["description"]!.GetValue<string>();

        // Version 2 sends a concurred denial to due process; version 1 closed it.
        Assert.That(Description("concur"), Does.StartWith("From stage `decision`"));
        Assert.That(Description("concur"), Does.Contain("the case moves to `due-process`, status `AwaitingAnswer`"));
        Assert.That(Description("concur"), Does.Contain("For cases on workflow version 1: From stage `decision`"));
        Assert.That(Description("concur").IndexOf("due-process", StringComparison.Ordinal),
            Is.LessThan(Description("concur").IndexOf("version 1", StringComparison.Ordinal)));
        // Roles exempt from ownership are named, as API.md has them.
        Assert.That(Description("suspend"), Does.Contain("(ownership `assigned`, not for senior-adjudicator)"));
        Assert.That(Description("complete-interview"), Does.Contain("not for investigator"));
    }

    [Test]
    public async Task Operations_SecuredOnesNameTheBearerScheme_AndEveryErrorIsProblemDetails()
    {
        var document = await ServedAsync();
        Assert.That(document["components"]!["securitySchemes"]!["bearer"]!["scheme"]!.GetValue<string>(), Is.EqualTo("bearer"));
        var operations = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (Name: $"{o.Key} {p.Key}", Operation: o.Value!.AsObject())))
            .ToList();
        Assert.That(operations, Has.Count.GreaterThan(30));
        foreach (var (name, operation) in operations)
        {
            Assert.That(operation["operationId"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, name);
            Assert.That(operation["summary"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, name);
            var responses = operation["responses"]!.AsObject();
            if (operation["operationId"]?.GetValue<string>() == "verifyCertificate")
            {
                // The one public operation: an empty requirement, and no 401 or 403.
                Assert.That(operation["security"]?.ToJsonString(), Is.EqualTo("[{}]"), name);
                Assert.That(responses.Select(r => r.Key), Has.None.AnyOf("401", "403"), name);
                continue;
            }

            Assert.That(operation["security"]?[0]?["bearer"], Is.Not.Null, name);
            Assert.That(responses.Select(r => r.Key), Is.SupersetOf(new[] { "401", "403" }), name);
            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
            {
                Assert.That(response!["content"]!.AsObject().Select(c => c.Key), Is.EqualTo(new[] { "application/problem+json" }), $"{name} {status}");
            }
        }
    }

    [TestCase("/api/v1/applications", "post")]
    [TestCase("/api/v1/applications/{id}/questionnaire", "put")]
    [TestCase("/api/v1/cases/{id}/findings", "post")]
    [TestCase("/api/v1/cases/{id}/investigation/checks/{kind}/result", "post")]
    [TestCase("/api/v1/cases/{id}/actions/submit", "post")]
    [TestCase("/api/v1/cases/{id}/actions/grant", "post")]
    [TestCase("/api/v1/reciprocity/queries", "post")]
    [TestCase("/api/v1/reciprocity/queries/batch", "post")]
    [TestCase("/api/v1/partners", "post")]
    [TestCase("/api/v1/partners/{partnerId}", "put")]
    public async Task MainBodies_CarryAnExample(string path, string method)
    {
        var media = (await ServedAsync())["paths"]![path]![method]!["requestBody"]!["content"]!["application/json"]!;
        Assert.That(media["example"], Is.InstanceOf<JsonObject>(), media.ToJsonString());
    }

    [Test]
    public async Task CommittedClient_RegeneratedFromTheCommittedDocument_IsUnchanged()
    {
        var output = Path.Combine(Path.GetTempPath(), $"clearance-client-{Guid.NewGuid():N}");
        try
        {
            var (exitCode, log) = await Tools.RunAsync("bash", [Path.Combine(Tools.RepositoryRoot, "tests", "tools", "generate-client.sh"), output]);
            Assert.That(exitCode, Is.Zero, log);

            var generated = SourceFiles(output);
            var committed = SourceFiles(CommittedClient);
            Assert.That(generated.Keys, Has.Count.GreaterThan(20), log);
            Assert.That(committed.Keys, Is.EquivalentTo(generated.Keys), "the committed client's files: run tests/tools/generate-client.sh");
            var changed = generated.Where(g => committed.TryGetValue(g.Key, out var text) && text != g.Value).Select(g => g.Key).ToList();
            Assert.That(changed, Is.Empty, "files that differ from the generated client: run tests/tools/generate-client.sh");
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    private static string? BodyOf(JsonObject paths, string action) =>
        paths[$"/api/v1/cases/{{id}}/actions/{action}"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();

    private static Dictionary<string, string> SourceFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f).Replace('\\', '/'), f => File.ReadAllText(f).ReplaceLineEndings("\n"), StringComparer.Ordinal);

    private static string Canonical(string json) => JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private async Task<string> ServedTextAsync()
    {
        using var client = Factory.CreateClient();
        var response = await client.GetAsync("/openapi/v1.json");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return text;
    }

    private async Task<JsonObject> ServedAsync() => JsonNode.Parse(await ServedTextAsync())!.AsObject();
}
