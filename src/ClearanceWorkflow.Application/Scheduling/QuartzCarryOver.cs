namespace ClearanceWorkflow.Application.Scheduling;

/// <summary>
/// The upgrade from the Quartz release, run by the <c>DropQuartzTables</c> migration of each provider (the SQL
/// is the same on SQLite, PostgreSQL and SQL Server). The work Quartz held is derived again from the cases,
/// not read from Quartz's tables: a check row for each Pending or Running check of a case in background-check
/// and a timer row for each open case with a due time go into the scheduler outbox, which hands them to
/// Hangfire. The rows take the check's and the case's ids, so running this twice adds nothing. Reminders need
/// nothing: the sweep derives them from the clearances. Then Quartz's tables are dropped, children first.
/// </summary>
public static class QuartzCarryOver
{
    public const string Sql = """
        INSERT INTO "scheduled_work" ("Id", "Kind", "CaseId", "Name", "RunAt", "StageEnteredAt", "CreatedAt")
        SELECT k."Id", 'Check', k."CaseId", k."Kind", NULL, NULL, c."UpdatedAt"
        FROM "investigation_checks" k JOIN "cases" c ON c."Id" = k."CaseId"
        WHERE c."Stage" = 'background-check' AND k."Status" IN ('Pending', 'Running')
          AND NOT EXISTS (SELECT 1 FROM "scheduled_work" w WHERE w."Id" = k."Id");

        INSERT INTO "scheduled_work" ("Id", "Kind", "CaseId", "Name", "RunAt", "StageEnteredAt", "CreatedAt")
        SELECT c."Id", 'SlaTimer', c."Id", c."Stage", c."DueAt", c."StageEnteredAt", c."UpdatedAt"
        FROM "cases" c
        WHERE c."Stage" <> 'closed' AND c."DueAt" IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM "scheduled_work" w WHERE w."Id" = c."Id");

        DROP TABLE IF EXISTS QRTZ_SIMPLE_TRIGGERS;
        DROP TABLE IF EXISTS QRTZ_SIMPROP_TRIGGERS;
        DROP TABLE IF EXISTS QRTZ_CRON_TRIGGERS;
        DROP TABLE IF EXISTS QRTZ_BLOB_TRIGGERS;
        DROP TABLE IF EXISTS QRTZ_FIRED_TRIGGERS;
        DROP TABLE IF EXISTS QRTZ_PAUSED_TRIGGER_GRPS;
        DROP TABLE IF EXISTS QRTZ_PAUSED_JOB_GRPS;
        DROP TABLE IF EXISTS QRTZ_SCHEDULER_STATE;
        DROP TABLE IF EXISTS QRTZ_LOCKS;
        DROP TABLE IF EXISTS QRTZ_EXECUTION_HISTORY;
        DROP TABLE IF EXISTS QRTZ_MISFIRE_HISTORY;
        DROP TABLE IF EXISTS QRTZ_JOB_STATUS;
        DROP TABLE IF EXISTS QRTZ_TRIGGERS;
        DROP TABLE IF EXISTS QRTZ_JOB_DETAILS;
        DROP TABLE IF EXISTS QRTZ_CALENDARS;
        """;
}
