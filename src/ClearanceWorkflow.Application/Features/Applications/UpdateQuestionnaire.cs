using System.Text.Json;
using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Cases;
using ClearanceWorkflow.Domain;
using MediatR;

namespace ClearanceWorkflow.Application.Features.Applications;

/// <summary>
/// The applicant replaces the questionnaire of their own case while it is in stage <c>application</c>. It may be
/// saved incomplete (a draft: <see cref="QuestionnaireRules.ValidateDraft"/>); submit requires it complete.
/// </summary>
public static class UpdateQuestionnaire
{
    [AllowRoles(Roles.Applicant)]
    public sealed record Command(Guid CaseId, Questionnaire Questionnaire) : ICommand<CaseDto>;

    public sealed class Handler(ActorContext actors, CaseAccess access, TimeProvider clock, IDataProtector protector, AuditTrail audit)
        : IRequestHandler<Command, CaseDto>
    {
        public async Task<CaseDto> Handle(Command request, CancellationToken cancellationToken)
        {
            var actor = actors.Current;
            var c = await access.LoadVisibleAsync(request.CaseId, actor, cancellationToken);
            if (c.SubjectId != actor.Id)
            {
                throw new NotFoundException($"case {request.CaseId} was not found");
            }

            c.EnsureQuestionnaireCanChange(); // before the content: a 409 (not now) comes before a 400
            var now = clock.Now();
            var errors = QuestionnaireRules.ValidateDraft(request.Questionnaire, c.RequestedLevel, DateOnly.FromDateTime(now));
            if (errors.Count > 0)
            {
                throw new RequestValidationException(errors, "the questionnaire is not well formed");
            }

            c.UpdateQuestionnaire(protector.Protect(JsonSerializer.Serialize(request.Questionnaire, Json.Options)), now);
            await audit.AppendAsync("case.questionnaire-updated", c.Id, new { reference = c.Reference }, cancellationToken);
            return await access.ViewAsync(c, actor, cancellationToken);
        }
    }
}
