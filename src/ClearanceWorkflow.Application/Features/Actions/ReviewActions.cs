using System.Text.Json;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Notifications;
using ClearanceWorkflow.Application.Workflows;
using FluentValidation;

namespace ClearanceWorkflow.Application.Features.Actions;

/// <summary><c>request-information</c>: the assigned adjudicator asks the applicant questions; the case waits on the applicant.</summary>
public sealed class RequestInformation(IDataProtector protector, IValidator<ActionInput<RequestInformation.Body>> validator) : ICaseAction
{
    public sealed record Body(IReadOnlyList<string>? Questions);

    public sealed class Validator : AbstractValidator<ActionInput<Body>>
    {
        public Validator()
        {
            RuleFor(x => x.Payload.Questions).NotEmpty().Must(q => q is null || q.Count <= 50).WithMessage("at most 50 questions")
                .OverridePropertyName("questions");
            RuleForEach(x => x.Payload.Questions).NotEmpty().MaximumLength(4000).Prose().OverridePropertyName("questions");
        }
    }

    public async Task RunAsync(ActionContext context, JsonElement? body, CancellationToken cancellationToken)
    {
        var payload = await ActionBody.ReadAsync(body, context, validator, cancellationToken);
        context.Case.RequestInformation(protector.Protect(JsonSerializer.Serialize(payload.Questions, Json.Options)), context.Change);
    }
}

/// <summary><c>provide-information</c>: the applicant answers, one answer per question, in order; the case is back in progress.</summary>
public sealed class ProvideInformation(IDataProtector protector, IValidator<ActionInput<ProvideInformation.Body>> validator) : ICaseAction
{
    public sealed record Body(IReadOnlyList<string>? Answers);

    public sealed class Validator : AbstractValidator<ActionInput<Body>>
    {
        public Validator()
        {
            RuleFor(x => x.Payload.Answers).NotEmpty().Must(a => a is null || a.Count <= 50).WithMessage("at most 50 answers")
                .OverridePropertyName("answers");
            RuleForEach(x => x.Payload.Answers).NotEmpty().MaximumLength(20000).Prose().OverridePropertyName("answers");
        }
    }

    public async Task RunAsync(ActionContext context, JsonElement? body, CancellationToken cancellationToken)
    {
        var payload = await ActionBody.ReadAsync(body, context, validator, cancellationToken);
        if (context.Case.OpenInformationRequest is { } open
            && JsonSerializer.Deserialize<string[]>(protector.Unprotect(open.QuestionsCipher), Json.Options)!.Length is var asked && asked != payload.Answers!.Count)
        {
            throw RequestValidationException.For("answers", $"one answer per question: the request asks {asked}, {payload.Answers.Count} given");
        }

        context.Case.ProvideInformation(protector.Protect(JsonSerializer.Serialize(payload.Answers, Json.Options)), context.Change);
    }
}

/// <summary><c>schedule-interview</c>: the case moves to the interview stage, and the applicant is notified of the time (the place is in their view of the case).</summary>
public sealed class ScheduleInterview(IDataProtector protector, Notifier notifier, IValidator<ActionInput<ScheduleInterview.Body>> validator) : ICaseAction
{
    public sealed record Body(DateTimeOffset? ScheduledAt, string? Location);

    public sealed class Validator : AbstractValidator<ActionInput<Body>>
    {
        public Validator()
        {
            RuleFor(x => x.Payload.ScheduledAt).NotNull().OverridePropertyName("scheduledAt");
            RuleFor(x => x.Payload.ScheduledAt).Must((x, at) => at is null || at.Value.UtcDateTime > x.Context.Change.At)
                .WithMessage("must be in the future")
                .Must((x, at) => at is null || at.Value.UtcDateTime <= x.Context.Change.At.AddYears(DateBounds.InterviewYearsAhead))
                .WithMessage($"must not be more than {DateBounds.InterviewYearsAhead} years ahead").OverridePropertyName("scheduledAt");
            RuleFor(x => x.Payload.Location).NotEmpty().MaximumLength(500).Prose().OverridePropertyName("location");
        }
    }

    public async Task RunAsync(ActionContext context, JsonElement? body, CancellationToken cancellationToken)
    {
        var payload = await ActionBody.ReadAsync(body, context, validator, cancellationToken);
        var c = context.Case;
        // As the databases keep it, so the answer and every later read show the same time.
        c.ScheduleInterview(Clock.Truncate(payload.ScheduledAt!.Value.UtcDateTime), protector.Protect(payload.Location!), context.Change);
        notifier.Enqueue(CaseNotices.InterviewScheduled, new { caseId = c.Id, reference = c.Reference, subjectId = c.SubjectId, scheduledAt = c.InterviewScheduledAt });
    }
}

/// <summary><c>complete-interview</c>: the interview summary is recorded, encrypted; the case moves to decision.</summary>
public sealed class CompleteInterview(IDataProtector protector, IValidator<ActionInput<CompleteInterview.Body>> validator) : ICaseAction
{
    public sealed record Body(string? Summary);

    public sealed class Validator : AbstractValidator<ActionInput<Body>>
    {
        public Validator() => RuleFor(x => x.Payload.Summary).NotEmpty().MaximumLength(50000).Prose().OverridePropertyName("summary");
    }

    public async Task RunAsync(ActionContext context, JsonElement? body, CancellationToken cancellationToken)
    {
        var payload = await ActionBody.ReadAsync(body, context, validator, cancellationToken);
        context.Case.CompleteInterview(protector.Protect(payload.Summary!), context.Change);
    }
}
