using System.Data;
using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Persistence;
using ClearanceWorkflow.Infrastructure.Persistence;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClearanceWorkflow.Infrastructure.Audit;

/// <summary>Configuration section <c>Ledger</c> (the signing keys are read with the other keys, <see cref="Security.KeyMaterial"/>).</summary>
public sealed class LedgerSettings
{
    /// <summary>How often the sealer looks for committed events when no commit on this node has woken it.</summary>
    public TimeSpan SealInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long after a pass the sealer waits before the next, whatever wakes it. Under load every commit wakes it:
    /// the pause lets the events of that window share one block (one pass, one signature) instead of a pass each.
    /// </summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Events per block at most; a pass makes one block, and passes repeat while full blocks are made.</summary>
    public int MaxBlockEvents { get; set; } = 1000;

    public static LedgerSettings From(IConfiguration configuration)
    {
        var settings = new LedgerSettings();
        configuration.GetSection("Ledger").Bind(settings);
        if (settings.SealInterval <= TimeSpan.Zero || settings.SealInterval > TimeSpan.FromHours(1))
        {
            throw new InvalidOperationException("Ledger__SealInterval must be positive and at most an hour.");
        }

        if (settings.BatchWindow < TimeSpan.Zero || settings.BatchWindow >= settings.SealInterval)
        {
            throw new InvalidOperationException("Ledger__BatchWindow must be at least 0 and shorter than Ledger__SealInterval.");
        }

        if (settings.MaxBlockEvents is < 1 or > 100_000)
        {
            throw new InvalidOperationException("Ledger__MaxBlockEvents must be between 1 and 100000.");
        }

        return settings;
    }
}

/// <summary>
/// Seals committed audit events into the ledger (ADR 11): gives them their sequence and hash chain, and
/// puts them into signed blocks, one block per pass. One sealer at a time across all nodes: the leader
/// holds a session lock on its own connection (PostgreSQL advisory lock, SQL Server application lock) and
/// seals on that connection; if it dies, the lock goes with its session and another node takes over on its
/// next attempt. SQLite runs on one node, which always leads. Runs every <see cref="LedgerSettings.SealInterval"/>
/// and whenever a commit on this node wakes it.
/// </summary>
public sealed partial class LedgerSealer(
    IServiceScopeFactory scopes, DatabaseSettings database, LedgerSettings settings, LedgerSigner signer, SealRequests requests, TimeProvider clock, ClearanceTelemetry telemetry, ILogger<LedgerSealer> logger)
    : BackgroundService
{
    private const long PostgresKey = 0x436C4C67; // "ClLg"
    private const string SqlServerResource = "ClearanceWorkflow.LedgerSealer";

    // Never disposed: a pass still running when a refused start disposes the host must be able to release it.
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// The newest block this process has seen, leading or not. Blocks are never deleted: a lower or different one means
    /// the ledger was cut back. It lives as long as the process: a ledger cut back while every node restarts goes unseen here.
    /// </summary>
    private (long Number, string Hash)? _newest;

    private AsyncServiceScope? _leaderScope;
    private ClearanceDbContext? _leader;

    /// <summary>
    /// Seals every event that is safe to seal now, a block per pass, and returns how many it sealed; 0 when
    /// another node leads. Safe to call from anywhere (tests do): calls on one node take turns.
    /// </summary>
    public async Task<int> SealAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var db = await LeadAsync(cancellationToken);
            if (db is null)
            {
                return 0;
            }

            try
            {
                var total = 0;
                bool more;
                do
                {
                    (var sealedNow, more) = await PassAsync(db, cancellationToken);
                    total += sealedNow;
                }
                while (more);
                return total;
            }
            catch
            {
                // The connection, and with it the lock, may be gone: lead again only after taking the lock again.
                await ResignAsync();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the newest block seen, for a database emptied on purpose under a running host (the tests' reset between tests).</summary>
    public async Task ForgetAsync()
    {
        await _gate.WaitAsync();
        _newest = null;
        _gate.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SealAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex.GetType().Name, ex.Message);
            }

            try
            {
                await Task.Delay(settings.BatchWindow, stoppingToken);
                await requests.WaitAsync(settings.SealInterval - settings.BatchWindow, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            await ResignAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// One block: events sealed by a release before blocks first, else committed unsealed events in safe order.
    /// Returns how many it sealed, and whether more may wait now (a full block, or the older events came first).
    /// Seals nothing on a ledger cut back since this process saw it, or whose earlier events do not chain on from
    /// the last block: the sealer's signature would otherwise vouch for a rewrite.
    /// </summary>
    private async Task<(int Sealed, bool More)> PassAsync(ClearanceDbContext db, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var last = await db.LedgerBlocks.AsNoTracking().OrderByDescending(b => b.Number).FirstOrDefaultAsync(cancellationToken);
        if (_newest is { } seen && (last is null || last.Number < seen.Number || (last.Number == seen.Number && last.Hash != seen.Hash)))
        {
            LogRefused(logger, $"the newest block is {last?.Number ?? 0}, but block {seen.Number} was sealed before: blocks were deleted or replaced");
            return (0, false);
        }

        if (last is not null)
        {
            _newest = (last.Number, last.Hash);
        }

        var inBlocks = last?.LastSequence ?? 0;
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence > inBlocks)
            .OrderBy(e => e.Sequence).Take(settings.MaxBlockEvents).ToListAsync(cancellationToken);
        var more = events.Count > 0;
        if (!more)
        {
            events = await SafeUnsealedAsync(db, cancellationToken);
            if (events.Count == 0)
            {
                return (0, false);
            }
        }

        var previous = inBlocks == 0
            ? AuditEvent.GenesisHash
            : await db.AuditEvents.Where(e => e.Sequence == inBlocks).Select(e => e.Hash).SingleOrDefaultAsync(cancellationToken);
        if (previous is null)
        {
            LogRefused(logger, $"the last block's last event (sequence {inBlocks}) is missing or unchained");
            return (0, false);
        }

        if (more)
        {
            // Chained by a release before blocks: adopted only as the unbroken continuation of the last block.
            var expected = inBlocks;
            foreach (var e in events)
            {
                if (e.Sequence != ++expected || e.PreviousHash != previous || e.ComputeHash() != e.Hash)
                {
                    LogRefused(logger, $"the chained event at sequence {expected} does not follow the last block");
                    return (0, false);
                }

                previous = e.Hash!;
            }
        }
        else
        {
            var sequence = inBlocks;
            foreach (var e in events)
            {
                e.Seal(++sequence, previous);
                previous = e.Hash!;
            }
        }

        var block = new LedgerBlock(
            (last?.Number ?? 0) + 1, events[0].Sequence!.Value, events[^1].Sequence!.Value,
            Ledger.MerkleRoot([.. events.Select(e => e.Hash!)]), last?.Hash ?? AuditEvent.GenesisHash, clock.GetUtcNow().UtcDateTime);
        block.Sign(signer);
        db.LedgerBlocks.Add(block);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _newest = (block.Number, block.Hash);
        foreach (var e in events)
        {
            telemetry.LedgerSealed(block.SealedAt - e.At);
        }

        return (events.Count, more || events.Count == settings.MaxBlockEvents);
    }

    /// <summary>
    /// Unsealed events no transaction still open can come before, in the order they were written (ADR 11).
    /// PostgreSQL: written by a transaction whose id is below the snapshot's xmin, so it has ended, and so has
    /// every transaction that could still add a lower id; by transaction, then ordinal. SQL Server: a rowversion
    /// below MIN_ACTIVE_ROWVERSION(), by ordinal. SQLite: one writer at a time, and the sealer's transaction is
    /// it, so every row there is committed; a command holds the writer lock from its first statement, so
    /// ordinals follow commit order.
    /// </summary>
    private Task<List<AuditEvent>> SafeUnsealedAsync(ClearanceDbContext db, CancellationToken cancellationToken)
    {
        var max = settings.MaxBlockEvents;
        var query = database.Provider switch
        {
            DatabaseProvider.Postgres => db.AuditEvents.FromSql($"""
                SELECT * FROM audit_events
                WHERE "Sequence" IS NULL AND "TransactionId" < (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint
                ORDER BY "TransactionId", "Ordinal" LIMIT {max}
                """),
            DatabaseProvider.SqlServer => db.AuditEvents.FromSql($"""
                SELECT TOP ({max}) * FROM audit_events WITH (READPAST)
                WHERE [Sequence] IS NULL AND [RowVersion] < MIN_ACTIVE_ROWVERSION()
                ORDER BY [Ordinal]
                """),
            _ => db.AuditEvents.FromSql($"""
                SELECT * FROM audit_events WHERE "Sequence" IS NULL ORDER BY "Ordinal" LIMIT {max}
                """),
        };
        return query.ToListAsync(cancellationToken);
    }

    /// <summary>The leader's own context and open connection, or null when another node holds the lock.</summary>
    private async Task<ClearanceDbContext?> LeadAsync(CancellationToken cancellationToken)
    {
        if (_leader is not null)
        {
            return _leader;
        }

        var scope = scopes.CreateAsyncScope();
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<ClearanceDbContext>();
            await db.Database.OpenConnectionAsync(cancellationToken);
            if (!await TryLockAsync(db, cancellationToken))
            {
                await ObserveAsync(db, cancellationToken);
                await scope.DisposeAsync();
                return null;
            }

            _leaderScope = scope;
            _leader = db;
            LogLeading(logger);
            return db;
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A node that does not lead remembers the newest block too, so that when it takes over it refuses a ledger cut
    /// back meanwhile (<see cref="PassAsync"/>) as the leader would have. A lower or different block is left for that check.
    /// </summary>
    private async Task ObserveAsync(ClearanceDbContext db, CancellationToken cancellationToken)
    {
        var last = await db.LedgerBlocks.AsNoTracking().OrderByDescending(b => b.Number)
            .Select(b => new { b.Number, b.Hash }).FirstOrDefaultAsync(cancellationToken);
        if (last is not null && (_newest is not { } seen || last.Number > seen.Number))
        {
            _newest = (last.Number, last.Hash);
        }
    }

    private async Task<bool> TryLockAsync(ClearanceDbContext db, CancellationToken cancellationToken)
    {
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                return (await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({PostgresKey}) AS \"Value\"").ToListAsync(cancellationToken)).Single();
            case DatabaseProvider.SqlServer:
                var result = new SqlParameter("@result", SqlDbType.Int) { Direction = ParameterDirection.Output };
                await db.Database.ExecuteSqlRawAsync(
                    $"EXEC @result = sp_getapplock @Resource = N'{SqlServerResource}', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 0",
                    [result],
                    cancellationToken);
                return result.Value is int code && code >= 0;
            default:
                return true;
        }
    }

    /// <summary>Gives up the lock (closing the session would too) and the connection.</summary>
    private async Task ResignAsync()
    {
        if (_leaderScope is not { } scope || _leader is not { } db)
        {
            return;
        }

        _leader = null;
        _leaderScope = null;
        try
        {
            db.ChangeTracker.Clear();
            _ = database.Provider switch
            {
                DatabaseProvider.Postgres => await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({PostgresKey})"),
                DatabaseProvider.SqlServer => await db.Database.ExecuteSqlRawAsync($"EXEC sp_releaseapplock @Resource = N'{SqlServerResource}', @LockOwner = 'Session'"),
                _ => 0,
            };
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            // The session is gone, and its lock with it.
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
            await scope.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This node now seals the audit ledger")]
    private static partial void LogLeading(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The audit ledger is not sealed: {Reason}. Verify it against a saved digest (POST /api/v1/audit/verify)")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sealing the audit ledger failed ({Exception}: {Message}); trying again")]
    private static partial void LogFailed(ILogger logger, string exception, string message);
}
