using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace ClearanceWorkflow.Infrastructure.Persistence;

/// <summary>
/// SQLite runs one node only (its job storage claims jobs with an in-process lock): the service holds an exclusive
/// lock on <c>clearance.lock</c> in the database's folder for as long as it runs, and a second process on the same
/// folder refuses to start. Started before every other hosted service; the operating system frees the lock when
/// the process ends, however it ends.
/// </summary>
public sealed class DataFolderLock(DatabaseSettings database) : IHostedService, IDisposable
{
    public const string FileName = "clearance.lock";

    private FileStream? _lock;

    /// <summary>The folder of the SQLite database file.</summary>
    public static string FolderOf(DatabaseSettings database) =>
        Path.GetDirectoryName(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource) is { Length: > 0 } folder ? folder : database.DataPath;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _lock = Acquire(database);
        return Task.CompletedTask;
    }

    /// <summary>The folder's lock, held until disposed (null when the database is not SQLite); what <c>migrate</c> takes too.</summary>
    public static FileStream? Acquire(DatabaseSettings database) => Lock(database, FileName, folder =>
        $"Another process is running the service on the SQLite data folder '{folder}' (it holds {FileName}). " +
        "SQLite supports one node only: stop the other process, or use PostgreSQL or SQL Server to run several nodes.");

    public const string MaintenanceFileName = "maintenance.lock";

    /// <summary>
    /// The folder's maintenance lock (null when the database is not SQLite), held by what rewrites the database
    /// wholesale: a migration, whose table rebuilds and crash copy would lose a write made beside it, and <c>rekey</c>.
    /// So the two never run at once. The running service does not hold it: <c>rekey</c> may run beside it.
    /// </summary>
    public static FileStream? AcquireMaintenance(DatabaseSettings database) => Lock(database, MaintenanceFileName, folder =>
        $"Another process is migrating or re-encrypting the SQLite database in '{folder}' (it holds {MaintenanceFileName}): " +
        "let it finish, then try again.");

    /// <summary>An exclusive lock on <paramref name="fileName"/> in the SQLite folder, or a refusal saying who holds it.</summary>
    private static FileStream? Lock(DatabaseSettings database, string fileName, Func<string, string> refusal)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        var folder = FolderOf(database);
        Directory.CreateDirectory(folder);
        try
        {
            return new FileStream(Path.Combine(folder, fileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(refusal(folder), ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _lock?.Dispose();
}
