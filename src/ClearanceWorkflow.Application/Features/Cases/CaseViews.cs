using System.Text.Json;
using System.Text.Json.Serialization;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Applications;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Application.Workflows;
using ClearanceWorkflow.Domain;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Application.Features.Cases;

public sealed record SubjectData(string GivenName, string FamilyName, DateOnly DateOfBirth, string Citizenship, string NationalId, string Email);

public sealed record WorkflowRef(string Name, int Version);

public sealed record HistoryEntry(string Stage, DateTime EnteredAt, DateTime? LeftAt, string? Action, string? Actor);

public sealed record CaseEventDto(string Action, string Actor, DateTime At, string FromStage, string ToStage, string FromStatus, string ToStatus);

public sealed record CheckDto(string Kind, CheckStatus Status, int Attempts, DateTime? CompletedAt, string? Summary);

public sealed record FindingDto(Guid Id, Guideline Guideline, Severity Severity, string Summary, bool Mitigated, string? Mitigation, string RecordedBy, DateTime RecordedAt, WholePersonFactors? WholePerson);

public sealed record InformationRequestDto(Guid Id, IReadOnlyList<string> Questions, IReadOnlyList<string>? Answers, DateTime RequestedAt, DateTime? AnsweredAt);

public sealed record BoardVoteDto(string Member, BoardVoteChoice Vote, DateTime At, string Rationale);

/// <summary>
/// Due process after a concurred denial. The applicant gets the dates, the Statement of Reasons they answer and the final
/// decision's reasons they may appeal; staff also get the answer, the appeal's grounds and the votes (who voted what, and why).
/// </summary>
public sealed record DueProcessDto(DateTime? StatementIssuedAt, DateTime? AnswerDueAt, DateTime? AnsweredAt, DateTime? AppealDueAt, DateTime? AppealedAt)
{
    /// <summary>Null for a statement issued before the service kept it.</summary>
    public StatementOfReasonsDto? StatementOfReasons { get; init; }

    /// <summary>The final denial in due process, while it stands: null before it is made and once the board reverses it.</summary>
    public FinalDecisionDto? FinalDecision { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Response { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? RequestHearing { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Grounds { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<BoardVoteDto>? Votes { get; init; }
}

/// <summary>The final denial's reasons, which an appeal answers.</summary>
public sealed record FinalDecisionDto(string Reasons);

/// <summary>The denial's reasons as concurred, and the guidelines of the findings not mitigated then.</summary>
public sealed record StatementOfReasonsDto(string Reasons, IReadOnlyList<Guideline> Guidelines);

/// <summary>What opened a ContinuousEvaluation case: the clearance it evaluates, the guideline and what was reported.</summary>
public sealed record IncidentDto(Guid? ClearanceId, Guideline? Guideline, string? Summary);

public sealed record InterviewDto(DateTime? ScheduledAt, string? Location, string? Summary, DateTime? CompletedAt);

/// <summary>When and where the subject is to be interviewed: what the applicant must know to attend, never the interview's notes.</summary>
public sealed record InterviewAppointmentDto(DateTime ScheduledAt, string Location);

/// <summary>
/// A case as one caller may see it. The applicant's view carries no findings, check details, interview
/// notes or who raised them; staff get the full case.
/// </summary>
public sealed record CaseDto(
    Guid Id,
    string Reference,
    CaseType Type,
    ClearanceLevel RequestedLevel,
    string Stage,
    string Status,
    WorkflowRef Workflow,
    string SubjectId,
    string? AssignedAdjudicator,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    IReadOnlyList<HistoryEntry> History,
    IReadOnlyList<string> AvailableActions,
    IReadOnlyList<InformationRequestDto> InformationRequests)
{
    /// <summary>When the current stage's SLA runs out; null for a stage without one and for a closed case.</summary>
    public DateTime? DueAt { get; init; }

    /// <summary>The current stage's SLA has been breached.</summary>
    public bool Overdue { get; init; }

    /// <summary>The case's concurrency version; sent as the <c>ETag</c> header (see <see cref="ETag"/>), not in the body.</summary>
    [JsonIgnore]
    public int Version { get; init; }

    /// <summary>The strong entity tag of the case's version, as <c>ETag</c> sends it and <c>If-Match</c> must repeat it.</summary>
    [JsonIgnore]
    public string ETag => ETagOf(Version);

    public static string ETagOf(int version) => $"\"{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// 412 unless the case's version is one of the entity tags of <c>If-Match</c> (null: no condition). The version
    /// compared is the case's concurrency token: a change committed after this load fails the save, also with 412.
    /// </summary>
    public static void RequireMatch(IReadOnlyList<string>? ifMatch, int version)
    {
        if (ifMatch is { } tags && !tags.Contains(ETagOf(version), StringComparer.Ordinal))
        {
            throw new PreconditionFailedException($"the case has changed since the version in If-Match; its current ETag is {ETagOf(version)}");
        }
    }

    /// <summary>Due process, once a Statement of Reasons was issued; null before.</summary>
    public DueProcessDto? DueProcess { get; init; }

    /// <summary>The interview scheduled and not yet held, for the applicant as for staff; absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public InterviewAppointmentDto? InterviewAppointment { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SubjectData? Subject { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Questionnaire? Questionnaire { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CheckDto>? Checks { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FindingDto>? Findings { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public InterviewDto? Interview { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? InterviewRequired { get; init; }

    /// <summary>
    /// Staff only: the reasons given at the latest decision step, that is the denial awaiting concurrence (what the senior
    /// adjudicator is asked to concur with), a declined concurrence (why, for the adjudicator to decide again), the
    /// denial in due process, the grant, a reinstatement, or the applicant's reason for withdrawing.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DecisionRationale { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IncidentDto? Incident { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CaseEventDto>? Events { get; init; }
}

/// <summary>Loading cases and deciding who may see them.</summary>
public sealed class CaseAccess(ClearanceDbContext db, WorkflowRunner runner, WorkflowRegistry registry, IDataProtector protector)
{
    /// <summary>A view carries the case's latest events up to this many (staff only); <c>GET …/events</c> pages through all of them.</summary>
    public const int EventsInView = 50;

    /// <summary>A view carries the case's latest information requests up to this many; <c>GET …/information-requests</c> pages through all of them.</summary>
    public const int RequestsInView = 20;

    public static bool IsStaff(Actor actor) => actor.IsInAnyRole(Roles.Staff);

    /// <summary>
    /// Locks the case's row to the transaction's end (an update that changes nothing); false when there is no such case.
    /// Check results take it first, so that two of them, or a result and a manual one, take turns instead of deadlocking.
    /// </summary>
    public async Task<bool> LockAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Cases.Where(x => x.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version), cancellationToken) > 0;

    /// <summary>
    /// The case with what a step on it needs, or 404 when unknown or not the caller's to see. Never its
    /// history, which only grows: of its events only the latest (the next one's sequence follows it) and
    /// those a <c>notActorOf</c> or <c>separateFrom</c> rule looks back at; of its information requests only the open ones. A
    /// view reads the rest itself (<see cref="ViewAsync"/>). Two queries: the case with those events, then
    /// its checks, findings, open requests and board votes together (few per case, so their join stays small and the
    /// case's columns are not repeated in it). The tracked case picks the rows of both up. Each part is an index
    /// lookup, so a step costs the same on a case with a long history.
    /// </summary>
    public async Task<ClearanceCase> LoadVisibleAsync(Guid id, Actor actor, CancellationToken cancellationToken)
    {
        var lookedBack = registry.LookedBackActions;
        var loaded = await db.Cases
            .Where(x => x.Id == id)
            .Select(x => new
            {
                Case = x,
                Latest = x.Events.Where(e => e.Sequence == db.CaseEvents.Where(last => last.CaseId == id).Max(last => last.Sequence)).ToList(),
                // And whatever a definition names: the moves the aggregate's own separation rules look at.
                LookedBack = x.Events.Where(e => lookedBack.Contains(e.Action)
                    || e.ToStatus == CaseStatuses.DenialPendingConcurrence || e.FromStatus == CaseStatuses.DenialPendingConcurrence
                    || (e.FromStage == Stages.DueProcess && e.ToStage == Stages.Appeal)).ToList(),
                x.Clearance,
                OtherEvaluationOpen = x.Type == CaseType.ContinuousEvaluation
                    && db.Cases.Any(k => k.ClearanceId == x.ClearanceId && k.Id != id && k.Type == CaseType.ContinuousEvaluation && k.Stage != Stages.Closed),
                SubjectSuspended = db.Clearances.Any(k => k.SubjectId == x.SubjectId && k.Status == ClearanceStatus.Suspended),
            })
            .AsSingleQuery()
            .FirstOrDefaultAsync(cancellationToken);
        var c = loaded?.Case;
        if (c is null || !CanSee(actor, c))
        {
            throw new NotFoundException($"case {id} was not found");
        }

        c.ReadWithCase(loaded!.OtherEvaluationOpen, loaded.SubjectSuspended);

        await db.Cases
            .Where(x => x.Id == id)
            .Select(x => new { x.Checks, x.Findings, Open = x.InformationRequests.Where(r => r.AnsweredAt == null).ToList(), x.BoardVotes })
            .AsSingleQuery()
            .LoadAsync(cancellationToken);
        return c;
    }

    /// <summary>Staff acting on someone else's case. The subject never acts as staff on their own case (conflict of interest), whatever roles they hold.</summary>
    public static bool IsStaffFor(Actor actor, ClearanceCase c) => IsStaff(actor) && !c.IsConflictOfInterest(actor.Id, applicantAction: false);

    /// <summary>403 for a staff endpoint called by the case's own subject.</summary>
    public static void RequireStaffFor(Actor actor, ClearanceCase c)
    {
        if (!IsStaffFor(actor, c))
        {
            throw new ForbiddenException("conflict of interest: the subject of a case cannot act on it as staff");
        }
    }

    /// <summary>403 for a role that reads no cases (before the case is looked up, so it says nothing about the case).</summary>
    public static void RequireCaseReader(Actor actor)
    {
        if (!actor.IsInAnyRole(Roles.CaseReaders))
        {
            throw new ForbiddenException($"requires one of the roles: {string.Join(", ", Roles.CaseReaders)}");
        }
    }

    public static bool CanSee(Actor actor, ClearanceCase c) =>
        IsStaff(actor) || actor.IsInRole(Roles.System) || (actor.IsInRole(Roles.Applicant) && c.SubjectId == actor.Id);

    /// <summary>
    /// The case as <paramref name="actor"/> may see it, changes not yet saved included. What it needs of the
    /// case's history is read here, untracked, apart from the case: every stage change (the stage history),
    /// for staff also the latest <see cref="EventsInView"/> events, and the latest <see cref="RequestsInView"/>
    /// information requests, so that a view's size does not grow with the case's age. The events and
    /// requests the case holds are laid over them.
    /// </summary>
    public async Task<CaseDto> ViewAsync(ClearanceCase c, Actor actor, CancellationToken cancellationToken)
    {
        if (db.Entry(c).State == EntityState.Added)
        {
            return await ViewLoadedAsync(c, actor, cancellationToken);
        }

        // A union of two index ranges, not one filter over every event of the case.
        var events = db.CaseEvents.AsNoTracking().Where(e => e.CaseId == c.Id && e.StageChanged);
        if (IsStaffFor(actor, c))
        {
            events = events.Concat(db.CaseEvents.AsNoTracking().Where(e => e.CaseId == c.Id && !e.StageChanged
                && e.Sequence > db.CaseEvents.Where(x => x.CaseId == c.Id).Max(x => x.Sequence) - EventsInView));
        }

        var saved = await events.ToListAsync(cancellationToken);
        var requests = await db.InformationRequests.AsNoTracking().Where(r => r.CaseId == c.Id)
            .OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id).Take(RequestsInView).ToListAsync(cancellationToken);
        return await RenderAsync(c, actor, Overlay(saved, c.Events, e => e.Id), Overlay(requests, c.InformationRequests, r => r.Id), cancellationToken);
    }

    /// <summary>The view of a case loaded with all its events and information requests, or not saved yet (bounded as <see cref="ViewAsync"/>).</summary>
    public Task<CaseDto> ViewLoadedAsync(ClearanceCase c, Actor actor, CancellationToken cancellationToken) =>
        RenderAsync(c, actor, c.Events, c.InformationRequests, cancellationToken);

    private async Task<CaseDto> RenderAsync(
        ClearanceCase c, Actor actor, IReadOnlyList<CaseEvent> events, IReadOnlyList<InformationRequest> requests, CancellationToken cancellationToken)
    {
        var staff = IsStaffFor(actor, c);
        var dto = new CaseDto(
            c.Id, c.Reference, c.Type, c.RequestedLevel, c.Stage, c.Status,
            new WorkflowRef(c.WorkflowName, c.WorkflowVersion), c.SubjectId, c.AssignedAdjudicator,
            c.CreatedAt, c.UpdatedAt, History(c, events),
            await runner.AvailableActionsAsync(c, actor, cancellationToken),
            [.. requests.OrderBy(r => r.RequestedAt).ThenBy(r => r.Id).TakeLast(RequestsInView).Select(ToDto)])
        {
            DueAt = c.DueAt,
            Overdue = c.Overdue,
            Version = c.Version,
            InterviewAppointment = c is { InterviewScheduledAt: { } at, InterviewLocationCipher: { } location, InterviewCompletedAt: null }
                ? new InterviewAppointmentDto(at, protector.Unprotect(location))
                : null,
            DueProcess = c.StatementIssuedAt is null ? null : new DueProcessDto(c.StatementIssuedAt, c.AnswerDueAt, c.AnsweredAt, c.AppealDueAt, c.AppealedAt)
            {
                StatementOfReasons = c.StatementReasonsCipher is null ? null : new StatementOfReasonsDto(
                    protector.Unprotect(c.StatementReasonsCipher),
                    [.. (c.StatementGuidelines ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<Guideline>)]),
                // Only the final denial sets the appeal's due time; until the board reverses it, its rationale is the case's.
                FinalDecision = c is { AppealDueAt: not null, DecisionRationaleCipher: { } reasons } && c.Status != CaseStatuses.Granted
                    ? new FinalDecisionDto(protector.Unprotect(reasons))
                    : null,
            },
        };
        if (!staff)
        {
            // The applicant sees no staff identities: not the assignee, not who else acted.
            return dto with
            {
                AssignedAdjudicator = null,
                History = [.. dto.History.Select(h => h.Actor is null || h.Actor == c.SubjectId || h.Actor == Actor.System.Id ? h : h with { Actor = null })],
            };
        }

        return dto with
        {
            DueProcess = dto.DueProcess is null ? null : dto.DueProcess with
            {
                Response = c.AnswerCipher is null ? null : protector.Unprotect(c.AnswerCipher),
                RequestHearing = c.HearingRequested,
                Grounds = c.AppealGroundsCipher is null ? null : protector.Unprotect(c.AppealGroundsCipher),
                Votes = [.. c.BoardVotes.OrderBy(v => v.At).Select(v => new BoardVoteDto(v.Member, v.Vote, v.At, protector.Unprotect(v.RationaleCipher)))],
            },
            Subject = Decode<SubjectData>(c.PersonalDataCipher),
            Questionnaire = c.QuestionnaireCipher is null ? null : Questionnaire.Read(protector.Unprotect(c.QuestionnaireCipher)),
            Checks = [.. c.Checks.OrderBy(k => k.Kind, StringComparer.Ordinal).Select(ToDto)],
            Findings = [.. c.Findings.OrderBy(f => f.RecordedAt).Select(f => new FindingDto(
                f.Id, f.Guideline, f.Severity, protector.Unprotect(f.SummaryCipher), f.Mitigated,
                f.MitigationCipher is null ? null : protector.Unprotect(f.MitigationCipher), f.RecordedBy, f.RecordedAt,
                f.WholePersonCipher is null ? null : Decode<WholePersonFactors>(f.WholePersonCipher)))],
            Interview = c.InterviewScheduledAt is null && c.InterviewCompletedAt is null
                ? null
                : new InterviewDto(
                    c.InterviewScheduledAt,
                    c.InterviewLocationCipher is null ? null : protector.Unprotect(c.InterviewLocationCipher),
                    c.InterviewSummaryCipher is null ? null : protector.Unprotect(c.InterviewSummaryCipher),
                    c.InterviewCompletedAt),
            InterviewRequired = c.InterviewRequired,
            DecisionRationale = c.DecisionRationaleCipher is null ? null : protector.Unprotect(c.DecisionRationaleCipher),
            Incident = c.Type == CaseType.ContinuousEvaluation
                ? new IncidentDto(c.ClearanceId, c.IncidentGuideline, c.IncidentSummaryCipher is null ? null : protector.Unprotect(c.IncidentSummaryCipher))
                : null,
            Events = [.. events.OrderBy(e => e.Sequence).TakeLast(EventsInView).Select(ToDto)],
        };
    }

    /// <summary>The saved rows, each replaced by the case's own copy where it holds one (changed or new).</summary>
    private static List<T> Overlay<T>(List<T> saved, IReadOnlyList<T> held, Func<T, Guid> id)
    {
        var heldIds = held.Select(id).ToHashSet();
        return [.. saved.Where(x => !heldIds.Contains(id(x))), .. held];
    }

    public InformationRequestDto ToDto(InformationRequest r) => new(
        r.Id,
        Decode<List<string>>(r.QuestionsCipher) ?? [],
        r.AnswersCipher is null ? null : Decode<List<string>>(r.AnswersCipher),
        r.RequestedAt,
        r.AnsweredAt);

    public static CaseEventDto ToDto(CaseEvent e) => new(e.Action, e.Actor, e.At, e.FromStage, e.ToStage, e.FromStatus, e.ToStatus);

    public CheckDto ToDto(InvestigationCheck k) =>
        new(k.Kind, k.Status, k.Attempts, k.CompletedAt, k.SummaryCipher is null ? null : protector.Unprotect(k.SummaryCipher));

    /// <summary>
    /// One entry per stage visit; the action and actor are those that ended the visit. Only the events that
    /// change stage count: the case was in the first one's <c>FromStage</c> from its creation.
    /// </summary>
    private static List<HistoryEntry> History(ClearanceCase c, IEnumerable<CaseEvent> events)
    {
        var changes = events.Where(e => e.StageChanged).OrderBy(e => e.Sequence).ToList();
        var entries = new List<HistoryEntry>();
        var stage = changes.Count > 0 ? changes[0].FromStage : c.Stage;
        var enteredAt = c.CreatedAt;
        foreach (var e in changes)
        {
            entries.Add(new HistoryEntry(stage, enteredAt, e.At, e.Action, e.Actor));
            stage = e.ToStage;
            enteredAt = e.At;
        }

        entries.Add(new HistoryEntry(stage, enteredAt, null, null, null));
        return entries;
    }

    private T? Decode<T>(string cipher) => JsonSerializer.Deserialize<T>(protector.Unprotect(cipher), Json.Options);
}
