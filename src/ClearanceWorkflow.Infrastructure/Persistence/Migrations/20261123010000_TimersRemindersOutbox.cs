using ClearanceWorkflow.Application.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ClearanceWorkflow.Infrastructure.Persistence.Migrations;

/// <summary>SLA state on cases, reminder state on clearances, the scheduler's outbox and the notification outbox. Existing rows keep their data.</summary>
[DbContext(typeof(ClearanceDbContext))]
[Migration("20261123010000_TimersRemindersOutbox")]
public sealed class TimersRemindersOutbox : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var t = new ColumnTypes(migrationBuilder.ActiveProvider);

        migrationBuilder.AddColumn<DateTime>("DueAt", "cases", type: t.Instant, nullable: true);
        migrationBuilder.AddColumn<bool>("Overdue", "cases", type: t.Bool, nullable: false, defaultValue: false);
        migrationBuilder.CreateIndex("IX_cases_Overdue_DueAt", "cases", ["Overdue", "DueAt"]);

        migrationBuilder.AddColumn<int>("LastReminderDays", "clearances", type: t.Int, nullable: true);
        migrationBuilder.AddColumn<Guid>("ReinvestigationCaseId", "clearances", type: t.Guid, nullable: true);

        migrationBuilder.CreateTable(
            name: "scheduled_work",
            columns: table => new
            {
                Id = table.Column<Guid>(type: t.Guid, nullable: false),
                Kind = table.Column<string>(type: t.Varchar(16), maxLength: 16, nullable: false),
                CaseId = table.Column<Guid>(type: t.Guid, nullable: false),
                Name = table.Column<string>(type: t.Varchar(64), maxLength: 64, nullable: false),
                RunAt = table.Column<DateTime>(type: t.Instant, nullable: true),
                StageEnteredAt = table.Column<DateTime>(type: t.Instant, nullable: true),
                CreatedAt = table.Column<DateTime>(type: t.Instant, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_scheduled_work", x => x.Id));
        migrationBuilder.CreateIndex("IX_scheduled_work_CreatedAt", "scheduled_work", "CreatedAt");

        migrationBuilder.CreateTable(
            name: "outbox_messages",
            columns: table => new
            {
                Id = table.Column<Guid>(type: t.Guid, nullable: false),
                Type = table.Column<string>(type: t.Varchar(64), maxLength: 64, nullable: false),
                Payload = table.Column<string>(type: t.Text, nullable: false),
                CreatedAt = table.Column<DateTime>(type: t.Instant, nullable: false),
                Attempts = table.Column<int>(type: t.Int, nullable: false),
                NextAttemptAt = table.Column<DateTime>(type: t.Instant, nullable: false),
                DeliveredAt = table.Column<DateTime>(type: t.Instant, nullable: true),
                DeadAt = table.Column<DateTime>(type: t.Instant, nullable: true),
                LastError = table.Column<string>(type: t.Varchar(500), maxLength: 500, nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_outbox_messages", x => x.Id));
        migrationBuilder.CreateIndex("IX_outbox_messages_DeliveredAt_DeadAt_NextAttemptAt", "outbox_messages", ["DeliveredAt", "DeadAt", "NextAttemptAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("outbox_messages");
        migrationBuilder.DropTable("scheduled_work");
        migrationBuilder.DropColumn("ReinvestigationCaseId", "clearances");
        migrationBuilder.DropColumn("LastReminderDays", "clearances");
        migrationBuilder.DropIndex("IX_cases_Overdue_DueAt", "cases");
        migrationBuilder.DropColumn("Overdue", "cases");
        migrationBuilder.DropColumn("DueAt", "cases");
    }
}
