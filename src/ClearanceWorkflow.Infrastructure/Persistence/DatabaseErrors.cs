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
}
