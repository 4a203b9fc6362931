using System.Text.Json;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;

namespace ClearanceWorkflow.Application.Notifications;

/// <summary>
/// A notification waiting for delivery, written in the same transaction as its cause. Payloads carry
/// references and ids, never personal data.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
        Type = Payload = string.Empty;
    }

    public OutboxMessage(string type, string payload, DateTime now)
    {
        Id = Guid.NewGuid();
        Type = type;
        Payload = payload;
        CreatedAt = now;
        NextAttemptAt = now;
    }

    public Guid Id { get; private set; }
    public string Type { get; private set; }
    public string Payload { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public DateTime? DeliveredAt { get; private set; }
    public DateTime? DeadAt { get; private set; }
    public string? LastError { get; private set; }

    public void Delivered(DateTime now)
    {
        Attempts++;
        DeliveredAt = now;
        LastError = null;
    }

    /// <summary>A failed attempt: retried later with backoff, or dead after the last one, so it never blocks the rest.</summary>
    public void Failed(string error, DateTime now, int maxAttempts, TimeSpan baseDelay)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        if (Attempts >= maxAttempts)
        {
            DeadAt = now;
            return;
        }

        NextAttemptAt = now + TimeSpan.FromTicks(baseDelay.Ticks * (1L << Math.Min(Attempts - 1, 16)));
    }

    /// <summary>A dead message sent again, with every attempt again; its last error stays until the next attempt.</summary>
    public void Redrive(DateTime now)
    {
        if (DeadAt is null || DeliveredAt is not null)
        {
            throw new ConflictException(DeliveredAt is null ? "the notification is not dead: it is still being delivered" : "the notification was delivered");
        }

        Attempts = 0;
        DeadAt = null;
        NextAttemptAt = now;
    }
}

/// <summary>Queues a notification inside the current transaction.</summary>
public sealed class Notifier(ClearanceDbContext db, TimeProvider clock)
{
    public void Enqueue(string type, object payload) =>
        db.OutboxMessages.Add(new OutboxMessage(type, JsonSerializer.Serialize(payload, Json.Options), clock.Now()));
}

/// <summary>Notifications to the applicant about their case outside due process.</summary>
public static class CaseNotices
{
    public const string InterviewScheduled = "case.interview-scheduled";
}

/// <summary>Notifications to the applicant about due process; each carries the case's ids, stage, status and due dates.</summary>
public static class DueProcessNotices
{
    public const string StatementIssued = "case.statement-issued";
    public const string AnswerPeriodEnded = "case.answer-period-ended";
    public const string FinalDenial = "case.final-denial";
    public const string Decided = "case.decided";

    public static void CaseNotice(this Notifier notifier, string type, Domain.ClearanceCase c) => notifier.Enqueue(type, new
    {
        caseId = c.Id,
        reference = c.Reference,
        subjectId = c.SubjectId,
        stage = c.Stage,
        status = c.Status,
        answerDueAt = c.AnswerDueAt,
        appealDueAt = c.AppealDueAt,
    });
}
