using System.Reflection;
using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using System.Text.Json;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClearanceWorkflow.Api.Workspace;

/// <summary>
/// A workspace page: sends the API's MediatR requests as the signed-in actor, and shows what the API would answer
/// with a 4xx (not found, forbidden, conflict, a changed case, validation errors) as a message on the page.
/// </summary>
public abstract class WorkspacePage(IMediator mediator) : PageModel
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    public string? Error { get; protected set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = NoErrors;

    /// <summary>What the last action did, kept across its redirect.</summary>
    [TempData]
    public string? Notice { get; set; }

    protected IMediator Mediator => mediator;

    /// <summary>The view data key naming the form this request posted (a <see cref="FormField.Form"/>), which the page shows again as typed.</summary>
    public const string PostedFormKey = "PostedForm";

    /// <summary>Marks <paramref name="form"/> as the one posted: if the page is shown again, its fields keep what was typed.</summary>
    protected void Posted(string form) => ViewData[PostedFormKey] = form;

    /// <summary>Sends the request; on a refusal the page's <see cref="Error"/> says why and the result is default.</summary>
    protected async Task<(bool Ok, T? Value)> TrySendAsync<T>(IRequest<T> request)
    {
        try
        {
            return (true, await Send(request));
        }
        catch (Exception ex) when (Refusal(ex) is not null)
        {
            // The request's unsaved changes must not ride along with the next command of this request (the page's reload is audited, so saved).
            HttpContext.RequestServices.GetRequiredService<ClearanceDbContext>().ChangeTracker.Clear();
            Refuse(ex);
            return (false, default);
        }
    }

    /// <summary>Shows a refusal as the API would answer it: the message, the validation errors, the status code.</summary>
    protected void Refuse(Exception ex)
    {
        Error = Refusal(ex) ?? throw new InvalidOperationException("not a refusal", ex);
        if (ex is RequestValidationException validation)
        {
            Errors = validation.Errors;
        }
        else if (ex is DomainException { Refusal: DomainRefusal.Invalid } invalid)
        {
            // The API's 400 names the field; so does the page.
            Errors = new Dictionary<string, string[]> { [invalid.Field ?? "body"] = [invalid.Message] };
        }

        Response.StatusCode = Hosting.ProblemExceptionHandler.Map(ex).Status!.Value;
    }

    /// <summary>The form's fields as a command, or null with the refusal shown, as the API answers a body it cannot read.</summary>
    protected T? ReadForm<T>(IReadOnlyList<FormField> fields, string form, Action<JsonObject>? complete = null)
        where T : class
    {
        Posted(form);
        var unreadable = RequestValidationException.For("body", $"The {form} could not be read.");
        try
        {
            var json = FormSchema.ToJson(fields, key => Request.Form[key]);
            complete?.Invoke(json);
            return FormSchema.ToElement(json).Deserialize<T>(Json.Options) ?? throw unreadable;
        }
        catch (JsonException)
        {
            Refuse(unreadable);
        }
        catch (RequestValidationException ex)
        {
            Refuse(ex);
        }

        return null;
    }

    protected Task<T> Send<T>(IRequest<T> request) => mediator.Send(request, HttpContext.RequestAborted);

    /// <summary>The hidden field naming one showing of a form that <see cref="TrySendOnceAsync"/> sends.</summary>
    public const string FormKeyField = "formKey";

    /// <summary>A new key for a form shown now, or the one just posted when the page shows the form again after a refusal.</summary>
    public string FormKey => Guid.TryParse(Request.HasFormContentType ? Request.Form[FormKeyField].ToString() : null, out var posted)
        ? posted.ToString()
        : (_formKey ??= Guid.NewGuid().ToString());

    private string? _formKey;

    /// <summary>
    /// Sends a command that has no version to condition on (it creates something) at most once per showing of its form:
    /// the form's <see cref="FormKeyField"/> is claimed as the API claims an <c>Idempotency-Key</c> (ADR 12), and what
    /// <paramref name="keep"/> makes of the first answer is kept with it. The same form sent again, its answer lost on
    /// the way, gets that back (audited as a replay) and changes nothing; a post without the key is 400.
    /// </summary>
    protected async Task<(bool Ok, string? Kept)> TrySendOnceAsync<T>(IRequest<T> request, Func<T, (string Kept, Guid? CaseId)> keep)
    {
        if (!Guid.TryParse(Request.Form[FormKeyField].ToString(), out var formKey))
        {
            Refuse(RequestValidationException.For(FormKeyField, "The form's key is missing; reload the page and send it again."));
            return (false, null);
        }

        var services = HttpContext.RequestServices;
        var actor = services.GetRequiredService<ActorContext>().Current;
        var store = services.GetRequiredService<Infrastructure.Persistence.IdempotencyStore>();
        var fingerprint = services.GetRequiredService<IBlindIndex>().Compute(
            "workspace-form", $"{Hosting.Idempotency.CallerScope(actor)}\n{Request.Path}\n{JsonSerializer.Serialize(request, request.GetType(), Json.Options)}");
        var (outcome, stored, claimId) = await store.ClaimAsync(actor.Id, "workspace:" + formKey, fingerprint, HttpContext.RequestAborted);
        switch (outcome)
        {
            case Infrastructure.Persistence.IdempotencyOutcome.Replay:
                var kept = JsonSerializer.Deserialize<KeptForm>(stored!.Body, Json.Options)!;
                await Send(new AnswerReplayed.Record(HttpMethods.Post, Request.Path, kept.CaseId));
                return (true, kept.Kept);
            case Infrastructure.Persistence.IdempotencyOutcome.Mismatch:
                Refuse(new ConflictException("this form was already sent with other values; reload the page to send new ones"));
                return (false, null);
            case Infrastructure.Persistence.IdempotencyOutcome.InProgress:
                Refuse(new ConflictException("this form is still being sent; reload the page in a moment"));
                return (false, null);
            case Infrastructure.Persistence.IdempotencyOutcome.Unanswered:
                Refuse(new ConflictException("this form was already sent and carried out; reload the page"));
                return (false, null);
        }

        var claim = services.GetRequiredService<IdempotencyClaim>();
        claim.Id = claimId;
        var done = false;
        // A claimed form runs to its end though the browser goes away (a double click aborts the first post): the second
        // post, told it is in progress, then finds its answer on reload, as a keyed API request does.
        var aborted = HttpContext.RequestAborted;
        HttpContext.RequestAborted = CancellationToken.None;
        try
        {
            var (ok, value) = await TrySendAsync(request);
            if (!ok)
            {
                return (false, null);
            }

            var (text, caseId) = keep(value!);
            done = true;
            await store.CompleteAsync(claimId, new Infrastructure.Persistence.StoredAnswer(
                StatusCodes.Status303SeeOther, "application/json", null, null, JsonSerializer.Serialize(new KeptForm(text, caseId), Json.Options)), CancellationToken.None);
            return (true, text);
        }
        finally
        {
            HttpContext.RequestAborted = aborted;
            claim.Id = null;
            if (!done)
            {
                await store.ReleaseAsync(claimId);
            }
        }
    }

    private sealed record KeptForm(string Kept, Guid? CaseId);

    /// <summary>Whether the signed-in user holds one of the roles the request's <see cref="AllowRolesAttribute"/> allows (to offer a link or a form).</summary>
    protected bool MayRun<TRequest>() => typeof(TRequest).GetCustomAttribute<AllowRolesAttribute>()!.Roles.Any(User.IsInRole);

    /// <summary>How many rows a list of a page with several lists shows at a time (<c>?pageSize=</c>, as the API's).</summary>
    public int ListPageSize { get; private set; } = 200;

    /// <summary>Reads <c>?pageSize=</c>; false with the refusal shown when it is not a whole number (its range is the query's to refuse).</summary>
    protected bool ReadListPageSize()
    {
        if (QueryNumber("pageSize", ListPageSize) is not { } size)
        {
            return false;
        }

        ListPageSize = size;
        return true;
    }

    /// <summary>The page asked for of the list <paramref name="list"/> (<c>?{list}Page=</c>, 1 when absent); null with the refusal shown when it is not a whole number.</summary>
    protected int? ListPage(string list) => QueryNumber(list + "Page", 1);

    /// <summary>This page's address with page <paramref name="page"/> of <paramref name="list"/>, the other lists' pages kept.</summary>
    public string ListPageLink(string list, int page) =>
        Request.Path + QueryString.Create(Request.Query.Where(q => q.Key != list + "Page")
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new(list + "Page", page.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    private int? QueryNumber(string key, int absent)
    {
        var raw = Request.Query[key].ToString();
        if (raw.Length == 0)
        {
            return absent;
        }

        if (int.TryParse(raw, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        Refuse(RequestValidationException.For(key, "Not a whole number."));
        return null;
    }

    protected IActionResult NotFoundPage()
    {
        Error ??= "Not found, or not yours to see.";
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private static string? Refusal(Exception ex) => ex switch
    {
        NotFoundException => "Not found, or not yours to see.",
        ForbiddenException f => "Not allowed: " + f.Message + ".",
        ConflictException c => "Not possible now: " + c.Message + ".",
        PreconditionFailedException => "The case has changed since this page was loaded. Reload it and try again.",
        RequestValidationException => "Some of the input was not accepted.",
        DomainException { Refusal: DomainRefusal.NotFound } => "Not found, or not yours to see.",
        DomainException { Refusal: DomainRefusal.Forbidden } d => "Not allowed: " + d.Message + ".",
        DomainException { Refusal: DomainRefusal.Invalid } => "Some of the input was not accepted.",
        DomainException d => "Not possible now: " + d.Message + ".",
        _ => null,
    };
}

/// <summary>A page whose view is audited: a link to it from another site is not followed without a click (<c>Sec-Fetch-Site</c>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AuditedViewAttribute : Attribute;

/// <summary>The pager under one of a page's lists: page <paramref name="Number"/> of those its <paramref name="Total"/> rows fill.</summary>
public sealed record ListPager(string List, string Heading, int Number, int Total, WorkspacePage On)
{
    public int Pages => Math.Max(1, (Total + On.ListPageSize - 1) / On.ListPageSize);
}
