using System.Text.Json;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Applications;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.Workflow;

namespace ClearanceWorkflow.Application.Workflows;

/// <summary>The named guards definitions may use, implemented against a case.</summary>
public sealed class CaseGuards(ClearanceCase clearanceCase, IDataProtector protector, DateOnly today) : IGuardEvaluator
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "questionnaireComplete", "unassigned", "interviewNotRequired", "hasFindings", "continuousEvaluation", "notContinuousEvaluation",
    };

    public ValueTask<GuardResult> EvaluateAsync(string guard, CancellationToken cancellationToken) => ValueTask.FromResult(guard switch
    {
        "questionnaireComplete" => QuestionnaireComplete(),
        "unassigned" => clearanceCase.AssignedAdjudicator is null
            ? GuardResult.Pass
            : GuardResult.Fail("the case is already assigned to an adjudicator"),
        "interviewNotRequired" => clearanceCase.InterviewRequired
            ? GuardResult.Fail("an interview is required: the case is TopSecret or has an unmitigated finding of Moderate or Serious severity")
            : GuardResult.Pass,
        "hasFindings" => clearanceCase.Findings.Count > 0
            ? GuardResult.Pass
            : GuardResult.Fail("a denial needs at least one recorded finding"),
        "continuousEvaluation" => clearanceCase.Type == CaseType.ContinuousEvaluation
            ? GuardResult.Pass
            : GuardResult.Fail($"only a {CaseType.ContinuousEvaluation} case allows this; this one is {clearanceCase.Type}"),
        "notContinuousEvaluation" => clearanceCase.Type != CaseType.ContinuousEvaluation
            ? GuardResult.Pass
            : GuardResult.Fail($"a {CaseType.ContinuousEvaluation} case does not allow this"),
        _ => throw new InvalidOperationException($"unknown guard '{guard}'"),
    });

    private GuardResult QuestionnaireComplete()
    {
        var questionnaire = clearanceCase.QuestionnaireCipher is { } cipher
            ? JsonSerializer.Deserialize<Questionnaire>(protector.Unprotect(cipher), Json.Options)
            : null;
        var errors = QuestionnaireRules.Validate(questionnaire, clearanceCase.RequestedLevel, today);
        return errors.Count == 0 ? GuardResult.Pass : GuardResult.Invalid("the questionnaire is not complete", errors);
    }
}
