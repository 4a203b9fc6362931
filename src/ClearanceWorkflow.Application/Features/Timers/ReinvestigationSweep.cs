using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Cases;
using ClearanceWorkflow.Application.Notifications;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClearanceWorkflow.Application.Features.Timers;

/// <summary>Configuration section <c>Reinvestigation</c>.</summary>
public sealed class ReinvestigationOptions
{
    /// <summary>Days before the due date at which a reminder goes out; unset, 180, 90 and 30.</summary>
    /// <remarks>No initial value: the binder adds configured elements to an array's, so 180/90/30 could not be replaced.</remarks>
    public int[]? ReminderDays { get; set; }

    public IReadOnlyList<int> Thresholds => ReminderDays is { Length: > 0 } days ? days : [180, 90, 30];

    /// <summary>Days after the due date at which an overdue reinvestigation is escalated; unset, 30 and 60.</summary>
    public int[]? EscalationDays { get; set; }

    /// <summary>The escalation days, those past the grace period left out when the grace is shorter than the defaults.</summary>
    public IReadOnlyList<int> Escalations => EscalationDays is { Length: > 0 } days ? days : [.. DefaultEscalations.Where(d => d <= GraceDays)];

    private static readonly int[] DefaultEscalations = [30, 60];

    /// <summary>Days after the due date before an un-reinvestigated clearance expires.</summary>
    public int GraceDays { get; set; } = 90;

    /// <summary>Clearances handled per transaction.</summary>
    public int BatchSize { get; set; } = 500;
}

/// <summary>
/// The daily sweep over clearances not enrolled in continuous vetting (an enrolled one is re-checked instead; with
/// <c>Vetting__Enabled</c> off nothing re-checks it, so the sweep takes every clearance):
/// reminders before reinvestigation is due, one reinvestigation case at the due date, escalation while it is overdue,
/// expiry after the grace period. Each step is a set-based query for due rows only, in
/// batches with a transaction each, and it is idempotent: a second run the same day does nothing.
/// </summary>
public static class ReinvestigationSweep
{
    public sealed record Result(int Reminders, int CasesOpened, int Escalations, int Expired);

    [AllowRoles(Roles.System)]
    public sealed record Run : IRequest<Result>;

    [AllowRoles(Roles.System)]
    public sealed record RemindBatch(int ThresholdDays, DateOnly Today) : ICommand<int>;

    [AllowRoles(Roles.System)]
    public sealed record OpenCasesBatch(DateOnly Today) : ICommand<int>;

    [AllowRoles(Roles.System)]
    public sealed record EscalateBatch(int OverdueDays, DateOnly Today) : ICommand<int>;

    [AllowRoles(Roles.System)]
    public sealed record ExpireBatch(DateOnly Today) : ICommand<int>;

    public sealed class RunHandler(IMediator mediator, ClearanceDbContext db, TimeProvider clock, IOptions<ReinvestigationOptions> options) : IRequestHandler<Run, Result>
    {
        public async Task<Result> Handle(Run request, CancellationToken cancellationToken)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var reminders = 0;
            // Smallest threshold first, so a clearance that is already close to due gets only the most urgent reminder.
            foreach (var days in options.Value.Thresholds.Distinct().Order())
            {
                reminders += await Drain(() => mediator.Send(new RemindBatch(days, today), cancellationToken), cancellationToken);
            }

            var opened = await Drain(() => mediator.Send(new OpenCasesBatch(today), cancellationToken), cancellationToken);
            var escalations = 0;
            // Most overdue first, so a clearance found long overdue (the sweep did not run for a while) gets only the latest.
            foreach (var days in options.Value.Escalations.Distinct().OrderDescending())
            {
                escalations += await Drain(() => mediator.Send(new EscalateBatch(days, today), cancellationToken), cancellationToken);
            }

            var expired = await Drain(() => mediator.Send(new ExpireBatch(today), cancellationToken), cancellationToken);
            return new Result(reminders, opened, escalations, expired);
        }

        /// <summary>
        /// Runs batches until one is short, each read afresh. A batch that another sweep changed first (a second node, a
        /// recovered job) is read again, without the rows that sweep took, up to ten times in a row.
        /// </summary>
        private async Task<int> Drain(Func<Task<int>> batch, CancellationToken cancellationToken)
        {
            const int Attempts = 10;
            var total = 0;
            for (var conflicts = 0; ;)
            {
                int done;
                try
                {
                    done = await batch();
                }
                catch (ConflictException) when (++conflicts < Attempts)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 50 * conflicts)), cancellationToken);
                    continue;
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }

                conflicts = 0;
                total += done;
                if (done < options.Value.BatchSize)
                {
                    return total;
                }
            }
        }
    }

    public sealed class RemindHandler(
        ClearanceDbContext db, TimeProvider clock, AuditTrail audit, Notifier notifier, IOptions<ReinvestigationOptions> options, IOptions<VettingOptions> vetting)
        : IRequestHandler<RemindBatch, int>
    {
        public async Task<int> Handle(RemindBatch request, CancellationToken cancellationToken)
        {
            var vetted = vetting.Value.Enabled;
            var limit = request.Today.AddDays(request.ThresholdDays);
            var days = request.ThresholdDays;
            var due = await db.Clearances
                .Where(c => c.Status == ClearanceStatus.Active && c.ReinvestigationDueOn <= limit && c.ReinvestigationDueOn > request.Today
                            && (c.LastReminderDays == null || c.LastReminderDays > days) && !(vetted && c.VettingEnrolled))
                .OrderBy(c => c.ReinvestigationDueOn)
                .Take(options.Value.BatchSize)
                .ToListAsync(cancellationToken);
            var now = clock.Now();
            foreach (var clearance in due.Where(c => c.RecordReminder(days, now)))
            {
                await audit.AppendAsync("clearance.reinvestigation-reminder", clearance.CaseId, new { clearanceId = clearance.Id, thresholdDays = days, dueOn = clearance.ReinvestigationDueOn }, cancellationToken, Actor.System.Id);
                notifier.Enqueue("clearance.reinvestigation-due", new { clearanceId = clearance.Id, subjectId = clearance.SubjectId, thresholdDays = days, dueOn = clearance.ReinvestigationDueOn });
            }

            return due.Count;
        }
    }

    /// <summary>
    /// A clearance still Active <see cref="EscalateBatch.OverdueDays"/> days after its due date, its reinvestigation not
    /// decided: once per threshold, audited and notified (<c>clearance.reinvestigation-overdue</c>), so the security office
    /// acts before the grace period ends in expiry. The threshold is kept with the reminders', negated, so that each goes once.
    /// </summary>
    public sealed class EscalateHandler(
        ClearanceDbContext db, TimeProvider clock, AuditTrail audit, Notifier notifier, IOptions<ReinvestigationOptions> options, IOptions<VettingOptions> vetting)
        : IRequestHandler<EscalateBatch, int>
    {
        public async Task<int> Handle(EscalateBatch request, CancellationToken cancellationToken)
        {
            var vetted = vetting.Value.Enabled;
            var dueBy = request.Today.AddDays(-request.OverdueDays);
            var threshold = -request.OverdueDays;
            var due = await db.Clearances
                .Where(c => c.Status == ClearanceStatus.Active && c.ReinvestigationDueOn <= dueBy
                            && (c.LastReminderDays == null || c.LastReminderDays > threshold) && !(vetted && c.VettingEnrolled))
                .OrderBy(c => c.ReinvestigationDueOn)
                .Take(options.Value.BatchSize)
                .ToListAsync(cancellationToken);
            var now = clock.Now();
            foreach (var clearance in due.Where(c => c.RecordReminder(threshold, now)))
            {
                var detail = new { clearanceId = clearance.Id, overdueDays = request.OverdueDays, dueOn = clearance.ReinvestigationDueOn, reinvestigationCaseId = clearance.ReinvestigationCaseId };
                await audit.AppendAsync("clearance.reinvestigation-overdue", clearance.CaseId, detail, cancellationToken, Actor.System.Id);
                notifier.Enqueue("clearance.reinvestigation-overdue", new
                {
                    clearanceId = clearance.Id, subjectId = clearance.SubjectId, overdueDays = request.OverdueDays, dueOn = clearance.ReinvestigationDueOn,
                    reinvestigationCaseId = clearance.ReinvestigationCaseId,
                });
            }

            return due.Count;
        }
    }

    public sealed class OpenCasesHandler(
        ClearanceDbContext db, TimeProvider clock, CaseOpening opening, Notifier notifier, IOptions<ReinvestigationOptions> options, IOptions<VettingOptions> vetting)
        : IRequestHandler<OpenCasesBatch, int>
    {
        public async Task<int> Handle(OpenCasesBatch request, CancellationToken cancellationToken)
        {
            var vetted = vetting.Value.Enabled;
            var due = await db.Clearances
                .Where(c => c.Status == ClearanceStatus.Active && c.ReinvestigationDueOn <= request.Today && c.ReinvestigationCaseId == null && !(vetted && c.VettingEnrolled))
                .OrderBy(c => c.ReinvestigationDueOn)
                .Take(options.Value.BatchSize)
                .ToListAsync(cancellationToken);
            var now = clock.Now();
            foreach (var clearance in due)
            {
                var c = await opening.OpenAsync(
                    CaseType.PeriodicReinvestigation, clearance.Level, clearance.GrantingAgency, clearance.SubjectId,
                    clearance.PersonalDataCipher, clearance.NationalIdIndex, Actor.System.Id, now, cancellationToken);
                clearance.LinkReinvestigation(c.Id, now);
                notifier.Enqueue("case.reinvestigation-opened", new { caseId = c.Id, reference = c.Reference, clearanceId = clearance.Id, subjectId = clearance.SubjectId });
            }

            return due.Count;
        }
    }

    public sealed class ExpireHandler(
        ClearanceDbContext db, TimeProvider clock, AuditTrail audit, Notifier notifier, IOptions<ReinvestigationOptions> options, IOptions<VettingOptions> vetting)
        : IRequestHandler<ExpireBatch, int>
    {
        public async Task<int> Handle(ExpireBatch request, CancellationToken cancellationToken)
        {
            var vetted = vetting.Value.Enabled;
            var cutoff = request.Today.AddDays(-options.Value.GraceDays);
            // A clearance vetted after its due date (vetting never moves it) was checked then: its grace runs from that
            // run, so turning vetting off gives its reinvestigation case the grace period instead of expiring it at once.
            var checkedBefore = cutoff.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var due = await db.Clearances
                .Where(c => c.Status == ClearanceStatus.Active && c.ReinvestigationDueOn < cutoff && !(vetted && c.VettingEnrolled)
                            && (c.VettingLastRunAt == null || c.VettingLastRunAt < checkedBefore))
                .OrderBy(c => c.ReinvestigationDueOn)
                .Take(options.Value.BatchSize)
                .ToListAsync(cancellationToken);
            var now = clock.Now();
            foreach (var clearance in due)
            {
                clearance.Expire(Actor.System.Id, $"reinvestigation overdue more than {options.Value.GraceDays} days", now);
                await audit.AppendAsync("clearance.expired", clearance.CaseId, new { clearanceId = clearance.Id, dueOn = clearance.ReinvestigationDueOn }, cancellationToken, Actor.System.Id);
                notifier.Enqueue("clearance.expired", new { clearanceId = clearance.Id, subjectId = clearance.SubjectId });
            }

            return due.Count;
        }
    }
}
