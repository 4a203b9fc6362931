using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ClearanceWorkflow.Application.Persistence;

/// <summary>
/// The one database of the service. Provider-neutral but for text comparison on SQL Server (below):
/// Infrastructure chooses SQLite, PostgreSQL or SQL Server, and the migrations are generated from this model
/// by <c>dotnet ef</c>, one assembly per provider (ClearanceWorkflow.Migrations.*).
/// </summary>
public sealed class ClearanceDbContext : DbContext, IDataProtectionKeyContext
{
    /// <summary>
    /// Without EF's automatic savepoint around each save in a transaction: a failed save here always ends
    /// its transaction, so the savepoint was a round trip that nothing rolled back to.
    /// </summary>
    public ClearanceDbContext(DbContextOptions<ClearanceDbContext> options)
        : base(options) => Database.AutoSavepointsEnabled = false;

    public DbSet<ClearanceCase> Cases => Set<ClearanceCase>();
    public DbSet<CaseEvent> CaseEvents => Set<CaseEvent>();
    public DbSet<InvestigationCheck> Checks => Set<InvestigationCheck>();
    public DbSet<Finding> Findings => Set<Finding>();
    public DbSet<InformationRequest> InformationRequests => Set<InformationRequest>();
    public DbSet<BoardVote> BoardVotes => Set<BoardVote>();
    public DbSet<Clearance> Clearances => Set<Clearance>();
    public DbSet<ClearanceStatusChange> ClearanceStatusChanges => Set<ClearanceStatusChange>();
    public DbSet<ClearanceCertificate> ClearanceCertificates => Set<ClearanceCertificate>();
    public DbSet<VettingResult> VettingResults => Set<VettingResult>();
    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<LedgerBlock> LedgerBlocks => Set<LedgerBlock>();
    public DbSet<Features.Cases.CaseReferenceCounter> CaseReferenceCounters => Set<Features.Cases.CaseReferenceCounter>();
    public DbSet<Notifications.OutboxMessage> OutboxMessages => Set<Notifications.OutboxMessage>();
    public DbSet<Scheduling.ScheduledWork> ScheduledWork => Set<Scheduling.ScheduledWork>();
    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();
    public DbSet<PartnerRateWindow> PartnerRateWindows => Set<PartnerRateWindow>();
    public DbSet<WorkspaceSession> WorkspaceSessions => Set<WorkspaceSession>();

    /// <summary>ASP.NET Core's key ring (the workspace's cookies and antiforgery tokens), shared by every node, each key encrypted as personal data is.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The provider name of Microsoft.EntityFrameworkCore.SqlServer (this project does not reference it).</summary>
    public const string SqlServerProvider = "Microsoft.EntityFrameworkCore.SqlServer";

    /// <summary>The provider name of Npgsql.EntityFrameworkCore.PostgreSQL.</summary>
    public const string PostgresProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>PostgreSQL only: the id of the transaction that wrote the audit event (the sealer's safe point, ADR 11).</summary>
    public const string TransactionIdColumn = "TransactionId";

    /// <summary>SQL Server only: the audit event's rowversion (the sealer's safe point, ADR 11).</summary>
    public const string RowVersionColumn = "RowVersion";

    /// <summary>
    /// Text compares exactly, as on SQLite and PostgreSQL. SQL Server's usual default collation ignores case,
    /// so "Alice" would match the subject "alice" and partner ids would collide on case: every text column
    /// there gets a binary collation instead. EF builds one model per provider, so only SQL Server's has it.
    /// </summary>
    public const string SqlServerCollation = "Latin1_General_100_BIN2";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcConverter>();
    }

    /// <remarks>
    /// The domain makes every id itself (<c>Guid.NewGuid()</c>). The entities a case adds to its own
    /// collections (events, checks, findings, information requests) say so with <c>ValueGeneratedNever</c>:
    /// otherwise EF takes a child with its key already set, found on a loaded case, for an existing row,
    /// updates instead of inserting, and every action on a saved case fails as a concurrency conflict.
    /// </remarks>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ConfigureCase(modelBuilder.Entity<ClearanceCase>());
        modelBuilder.Entity<CaseEvent>(e =>
        {
            e.ToTable("case_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Action).HasMaxLength(64);
            e.Property(x => x.Actor).HasMaxLength(200);
            e.Property(x => x.Assignee).HasMaxLength(200);
            e.Property(x => x.FromStage).HasMaxLength(64);
            e.Property(x => x.ToStage).HasMaxLength(64);
            e.Property(x => x.FromStatus).HasMaxLength(64);
            e.Property(x => x.ToStatus).HasMaxLength(64);
            e.HasIndex(x => new { x.CaseId, x.Sequence }).IsUnique();
            // Added to a table that already had rows, with this default (the migration then fills it in); kept so its databases match.
            e.Property(x => x.StageChanged).HasDefaultValue(false);
            // The stage history (only the events that change stage) and the events a separation rule looks back at, each by index.
            e.HasIndex(x => x.CaseId, "IX_case_events_StageChanges")
                .HasFilter(Database.ProviderName == SqlServerProvider ? "[StageChanged] = 1" : "\"StageChanged\"");
            e.HasIndex(x => new { x.CaseId, x.Action });
        });
        modelBuilder.Entity<InvestigationCheck>(e =>
        {
            e.ToTable("investigation_checks");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Kind).HasMaxLength(64);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.ProviderReference).HasMaxLength(200);
            e.Property(x => x.CompletedBy).HasMaxLength(200);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.CaseId, x.Kind }).IsUnique();
        });
        modelBuilder.Entity<Finding>(e =>
        {
            e.ToTable("findings");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Guideline).HasConversion<string>().HasMaxLength(1);
            e.Property(x => x.Severity).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.RecordedBy).HasMaxLength(200);
            e.Ignore(x => x.RequiresInterview);
            e.HasIndex(x => x.CaseId);
        });
        modelBuilder.Entity<InformationRequest>(e =>
        {
            e.ToTable("information_requests");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.RequestedBy).HasMaxLength(200);
            e.HasIndex(x => new { x.CaseId, x.RequestedAt, x.Id });
            e.HasIndex(x => new { x.CaseId, x.AnsweredAt });
        });
        modelBuilder.Entity<BoardVote>(e =>
        {
            e.ToTable("board_votes");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Member).HasMaxLength(200);
            e.Property(x => x.Vote).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(x => new { x.CaseId, x.Member }).IsUnique();
        });
        modelBuilder.Entity<Clearance>(e =>
        {
            e.ToTable("clearances");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.SubjectId).HasMaxLength(200);
            e.Property(x => x.Level).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Exception).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.GrantingAgency).HasMaxLength(200);
            e.Property(x => x.NationalIdIndex).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Ignore(x => x.HasException);
            e.HasIndex(x => x.SubjectId);
            e.HasIndex(x => x.NationalIdIndex);
            e.HasIndex(x => x.CaseId).IsUnique();
            e.HasIndex(x => new { x.Status, x.ReinvestigationDueOn });
            // Added to a table that already had rows, with these defaults; kept so its databases match.
            e.Property(x => x.VettingEnrolled).HasDefaultValue(false);
            e.Property(x => x.VettingRuns).HasDefaultValue(0);
            // The vetting sweep's selection: due enrolments, soonest first (null when not enrolled).
            e.HasIndex(x => new { x.VettingNextRunAt, x.Id });
            e.HasOne<ClearanceCase>().WithOne(x => x.IssuedClearance).HasForeignKey<Clearance>(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.Ignore(x => x.IsInForce);
            e.HasMany(x => x.History).WithOne().HasForeignKey(x => x.ClearanceId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Certificates).WithOne().HasForeignKey(x => x.ClearanceId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ClearanceStatusChange>(e =>
        {
            e.ToTable("clearance_status_changes");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Actor).HasMaxLength(200);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.HasIndex(x => new { x.ClearanceId, x.At });
        });
        modelBuilder.Entity<VettingResult>(e =>
        {
            e.ToTable("vetting_results");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Kind).HasMaxLength(64);
            e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.ProviderReference).HasMaxLength(200);
            e.Ignore(x => x.IsGap);
            e.HasIndex(x => new { x.ClearanceId, x.Run, x.Kind }).IsUnique();
            e.HasIndex(x => new { x.ClearanceId, x.Kind, x.ProviderReference });
            e.HasOne<Clearance>().WithMany().HasForeignKey(x => x.ClearanceId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ClearanceCertificate>(e =>
        {
            e.ToTable("clearance_certificates");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.CodeHash).HasMaxLength(64);
            e.Property(x => x.IssuedBy).HasMaxLength(200);
            e.Property(x => x.Level).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(x => x.CodeHash).IsUnique();
            e.HasIndex(x => x.ClearanceId);
        });
        modelBuilder.Entity<Partner>(e =>
        {
            e.ToTable("partners");
            e.HasKey(x => x.Id);
            e.Property(x => x.PartnerId).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Country).HasMaxLength(2);
            // Purposes are short tokens without spaces: stored space-separated in one column.
            e.Property(x => x.Purposes).HasMaxLength(1000).HasConversion(
                new ValueConverter<IReadOnlyList<string>, string>(
                    v => string.Join(' ', v),
                    v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries)),
                new ValueComparer<IReadOnlyList<string>>(
                    (a, b) => a!.SequenceEqual(b!),
                    v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))),
                    v => v.ToList()));
            e.Property(x => x.MaxLevel).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.PartnerId).IsUnique();
        });
        modelBuilder.Entity<Scheduling.ScheduledWork>(e =>
        {
            e.ToTable("scheduled_work");
            e.HasKey(x => x.Id);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Name).HasMaxLength(64);
            e.HasIndex(x => x.CreatedAt);
        });
        modelBuilder.Entity<Notifications.OutboxMessage>(e =>
        {
            e.ToTable("outbox_messages");
            e.HasKey(x => x.Id);
            e.Property(x => x.Type).HasMaxLength(64);
            e.Property(x => x.LastError).HasMaxLength(500);
            // Two redrives of one dead message at once: the second finds it no longer dead (409), not redriven twice.
            e.Property(x => x.DeadAt).IsConcurrencyToken();
            e.HasIndex(x => new { x.DeliveredAt, x.DeadAt, x.NextAttemptAt });
        });
        modelBuilder.Entity<IdempotentRequest>(e =>
        {
            e.ToTable("idempotent_requests");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => new { x.Caller, x.Key }).IsUnique();
            e.Property(x => x.Caller).HasMaxLength(200);
            e.Property(x => x.Key).HasMaxLength(255);
            e.Property(x => x.Fingerprint).HasMaxLength(64);
            e.Property(x => x.ContentType).HasMaxLength(200);
            e.Property(x => x.Location).HasMaxLength(2048);
            e.Property(x => x.ETag).HasMaxLength(200);
            e.HasIndex(x => x.ExpiresAt);
        });
        modelBuilder.Entity<PartnerRateWindow>(e =>
        {
            e.ToTable("partner_rate_windows");
            e.HasKey(x => x.PartnerId);
            e.Property(x => x.PartnerId).HasMaxLength(200);
        });
        modelBuilder.Entity<DataProtectionKey>(e => e.ToTable("data_protection_keys"));
        modelBuilder.Entity<WorkspaceSession>(e =>
        {
            e.ToTable("workspace_sessions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.UserId).HasMaxLength(200);
            e.HasIndex(x => x.SignedInAt);
        });
        modelBuilder.Entity<AuditEvent>(e =>
        {
            e.ToTable("audit_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Actor).HasMaxLength(200);
            e.Property(x => x.Action).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.Property(x => x.PreviousHash).HasMaxLength(64);
            // Events written before ordinals existed are already sealed: they get 0. The service never writes 0.
            e.Property(x => x.Ordinal).HasDefaultValue(0L).HasSentinel(-1L);
            e.HasIndex(x => x.Sequence).IsUnique();
            e.HasIndex(x => x.CaseId);
            e.HasIndex(x => x.At);
            // What the sealer orders unsealed events by, and how it knows none can still appear before them (ADR 11).
            if (Database.ProviderName == PostgresProvider)
            {
                e.Property<long>(TransactionIdColumn).HasDefaultValueSql("(pg_current_xact_id()::text)::bigint");
                e.HasIndex(TransactionIdColumn, nameof(AuditEvent.Ordinal)).HasFilter("\"Sequence\" IS NULL");
            }
            else if (Database.ProviderName == SqlServerProvider)
            {
                e.Property<byte[]>(RowVersionColumn).IsRowVersion();
                e.HasIndex(RowVersionColumn).HasFilter("[Sequence] IS NULL");
            }
            else
            {
                e.HasIndex(x => x.Ordinal).HasFilter("\"Sequence\" IS NULL");
            }
        });
        modelBuilder.Entity<LedgerBlock>(e =>
        {
            e.ToTable("ledger_blocks");
            e.HasKey(x => x.Number);
            e.Property(x => x.Number).ValueGeneratedNever();
            e.Property(x => x.MerkleRoot).HasMaxLength(64);
            e.Property(x => x.PreviousHash).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.Property(x => x.Signature).HasMaxLength(200);
            e.Property(x => x.KeyId).HasMaxLength(LedgerBlock.MaxKeyIdLength);
            e.HasIndex(x => x.LastSequence).IsUnique();
        });
        modelBuilder.Entity<Features.Cases.CaseReferenceCounter>(e =>
        {
            e.ToTable("case_reference_counters");
            e.HasKey(x => x.Year);
            e.Property(x => x.Year).ValueGeneratedNever();
        });

        if (Database.ProviderName == SqlServerProvider)
        {
            foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(t => t.GetProperties())
                .Where(p => (p.GetProviderClrType() ?? p.GetValueConverter()?.ProviderClrType ?? p.ClrType) == typeof(string)))
            {
                property.SetCollation(SqlServerCollation);
            }
        }
    }

    /// <summary>
    /// Holds a lock on <paramref name="subjectId"/> until the transaction ends, so that transactions deciding on the
    /// same subject's clearances take turns (<see cref="LockAsync"/>).
    /// </summary>
    public Task LockSubjectAsync(string subjectId, CancellationToken cancellationToken) =>
        LockAsync("clearance-subject:" + subjectId, cancellationToken);

    /// <summary>
    /// For a command that relies on a clearance's state without changing it (so no version check guards it): locks the
    /// clearance's row until the transaction ends if it is still the version read, else a conflict (409). A change committed
    /// since the read (an expiry, a withdrawal, a revocation) is not acted on as if it had not happened.
    /// </summary>
    public async Task LockUnchangedAsync(Clearance clearance, CancellationToken cancellationToken)
    {
        if (await Clearances.Where(c => c.Id == clearance.Id && c.Version == clearance.Version)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, c => c.Version), cancellationToken) == 0)
        {
            throw new ConflictException("the clearance changed meanwhile; send the request again");
        }
    }

    /// <summary>The error a SQL Server lock not granted within <see cref="SqlServerLockTimeoutMs"/> raises; answered 503, as a deadlock is.</summary>
    public const int SqlServerLockTimeoutError = 51205;

    /// <summary>Under SqlClient's 30 s command timeout, so that a lock not granted is this error and not a timeout.</summary>
    public const int SqlServerLockTimeoutMs = 20000;

    /// <summary>
    /// Holds a named lock until the transaction ends. PostgreSQL: a transaction advisory lock; SQL Server: an application
    /// lock owned by the transaction, <see cref="SqlServerLockTimeoutError"/> when not granted in time (sp_getapplock
    /// only returns a code); SQLite needs none, since its write transactions (<c>BEGIN IMMEDIATE</c>) already take turns.
    /// </summary>
    public async Task LockAsync(string resource, CancellationToken cancellationToken)
    {
        if (Database.ProviderName == PostgresProvider)
        {
            var key = BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(resource)));
            await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
        }
        else if (Database.ProviderName == SqlServerProvider)
        {
            await Database.ExecuteSqlAsync(
                $"DECLARE @r int; EXEC @r = sp_getapplock @Resource = {resource}, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = {SqlServerLockTimeoutMs}; IF @r < 0 THROW {SqlServerLockTimeoutError}, 'The lock was not granted in time.', 1;",
                cancellationToken);
        }
    }

    private static void ConfigureCase(EntityTypeBuilder<ClearanceCase> e)
    {
        e.ToTable("cases");
        e.HasKey(x => x.Id);
        e.Property(x => x.Reference).HasMaxLength(32);
        e.Property(x => x.Type).HasConversion<string>().HasMaxLength(32);
        e.Property(x => x.StatementGuidelines).HasMaxLength(64);
        e.Property(x => x.RequestedLevel).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Sponsor).HasMaxLength(200);
        e.Property(x => x.SubjectId).HasMaxLength(200);
        e.Property(x => x.NationalIdIndex).HasMaxLength(64);
        e.Property(x => x.WorkflowName).HasMaxLength(64);
        e.Property(x => x.Stage).HasMaxLength(64);
        e.Property(x => x.Status).HasMaxLength(64);
        e.Property(x => x.AssignedAdjudicator).HasMaxLength(200);
        e.Property(x => x.IncidentGuideline).HasConversion<string>().HasMaxLength(1);
        e.HasOne(x => x.Clearance).WithMany().HasForeignKey(x => x.ClearanceId).OnDelete(DeleteBehavior.Restrict);
        // Release 1 added the column with this default to a table that already had rows; kept so its databases match.
        e.Property(x => x.Overdue).HasDefaultValue(false);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.IsClosed);
        e.Ignore(x => x.Tier);
        e.Ignore(x => x.InterviewRequired);
        e.Ignore(x => x.AllChecksTerminal);
        e.Ignore(x => x.InterimInForce);
        e.Ignore(x => x.OtherEvaluationOpen);
        e.Ignore(x => x.SubjectClearanceSuspended);
        // Loaded with the case wherever it is loaded, so that closing the case always sees its interim clearance.
        e.Navigation(x => x.IssuedClearance).AutoInclude();
        e.HasIndex(x => x.Reference).IsUnique();
        e.HasIndex(x => x.SubjectId);
        e.HasIndex(x => x.NationalIdIndex);
        e.HasIndex(x => new { x.Stage, x.CreatedAt });
        e.HasIndex(x => new { x.Overdue, x.DueAt });
        e.HasIndex(x => x.AssignedAdjudicator);
        // The children's ids are made by the domain (Guid.NewGuid), never by the database: a child added to a
        // loaded case's collection is then inserted, not taken for an existing row and updated.
        e.HasMany(x => x.Events).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Checks).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Findings).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.InformationRequests).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.BoardVotes).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.Ignore(x => x.BoardDecision);
    }

    /// <summary>Instants are stored and read as UTC on every provider.</summary>
    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
