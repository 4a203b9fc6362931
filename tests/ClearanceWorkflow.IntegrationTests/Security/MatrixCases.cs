using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Security;

/// <summary>A case put in one stage of the matrix: its id, its subject, and its assignee (who also denied or granted it; in due process before a second adjudicator claims it, the denier).</summary>
public sealed record PreparedCase(Guid Id, string Stage, string SubjectId, string? AssigneeId);

/// <summary>
/// Puts Secret cases in the matrix's stages through the public API (<see cref="CaseDriver"/>). A case that a
/// row may change is built fresh for that row; rows that cannot change it (GET, or a refusal) share one
/// case per stage and assignee role, which is dropped if a call that should have been refused changed it.
/// </summary>
public sealed class MatrixCases(ApiFactory factory) : IDisposable
{
    private readonly CaseDriver _driver = new(factory);
    private readonly HttpClient _investigator = factory.ClientFor(User("ivan"), "investigator");
    private readonly Dictionary<(string Stage, string AssigneeRole), PreparedCase> _shared = [];

    public static string User(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public async Task<PreparedCase> SharedAsync(string stage, string assigneeRole)
    {
        if (!_shared.TryGetValue((stage, assigneeRole), out var prepared))
        {
            prepared = await FreshAsync(stage, assigneeRole);
            _shared[(stage, assigneeRole)] = prepared;
        }

        return prepared;
    }

    public void Forget(PreparedCase prepared)
    {
        foreach (var key in _shared.Where(p => p.Value == prepared).Select(p => p.Key).ToList())
        {
            _shared.Remove(key);
        }
    }

    /// <summary>A new case in <paramref name="stage"/>; from review-assigned on, a new user of <paramref name="assigneeRole"/> claimed it.</summary>
    public async Task<PreparedCase> FreshAsync(string stage, string assigneeRole)
    {
        if (!AuthorizationMatrix.CaseStages.Contains(stage))
        {
            throw new ArgumentException($"unknown stage '{stage}'", nameof(stage));
        }

        var subjectId = User("subj");
        using var applicant = factory.ClientFor(subjectId, "applicant");
        var id = (await _driver.ApplyAsync(applicant)).GetProperty("id").GetGuid();
        await _driver.FillQuestionnaireAsync(applicant, id);
        if (stage == "application")
        {
            return new(id, stage, subjectId, null);
        }

        await _driver.ActOkAsync(applicant, id, "submit", new { attestation = true });
        if (stage == "background-check")
        {
            return new(id, stage, subjectId, null);
        }

        if (stage == "interim")
        {
            using var adjudicator = factory.ClientFor(User("adam"), AuthorizationMatrix.Adjudicator);
            await _driver.ActOkAsync(adjudicator, id, "grant-interim", new { level = "Secret", rationale = "Nothing of concern so far." });
            return new(id, stage, subjectId, null);
        }

        await _driver.CompleteChecksAsync(_investigator, id);
        if (stage == "review")
        {
            return new(id, stage, subjectId, null);
        }

        var assigneeId = User(assigneeRole == AuthorizationMatrix.SeniorAdjudicator ? "sam" : "adam");
        using var assignee = factory.ClientFor(assigneeId, assigneeRole);
        await _driver.ActOkAsync(assignee, id, "claim");
        switch (stage)
        {
            case "review-assigned":
                return new(id, stage, subjectId, assigneeId);
            case "review-awaiting":
                await _driver.ActOkAsync(assignee, id, "request-information", new { questions = new[] { "Where were you in 2019?" } });
                return new(id, stage, subjectId, assigneeId);
            case "interview":
                await _driver.ActOkAsync(assignee, id, "schedule-interview", new { scheduledAt = TimeProvider.System.GetUtcNow().AddDays(7), location = "Room 101" });
                return new(id, stage, subjectId, assigneeId);
        }

        await _driver.RecordFindingOkAsync(assignee, id, "F", "Minor");
        await _driver.ActOkAsync(assignee, id, "refer-to-decision");
        switch (stage)
        {
            case "decision":
                return new(id, stage, subjectId, assigneeId);
            case "closed":
                await _driver.ActOkAsync(assignee, id, "grant", CaseDriver.GrantBody());
                return new(id, stage, subjectId, assigneeId);
        }

        await _driver.ActOkAsync(assignee, id, "deny", new { rationale = "Unmitigated financial considerations." });
        if (stage == "denial-pending")
        {
            return new(id, stage, subjectId, assigneeId);
        }

        // Due process: a fresh senior concurs; "assigned" stays the denier until a second adjudicator claims the case.
        using (var senior = factory.ClientFor(User("sue"), AuthorizationMatrix.SeniorAdjudicator))
        {
            await _driver.ActOkAsync(senior, id, "concur");
        }

        if (stage == "due-process-awaiting")
        {
            return new(id, stage, subjectId, assigneeId);
        }

        await _driver.ActOkAsync(applicant, id, "answer", new { response = "The debts were settled.", requestHearing = false });
        if (stage == "due-process")
        {
            return new(id, stage, subjectId, assigneeId);
        }

        var secondId = User(assigneeRole == AuthorizationMatrix.SeniorAdjudicator ? "sid" : "eve");
        using var second = factory.ClientFor(secondId, assigneeRole);
        await _driver.ActOkAsync(second, id, "claim");
        if (stage == "due-process-claimed")
        {
            return new(id, stage, subjectId, secondId);
        }

        await _driver.ActOkAsync(second, id, "deny", new { rationale = "The answer does not mitigate the debts." });
        if (stage == "appeal")
        {
            await _driver.ActOkAsync(applicant, id, "appeal", new { grounds = "The settlement was not weighed." });
        }

        return new(id, stage, subjectId, secondId);
    }

    public void Dispose() => _investigator.Dispose();
}
