using System.Text.Json;
using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Applications;
using ClearanceWorkflow.Application.Features.Cases;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Application.Features.Investigations;

/// <summary>What a verification provider is sent: the case reference and the minimum of the subject that the kind needs.</summary>
public sealed record VerificationRequest(Guid CaseId, string CaseReference, string Kind, IReadOnlyDictionary<string, object?> Subject)
{
    private readonly string? _idempotencyKey;

    /// <summary>The same for every attempt of one check: <c>{caseId}:{kind}</c> unless set (a vetting run sets its own).</summary>
    public string IdempotencyKey
    {
        get => _idempotencyKey ?? $"{CaseId}:{Kind}";
        init => _idempotencyKey = value;
    }

    /// <summary>Which run of the check's job this is: 1 for the first, counting retries and recovered runs.</summary>
    public int Attempt { get; init; } = 1;
}

/// <summary>The steps the verification job takes, each in its own transaction, as the system.</summary>
public static class AutomatedChecks
{
    /// <summary>Marks the check Running and returns the request to send; null when there is nothing to do (already complete, or the case has moved on).</summary>
    [AllowRoles(Roles.System)]
    public sealed record Begin(Guid CaseId, string Kind) : ICommand<VerificationRequest?>;

    /// <summary>Records a provider's answer, or the final failure as Unable. A result that is already recorded is left alone, so a job that runs twice records once.</summary>
    [AllowRoles(Roles.System)]
    public sealed record Complete(Guid CaseId, string Kind, CheckOutcome Outcome, string Summary, string? ProviderReference) : ICommand<bool>;

    /// <summary>
    /// Marks the check Running and records the attempt (<c>check.started</c>): each attempt sends the subject's data
    /// to a provider, so each is audited, in the transaction that counts it.
    /// </summary>
    public sealed class BeginHandler(ClearanceDbContext db, IDataProtector protector, TimeProvider clock, AuditTrail audit) : IRequestHandler<Begin, VerificationRequest?>
    {
        public async Task<VerificationRequest?> Handle(Begin request, CancellationToken cancellationToken)
        {
            // One statement, without loading the case: Running only while a result is still wanted (what
            // ClearanceCase.AcceptsCheckResult decides), a new attempt, the first start kept, the check's version moved.
            var now = clock.Now();
            var started = await db.Checks
                .Where(k => k.CaseId == request.CaseId && k.Kind == request.Kind
                    && (k.Status == CheckStatus.Pending || k.Status == CheckStatus.Running)
                    && db.Cases.Any(c => c.Id == request.CaseId && c.Stage == Stages.BackgroundCheck))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(k => k.Status, CheckStatus.Running)
                    .SetProperty(k => k.Attempts, k => k.Attempts + 1)
                    .SetProperty(k => k.StartedAt, k => k.StartedAt ?? now)
                    .SetProperty(k => k.Version, k => k.Version + 1), cancellationToken);
            if (started == 0)
            {
                return null;
            }

            var c = await db.Cases.AsNoTracking().Where(x => x.Id == request.CaseId)
                .Select(x => new { x.Reference, x.PersonalDataCipher, x.QuestionnaireCipher, x.Checks.First(k => k.Kind == request.Kind).Attempts })
                .FirstAsync(cancellationToken);
            await audit.AppendAsync("check.started", request.CaseId, new { reference = c.Reference, kind = request.Kind, attempt = c.Attempts }, cancellationToken);
            var subject = JsonSerializer.Deserialize<SubjectData>(protector.Unprotect(c.PersonalDataCipher), Json.Options)!;
            var questionnaire = c.QuestionnaireCipher is null ? null : Questionnaire.Read(protector.Unprotect(c.QuestionnaireCipher));
            return new VerificationRequest(request.CaseId, c.Reference, request.Kind, MinimumFor(request.Kind, subject, questionnaire)) { Attempt = c.Attempts };
        }

        /// <summary>Identity data for every kind; the questionnaire section only for the kind that verifies it.</summary>
        public static Dictionary<string, object?> MinimumFor(string kind, SubjectData subject, Questionnaire? questionnaire)
        {
            var data = new Dictionary<string, object?>
            {
                ["givenName"] = subject.GivenName,
                ["familyName"] = subject.FamilyName,
                ["dateOfBirth"] = subject.DateOfBirth,
            };
            switch (kind)
            {
                case "identity":
                    data["nationalId"] = subject.NationalId;
                    data["citizenship"] = subject.Citizenship;
                    break;
                case "criminal" or "credit":
                    data["nationalId"] = subject.NationalId;
                    break;
                case "employment":
                    data["employment"] = questionnaire?.Employment;
                    break;
                case "education":
                    data["education"] = questionnaire?.Education;
                    break;
                case "references":
                    data["references"] = questionnaire?.References;
                    break;
                case "residence":
                    data["residences"] = questionnaire?.Residences;
                    break;
                case "foreign-travel":
                    data["foreignTravel"] = questionnaire?.ForeignTravel;
                    break;
                case "foreign-contacts":
                    data["foreignContacts"] = questionnaire?.ForeignContacts;
                    break;
            }

            return data;
        }
    }

    public sealed class CompleteHandler(ClearanceDbContext db, CaseAccess access, CheckRecorder recorder) : IRequestHandler<Complete, bool>
    {
        public async Task<bool> Handle(Complete request, CancellationToken cancellationToken)
        {
            // A case's checks finish together. Locking its row first makes them take turns, each reading the others'
            // results, instead of failing on the case's version.
            if (!await access.LockAsync(request.CaseId, cancellationToken))
            {
                return false;
            }

            var c = await db.Cases.Include(x => x.Checks).FirstAsync(x => x.Id == request.CaseId, cancellationToken);
            if (!c.AcceptsCheckResult(request.Kind))
            {
                return false;
            }

            if (c.Checks.All(k => k.Kind == request.Kind || k.Status.IsTerminal()))
            {
                // The last result completes the investigation: that step needs what any step loads (never the whole history).
                await access.LoadVisibleAsync(c.Id, Actor.System, cancellationToken);
            }

            await recorder.RecordAsync(c, request.Kind, request.Outcome, request.Summary, request.ProviderReference, Actor.System.Id, cancellationToken);
            return true;
        }
    }
}
