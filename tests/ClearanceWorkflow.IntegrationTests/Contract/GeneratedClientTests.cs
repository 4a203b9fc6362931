using ClearanceWorkflow.IntegrationTests.Client;
using ClearanceWorkflow.IntegrationTests.Client.Models;
using ClearanceWorkflow.IntegrationTests.Lifecycle;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace ClearanceWorkflow.IntegrationTests.Contract;

/// <summary>
/// The C# client Kiota generates from docs/openapi.json (committed under Client/, checked against the document by
/// <see cref="ApiDocumentTests"/>) drives a whole case, as a client in the field would.
/// </summary>
public sealed class GeneratedClientTests() : LifecycleTest(DatabaseKind.Sqlite)
{
    [Test]
    public async Task GeneratedClient_ApplyChecksClaimFindingGrant_ClosesGrantedWithAnActiveClearance()
    {
        using var applicantHttp = NewApplicant(out var applicantId);
        using var applicantAdapter = Adapter(applicantHttp);
        using var investigatorAdapter = Adapter(Investigator);
        using var adjudicatorAdapter = Adapter(Adjudicator);
        var applicant = new ClearanceApiClient(applicantAdapter).Api.V1;
        var investigator = new ClearanceApiClient(investigatorAdapter).Api.V1;
        var adjudicator = new ClearanceApiClient(adjudicatorAdapter).Api.V1;

        var created = await applicant.Applications.PostAsync(Application());
        var id = created!.Id!.Value;
        Assert.That((created.Stage, created.SubjectId, created.RequestedLevel), Is.EqualTo(("application", applicantId, ClearanceLevel.Secret)));
        await applicant.Applications[id].Questionnaire.PutAsync(Questionnaire());
        var submitted = await applicant.Cases[id].Actions.Submit.PostAsync(new SubmitBody { Attestation = true });
        Assert.That(submitted!.Stage, Is.EqualTo("background-check"));

        var investigation = await investigator.Cases[id].Investigation.GetAsync();
        Assert.That(investigation!.Tier, Is.EqualTo(InvestigationTier.Tier3));
        foreach (var check in investigation.Checks!)
        {
            var recorded = await investigator.Cases[id].Investigation.Checks[check.Kind!].Result.PostAsync(
                new CheckResultBody { Outcome = CheckOutcome.Clear, Summary = "nothing found" });
            Assert.That(recorded!.Status, Is.EqualTo(CheckStatus.Clear));
        }

        var claimed = await adjudicator.Cases[id].Actions.Claim.PostAsync(new EmptyBody());
        Assert.That((claimed!.Stage, claimed.AssignedAdjudicator), Is.EqualTo(("review", AdjudicatorId)));
        var finding = await adjudicator.Cases[id].Findings.PostAsync(new FindingBody
        {
            Guideline = Guideline.F, Severity = Severity.Minor, Summary = "Late payments in 2021", Mitigated = true, Mitigation = "Repaid in full",
        });
        Assert.That(finding!.Guideline, Is.EqualTo(Guideline.F));
        var referred = await adjudicator.Cases[id].Actions.ReferToDecision.PostAsync(new EmptyBody());
        Assert.That(referred!.Stage, Is.EqualTo("decision"));
        var granted = await adjudicator.Cases[id].Actions.Grant.PostAsync(new GrantBody
        {
            Level = ClearanceLevel.Secret, Rationale = "No disqualifying information; the whole person favours eligibility.",
        });

        Assert.That((granted!.Stage, granted.Status), Is.EqualTo(("closed", "Granted")));
        Assert.That(granted.History!.Select(h => (h.Stage, h.Action)), Is.EqualTo(new (string, string?)[]
        {
            ("application", "submit"), ("background-check", "complete-investigation"), ("review", "refer-to-decision"), ("decision", "grant"), ("closed", null),
        }));
        var clearance = await applicant.Me.Clearance.GetAsync();
        Assert.That((clearance!.Level, clearance.Status, clearance.CaseId), Is.EqualTo((ClearanceLevel.Secret, ClearanceStatus.Active, id)));
    }

    [Test]
    public async Task GeneratedClient_RefusedRequests_ThrowTheDocumentedProblemDetails()
    {
        using var applicantHttp = NewApplicant();
        using var applicantAdapter = Adapter(applicantHttp);
        using var adjudicatorAdapter = Adapter(Adjudicator);
        var applicant = new ClearanceApiClient(applicantAdapter).Api.V1;
        var adjudicator = new ClearanceApiClient(adjudicatorAdapter).Api.V1;
        var id = (await applicant.Applications.PostAsync(Application()))!.Id!.Value;
        await applicant.Applications[id].Questionnaire.PutAsync(Questionnaire());

        var invalid = Assert.ThrowsAsync<HttpValidationProblemDetails>(() => applicant.Cases[id].Actions.Submit.PostAsync(new SubmitBody { Attestation = false }));
        var conflict = Assert.ThrowsAsync<ProblemDetails>(() => adjudicator.Cases[id].Actions.Claim.PostAsync(new EmptyBody()));
        var forbidden = Assert.ThrowsAsync<ProblemDetails>(() => applicant.Partners.GetAsync());

        Assert.That((invalid!.ResponseStatusCode, invalid.Status), Is.EqualTo((400, 400)));
        Assert.That(invalid.Errors!.AdditionalData.Keys, Does.Contain("attestation"));
        Assert.That((conflict!.ResponseStatusCode, conflict.Status), Is.EqualTo((409, 409)));
        Assert.That(forbidden!.ResponseStatusCode, Is.EqualTo(403));
    }

    /// <summary>The client over the test server's HttpClient, which carries the caller's bearer token.</summary>
    private static HttpClientRequestAdapter Adapter(HttpClient http) =>
        new(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = http.BaseAddress!.ToString().TrimEnd('/') };

    private static CreateApplicationCommand Application() => new()
    {
        RequestedLevel = ClearanceLevel.Secret,
        Sponsor = "Ministry of Tests",
        Subject = new CreateApplicationSubjectInput
        {
            GivenName = "Jane", FamilyName = "Doe", DateOfBirth = new Date(1988, 2, 14), Citizenship = "GB", NationalId = "AB-123456", Email = "jane.doe@example.org",
        },
    };

    private static Questionnaire Questionnaire()
    {
        var start = new Date(CaseDriver.Today.AddYears(-7).ToDateTime(TimeOnly.MinValue));
        return new Questionnaire
        {
            Residences = [new Residence { From = start, Address = "12 Acacia Avenue, Springfield", Country = "GB" }],
            Employment = [new Employment { From = start, Employer = "Acme Ltd", Position = "Engineer" }],
            Education = [new Education { Institution = "University of Springfield", Degree = "BSc" }],
            References = [new Reference { Name = "Ref One", Relationship = "colleague", Contact = "ref.one@example.org" }],
            ForeignContacts = [],
            ForeignTravel = [],
            Financial = new Financial { Bankruptcy = false, DelinquentDebt = false },
            CriminalRecord = [],
            DrugUse = new DrugUse { IllegalUseInScope = false },
        };
    }
}
