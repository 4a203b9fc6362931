using System.Text.Json;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.AuditLog;
using ClearanceWorkflow.Domain;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace ClearanceWorkflow.Api.Workspace.Pages;

/// <summary>The audit trail (overall or one case's), the latest signed digest to keep, and ledger verification, whole or against a saved digest.</summary>
[Authorize(Roles = Roles.Auditor)]
public sealed class AuditModel(IMediator mediator) : WorkspacePage(mediator)
{
    [BindProperty(SupportsGet = true)]
    public Guid? CaseId { get; set; }

    public ListAuditEvents.Page? Events { get; private set; }

    /// <summary>The page of the trail shown, in ledger order, and its size (<c>?page=</c>, <c>?pageSize=</c>, as the API's).</summary>
    public int PageNumber { get; private set; } = 1;

    public int PageSize { get; private set; } = 100;

    public int Pages => Events is { } events ? Math.Max(1, (events.Total + PageSize - 1) / PageSize) : 1;

    public string? LatestDigest { get; private set; }

    public string? SavedDigest { get; private set; }

    /// <summary>What a verification found, in words; <see cref="Valid"/> says which way.</summary>
    public string? Outcome { get; private set; }

    public bool Valid { get; private set; }

    public async Task OnGetAsync([FromQuery] int page = 1, [FromQuery] int pageSize = 100)
    {
        (PageNumber, PageSize) = (page, pageSize);
        if (ModelState.TryGetValue(nameof(CaseId), out var entry) && entry.Errors.Count > 0)
        {
            // Not every event, silently, for a case id that is not one.
            Refuse(RequestValidationException.For("caseId", "Not a case id."));
            return;
        }

        if (new[] { nameof(page), nameof(pageSize) }.FirstOrDefault(key => ModelState.TryGetValue(key, out var bad) && bad.Errors.Count > 0) is { } unreadable)
        {
            Refuse(RequestValidationException.For(unreadable, "Not a whole number."));
            return;
        }

        await LoadAsync();
    }

    public async Task OnPostVerifyAsync()
    {
        var (ok, result) = await TrySendAsync(new VerifyAuditChain.Query());
        if (ok)
        {
            Show(result!, "The whole ledger");
        }

        await LoadAsync();
    }

    public async Task OnPostVerifyDigestAsync(string? digest)
    {
        SavedDigest = digest;
        VerifyAgainstDigest.DigestInput? input = null;
        try
        {
            input = string.IsNullOrWhiteSpace(digest) ? null : JsonSerializer.Deserialize<VerifyAgainstDigest.DigestInput>(digest, Json.Options);
        }
        catch (JsonException)
        {
            Refuse(RequestValidationException.For("digest", "The saved digest is not the JSON this page shows under “Latest signed digest”."));
        }

        if (Error is null)
        {
            var (ok, result) = await TrySendAsync(new VerifyAgainstDigest.Query(input));
            if (ok)
            {
                Show(result!, "Against the saved digest, the ledger");
            }
        }

        await LoadAsync();
    }

    private void Show(VerificationResult result, string what)
    {
        Valid = result.Valid;
        Outcome = result.Valid
            ? $"{what} verifies: {result.Events} events checked, none changed, removed or reordered."
            : $"{what} does NOT verify: it differs from event {result.FirstInvalidEventId?.ToString() ?? "(the digest itself)"} on ({result.Events} events checked).";
    }

    private async Task LoadAsync()
    {
        (_, Events) = await TrySendAsync(new ListAuditEvents.Query(CaseId, null, null, PageNumber, PageSize));
        try
        {
            LatestDigest = JsonSerializer.Serialize(await Send(new GetLedgerDigest.Query()), Json.Options);
        }
        catch (NotFoundException)
        {
            LatestDigest = null;
        }
    }
}
