using System.Text;
using System.Text.Json;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Application.Workflows;
using ClearanceWorkflow.IntegrationTests.Support;
using ClearanceWorkflow.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ClearanceWorkflow.IntegrationTests.Security.AuthorizationMatrix;

namespace ClearanceWorkflow.IntegrationTests.Security;

/// <summary>
/// Runs every row of <c>Security/authorization-matrix.csv</c> as its own test case: a case is put in the row's
/// stage, the row's caller (role and relation to the case) makes the call with a valid body, and the status
/// must be the row's. A row about a partner (a partner relation) first registers a fresh partner with the
/// agreement the relation names (<see cref="MatrixPartners"/>). A rule missing from the service fails its row.
/// A second test fails when an endpoint the service maps, or an action of the active workflow, has no rows for
/// every role.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class AuthorizationMatrixTests(DatabaseKind kind) : IntegrationTest(kind)
{
    /// <summary>The partner_id of partner callers whose relation is '-': no partner is registered under it.</summary>
    public const string PartnerId = "partner-matrix";

    private MatrixCases _cases = null!;
    private MatrixPartners _partners = null!;
    private IReadOnlyList<MappedEndpoint> _endpoints = null!;

    public static IEnumerable<TestCaseData> Rows() => AuthorizationMatrix.Rows.Select(r => new TestCaseData(r).SetName(r.Name));

    [OneTimeSetUp]
    public void Prepare()
    {
        _cases = new MatrixCases(Factory);
        _partners = new MatrixPartners(Factory);
        _endpoints = ApiSurface.Endpoints(Factory.Services);
    }

    [OneTimeTearDown]
    public void Release()
    {
        _cases?.Dispose();
        _partners?.Dispose();
    }

    [TestCaseSource(nameof(Rows))]
    public async Task Row(MatrixRow row)
    {
        Assert.That(Problems(row), Is.Empty, $"{row}: the row is malformed");

        var assigneeRole = row is { Role: SeniorAdjudicator, Relation: Assigned } ? SeniorAdjudicator : Adjudicator;
        var changesNothing = row.Method == "GET" || row.Expected >= 400;
        PreparedCase? prepared = null;
        if (row.NeedsCase)
        {
            prepared = changesNothing ? await _cases.SharedAsync(row.Stage, assigneeRole) : await _cases.FreshAsync(row.Stage, assigneeRole);
        }

        if (row.Path.StartsWith("/api/v1/audit", StringComparison.Ordinal) && row.Expected < 400)
        {
            // The ledger is sealed after commit, in the background: what the trail rows read must be sealed first.
            await Factory.AllSealedAsync();
        }

        var partnerId = row.NeedsPartner ? await _partners.PrepareAsync(row.Relation) : PartnerId;
        var id = prepared is not null && row.Path.StartsWith(ClearanceRoutes, StringComparison.Ordinal) ? await ClearanceOfAsync(prepared.Id) : prepared?.Id;
        var path = row.Route.Replace("{id}", (id ?? Guid.NewGuid()).ToString(), StringComparison.Ordinal)
            .Replace("{partnerId}", partnerId, StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(row.Method), path);
        var endpoint = _endpoints.FirstOrDefault(e => e.Method == row.Method && e.Matches(row.Path));
        if (row.Method is "POST" or "PUT" or "PATCH")
        {
            var body = BodyFor(row.Method, row.Path, endpoint?.Pattern, MatrixCases.User("u")[2..]);
            Assert.That(body, Is.Not.Null, $"{row}: no body for '{row.Method} {row.Path}' in {BodiesFileName}");
            if (row.Method == "PUT" && row.Route == "/api/v1/partners/{partnerId}")
            {
                // An update names the version of the agreement it read (the body file's 0 stands for it).
                var update = System.Text.Json.Nodes.JsonNode.Parse(body!)!.AsObject();
                await using var scope = Factory.Services.CreateAsyncScope();
                update["version"] = await scope.ServiceProvider.GetRequiredService<ClearanceDbContext>().Partners
                    .Where(p => p.PartnerId == partnerId).Select(p => (int?)p.Version).SingleOrDefaultAsync() ?? 1;
                body = update.ToJsonString();
            }
            request.Content = new StringContent(body!, Encoding.UTF8, "application/json");
        }

        using var client = Caller(row, prepared, partnerId);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (prepared is not null && changesNothing && row.Method != "GET" && (int)response.StatusCode < 300)
        {
            _cases.Forget(prepared);
        }

        Assert.That((int)response.StatusCode, Is.EqualTo(row.Expected), $"{row}: {text}");
        if (row.Expected >= 400)
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), $"{row}: {text}");

            // A refusal by the agreement names its rule; the rule must be the one the row's relation breaks. Where
            // the table lets a partner with a good agreement through, a partner with a broken one must be refused by it.
            using var problem = JsonDocument.Parse(text);
            var rule = problem.RootElement.TryGetProperty("rule", out var named) ? named.GetString() : null;
            var agreementDecides = row is { Role: Partner, Expected: 403 } && row.NeedsPartner && AuthorizationMatrix.Rows.Any(r =>
                r is { Role: Partner, Relation: Agreement, Expected: < 400 } && r.Method == row.Method && r.Route == row.Route);
            if (rule is not null || agreementDecides)
            {
                Assert.That(rule, Is.EqualTo(row.Relation), $"{row}: the agreement rule named: {text}");
            }
        }
    }

    [Test]
    public void Table_RowsAreWellFormedAndUnique()
    {
        var rows = AuthorizationMatrix.Rows;
        Assert.That(rows, Has.Count.GreaterThan(0));
        var failures = rows.SelectMany(r => Problems(r).Select(p => $"{r}: {p}")).ToList();
        failures.AddRange(rows.GroupBy(r => (r.Method, r.Route, r.Role, r.Relation, r.Stage)).Where(g => g.Count() > 1)
            .Select(g => $"lines {string.Join(", ", g.Select(r => r.Line))} are the same call"));
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Table_CoversEveryEndpointAndWorkflowActionForEveryRole()
    {
        var rows = AuthorizationMatrix.Rows;
        var api = _endpoints.Where(e => e.Pattern.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        Assert.That(api, Has.Count.GreaterThanOrEqualTo(14), "the service's endpoints could not be enumerated");
        var failures = new List<string>();

        foreach (var endpoint in api)
        {
            var covering = rows.Where(r => r.Method == endpoint.Method && endpoint.Matches(r.Path)).ToList();
            Require(endpoint.ToString(), covering, Roles.Select(role => (role, (string?)null)));
            if (endpoint.Parameters.Contains("id"))
            {
                Require(endpoint.ToString(), covering, [(Applicant, Own), (Applicant, Other)]);
            }

            if (endpoint.Parameters.Contains("partnerId"))
            {
                Require(endpoint.ToString(), covering, [(Admin, Agreement), (Admin, UnknownPartner)]);
            }

            // What partners may call, their agreement decides: a row for every state of it.
            if (covering.Any(r => r is { Role: Partner, Relation: Agreement, Expected: < 400 }))
            {
                Require(endpoint.ToString(), covering, PartnerRelations.Select(relation => (Partner, (string?)relation)));
            }
        }

        var registry = Factory.Services.GetRequiredService<WorkflowRegistry>();
        foreach (var name in registry.Catalog.Names)
        {
            foreach (var action in registry.Catalog.Active(name).Actions)
            {
                var covering = rows.Where(r => r.Method == "POST" && r.Path.EndsWith($"/actions/{action.Name}", StringComparison.Ordinal)).ToList();
                var what = $"action '{action.Name}' of workflow '{name}'";
                Require(what, covering, Roles.Select(role => (role, (string?)null)));
                Require(what, covering, [(Applicant, Own), (Applicant, Other)]);
                if (action.Ownership.Kind is OwnershipKind.Assigned or OwnershipKind.NotActorOf)
                {
                    foreach (var role in action.Roles.Where(r => r is Adjudicator or SeniorAdjudicator))
                    {
                        Require(what, covering, [(role, Assigned), (role, Unassigned)]);
                    }
                }
            }
        }

        foreach (var row in rows.Where(r => !api.Any(e => e.Method == r.Method && e.Matches(r.Path))))
        {
            failures.Add($"{row}: no endpoint of the service takes this call");
        }

        Assert.That(failures, Is.Empty, $"{FileName} needs rows");

        void Require(string what, List<MatrixRow> covering, IEnumerable<(string Role, string? Relation)> callers)
        {
            foreach (var (role, relation) in callers)
            {
                if (!covering.Any(r => r.Role == role && (relation is null || r.Relation == relation)))
                {
                    failures.Add($"{what} has no row for {role}{(relation is null ? string.Empty : $" ({relation})")}");
                }
            }
        }
    }

    /// <summary>What is wrong with a row, if anything: unknown words, a relation that does not fit its role or stage, a route without its case.</summary>
    private static List<string> Problems(MatrixRow row)
    {
        var problems = new List<string>();
        if (!Methods.Contains(row.Method))
        {
            problems.Add($"unknown method '{row.Method}'");
        }

        if (!row.Route.StartsWith('/'))
        {
            problems.Add("the route must start with /");
        }

        if (!Roles.Contains(row.Role))
        {
            problems.Add($"unknown role '{row.Role}'");
        }

        if (!Relations.Contains(row.Relation))
        {
            problems.Add($"unknown relation '{row.Relation}'");
        }

        if (!Statuses.Contains(row.Expected))
        {
            problems.Add($"unexpected status {row.Expected}");
        }

        if (row.Stage is not (NoCase or UnknownCase) && !CaseStages.Contains(row.Stage))
        {
            problems.Add($"unknown stage '{row.Stage}'");
        }

        var partnerBound = row.Route.Contains("{partnerId}", StringComparison.Ordinal);
        var fits = row.Relation switch
        {
            Own or Other => row.Role == Applicant,
            Assigned => row.Role is Adjudicator or SeniorAdjudicator && StagesWithAssignee.Contains(row.Stage),
            Unassigned => row.Role is Adjudicator or SeniorAdjudicator,
            _ when row.NeedsPartner => row.Role == Partner || partnerBound,
            _ => true,
        };
        if (!fits)
        {
            problems.Add($"relation '{row.Relation}' does not fit role '{row.Role}' in stage '{row.Stage}'");
        }

        if (row.Relation is Own or Assigned && !row.NeedsCase)
        {
            problems.Add($"relation '{row.Relation}' needs a case");
        }

        if (partnerBound && !row.NeedsPartner)
        {
            problems.Add($"a route with {{partnerId}} needs a partner relation ({string.Join(", ", PartnerRelations)})");
        }

        var caseBound = row.Route.Contains("{id}", StringComparison.Ordinal);
        if (caseBound && row.Stage == NoCase)
        {
            problems.Add("a route with {id} needs a stage, or 'none'");
        }

        if (row.Path.StartsWith(ClearanceRoutes, StringComparison.Ordinal) && row.Stage is not ("closed" or UnknownCase))
        {
            problems.Add("a clearance route's {id} is the clearance a grant made: its stage is 'closed', or 'none'");
        }

        if (!caseBound && (row.Stage == UnknownCase || (row.NeedsCase && row.Relation is not (Own or Assigned))))
        {
            problems.Add("a route without {id} takes stage '-', unless the caller's relation (own, assigned) needs a case");
        }

        return problems;
    }

    /// <summary>On these routes <c>{id}</c> is the clearance the row's case was granted.</summary>
    private const string ClearanceRoutes = "/api/v1/clearances/{id}";

    private async Task<Guid> ClearanceOfAsync(Guid caseId)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Application.Persistence.ClearanceDbContext>();
        return await db.Clearances.Where(c => c.CaseId == caseId).Select(c => c.Id).SingleAsync();
    }

    private HttpClient Caller(MatrixRow row, PreparedCase? prepared, string partnerId) => row.Role switch
    {
        Anonymous => Factory.CreateClient(),
        Partner => Factory.PartnerClient(MatrixCases.User("pat"), partnerId),
        Applicant => Factory.ClientFor(row.Relation == Own ? prepared!.SubjectId : MatrixCases.User("alice"), Applicant),
        Adjudicator or SeniorAdjudicator => Factory.ClientFor(
            row.Relation == Assigned ? prepared!.AssigneeId! : MatrixCases.User("bob"), row.Role),
        _ => Factory.ClientFor(MatrixCases.User("staff"), row.Role),
    };
}
