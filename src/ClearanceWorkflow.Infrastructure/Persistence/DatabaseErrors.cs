using Microsoft.EntityFrameworkCore;

namespace ClearanceWorkflow.Infrastructure.Persistence;

/// <summary>What a failed write says about itself, on each of the three databases.</summary>
public static class DatabaseErrors
{
    /// <summary>The write broke a unique index: another row already holds the key.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException
        is Npgsql.PostgresException { SqlState: "23505" }
        or Microsoft.Data.Sqlite.SqliteException { SqliteExtendedErrorCode: 2067 or 1555 }
        or Microsoft.Data.SqlClient.SqlException { Number: 2601 or 2627 };

    /// <summary>The write broke the case history's <c>(CaseId, Sequence)</c> key: another command appended that step first.</summary>
    public static bool BrokeCaseHistoryKey(DbUpdateException exception) => exception.InnerException switch
    {
        Npgsql.PostgresException { SqlState: "23505" } p => p.ConstraintName == CaseHistoryKey,
        Microsoft.Data.Sqlite.SqliteException { SqliteExtendedErrorCode: 2067 } s => s.Message.Contains("case_events.CaseId, case_events.Sequence", StringComparison.Ordinal),
        Microsoft.Data.SqlClient.SqlException { Number: 2601 or 2627 } q => q.Message.Contains(CaseHistoryKey, StringComparison.Ordinal),
        _ => false,
    };

    private const string CaseHistoryKey = "IX_case_events_CaseId_Sequence";
}
