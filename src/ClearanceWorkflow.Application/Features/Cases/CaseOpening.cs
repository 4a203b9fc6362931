using System.Globalization;
using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Application.Workflows;
using ClearanceWorkflow.Domain;
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
            definition.Stage(definition.InitialStage).Sla, now);
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
    /// CW-yyyy-nnnnnn, sequential per year. Safe because commands hold the write lock. Cases opened earlier in
    /// the same transaction (the reinvestigation sweep opens a batch) are not saved yet, so they count too.
    /// </summary>
    private async Task<string> NextReferenceAsync(DateTime now, CancellationToken cancellationToken)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"CW-{now.Year:D4}-");
        var saved = await db.Cases.Where(c => c.Reference.StartsWith(prefix)).MaxAsync(c => (string?)c.Reference, cancellationToken);
        var unsaved = db.Cases.Local.Where(c => c.Reference.StartsWith(prefix, StringComparison.Ordinal)).Max(c => (string?)c.Reference);
        var last = string.CompareOrdinal(unsaved, saved) > 0 ? unsaved : saved;
        var next = last is null ? 1 : int.Parse(last[prefix.Length..], CultureInfo.InvariantCulture) + 1;
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}{next:D6}");
    }
}
