using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClearanceWorkflow.Application.Features.Reports;

/// <summary>Configuration section <c>Timeliness</c>: the target days of each phase, by phase name.</summary>
public sealed class TimelinessOptions
{
    public Dictionary<string, int> TargetDays { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [Timeliness.Application] = 14,
        [Timeliness.Investigation] = 40,
        [Timeliness.Adjudication] = 20,
        [Timeliness.EndToEnd] = 74,
    };
}

/// <summary>
/// The timeliness report (IRTPA/PAC method), read from the case history (<see cref="CaseEvent"/> times):
/// <list type="bullet">
/// <item><c>application</c>: the case's first event (opened) to its submission (first move <c>application</c> → <c>background-check</c>);</item>
/// <item><c>investigation</c>: submission to the end of the investigation (first move <c>background-check</c> → <c>review</c>);</item>
/// <item><c>adjudication</c>: the end of the investigation to the decision (first move into <c>closed</c> as Granted or Denied);</item>
/// <item><c>end-to-end</c>: the case's opening to the decision, the three phases together (as its default target, 74 = 14 + 40 + 20).</item>
/// </list>
/// A case counts in a phase when that phase ended inside [from, to] (whole UTC days) and the case's requested
/// level matches; withdrawn cases are never decided. Each phase gives the average of the fastest ceil(0.9·n)
/// durations and the nearest-rank p50 and p90, in days rounded to one decimal (half away from zero).
/// Aging counts every open case, by whole calendar months since submission (one not submitted yet, or a continuous
/// evaluation, which opens in review, since its opening).
/// Outcomes count the cases decided inside [from, to]: initial cases granted or denied (the denial rate), and
/// reinvestigations and continuous evaluations that kept or revoked the clearance (the revocation rate).
/// </summary>
public static class Timeliness
{
    public const string Application = "application";
    public const string Investigation = "investigation";
    public const string Adjudication = "adjudication";
    public const string EndToEnd = "end-to-end";

    public const string UnderFourMonths = "under-4-months";
    public const string FourToEightMonths = "4-to-8-months";
    public const string EightToTwelveMonths = "8-to-12-months";
    public const string OverTwelveMonths = "over-12-months";

    public static readonly string[] Phases = [Application, Investigation, Adjudication, EndToEnd];

    public static readonly DateOnly EarliestDate = new(2000, 1, 1);
    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    public sealed record PhaseFigures(string Phase, int Count, decimal? AverageDaysFastest90, decimal? P50Days, decimal? P90Days, int TargetDays);

    public sealed record AgingBucket(string Bucket, int Count);

    /// <summary>Decisions in the window; each rate is unfavourable over all decided, to three decimals, null with none decided.</summary>
    public sealed record Outcomes(int Granted, int Denied, decimal? DenialRate, int Retained, int Revoked, decimal? RevocationRate);

    public sealed record Report(IReadOnlyList<PhaseFigures> Phases, IReadOnlyList<AgingBucket> Aging, Outcomes Outcomes);

    /// <summary>From and To are inclusive UTC days; without them the year up to today. Level: a <see cref="ClearanceLevel"/> name.</summary>
    [AllowRoles(Roles.SecurityOfficer, Roles.SeniorAdjudicator, Roles.Auditor)]
    public sealed record Query(DateOnly? From, DateOnly? To, string? Level) : IRequest<Report>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            var range = $"must be between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}";
            RuleFor(x => x.From).InclusiveBetween(EarliestDate, LatestDate).When(x => x.From is not null).WithMessage(range);
            RuleFor(x => x.To).InclusiveBetween(EarliestDate, LatestDate).When(x => x.To is not null).WithMessage(range);
            RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.From is not null && x.To is not null)
                .WithMessage("'to' must not be before 'from'.");
            RuleFor(x => x.Level).Must(l => l is null || Enum.GetNames<ClearanceLevel>().Contains(l, StringComparer.OrdinalIgnoreCase))
                .WithMessage($"must be one of: {string.Join(", ", Enum.GetNames<ClearanceLevel>())}");
        }
    }

    public sealed class Handler(ClearanceDbContext db, TimeProvider clock, IOptions<TimelinessOptions> options) : IRequestHandler<Query, Report>
    {
        public async Task<Report> Handle(Query request, CancellationToken cancellationToken)
        {
            var now = clock.Now();
            var to = request.To ?? DateOnly.FromDateTime(now);
            var from = request.From ?? to.AddYears(-1).AddDays(1);
            if (from > to)
            {
                throw RequestValidationException.For("from", "'from' must not be after 'to' (which defaults to today).");
            }

            ClearanceLevel? level = request.Level is { } name ? Enum.Parse<ClearanceLevel>(name, ignoreCase: true) : null;
            var cases = db.Cases.AsNoTracking();
            if (level is { } l)
            {
                cases = cases.Where(c => c.RequestedLevel == l);
            }

            var (phases, outcomes) = await PhasesAsync(cases, from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), cancellationToken);
            var aging = await AgingAsync(cases, now, cancellationToken);
            return new Report(phases, aging, outcomes);
        }

        private async Task<(IReadOnlyList<PhaseFigures>, Outcomes)> PhasesAsync(IQueryable<ClearanceCase> cases, DateTime start, DateTime end, CancellationToken cancellationToken)
        {
            // Only the events that open or end a phase; at most a handful per case.
            var milestones = db.CaseEvents.AsNoTracking().Where(e =>
                e.Sequence == 1
                || (e.FromStage == Stages.Application && e.ToStage == Stages.BackgroundCheck)
                || (e.FromStage == Stages.BackgroundCheck && e.ToStage == Stages.Review)
                || (e.FromStage != Stages.Closed && e.ToStage == Stages.Closed && (e.ToStatus == CaseStatuses.Granted || e.ToStatus == CaseStatuses.Denied)));
            var ending = milestones.Where(e => e.Sequence != 1 && e.At >= start && e.At < end).Select(e => e.CaseId);
            var rows = await (
                    from e in milestones
                    join c in cases.Where(c => ending.Contains(c.Id)) on e.CaseId equals c.Id
                    select new { e.CaseId, e.Sequence, e.FromStage, e.ToStage, e.ToStatus, e.At, c.Type })
                .ToListAsync(cancellationToken);

            var durations = Phases.ToDictionary(p => p, _ => new List<double>(), StringComparer.Ordinal);
            int granted = 0, denied = 0, retained = 0, revoked = 0;

            void Add(string phase, DateTime? begun, DateTime? ended)
            {
                if (begun is { } b && ended is { } e && e >= start && e < end)
                {
                    durations[phase].Add((e - b).TotalDays);
                }
            }

            foreach (var events in rows.GroupBy(r => r.CaseId))
            {
                DateTime? First(Func<string, string, bool> move) =>
                    events.Where(r => r.Sequence != 1 && move(r.FromStage, r.ToStage)).Select(r => (DateTime?)r.At).Min();
                var opened = events.Where(r => r.Sequence == 1).Select(r => (DateTime?)r.At).FirstOrDefault();
                var submitted = First((f, t) => f == Stages.Application && t == Stages.BackgroundCheck);
                var investigated = First((f, t) => f == Stages.BackgroundCheck && t == Stages.Review);
                var decision = events.Where(r => r.Sequence != 1 && r.ToStage == Stages.Closed).MinBy(r => r.At);
                Add(Application, opened, submitted);
                Add(Investigation, submitted, investigated);
                Add(Adjudication, investigated, decision?.At);
                Add(EndToEnd, submitted is null ? null : opened, decision?.At);
                if (decision is not null && decision.At >= start && decision.At < end)
                {
                    var favourable = decision.ToStatus == CaseStatuses.Granted;
                    var initial = decision.Type == CaseType.Initial;
                    granted += initial && favourable ? 1 : 0;
                    denied += initial && !favourable ? 1 : 0;
                    retained += !initial && favourable ? 1 : 0;
                    revoked += !initial && !favourable ? 1 : 0;
                }
            }

            var targets = options.Value.TargetDays;
            return ([.. Phases.Select(p => Summarize(p, durations[p], targets.GetValueOrDefault(p)))],
                new Outcomes(granted, denied, Rate(denied, granted), retained, revoked, Rate(revoked, retained)));
        }

        private static async Task<IReadOnlyList<AgingBucket>> AgingAsync(IQueryable<ClearanceCase> cases, DateTime now, CancellationToken cancellationToken)
        {
            var four = now.AddMonths(-4);
            var eight = now.AddMonths(-8);
            var twelve = now.AddMonths(-12);
            // Every open case: one the applicant submitted counts from its submission; one not yet submitted (still in
            // application) or opened past it (a ContinuousEvaluation case opens in review) from its opening.
            var counts = await cases
                .Where(c => c.Stage != Stages.Closed)
                .Select(c => c.SubmittedAt ?? c.CreatedAt)
                .GroupBy(since => since > four ? 0 : since > eight ? 1 : since > twelve ? 2 : 3)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
            string[] buckets = [UnderFourMonths, FourToEightMonths, EightToTwelveMonths, OverTwelveMonths];
            return [.. buckets.Select((bucket, i) => new AgingBucket(bucket, counts.GetValueOrDefault(i)))];
        }
    }

    /// <summary>The fastest-90% average and the nearest-rank percentiles of one phase's durations (days).</summary>
    public static PhaseFigures Summarize(string phase, IReadOnlyCollection<double> days, int targetDays)
    {
        if (days.Count == 0)
        {
            return new PhaseFigures(phase, 0, null, null, null, targetDays);
        }

        var sorted = days.Order().ToArray();
        var fastest = ((9 * sorted.Length) + 9) / 10; // ceil(0.9 n), in integers
        return new PhaseFigures(
            phase,
            sorted.Length,
            Days(sorted.Take(fastest).Average()),
            Days(NearestRank(sorted, 50)),
            Days(NearestRank(sorted, 90)),
            targetDays);
    }

    /// <summary>The unfavourable share of the decisions, to three decimals (half away from zero); null with none.</summary>
    public static decimal? Rate(int unfavourable, int favourable) =>
        unfavourable + favourable == 0 ? null : Math.Round((decimal)unfavourable / (unfavourable + favourable), 3, MidpointRounding.AwayFromZero);

    /// <summary>The value at rank ceil(p/100 · n) of the sorted values (1-based).</summary>
    private static double NearestRank(double[] sorted, int percent) =>
        sorted[Math.Max(1, ((percent * sorted.Length) + 99) / 100) - 1];

    private static decimal Days(double days) => Math.Round((decimal)days, 1, MidpointRounding.AwayFromZero);
}
