using System.Text.Json;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Domain;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

using ClearanceWorkflow.Infrastructure.Persistence;

namespace ClearanceWorkflow.Api.Hosting;

/// <summary>The one place exceptions become RFC 9457 problem details.</summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception);
        if (problem.Status >= 500)
        {
            LogUnhandled(logger, exception, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "1";
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    public static ProblemDetails Map(Exception exception) => exception switch
    {
        RequestValidationException v => new HttpValidationProblemDetails(v.Errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = 400, Title = "Validation failed", Detail = v.Message,
        },
        Endpoints.UnsupportedMediaTypeException u => Problem(415, "Unsupported media type", u.Message),
        BadHttpRequestException { StatusCode: 413 } => Problem(413, "Payload too large", "The request body is larger than the service accepts."),
        BadHttpRequestException { StatusCode: 415 } => Problem(415, "Unsupported media type", "The request body's media type or charset is not one the service reads."),
        BadHttpRequestException b => new HttpValidationProblemDetails(BadRequestErrors(b))
        {
            Status = 400, Title = "Validation failed", Detail = "The request could not be read.",
        },
        JsonException j => new HttpValidationProblemDetails(new Dictionary<string, string[]> { [JsonKey(j.Path)] = ["The JSON is not valid here."] })
        {
            Status = 400, Title = "Validation failed",
        },
        NotFoundException n => Problem(404, "Not found", n.Message),
        ForbiddenException { Rule: { } rule } f => new ProblemDetails { Status = 403, Title = "Forbidden", Detail = f.Message, Extensions = { ["rule"] = rule } },
        ForbiddenException f => Problem(403, "Forbidden", f.Message),
        ConflictException c => Problem(409, "Conflict", c.Message),
        PreconditionFailedException p => Problem(412, "Precondition failed", p.Message),
        DomainException { Refusal: DomainRefusal.Forbidden } d => Problem(403, "Forbidden", d.Message),
        DomainException { Refusal: DomainRefusal.NotFound } d => Problem(404, "Not found", d.Message),
        DomainException { Refusal: DomainRefusal.Invalid } d => new HttpValidationProblemDetails(new Dictionary<string, string[]> { [d.Field ?? "body"] = [d.Message] })
        {
            Status = 400, Title = "Validation failed", Detail = "One or more validation errors occurred.",
        },
        DomainException d => Problem(409, "Conflict", d.Message),
        DbUpdateConcurrencyException => Problem(409, "Conflict", "A concurrent change to the same record won; reload and try again."),
        // Without a database-wide lock, two requests can create the same unique record at once: one wins.
        DbUpdateException u when DatabaseErrors.IsUniqueViolation(u) => Problem(409, "Conflict", "A concurrent request created the same record; reload and try again."),
        _ when IsBusy(exception) => Problem(503, "Busy", "The database is busy; nothing was changed. Retry after the time in Retry-After."),
        _ => Problem(500, "Internal error", "The service failed to handle the request."),
    };

    /// <summary>
    /// The database could not take the write in time: SQLite still locked after its busy timeout, a PostgreSQL
    /// deadlock or serialization failure, or a SQL Server deadlock or lock not granted in time. The transaction rolled back, so a retry is safe.
    /// </summary>
    private static bool IsBusy(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }
                || e is Npgsql.PostgresException { SqlState: "40P01" or "40001" }
                || e is Microsoft.Data.SqlClient.SqlException { Number: 1205 or ClearanceWorkflow.Application.Persistence.ClearanceDbContext.SqlServerLockTimeoutError })
            {
                return true;
            }
        }

        return false;
    }

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    private static Dictionary<string, string[]> BadRequestErrors(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            return new() { [JsonKey(json.Path)] = [Json.Describe(json)] };
        }

        // Minimal APIs' binding messages name C# types ("Nullable<Guid> caseId"): keep the parameter, say what it takes.
        var failed = BindingFailure().Match(exception.Message);
        if (failed.Success)
        {
            return new() { [failed.Groups["name"].Value] = [$"not a valid {Expected(failed.Groups["type"].Value)}"] };
        }

        var missing = MissingParameter().Match(exception.Message);
        if (missing.Success)
        {
            var body = missing.Groups["body"].Success;
            return new() { [body ? "body" : missing.Groups["name"].Value] = [body ? "a JSON body is required" : "required"] };
        }

        return new() { ["request"] = ["the request could not be read"] };
    }

    private static string Expected(string type) => type.Replace("Nullable<", string.Empty, StringComparison.Ordinal).TrimEnd('>') switch
    {
        "Guid" => "id (a GUID)",
        "DateTimeOffset" or "DateTime" => "date and time (ISO 8601)",
        "DateOnly" => "date (yyyy-MM-dd)",
        "int" or "long" or "short" or "Int32" or "Int64" or "Int16" => "whole number",
        "bool" or "Boolean" => "true or false",
        _ => "value",
    };

    [System.Text.RegularExpressions.GeneratedRegex("^Failed to bind parameter \"(?<type>\\S+) (?<name>\\w+)\" from ")]
    private static partial System.Text.RegularExpressions.Regex BindingFailure();

    [System.Text.RegularExpressions.GeneratedRegex("^(?:Required parameter \"\\S+ (?<name>\\w+)\" was not provided from (?:(?<body>body)|\\w+)|(?<body>Implicit body inferred) for parameter \"(?:\\S+ )?(?<name>\\w+)\")")]
    private static partial System.Text.RegularExpressions.Regex MissingParameter();

    private static string JsonKey(string? path) => string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string path);
}
