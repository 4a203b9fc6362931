using System.Net;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>Decisions on two cases of one subject take turns on the subject: a subject never holds two active clearances.</summary>
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
}
