using System.Net;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>GET /api/v1/workflows and the Mermaid diagram, on the definitions shipped with the service.</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class WorkflowEndpointTests(DatabaseKind kind) : LifecycleTest(kind)
{
    [Test]
    public async Task Diagram_Clearance_ReturnsMermaidStateDiagram()
    {
        var response = await Adjudicator.GetAsync("/api/v1/workflows/clearance/diagram");

        await CaseDriver.Expect(response, HttpStatusCode.OK);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/vnd.mermaid"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(text, Does.StartWith("stateDiagram-v2"));
        Assert.That(text, Does.Contain("application --> background_check: submit"));
    }

    [Test]
    public async Task Diagram_UnknownName_Returns404()
    {
        await CaseDriver.ExpectProblem(await Adjudicator.GetAsync("/api/v1/workflows/nosuchflow/diagram"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task ListWorkflows_ShippedDefinitions_ClearanceVersionTwoActive()
    {
        var list = await Driver.GetJsonAsync(Adjudicator, "/api/v1/workflows");

        var clearance = list.EnumerateArray().Single(w => w.GetProperty("name").GetString() == "clearance");
        Assert.That(clearance.GetProperty("versions").EnumerateArray().Select(v => v.GetInt32()), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(clearance.GetProperty("activeVersion").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public async Task Workflows_Applicant_Returns403()
    {
        using var alice = NewApplicant();

        await CaseDriver.ExpectProblem(await alice.GetAsync("/api/v1/workflows"), HttpStatusCode.Forbidden);
        await CaseDriver.ExpectProblem(await alice.GetAsync("/api/v1/workflows/clearance/diagram"), HttpStatusCode.Forbidden);
    }
}
