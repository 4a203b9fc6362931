using System.Buffers;
using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ClearanceWorkflow.Application.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClearanceWorkflow.Infrastructure.Persistence;

/// <summary>
/// Spans and durations of EF Core's commands on SQLite and SQL Server, whose clients have no instrumentation of
/// their own (PostgreSQL has Npgsql's). The span is made once the command has run, from EF's start time and
/// duration, under the span that ran it. It carries the SQL text, which EF parameterizes; parameter values are
/// never recorded. Hangfire's own SQLite storage does not go through EF and is not covered.
/// </summary>
public sealed class CommandTelemetry : DbCommandInterceptor
{
    private static readonly SearchValues<char> WordEnd = SearchValues.Create(" \t\r\n(;");
    private readonly string _system;
    private readonly Histogram<double> _duration;

    public CommandTelemetry(ClearanceTelemetry telemetry, DatabaseProvider provider)
    {
        _system = provider == DatabaseProvider.SqlServer ? "microsoft.sql_server" : "sqlite";
        _duration = telemetry.Meter.CreateHistogram(
            "db.client.operation.duration", "s", "EF Core commands on SQLite or SQL Server.", advice: ClearanceTelemetry.Buckets(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10));
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result) =>
        Ran(command, eventData, null, result);

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Ran(command, eventData, null, result));

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result) =>
        Ran(command, eventData, null, result);

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Ran(command, eventData, null, result));

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result) =>
        Ran(command, eventData, null, result);

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Ran(command, eventData, null, result));

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) =>
        Ran(command, eventData, eventData.Exception, 0);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Ran(command, eventData, eventData.Exception, 0);
        return Task.CompletedTask;
    }

    private T Ran<T>(DbCommand command, CommandEndEventData eventData, Exception? error, T result)
    {
        var operation = Operation(command.CommandText);
        var outcome = error is null ? "ok" : "error";
        _duration.Record(
            eventData.Duration.TotalSeconds,
            new KeyValuePair<string, object?>("db.system.name", _system),
            new KeyValuePair<string, object?>("db.operation.name", operation),
            new KeyValuePair<string, object?>("outcome", outcome));

        using var activity = ClearanceTelemetry.Tracing.StartActivity(
            $"{operation} {_system}", ActivityKind.Client, parentContext: default, startTime: eventData.StartTime);
        if (activity is not null)
        {
            activity.SetTag("db.system.name", _system);
            activity.SetTag("db.operation.name", operation);
            activity.SetTag("db.query.text", command.CommandText);
            if (error is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
            }

            activity.SetEndTime((eventData.StartTime + eventData.Duration).UtcDateTime);
        }

        return result;
    }

    /// <summary>The statement's first keyword (SELECT, INSERT, ...), or EXECUTE when there is none.</summary>
    private static string Operation(string text)
    {
        var span = text.AsSpan().TrimStart();
        var end = span.IndexOfAny(WordEnd);
        var word = (end < 0 ? span : span[..end]).ToString().ToUpperInvariant();
        return word is "SELECT" or "INSERT" or "UPDATE" or "DELETE" or "WITH" or "CREATE" or "ALTER" or "DROP" or "PRAGMA" or "BEGIN" or "COMMIT" or "ROLLBACK" or "SAVEPOINT" or "RELEASE"
            ? word
            : "EXECUTE";
    }
}
