using System.Diagnostics;
using System.Reflection;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Domain;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ClearanceWorkflow.Application.Common;

/// <summary>First in the pipeline: the request's name, outcome and duration. Never its content.</summary>
public sealed partial class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var name = RequestName(typeof(TRequest));
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            LogHandled(logger, name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex)
        {
            LogFailed(logger, name, ex.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    internal static string RequestName(Type type) => type.DeclaringType is { } outer ? $"{outer.Name}.{type.Name}" : type.Name;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handled {Request} in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string request, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request} ended with {Exception} after {ElapsedMs:0.0} ms")]
    private static partial void LogFailed(ILogger logger, string request, string exception, double elapsedMs);
}

/// <summary>Second: FluentValidation validators of the request, all errors at once, as 400.</summary>
public sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        await Validation.ThrowIfInvalidAsync(validators, request, cancellationToken);
        return await next();
    }
}

/// <summary>Runs validators and throws all their errors at once, keyed by camelCase property path.</summary>
public static class Validation
{
    public static async Task ThrowIfInvalidAsync<T>(IEnumerable<IValidator<T>> validators, T instance, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(instance, cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count > 0)
        {
            throw new RequestValidationException(failures
                .GroupBy(f => ToCamelPath(f.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray()));
        }
    }

    private static string ToCamelPath(string path) => string.Join('.', path.Split('.').Select(p =>
        p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}

/// <summary>Third: deny by default. A request must name its roles, or say its handler decides.</summary>
public sealed class AuthorizationBehavior<TRequest, TResponse>(ActorContext actors) : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly AllowRolesAttribute? Allowed = typeof(TRequest).GetCustomAttribute<AllowRolesAttribute>();
    private static readonly bool ByHandler = typeof(TRequest).GetCustomAttribute<AuthorizedByHandlerAttribute>() is not null;

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (ByHandler)
        {
            return next();
        }

        if (Allowed is null)
        {
            throw new ForbiddenException($"{typeof(TRequest).Name} declares no roles and is refused");
        }

        if (!Allowed.Roles.Any(actors.Current.IsInRole))
        {
            throw new ForbiddenException($"requires one of the roles: {string.Join(", ", Allowed.Roles)}");
        }

        return next();
    }
}

/// <summary>
/// Last: commands run in one transaction, and are saved and committed here, so handlers never call
/// SaveChanges. A nested command joins the transaction already open. There is no database-wide lock:
/// two commands on one record are ordered by its concurrency token (one wins, the other is a 409), and
/// audit events are sealed into the ledger after commit (ADR 11).
/// </summary>
public sealed class TransactionBehavior<TRequest, TResponse>(ClearanceDbContext db, TransactionResources resources, IdempotencyClaim claim, TimeProvider clock)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommand<TResponse> || db.Database.CurrentTransaction is not null)
        {
            return await next();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        using var scopedResources = resources;
        try
        {
            var response = await next();
            await db.SaveChangesAsync(cancellationToken);
            await MarkClaimCommittedAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            await resources.CommittedAsync();
            return response;
        }
        catch (DbUpdateConcurrencyException e) when (request is IConditionalCommand { HasPrecondition: true } && CaseChanged(e))
        {
            throw new PreconditionFailedException("the case changed while this request ran: the version in If-Match is no longer current");
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("a concurrent change to the same record won; reload and try again");
        }
    }

    /// <summary>Whether the row that changed meanwhile is the case's (its version or its history), which If-Match names.</summary>
    private static bool CaseChanged(DbUpdateConcurrencyException e) =>
        e is CaseHistoryConflictException || e.Entries.Any(x => x.Entity is ClearanceCase);

    private Task MarkClaimCommittedAsync(CancellationToken cancellationToken) =>
        claim.Id is { } id ? IdempotencyClaim.MarkCommittedAsync(db, id, clock.Now(), cancellationToken) : Task.CompletedTask;
}

/// <summary>
/// The <c>Idempotency-Key</c> claim the current HTTP request holds, if any. Its command commits only while the claim
/// is still the request's own, and marks it committed in the same transaction: a retry that took over the claim of a
/// request it believed dead (after <c>IdempotencyStore.Lease</c>) can never see that request's change land as well.
/// </summary>
public sealed class IdempotencyClaim
{
    public Guid? Id { get; set; }

    /// <summary>Marks the claim <paramref name="id"/> committed in the transaction open on <paramref name="db"/>; a claim a retry took over refuses the change (409).</summary>
    public static async Task MarkCommittedAsync(ClearanceDbContext db, Guid id, DateTime now, CancellationToken cancellationToken)
    {
        if (await db.IdempotentRequests.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.CommittedAt, now), cancellationToken) == 0)
        {
            throw new ConflictException("a retry with the same Idempotency-Key took this request over; it was not carried out");
        }
    }
}
