using System.Text.Json;
using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Notifications;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Application.Scheduling;
using ClearanceWorkflow.Application.Workflows;
using ClearanceWorkflow.Domain;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClearanceWorkflow.Application.Features.Actions;

/// <summary>
/// <c>grant</c>: the favourable decision. Writes the clearance record with its reinvestigation due date, or makes the
/// case's interim clearance that record, enrolled in continuous vetting when it is on. On a ContinuousEvaluation case
/// nothing new is written: the case keeps its clearance. A grant in due process is notified to the applicant.
/// </summary>
public sealed class Grant(
    ClearanceDbContext db, AuditTrail audit, IDataProtector protector, IOptions<ClearanceOptions> options, IOptions<VettingOptions> vetting, Notifier notifier,
    IValidator<ActionInput<Grant.Body>> validator)
    : ICaseAction
{
    public sealed record ExceptionInput(ExceptionType? Type, string? Details);

    public sealed record Body(ClearanceLevel? Level, string? Rationale, ExceptionInput? Exception);

    public sealed class Validator : AbstractValidator<ActionInput<Body>>
    {
        public Validator()
        {
            RuleFor(x => x.Payload.Level).NotNull().IsInEnum().OverridePropertyName("level");
            RuleFor(x => x.Payload.Level).Must((x, level) => level is null || level <= x.Context.Case.RequestedLevel)
                .WithMessage(x => $"must be at or below the requested level ({x.Context.Case.RequestedLevel})").OverridePropertyName("level");
            RuleFor(x => x.Payload.Rationale).NotEmpty().MaximumLength(20000).Prose().OverridePropertyName("rationale");
            When(x => x.Payload.Exception is not null, () =>
            {
                RuleFor(x => x.Payload.Exception!.Type).NotNull().IsInEnum().OverridePropertyName("exception.type");
                RuleFor(x => x.Payload.Exception!.Details).NotEmpty().MaximumLength(20000).Prose().OverridePropertyName("exception.details");
            });
        }
    }

    public async Task RunAsync(ActionContext context, JsonElement? body, CancellationToken cancellationToken)
    {
        var payload = await ActionBody.ReadAsync(body, context, validator, cancellationToken);
        var c = context.Case;
        var level = payload.Level!.Value;
        var exception = payload.Exception;
        var held = await SubjectClearances.LoadAsync(db, c, cancellationToken);
        // The case holds the clearance it issues (IssuedClearance): EF inserts it, or updates the interim one it turned Active.
        var granted = c.Grant(
            level,
            protector.Protect(payload.Rationale!),
            exception?.Type,
            exception?.Details is null ? null : protector.Protect(exception.Details),
            options.Value.GrantingAgency,
            ReinvestigationDueOn(options.Value, level, context.Change),
            held.All,
            context.Change);
        await held.AuditChangesAsync(audit, c, cancellationToken);
        if (granted.CaseId == c.Id && vetting.Value.Enabled)
        {
            granted.EnrollInVetting(vetting.Value.NextRunAfter(context.Change.At), context.Change.At);
        }

        if (c.StatementIssuedAt is not null)
        {
            notifier.CaseNotice(DueProcessNotices.Decided, c);
        }
    }

    public static DateOnly ReinvestigationDueOn(ClearanceOptions options, ClearanceLevel level, StageChange change) =>
        DateOnly.FromDateTime(change.At).AddYears(options.ReinvestigationYears(level));
}

/// <summary>
/// <c>deny</c>: in decision, the unfavourable decision waits for a senior adjudicator's concurrence; in due process it
/// is final, and the appeal deadline is armed and the applicant notified.
/// </summary>
public sealed class Deny(IDataProtector protector, IOptions<DueProcessOptions> dueProcess, Deadlines deadlines, Notifier notifier, IValidator<ActionInput<Deny.Body>> validator) : ICaseAction
{
    public sealed record Body(string? Rationale);

    public sealed class Validator : AbstractValidator<ActionInput<Body>>
    {
        public Validator() => RuleFor(x => x.Payload.Rationale).NotEmpty().MaximumLength(20000).Prose().OverridePropertyName("rationale");
    }

    public async Task RunAsync(ActionContext context, JsonElement? body, CancellationToken cancellationToken)
    {
        var payload = await ActionBody.ReadAsync(body, context, validator, cancellationToken);
        var c = context.Case;
        c.Deny(protector.Protect(payload.Rationale!), dueProcess.Value.AppealPeriod, context.Change);
        if (c.Status == CaseStatuses.AwaitingAppeal && c.AppealDueAt is { } due)
        {
            deadlines.Arm(c, CaseActionNames.AppealPeriodEnds, due);
            notifier.CaseNotice(DueProcessNotices.FinalDenial, c);
        }
    }
}

/// <summary><c>suspend</c> (ContinuousEvaluation cases): the clearance the case evaluates is suspended pending the decision.</summary>
public sealed class Suspend(ClearanceDbContext db, AuditTrail audit, IDataProtector protector, IValidator<ActionInput<Suspend.Body>> validator) : ICaseAction
{
    public sealed record Body(string? Reason);

    public sealed class Validator : AbstractValidator<ActionInput<Body>>
    {
        public Validator() => RuleFor(x => x.Payload.Reason).NotEmpty().MaximumLength(2000).Prose().OverridePropertyName("reason");
    }

    public async Task RunAsync(ActionContext context, JsonElement? body, CancellationToken cancellationToken)
    {
        var payload = await ActionBody.ReadAsync(body, context, validator, cancellationToken);
        var c = context.Case;
        var withdrawn = c.SuspendClearance(protector.Protect(payload.Reason!), await SubjectInterims.OfAsync(db, c.SubjectId, cancellationToken), context.Change);
        await SubjectClearances.AuditChangeAsync(audit, c.Clearance!, ClearanceStatus.Active, c.Reference, cancellationToken);
        await SubjectInterims.AuditWithdrawnAsync(audit, withdrawn, c.Reference, cancellationToken);
    }
}

/// <summary>
/// <c>reinstate</c> (ContinuousEvaluation cases): closes the case Granted; the clearance is Active again, unless a database
/// from before grants were refused during a suspension holds a newer one granted meanwhile, which replaces it.
/// </summary>
public sealed class Reinstate(ClearanceDbContext db, AuditTrail audit, IDataProtector protector, IValidator<ActionInput<Reinstate.Body>> validator) : ICaseAction
{
    public sealed record Body(string? Rationale);

    public sealed class Validator : AbstractValidator<ActionInput<Body>>
    {
        public Validator() => RuleFor(x => x.Payload.Rationale).NotEmpty().MaximumLength(20000).Prose().OverridePropertyName("rationale");
    }

    public async Task RunAsync(ActionContext context, JsonElement? body, CancellationToken cancellationToken)
    {
        var payload = await ActionBody.ReadAsync(body, context, validator, cancellationToken);
        var held = await SubjectClearances.LoadAsync(db, context.Case, cancellationToken);
        context.Case.Reinstate(protector.Protect(payload.Rationale!), held.All, context.Change);
        await held.AuditChangesAsync(audit, context.Case, cancellationToken);
    }
}

/// <summary>A subject's interim clearances in force, which a suspension of the clearance they hold withdraws (<see cref="Clearance.SuspendWithInterims"/>).</summary>
public static class SubjectInterims
{
    public const string WithdrawnAction = "clearance.interim-withdrawn";

    /// <summary>Under the subject's lock, so that an interim granted at the same moment is not missed (<see cref="GrantInterim"/> takes it too).</summary>
    public static async Task<List<Clearance>> OfAsync(ClearanceDbContext db, string subjectId, CancellationToken cancellationToken)
    {
        await db.LockSubjectAsync(subjectId, cancellationToken);
        return await db.Clearances.Where(x => x.SubjectId == subjectId && x.Status == ClearanceStatus.Interim).ToListAsync(cancellationToken);
    }

    /// <summary>One event per interim withdrawn, under the case that granted it.</summary>
    public static async Task AuditWithdrawnAsync(AuditTrail audit, IEnumerable<Clearance> withdrawn, string suspendedBy, CancellationToken cancellationToken)
    {
        foreach (var interim in withdrawn)
        {
            await audit.AppendAsync(WithdrawnAction, interim.CaseId, new { clearanceId = interim.Id, reason = "suspension", suspendedBy }, cancellationToken);
        }
    }
}

/// <summary>
/// The subject's clearances a decision on the case may change (Active, Suspended and Interim), with their statuses as
/// loaded. Decisions on one subject take turns from here to their commit (<see cref="ClearanceDbContext.LockSubjectAsync"/>):
/// two grants on two of its cases would otherwise each find none active, and leave two.
/// </summary>
public sealed class SubjectClearances
{
    private readonly Dictionary<Guid, (ClearanceStatus Status, ExceptionType? Exception, string? Details)> _loaded;

    private SubjectClearances(List<Clearance> all)
    {
        All = all;
        _loaded = all.ToDictionary(x => x.Id, x => (x.Status, x.Exception, x.ExceptionDetailsCipher));
    }

    public IReadOnlyList<Clearance> All { get; }

    /// <summary>
    /// Takes the subject's lock, then reads its clearances, and, for a continuous evaluation, whether another evaluation of
    /// its clearance is open: read with the case before the lock, that could be stale by the time this one closes.
    /// </summary>
    public static async Task<SubjectClearances> LoadAsync(ClearanceDbContext db, ClearanceCase c, CancellationToken cancellationToken)
    {
        await db.LockSubjectAsync(c.SubjectId, cancellationToken);
        var held = new SubjectClearances(await db.Clearances
            .Where(x => x.SubjectId == c.SubjectId && (x.Status == ClearanceStatus.Active || x.Status == ClearanceStatus.Suspended || x.Status == ClearanceStatus.Interim))
            .ToListAsync(cancellationToken));
        if (c.Type == CaseType.ContinuousEvaluation)
        {
            c.ReadWithCase(
                await db.Cases.AnyAsync(k => k.ClearanceId == c.ClearanceId && k.Id != c.Id && k.Type == CaseType.ContinuousEvaluation && k.Stage != Stages.Closed, cancellationToken),
                held.All.Any(x => x.Status == ClearanceStatus.Suspended));
        }

        return held;
    }

    /// <summary>
    /// One event per change the decision made to a clearance of another case, under the case that holds it: its status
    /// (revoked, superseded as <c>clearance.expired</c>, reinstated, interim withdrawn), and the exception an evaluation's
    /// favourable end recorded on it (<c>clearance.exception-recorded</c>). The deciding case's own clearance is its own event's.
    /// </summary>
    public async Task AuditChangesAsync(AuditTrail audit, ClearanceCase decidedBy, CancellationToken cancellationToken)
    {
        foreach (var x in All.Where(x => x.CaseId != decidedBy.Id))
        {
            var loaded = _loaded[x.Id];
            if (x.Status != loaded.Status)
            {
                await AuditChangeAsync(audit, x, loaded.Status, decidedBy.Reference, cancellationToken);
            }

            if (x.Exception is { } exception && (exception, x.ExceptionDetailsCipher) != (loaded.Exception, loaded.Details))
            {
                await audit.AppendAsync(
                    "clearance.exception-recorded", x.CaseId,
                    new { clearanceId = x.Id, exception = exception.ToString(), previous = loaded.Exception?.ToString(), byCase = decidedBy.Reference }, cancellationToken);
            }
        }
    }

    /// <summary>One clearance's change of status, under the case that holds it (a suspension by an evaluation, say).</summary>
    public static Task AuditChangeAsync(AuditTrail audit, Clearance changed, ClearanceStatus from, string byCase, CancellationToken cancellationToken)
    {
        var action = changed.Status switch
        {
            ClearanceStatus.Active => "clearance.reinstated",
            ClearanceStatus.Withdrawn => SubjectInterims.WithdrawnAction,
            _ => "clearance." + changed.Status.ToString().ToLowerInvariant(),
        };
        return audit.AppendAsync(action, changed.CaseId, new { clearanceId = changed.Id, from = from.ToString(), to = changed.Status.ToString(), byCase }, cancellationToken);
    }
}
