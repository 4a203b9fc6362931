using System.Net;
using System.Net.Http.Json;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>
/// Decisions on two cases of one subject take turns on the subject: a subject never holds two active clearances, nor an
/// interim beside a suspended clearance, and the last evaluation of a clearance to end favourably reinstates it.
/// </summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class SubjectDecisionTests(DatabaseKind kind) : LifecycleTest(kind)
{
    [Test]
    public async Task Grant_TwoCasesOfOneSubjectAtOnce_OneActiveClearance()
    {
        // Each grant supersedes the subject's active clearances; at once, each used to find none and both stayed Active.
        for (var round = 0; round < 3; round++)
        {
            using var applicant = NewApplicant(out var subjectId);
            var first = await Driver.CaseInDecisionAsync(applicant, Investigator, Adjudicator);
            var second = await Driver.CaseInDecisionAsync(applicant, Investigator, Adjudicator);

            var answers = await Task.WhenAll(
                Driver.ActAsync(Adjudicator, first, "grant", CaseDriver.GrantBody()),
                Driver.ActAsync(Adjudicator, second, "grant", CaseDriver.GrantBody()));

            Assert.That(answers.Select(a => a.StatusCode), Is.All.EqualTo(HttpStatusCode.OK), "the second waits for the first, then supersedes it");
            using var scope = Factory.Services.CreateScope();
            var statuses = await scope.ServiceProvider.GetRequiredService<ClearanceDbContext>().Clearances.AsNoTracking()
                .Where(c => c.SubjectId == subjectId).Select(c => c.Status).ToListAsync();
            Assert.That(statuses.Count(s => s == ClearanceStatus.Active), Is.EqualTo(1), $"round {round}: {string.Join(", ", statuses)}");
            Assert.That(statuses, Has.Count.EqualTo(2));
        }
    }

    [Test]
    public async Task IncidentSuspension_AtOnceWithGrantInterim_NeverLeavesAnInterimBesideASuspendedClearance()
    {
        using var officer = Factory.ClientFor(NewUser("sofia"), "security-officer");
        for (var round = 0; round < 6; round++)
        {
            using var applicant = NewApplicant(out var subjectId);
            var held = await ActiveClearanceAsync(applicant);
            var upgrade = await Driver.SubmittedCaseAsync(applicant, "TopSecret");

            var answers = await Task.WhenAll(
                officer.PostAsJsonAsync($"/api/v1/clearances/{held}/incidents", Incident(suspend: true)),
                Driver.ActAsync(Adjudicator, upgrade, "grant-interim", new { level = "TopSecret", rationale = "The sponsor needs access now." }));

            var statuses = await StatusesAsync(subjectId);
            Assert.That(statuses, Does.Contain(ClearanceStatus.Suspended).And.Not.Contain(ClearanceStatus.Interim),
                $"round {round}: {string.Join(", ", answers.Select(a => (int)a.StatusCode))} -> {string.Join(", ", statuses)}");
        }
    }

    [Test]
    public async Task TwoEvaluationsOfOneClearanceReinstatedAtOnce_TheClearanceEndsActive()
    {
        using var officer = Factory.ClientFor(NewUser("sofia"), "security-officer");
        for (var round = 0; round < 3; round++)
        {
            using var applicant = NewApplicant(out var subjectId);
            var held = await ActiveClearanceAsync(applicant);
            var evaluations = new List<Guid>();
            for (var i = 0; i < 2; i++)
            {
                evaluations.Add(await ClaimedEvaluationAsync(officer, held));
            }

            var answers = await Task.WhenAll(evaluations.Select(e => Driver.ActAsync(Adjudicator, e, "reinstate", new { rationale = "Mitigated." })));

            Assert.That(answers.Select(a => a.StatusCode), Is.All.EqualTo(HttpStatusCode.OK), "the second waits for the first");
            Assert.That(await StatusesAsync(subjectId), Is.EqualTo(new[] { ClearanceStatus.Active }), $"round {round}: no evaluation is open");
        }
    }

    [Test]
    public async Task Reinstate_AtOnceWithASecondIncidentAskingSuspension_TheClearanceIsSuspendedWhileTheSecondIsOpen()
    {
        using var officer = Factory.ClientFor(NewUser("sofia"), "security-officer");
        for (var round = 0; round < 4; round++)
        {
            using var applicant = NewApplicant(out var subjectId);
            var held = await ActiveClearanceAsync(applicant);
            var evaluation = await ClaimedEvaluationAsync(officer, held);

            var answers = await Task.WhenAll(
                Driver.ActAsync(Adjudicator, evaluation, "reinstate", new { rationale = "Mitigated." }),
                officer.PostAsJsonAsync($"/api/v1/clearances/{held}/incidents", Incident(suspend: true)));

            Assert.That(answers[1].StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(await StatusesAsync(subjectId), Is.EqualTo(new[] { ClearanceStatus.Suspended }),
                $"round {round}: reinstate {(int)answers[0].StatusCode}, and the second evaluation is open");
        }
    }

    private static object Incident(bool suspend) => new { guideline = "G", summary = "Arrested for a DUI; reported by the site security office.", suspend };

    private async Task<Guid> ActiveClearanceAsync(HttpClient applicant)
    {
        var granted = await Driver.CaseInDecisionAsync(applicant, Investigator, Adjudicator);
        await Driver.ActOkAsync(Adjudicator, granted, "grant", CaseDriver.GrantBody());
        return (await Driver.GetJsonAsync(applicant, "/api/v1/me/clearance")).GetProperty("id").GetGuid();
    }

    /// <summary>An incident that suspends the clearance, its evaluation claimed by the adjudicator.</summary>
    private async Task<Guid> ClaimedEvaluationAsync(HttpClient officer, Guid clearance)
    {
        using var opened = await officer.PostAsJsonAsync($"/api/v1/clearances/{clearance}/incidents", Incident(suspend: true));
        await CaseDriver.Expect(opened, HttpStatusCode.Created);
        var evaluation = (await CaseDriver.Json(opened)).GetProperty("id").GetGuid();
        await Driver.ActOkAsync(Adjudicator, evaluation, "claim");
        return evaluation;
    }

    private async Task<List<ClearanceStatus>> StatusesAsync(string subjectId)
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ClearanceDbContext>().Clearances.AsNoTracking()
            .Where(c => c.SubjectId == subjectId).Select(c => c.Status).ToListAsync();
    }
}
