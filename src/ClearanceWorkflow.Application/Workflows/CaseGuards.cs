using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Applications;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.Workflow;

namespace ClearanceWorkflow.Application.Workflows;

/// <summary>The named guards definitions may use, implemented against a case.</summary>
public sealed class CaseGuards(ClearanceCase clearanceCase, IDataProtector protector, DateTime now) : IGuardEvaluator
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "questionnaireComplete", "unassigned", "interviewNotRequired", "interviewHeldIfRequired", "hasFindings", "interimInForce", "noInterimInForce",
        "answerPeriodOpen", "answerPeriodOver", "appealPeriodOpen", "appealPeriodOver", "boardUpheld", "boardReversed",
        "continuousEvaluation", "notContinuousEvaluation", "clearanceActive", "interviewNotHeld", "subjectNotSuspended",
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
        "interviewNotHeld" => clearanceCase.InterviewCompletedAt is null
            ? GuardResult.Pass
            : GuardResult.Fail("the interview has already taken place"),
        "subjectNotSuspended" => clearanceCase.SuspensionBlocksGrant
            ? GuardResult.Fail(ClearanceCase.SuspendedSubject)
            : GuardResult.Pass,
        "interviewHeldIfRequired" => clearanceCase.InterviewOutstanding
            ? GuardResult.Fail(ClearanceCase.InterviewBeforeDecision)
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
        "answerPeriodOpen" => clearanceCase.AnswerPeriodOpen(now)
            ? GuardResult.Pass
            : GuardResult.Fail($"the answer period ended at {clearanceCase.AnswerDueAt:O}"),
        "answerPeriodOver" => clearanceCase.AnswerPeriodOver(now)
            ? GuardResult.Pass
            : GuardResult.Fail($"the answer period runs until {clearanceCase.AnswerDueAt:O}"),
        "appealPeriodOpen" => clearanceCase.AppealPeriodOpen(now)
            ? GuardResult.Pass
            : GuardResult.Fail($"the appeal period ended at {clearanceCase.AppealDueAt:O}"),
        "appealPeriodOver" => clearanceCase.AppealPeriodOver(now)
            ? GuardResult.Pass
            : GuardResult.Fail($"the appeal period runs until {clearanceCase.AppealDueAt:O}"),
        "boardUpheld" => clearanceCase.BoardDecision == BoardVoteChoice.Uphold
            ? GuardResult.Pass
            : GuardResult.Fail("the board has not upheld the denial"),
        "boardReversed" => clearanceCase.BoardDecision == BoardVoteChoice.Reverse
            ? GuardResult.Pass
            : GuardResult.Fail("the board has not reversed the denial"),
        "continuousEvaluation" => clearanceCase.Type == CaseType.ContinuousEvaluation
            ? GuardResult.Pass
            : GuardResult.Fail($"only a {CaseType.ContinuousEvaluation} case allows this; this one is {clearanceCase.Type}"),
        "notContinuousEvaluation" => clearanceCase.Type != CaseType.ContinuousEvaluation
            ? GuardResult.Pass
            : GuardResult.Fail($"a {CaseType.ContinuousEvaluation} case does not allow this"),
        "clearanceActive" => clearanceCase.EvaluatedClearanceActive
            ? GuardResult.Pass
            : GuardResult.Fail(clearanceCase.Type == CaseType.ContinuousEvaluation
                ? $"only an active clearance can be suspended; this one is {clearanceCase.Clearance!.Status}"
                : $"only a {CaseType.ContinuousEvaluation} case allows this; this one is {clearanceCase.Type}"),
        _ => throw new InvalidOperationException($"unknown guard '{guard}'"),
    });

    private GuardResult QuestionnaireComplete()
    {
        var questionnaire = clearanceCase.QuestionnaireCipher is { } cipher
            ? Questionnaire.Read(protector.Unprotect(cipher))
            : null;
        var errors = QuestionnaireRules.Validate(questionnaire, clearanceCase.RequestedLevel, DateOnly.FromDateTime(now));
        return errors.Count == 0 ? GuardResult.Pass : GuardResult.Invalid("the questionnaire is not complete", errors);
    }
}
