using System.Text.Json;
using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Cases;
using ClearanceWorkflow.Domain;
using FluentValidation;
using MediatR;
using Severity = ClearanceWorkflow.Domain.Severity;

namespace ClearanceWorkflow.Application.Features.Findings;

/// <summary>
/// The assigned adjudicator records a finding against a guideline A–M. <c>IfMatch</c>, as for an action, records it
/// only on the version of the case the adjudicator saw (a form sent twice records once).
/// </summary>
public static class RecordFinding
{
    [AllowRoles(Roles.Adjudicator, Roles.SeniorAdjudicator)]
    public sealed record Command(
        Guid CaseId, Guideline? Guideline, Severity? Severity, string? Summary, bool? Mitigated, string? Mitigation, WholePerson? WholePerson = null,
        IReadOnlyList<string>? IfMatch = null) : ICommand<FindingDto>, IConditionalCommand
    {
        public bool HasPrecondition => IfMatch is not null;
    }

    /// <summary>The whole-person factors as posted: optional as a whole, but every factor is required when it is given.</summary>
    public sealed record WholePerson(ConductRecency? Recency, ConductFrequency? Frequency, int? AgeAtConduct, RehabilitationLevel? Rehabilitation, RecurrenceLikelihood? RecurrenceLikelihood);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Guideline).NotNull().IsInEnum();
            RuleFor(x => x.Severity).NotNull().IsInEnum();
            RuleFor(x => x.Summary).NotEmpty().MaximumLength(20000).Prose();
            RuleFor(x => x.Mitigated).NotNull();
            RuleFor(x => x.Mitigation).Empty().When(x => x.Mitigated == false).WithMessage("a finding not mitigated has no mitigation: set mitigated to true, or leave the mitigation out");
            RuleFor(x => x.Mitigation).MaximumLength(20000).Prose();
            RuleFor(x => x.WholePerson!).ChildRules(w =>
            {
                w.RuleFor(x => x.Recency).NotNull().IsInEnum();
                w.RuleFor(x => x.Frequency).NotNull().IsInEnum();
                w.RuleFor(x => x.AgeAtConduct).NotNull().InclusiveBetween(WholePersonFactors.MinimumAge, WholePersonFactors.MaximumAge)
                    // The default message repeats the value: the subject's age is not echoed.
                    .WithMessage($"Must be from {WholePersonFactors.MinimumAge} to {WholePersonFactors.MaximumAge} years.");
                w.RuleFor(x => x.Rehabilitation).NotNull().IsInEnum();
                w.RuleFor(x => x.RecurrenceLikelihood).NotNull().IsInEnum();
            }).When(x => x.WholePerson is not null);
        }
    }

    public sealed class Handler(ActorContext actors, CaseAccess access, IDataProtector protector, AuditTrail audit, TimeProvider clock)
        : IRequestHandler<Command, FindingDto>
    {
        public async Task<FindingDto> Handle(Command request, CancellationToken cancellationToken)
        {
            var actor = actors.Current;
            var c = await access.LoadVisibleAsync(request.CaseId, actor, cancellationToken);
            CaseAccess.RequireStaffFor(actors.Current, c);
            CaseDto.RequireMatch(request.IfMatch, c.Version);
            var mitigation = string.IsNullOrWhiteSpace(request.Mitigation) ? null : request.Mitigation; // optional: a blank one is none
            var factors = request.WholePerson is { } w
                ? new WholePersonFactors(w.Recency!.Value, w.Frequency!.Value, w.AgeAtConduct!.Value, w.Rehabilitation!.Value, w.RecurrenceLikelihood!.Value)
                : null;
            var finding = c.RecordFinding(
                request.Guideline!.Value, request.Severity!.Value, protector.Protect(request.Summary!), request.Mitigated!.Value,
                mitigation is null ? null : protector.Protect(mitigation),
                factors is null ? null : protector.Protect(JsonSerializer.Serialize(factors, Json.Options)), actor.Id, clock.Now());

            await audit.AppendAsync("finding.recorded", c.Id, new { reference = c.Reference, findingId = finding.Id, guideline = finding.Guideline.ToString(), severity = finding.Severity.ToString(), mitigated = finding.Mitigated, wholePerson = factors is not null }, cancellationToken);
            return new FindingDto(finding.Id, finding.Guideline, finding.Severity, request.Summary!, finding.Mitigated, mitigation, finding.RecordedBy, finding.RecordedAt, factors);
        }
    }
}
