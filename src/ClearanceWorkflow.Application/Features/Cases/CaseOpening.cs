using System.Globalization;
using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Application.Workflows;
using ClearanceWorkflow.Domain;
using ClearanceWorkflow.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Application.Features.Cases;

/// <summary>Opens a case on the active workflow version: reference, history, audit event and SLA timer.</summary>
public sealed class CaseOpening(ClearanceDbContext db, WorkflowRegistry registry, AuditTrail audit, Scheduling.StageTimers timers)
{
    public async Task<ClearanceCase> OpenAsync(
        CaseType type, ClearanceLevel level, string sponsor, string subjectId, string personalDataCipher, string nationalIdIndex,
        string actor, DateTime now, CancellationToken cancellationToken)
    {
        var definition = registry.Catalog.Active(WorkflowNames.Clearance);
        var c = ClearanceCase.Open(
            await NextReferenceAsync(now, cancellationToken), type, level, sponsor, subjectId, personalDataCipher, nationalIdIndex,
            definition.Name, definition.Version, definition.InitialStage, definition.InitialStatus,
            definition.Stage(definition.InitialStage).Sla, now, openedBy: actor);
        db.Cases.Add(c);
        await audit.AppendAsync(type == CaseType.Initial ? "case.apply" : "case.open-reinvestigation", c.Id, new
        {
            reference = c.Reference,
            type = type.ToString(),
            level = level.ToString(),
            workflow = $"{definition.Name}.v{definition.Version}",
        }, cancellationToken, actor);
        await timers.ArmAsync(c, cancellationToken);
        return c;
    }

    /// <summary>
    /// Opens a ContinuousEvaluation case on <paramref name="clearance"/> (an incident report or a vetting alert), straight
    /// in stage <c>review</c> with the definition's initial status, on the active workflow version if it can end one (it
    /// defines <c>reinstate</c>), else on the newest loaded version that can: version 1, still selectable, cannot.
    /// </summary>
    public async Task<ClearanceCase> OpenContinuousEvaluationAsync(
        Clearance clearance, Guideline guideline, string summaryCipher, string actor, DateTime now, CancellationToken cancellationToken)
    {
        clearance.EnsureOpenToIncidents();
        var definition = EvaluationDefinition();
        var c = ClearanceCase.OpenContinuousEvaluation(
            await NextReferenceAsync(now, cancellationToken), clearance, guideline, summaryCipher, actor,
            definition.Name, definition.Version, Stages.Review, definition.InitialStatus, definition.Stage(Stages.Review).Sla, now);
        db.Cases.Add(c);
        await audit.AppendAsync("case.open-continuous-evaluation", c.Id, new
        {
            reference = c.Reference,
            type = c.Type.ToString(),
            level = c.RequestedLevel.ToString(),
            clearanceId = clearance.Id,
            guideline = guideline.ToString(),
            workflow = $"{definition.Name}.v{definition.Version}",
        }, cancellationToken, actor);
        await timers.ArmAsync(c, cancellationToken);
        return c;
    }

    private WorkflowDefinition EvaluationDefinition()
    {
        static bool CanEvaluate(WorkflowDefinition d) => d.Actions.Any(a => a.Request == nameof(Features.Actions.Reinstate));
        var catalog = registry.Catalog;
        var active = catalog.Active(WorkflowNames.Clearance);
        return CanEvaluate(active)
            ? active
            : catalog.Versions(WorkflowNames.Clearance).OrderDescending().Select(v => catalog.Get(WorkflowNames.Clearance, v)).FirstOrDefault(CanEvaluate)
              ?? throw new ConflictException("no loaded workflow version can run a continuous evaluation (none defines reinstate)");
    }

    /// <summary>
    /// CW-yyyy-nnnnnn, sequential per year, from the year's counter row, incremented atomically: the row
    /// lock orders concurrent openings until their commits, and a rolled-back opening gives its number back.
    /// The year's first opening creates the row after the highest reference already saved (cases opened
    /// before the counter existed); two creating it at once meet on its key, and the second increments.
    /// </summary>
    private async Task<string> NextReferenceAsync(DateTime now, CancellationToken cancellationToken)
    {
        var year = now.Year;
        var prefix = string.Create(CultureInfo.InvariantCulture, $"CW-{year:D4}-");
        var sqlServer = db.Database.ProviderName == ClearanceDbContext.SqlServerProvider;
        var next = (await (sqlServer
                ? db.Database.SqlQuery<int>($"UPDATE case_reference_counters SET [Last] = [Last] + 1 OUTPUT inserted.[Last] AS [Value] WHERE [Year] = {year}")
                : db.Database.SqlQuery<int>($"UPDATE case_reference_counters SET \"Last\" = \"Last\" + 1 WHERE \"Year\" = {year} RETURNING \"Last\" AS \"Value\""))
            .ToListAsync(cancellationToken)).SingleOrDefault();
        if (next == 0)
        {
            var saved = await db.Cases.Where(c => c.Reference.StartsWith(prefix)).MaxAsync(c => (string?)c.Reference, cancellationToken);
            var first = (saved is null ? 0 : int.Parse(saved[prefix.Length..], CultureInfo.InvariantCulture)) + 1;
            next = (await (sqlServer
                    ? db.Database.SqlQuery<int>($"""
                        MERGE case_reference_counters WITH (HOLDLOCK) AS t USING (SELECT {year} AS [Year]) AS s ON t.[Year] = s.[Year]
                        WHEN MATCHED THEN UPDATE SET [Last] = t.[Last] + 1
                        WHEN NOT MATCHED THEN INSERT ([Year], [Last]) VALUES ({year}, {first})
                        OUTPUT inserted.[Last] AS [Value];
                        """)
                    : db.Database.SqlQuery<int>($"""
                        INSERT INTO case_reference_counters ("Year", "Last") VALUES ({year}, {first})
                        ON CONFLICT ("Year") DO UPDATE SET "Last" = case_reference_counters."Last" + 1
                        RETURNING "Last" AS "Value"
                        """))
                .ToListAsync(cancellationToken)).Single();
        }

        return string.Create(CultureInfo.InvariantCulture, $"{prefix}{next:D6}");
    }
}

/// <summary>The last case reference number given out in a year.</summary>
public sealed class CaseReferenceCounter
{
    public int Year { get; private set; }
    public int Last { get; private set; }
}
