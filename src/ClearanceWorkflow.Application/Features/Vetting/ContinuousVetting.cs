using System.Text.Json;
using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Cases;
using ClearanceWorkflow.Application.Features.Investigations;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClearanceWorkflow.Application.Features.Vetting;

/// <summary>
/// The steps of a continuous-vetting run, as the system: enrol what is not yet enrolled, read the due enrolments a
/// batch at a time (by the indexed next-run time, keyset-paged), and record one clearance's run in a transaction of
/// its own. Recording is idempotent: a run already recorded (a repeated or redelivered job) changes nothing, and a
/// Flagged answer with the provider reference of an alert already handled opens no second case.
/// </summary>
public static class ContinuousVetting
{
    /// <summary>One clearance due for a run: the run's number and a request per check kind.</summary>
    public sealed record Target(Guid ClearanceId, DateTime NextRunAt, int Run, IReadOnlyList<VerificationRequest> Requests);

    /// <summary>A provider's answer to one check of the run.</summary>
    public sealed record Answer(string Kind, CheckOutcome Outcome, string Summary, string? ProviderReference);

    public sealed record Recorded(bool Done, int Flagged, int Gaps, int CasesOpened);

    /// <summary>Enrols every held clearance not yet enrolled (granted before vetting was on), first run due now. Set-based.</summary>
    [AllowRoles(Roles.System)]
    public sealed record EnrollAll : ICommand<int>;

    /// <summary>
    /// Up to <paramref name="Size"/> active enrolments due by <paramref name="DueBy"/>, soonest first, leaving out
    /// <paramref name="Skip"/> (those this run could not record). A recorded run moves a clearance's next run past
    /// <paramref name="DueBy"/>, so each batch is the next one.
    /// </summary>
    [AllowRoles(Roles.System)]
    public sealed record DueBatch(DateTime DueBy, int Size, IReadOnlySet<Guid> Skip) : IRequest<IReadOnlyList<Target>>;

    /// <summary>One clearance's run, started at <paramref name="RunStart"/> (the run's <see cref="DueBatch.DueBy"/>), from which the next is counted.</summary>
    [AllowRoles(Roles.System)]
    public sealed record Record(Guid ClearanceId, int Run, DateTime RunStart, IReadOnlyList<Answer> Answers) : ICommand<Recorded>;

    public sealed class EnrollAllHandler(ClearanceDbContext db, TimeProvider clock, AuditTrail audit) : IRequestHandler<EnrollAll, int>
    {
        public async Task<int> Handle(EnrollAll request, CancellationToken cancellationToken)
        {
            var now = clock.Now();
            var enrolled = await db.Clearances
                .Where(c => !c.VettingEnrolled && (c.Status == ClearanceStatus.Active || c.Status == ClearanceStatus.Suspended))
                .ExecuteUpdateAsync(u => u
                    .SetProperty(c => c.VettingEnrolled, true)
                    .SetProperty(c => c.VettingNextRunAt, now)
                    .SetProperty(c => c.UpdatedAt, now)
                    .SetProperty(c => c.Version, c => c.Version + 1), cancellationToken);
            if (enrolled > 0)
            {
                await audit.AppendAsync("vetting.enrolled", null, new { clearances = enrolled }, cancellationToken, Actor.System.Id);
            }

            return enrolled;
        }
    }

    public sealed class DueBatchHandler(ClearanceDbContext db, IDataProtector protector) : IRequestHandler<DueBatch, IReadOnlyList<Target>>
    {
        public async Task<IReadOnlyList<Target>> Handle(DueBatch request, CancellationToken cancellationToken)
        {
            var rows = await db.Clearances.AsNoTracking()
                .Where(c => c.VettingNextRunAt != null && c.VettingNextRunAt <= request.DueBy && c.Status == ClearanceStatus.Active)
                .OrderBy(c => c.VettingNextRunAt).ThenBy(c => c.Id)
                .Take(request.Size + request.Skip.Count)
                .Join(db.Cases, c => c.CaseId, k => k.Id, (c, k) => new { c.Id, c.CaseId, k.Reference, c.VettingNextRunAt, c.VettingRuns, c.PersonalDataCipher })
                .ToListAsync(cancellationToken);
            return [.. rows.Where(r => !request.Skip.Contains(r.Id)).OrderBy(r => r.VettingNextRunAt).ThenBy(r => r.Id).Take(request.Size).Select(r =>
            {
                var subject = JsonSerializer.Deserialize<SubjectData>(protector.Unprotect(r.PersonalDataCipher), Json.Options)!;
                var run = r.VettingRuns + 1;
                return new Target(r.Id, r.VettingNextRunAt!.Value, run, [.. VettingOptions.Kinds.Select(kind =>
                    new VerificationRequest(r.CaseId, r.Reference, kind, AutomatedChecks.BeginHandler.MinimumFor(kind, subject, null))
                    {
                        IdempotencyKey = $"vetting:{r.Id}:{run}:{kind}",
                    })]);
            })];
        }
    }

    public sealed class RecordHandler(
        ClearanceDbContext db, CaseOpening opening, IDataProtector protector, AuditTrail audit, TimeProvider clock, IOptions<VettingOptions> options)
        : IRequestHandler<Record, Recorded>
    {
        public async Task<Recorded> Handle(Record request, CancellationToken cancellationToken)
        {
            var clearance = await db.Clearances.FirstOrDefaultAsync(c => c.Id == request.ClearanceId, cancellationToken);
            var now = clock.Now();
            if (clearance is null || clearance.Status != ClearanceStatus.Active || !clearance.RecordVettingRun(request.Run, now, options.Value.NextRunAfter(request.RunStart)))
            {
                return new Recorded(false, 0, 0, 0);
            }

            var opened = new List<Guid>();
            var outcomes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var answer in request.Answers)
            {
                var result = new VettingResult(clearance.Id, request.Run, answer.Kind, answer.Outcome, protector.Protect(answer.Summary), answer.ProviderReference, now);
                db.VettingResults.Add(result);
                outcomes[answer.Kind] = answer.Outcome.ToString();
                if (answer.Outcome != CheckOutcome.Flagged)
                {
                    continue;
                }

                // The same alert seen in an earlier run (same kind and provider reference) already has its case: on this
                // clearance, or on an earlier one of the subject's (a new grant is a new clearance) once that case has
                // ended, since a case still open acts on the earlier clearance only. Without a reference alerts cannot be
                // told apart: while an evaluation of this clearance opened by one of its kind is open, it takes the next.
                var known = await (answer.ProviderReference is { } reference
                        ? db.Clearances.Where(k => k.SubjectId == clearance.SubjectId).Join(db.VettingResults, k => k.Id, r => r.ClearanceId, (_, r) => r)
                            .Where(r => r.Kind == answer.Kind && r.ProviderReference == reference && r.CaseId != null
                                && (r.ClearanceId == clearance.Id || db.Cases.Any(c => c.Id == r.CaseId && c.Stage == Stages.Closed)))
                        : db.VettingResults.Where(r => r.ClearanceId == clearance.Id && r.Kind == answer.Kind && r.ProviderReference == null && r.CaseId != null
                            && db.Cases.Any(c => c.Id == r.CaseId && c.Stage != Stages.Closed)))
                    .AsNoTracking().Select(r => r.CaseId).FirstOrDefaultAsync(cancellationToken);
                if (known is { } caseId)
                {
                    result.LinkCase(caseId);
                    continue;
                }

                var c = await opening.OpenContinuousEvaluationAsync(
                    clearance, GuidelineOf(answer.Kind), protector.Protect($"continuous vetting, {answer.Kind} check: {answer.Summary}"), Actor.System.Id, now, cancellationToken);
                result.LinkCase(c.Id);
                opened.Add(c.Id);
            }

            await audit.AppendAsync("clearance.vetted", clearance.CaseId, new
            {
                clearanceId = clearance.Id,
                run = request.Run,
                outcomes,
                casesOpened = opened,
                nextRunAt = clearance.VettingNextRunAt,
            }, cancellationToken, Actor.System.Id);
            return new Recorded(
                true,
                request.Answers.Count(a => a.Outcome == CheckOutcome.Flagged),
                request.Answers.Count(a => a.Outcome == CheckOutcome.Unable),
                opened.Count);
        }

        /// <summary>The adjudicative guideline (SEAD 4) an alert of a check kind falls under.</summary>
        public static Guideline GuidelineOf(string kind) => kind switch
        {
            "criminal" => Guideline.J,
            "credit" => Guideline.F,
            "foreign-travel" or "foreign-contacts" => Guideline.B,
            _ => Guideline.E,
        };
    }
}
