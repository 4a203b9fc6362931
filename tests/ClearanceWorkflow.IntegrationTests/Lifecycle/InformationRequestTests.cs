using System.Net;
using System.Text.Json;
using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Lifecycle;

/// <summary>The assigned adjudicator asks the applicant questions; the case waits on the applicant until answered.</summary>
[TestFixtureSource(typeof(DatabaseKinds), nameof(DatabaseKinds.All))]
public sealed class InformationRequestTests(DatabaseKind kind) : LifecycleTest(kind)
{
    private static readonly string[] Questions = ["Explain the 2023 county court judgment.", "Who is your contact in Ruritania?"];

    [Test]
    public async Task RequestInformation_AssignedAdjudicator_AwaitingApplicantUntilTheApplicantAnswers()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);

        var requested = await Driver.ActOkAsync(Adjudicator, id, "request-information", new { questions = Questions });

        Assert.That(Stage(requested), Is.EqualTo("review"));
        Assert.That(Status(requested), Is.EqualTo("AwaitingApplicant"));
        var applicantView = await Driver.GetCaseAsync(alice, id);
        Assert.That(Status(applicantView), Is.EqualTo("AwaitingApplicant"));
        Assert.That(Actions(applicantView), Is.EquivalentTo(new[] { "provide-information", "withdraw" }));
        var open = applicantView.GetProperty("informationRequests").EnumerateArray().Single();
        Assert.That(CaseDriver.Strings(open.GetProperty("questions")), Is.EqualTo(Questions));
        Assert.That(open.GetProperty("answers").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(Actions(await Driver.GetCaseAsync(Adjudicator, id)), Is.Empty, "nothing to do but wait");

        var scheduling = await CaseDriver.ExpectProblem(
            await Driver.ActAsync(Adjudicator, id, "schedule-interview", new { scheduledAt = TimeProvider.System.GetUtcNow().AddDays(3), location = "Room 1" }),
            HttpStatusCode.Conflict);
        await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "refer-to-decision"), HttpStatusCode.Conflict);
        await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "request-information", new { questions = Questions }), HttpStatusCode.Conflict);
        Assert.That(scheduling.GetProperty("detail").GetString(), Does.Contain("AwaitingApplicant"));

        var answered = await Driver.ActOkAsync(alice, id, "provide-information", new { answers = new[] { "Paid in full in 2024.", "A former classmate." } });

        Assert.That(Status(answered), Is.EqualTo("InProgress"));
        Assert.That(Stage(answered), Is.EqualTo("review"));
        var request = answered.GetProperty("informationRequests").EnumerateArray().Single();
        Assert.That(CaseDriver.Strings(request.GetProperty("answers")), Is.EqualTo(new[] { "Paid in full in 2024.", "A former classmate." }));
        Assert.That(request.GetProperty("answeredAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        await CaseDriver.ExpectProblem(await Driver.ActAsync(alice, id, "provide-information", new { answers = new[] { "again" } }), HttpStatusCode.Conflict);
        var scheduled = await Driver.ActOkAsync(Adjudicator, id, "schedule-interview", new { scheduledAt = TimeProvider.System.GetUtcNow().AddDays(3), location = "Room 1" });
        Assert.That(Stage(scheduled), Is.EqualTo("interview"));
    }

    [Test]
    public async Task RequestInformation_WithoutQuestions_Returns400()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);

        var problem = await CaseDriver.ExpectProblem(await Driver.ActAsync(Adjudicator, id, "request-information", new { questions = Array.Empty<string>() }), HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("errors").TryGetProperty("questions", out _), Is.True, problem.ToString());
        Assert.That(Status(await Driver.GetCaseAsync(Adjudicator, id)), Is.EqualTo("InProgress"));
    }

    [Test]
    public async Task RequestInformation_UnassignedAdjudicator_Returns403()
    {
        using var other = Staff("olga", out _, AdjudicatorRole);
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);

        await CaseDriver.ExpectProblem(await Driver.ActAsync(other, id, "request-information", new { questions = Questions }), HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task ProvideInformation_NothingAsked_Returns409()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);

        await CaseDriver.ExpectProblem(await Driver.ActAsync(alice, id, "provide-information", new { answers = new[] { "unprompted" } }), HttpStatusCode.Conflict);
    }

    [TestCase(1)]
    [TestCase(3)]
    public async Task ProvideInformation_NotOneAnswerPerQuestion_Returns400AndStillAwaiting(int answers)
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);
        await Driver.ActOkAsync(Adjudicator, id, "request-information", new { questions = Questions });

        var problem = await CaseDriver.ExpectProblem(
            await Driver.ActAsync(alice, id, "provide-information", new { answers = Enumerable.Range(1, answers).Select(i => $"Answer {i}.").ToArray() }),
            HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("errors").GetProperty("answers")[0].GetString(), Does.Contain($"the request asks 2, {answers} given"), problem.ToString());
        Assert.That(Status(await Driver.GetCaseAsync(alice, id)), Is.EqualTo("AwaitingApplicant"));
    }

    [Test]
    public async Task ProvideInformation_WithoutAnswers_Returns400AndStillAwaiting()
    {
        using var alice = NewApplicant();
        var id = await Driver.CaseInReviewAsync(alice, Investigator, Adjudicator);
        await Driver.ActOkAsync(Adjudicator, id, "request-information", new { questions = Questions });

        await CaseDriver.ExpectProblem(await Driver.ActAsync(alice, id, "provide-information"), HttpStatusCode.BadRequest);

        Assert.That(Status(await Driver.GetCaseAsync(alice, id)), Is.EqualTo("AwaitingApplicant"));
    }
}
