using System.Text.Json;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Workflows;
using FluentValidation;
using MediatR;

namespace ClearanceWorkflow.Application.Features.Steps;

/// <summary><c>request-information</c>: the assigned adjudicator asks the applicant questions; the case waits on the applicant.</summary>
[AuthorizedByHandler]
public sealed record RequestInformation(CaseStep Context, RequestInformation.Body Payload) : IWorkflowStep<RequestInformation, RequestInformation.Body>
{
    public static string Name => "RequestInformation";

    public static RequestInformation Create(CaseStep context, Body body) => new(context, body);

    public sealed record Body(IReadOnlyList<string>? Questions);

    public sealed class Validator : AbstractValidator<RequestInformation>
    {
        public Validator()
        {
            RuleFor(x => x.Payload.Questions).NotEmpty().Must(q => q is null || q.Count <= 50).WithMessage("at most 50 questions")
                .OverridePropertyName("questions");
            RuleForEach(x => x.Payload.Questions).NotEmpty().MaximumLength(4000).OverridePropertyName("questions");
        }
    }

    public sealed class Handler(IDataProtector protector) : IRequestHandler<RequestInformation, Unit>
    {
        public Task<Unit> Handle(RequestInformation request, CancellationToken cancellationToken)
        {
            request.Context.Case.RequestInformation(protector.Protect(JsonSerializer.Serialize(request.Payload.Questions, Json.Options)), request.Context.Actor.Id, request.Context.Now);
            return Task.FromResult(Unit.Value);
        }
    }
}

/// <summary><c>provide-information</c>: the applicant answers; the case is back in progress.</summary>
[AuthorizedByHandler]
public sealed record ProvideInformation(CaseStep Context, ProvideInformation.Body Payload) : IWorkflowStep<ProvideInformation, ProvideInformation.Body>
{
    public static string Name => "ProvideInformation";

    public static ProvideInformation Create(CaseStep context, Body body) => new(context, body);

    public sealed record Body(IReadOnlyList<string>? Answers);

    public sealed class Validator : AbstractValidator<ProvideInformation>
    {
        public Validator()
        {
            RuleFor(x => x.Payload.Answers).NotEmpty().Must(a => a is null || a.Count <= 50).WithMessage("at most 50 answers")
                .OverridePropertyName("answers");
            RuleForEach(x => x.Payload.Answers).NotEmpty().MaximumLength(20000).OverridePropertyName("answers");
        }
    }

    public sealed class Handler(IDataProtector protector) : IRequestHandler<ProvideInformation, Unit>
    {
        public Task<Unit> Handle(ProvideInformation request, CancellationToken cancellationToken)
        {
            request.Context.Case.ProvideInformation(protector.Protect(JsonSerializer.Serialize(request.Payload.Answers, Json.Options)), request.Context.Now);
            return Task.FromResult(Unit.Value);
        }
    }
}

/// <summary><c>schedule-interview</c>: the case moves to the interview stage.</summary>
[AuthorizedByHandler]
public sealed record ScheduleInterview(CaseStep Context, ScheduleInterview.Body Payload) : IWorkflowStep<ScheduleInterview, ScheduleInterview.Body>
{
    public static string Name => "ScheduleInterview";

    public static ScheduleInterview Create(CaseStep context, Body body) => new(context, body);

    public sealed record Body(DateTimeOffset? ScheduledAt, string? Location);

    public sealed class Validator : AbstractValidator<ScheduleInterview>
    {
        public Validator()
        {
            RuleFor(x => x.Payload.ScheduledAt).NotNull().OverridePropertyName("scheduledAt");
            RuleFor(x => x.Payload.ScheduledAt).Must((x, at) => at is null || at.Value.UtcDateTime > x.Context.Now)
                .WithMessage("must be in the future")
                .Must((x, at) => at is null || at.Value.UtcDateTime <= x.Context.Now.AddYears(DateBounds.InterviewYearsAhead))
                .WithMessage($"must not be more than {DateBounds.InterviewYearsAhead} years ahead").OverridePropertyName("scheduledAt");
            RuleFor(x => x.Payload.Location).NotEmpty().MaximumLength(500).OverridePropertyName("location");
        }
    }

    public sealed class Handler(IDataProtector protector) : IRequestHandler<ScheduleInterview, Unit>
    {
        public Task<Unit> Handle(ScheduleInterview request, CancellationToken cancellationToken)
        {
            request.Context.Case.ScheduleInterview(request.Payload.ScheduledAt!.Value.UtcDateTime, protector.Protect(request.Payload.Location!), request.Context.Now);
            return Task.FromResult(Unit.Value);
        }
    }
}

/// <summary><c>complete-interview</c>: the interview summary is recorded, encrypted; the case moves to decision.</summary>
[AuthorizedByHandler]
public sealed record CompleteInterview(CaseStep Context, CompleteInterview.Body Payload) : IWorkflowStep<CompleteInterview, CompleteInterview.Body>
{
    public static string Name => "CompleteInterview";

    public static CompleteInterview Create(CaseStep context, Body body) => new(context, body);

    public sealed record Body(string? Summary);

    public sealed class Validator : AbstractValidator<CompleteInterview>
    {
        public Validator() => RuleFor(x => x.Payload.Summary).NotEmpty().MaximumLength(50000).OverridePropertyName("summary");
    }

    public sealed class Handler(IDataProtector protector) : IRequestHandler<CompleteInterview, Unit>
    {
        public Task<Unit> Handle(CompleteInterview request, CancellationToken cancellationToken)
        {
            request.Context.Case.CompleteInterview(protector.Protect(request.Payload.Summary!), request.Context.Now);
            return Task.FromResult(Unit.Value);
        }
    }
}
