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
        "questionnaireComplete", "unassigned", "interviewNotRequired", "hasFindings", "interimInForce", "noInterimInForce",
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
        "interimInForce" => clearanceCase.InterimInForce
            ? GuardResult.Pass
            : GuardResult.Fail("there is no interim clearance in force for this case"),
        "noInterimInForce" => clearanceCase.InterimInForce
            ? GuardResult.Fail("an interim clearance is already in force for this case")
            : GuardResult.Pass,
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
