using ClearanceWorkflow.Application.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ClearanceWorkflow.Infrastructure.Persistence.Migrations;

/// <summary>Cases, their history, checks, findings and information requests; clearances; the audit chain.</summary>
[DbContext(typeof(ClearanceDbContext))]
[Migration("20261123000000_InitialSchema")]
public sealed class InitialSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var t = new ColumnTypes(migrationBuilder.ActiveProvider);

        migrationBuilder.CreateTable(
            name: "cases",
            columns: table => new
            {
                Id = table.Column<Guid>(type: t.Guid, nullable: false),
                Reference = table.Column<string>(type: t.Varchar(32), maxLength: 32, nullable: false),
                Type = table.Column<string>(type: t.Varchar(32), maxLength: 32, nullable: false),
                RequestedLevel = table.Column<string>(type: t.Varchar(16), maxLength: 16, nullable: false),
                Sponsor = table.Column<string>(type: t.Varchar(200), maxLength: 200, nullable: false),
                SubjectId = table.Column<string>(type: t.Varchar(200), maxLength: 200, nullable: false),
                PersonalDataCipher = table.Column<string>(type: t.Text, nullable: false),
                NationalIdIndex = table.Column<string>(type: t.Varchar(64), maxLength: 64, nullable: false),
                QuestionnaireCipher = table.Column<string>(type: t.Text, nullable: true),
                QuestionnaireUpdatedAt = table.Column<DateTime>(type: t.Instant, nullable: true),
                WorkflowName = table.Column<string>(type: t.Varchar(64), maxLength: 64, nullable: false),
                WorkflowVersion = table.Column<int>(type: t.Int, nullable: false),
                Stage = table.Column<string>(type: t.Varchar(64), maxLength: 64, nullable: false),
                Status = table.Column<string>(type: t.Varchar(64), maxLength: 64, nullable: false),
                StageEnteredAt = table.Column<DateTime>(type: t.Instant, nullable: false),
                AssignedAdjudicator = table.Column<string>(type: t.Varchar(200), maxLength: 200, nullable: true),
                CreatedAt = table.Column<DateTime>(type: t.Instant, nullable: false),
                UpdatedAt = table.Column<DateTime>(type: t.Instant, nullable: false),
                SubmittedAt = table.Column<DateTime>(type: t.Instant, nullable: true),
                InvestigationClosedAt = table.Column<DateTime>(type: t.Instant, nullable: true),
                InterviewScheduledAt = table.Column<DateTime>(type: t.Instant, nullable: true),
                InterviewLocationCipher = table.Column<string>(type: t.Text, nullable: true),
                InterviewSummaryCipher = table.Column<string>(type: t.Text, nullable: true),
                InterviewCompletedAt = table.Column<DateTime>(type: t.Instant, nullable: true),
                DecisionRationaleCipher = table.Column<string>(type: t.Text, nullable: true),
                ClosedAt = table.Column<DateTime>(type: t.Instant, nullable: true),
                Version = table.Column<int>(type: t.Int, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_cases", x => x.Id));

        migrationBuilder.CreateTable(
            name: "case_events",
            columns: table => new
            {
                Id = table.Column<Guid>(type: t.Guid, nullable: false),
                CaseId = table.Column<Guid>(type: t.Guid, nullable: false),
                Sequence = table.Column<int>(type: t.Int, nullable: false),
                Action = table.Column<string>(type: t.Varchar(64), maxLength: 64, nullable: false),
                Actor = table.Column<string>(type: t.Varchar(200), maxLength: 200, nullable: false),
                At = table.Column<DateTime>(type: t.Instant, nullable: false),
                FromStage = table.Column<string>(type: t.Varchar(64), maxLength: 64, nullable: false),
                ToStage = table.Column<string>(type: t.Varchar(64), maxLength: 64, nullable: false),
                FromStatus = table.Column<string>(type: t.Varchar(64), maxLength: 64, nullable: false),
                ToStatus = table.Column<string>(type: t.Varchar(64), maxLength: 64, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_case_events", x => x.Id);
                table.ForeignKey("FK_case_events_cases_CaseId", x => x.CaseId, "cases", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "investigation_checks",
            columns: table => new
            {
                Id = table.Column<Guid>(type: t.Guid, nullable: false),
                CaseId = table.Column<Guid>(type: t.Guid, nullable: false),
                Kind = table.Column<string>(type: t.Varchar(64), maxLength: 64, nullable: false),
                Status = table.Column<string>(type: t.Varchar(16), maxLength: 16, nullable: false),
                Attempts = table.Column<int>(type: t.Int, nullable: false),
                StartedAt = table.Column<DateTime>(type: t.Instant, nullable: true),
                CompletedAt = table.Column<DateTime>(type: t.Instant, nullable: true),
                SummaryCipher = table.Column<string>(type: t.Text, nullable: true),
                ProviderReference = table.Column<string>(type: t.Varchar(200), maxLength: 200, nullable: true),
                CompletedBy = table.Column<string>(type: t.Varchar(200), maxLength: 200, nullable: true),
                Version = table.Column<int>(type: t.Int, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_investigation_checks", x => x.Id);
                table.ForeignKey("FK_investigation_checks_cases_CaseId", x => x.CaseId, "cases", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "findings",
            columns: table => new
            {
                Id = table.Column<Guid>(type: t.Guid, nullable: false),
                CaseId = table.Column<Guid>(type: t.Guid, nullable: false),
                Guideline = table.Column<string>(type: t.Varchar(1), maxLength: 1, nullable: false),
                Severity = table.Column<string>(type: t.Varchar(16), maxLength: 16, nullable: false),
                SummaryCipher = table.Column<string>(type: t.Text, nullable: false),
                Mitigated = table.Column<bool>(type: t.Bool, nullable: false),
                MitigationCipher = table.Column<string>(type: t.Text, nullable: true),
                RecordedBy = table.Column<string>(type: t.Varchar(200), maxLength: 200, nullable: false),
                RecordedAt = table.Column<DateTime>(type: t.Instant, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_findings", x => x.Id);
                table.ForeignKey("FK_findings_cases_CaseId", x => x.CaseId, "cases", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "information_requests",
            columns: table => new
            {
                Id = table.Column<Guid>(type: t.Guid, nullable: false),
                CaseId = table.Column<Guid>(type: t.Guid, nullable: false),
                QuestionsCipher = table.Column<string>(type: t.Text, nullable: false),
                AnswersCipher = table.Column<string>(type: t.Text, nullable: true),
                RequestedBy = table.Column<string>(type: t.Varchar(200), maxLength: 200, nullable: false),
                RequestedAt = table.Column<DateTime>(type: t.Instant, nullable: false),
                AnsweredAt = table.Column<DateTime>(type: t.Instant, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_information_requests", x => x.Id);
                table.ForeignKey("FK_information_requests_cases_CaseId", x => x.CaseId, "cases", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "clearances",
            columns: table => new
            {
                Id = table.Column<Guid>(type: t.Guid, nullable: false),
                SubjectId = table.Column<string>(type: t.Varchar(200), maxLength: 200, nullable: false),
                CaseId = table.Column<Guid>(type: t.Guid, nullable: false),
                Level = table.Column<string>(type: t.Varchar(16), maxLength: 16, nullable: false),
                Status = table.Column<string>(type: t.Varchar(16), maxLength: 16, nullable: false),
                GrantedOn = table.Column<DateOnly>(type: t.Date, nullable: false),
                InvestigationClosedOn = table.Column<DateOnly>(type: t.Date, nullable: false),
                GrantingAgency = table.Column<string>(type: t.Varchar(200), maxLength: 200, nullable: false),
                Exception = table.Column<string>(type: t.Varchar(16), maxLength: 16, nullable: true),
                ExceptionDetailsCipher = table.Column<string>(type: t.Text, nullable: true),
                ReinvestigationDueOn = table.Column<DateOnly>(type: t.Date, nullable: false),
                PersonalDataCipher = table.Column<string>(type: t.Text, nullable: false),
                NationalIdIndex = table.Column<string>(type: t.Varchar(64), maxLength: 64, nullable: false),
                CreatedAt = table.Column<DateTime>(type: t.Instant, nullable: false),
                UpdatedAt = table.Column<DateTime>(type: t.Instant, nullable: false),
                Version = table.Column<int>(type: t.Int, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_clearances", x => x.Id);
                table.ForeignKey("FK_clearances_cases_CaseId", x => x.CaseId, "cases", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "audit_events",
            columns: table => new
            {
                Id = table.Column<Guid>(type: t.Guid, nullable: false),
                Sequence = table.Column<long>(type: t.Long, nullable: false),
                At = table.Column<DateTime>(type: t.Instant, nullable: false),
                Actor = table.Column<string>(type: t.Varchar(200), maxLength: 200, nullable: false),
                Action = table.Column<string>(type: t.Varchar(64), maxLength: 64, nullable: false),
                CaseId = table.Column<Guid>(type: t.Guid, nullable: true),
                Detail = table.Column<string>(type: t.Text, nullable: false),
                Hash = table.Column<string>(type: t.Varchar(64), maxLength: 64, nullable: false),
                PreviousHash = table.Column<string>(type: t.Varchar(64), maxLength: 64, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_audit_events", x => x.Id));

        migrationBuilder.CreateIndex("IX_cases_Reference", "cases", "Reference", unique: true);
        migrationBuilder.CreateIndex("IX_cases_SubjectId", "cases", "SubjectId");
        migrationBuilder.CreateIndex("IX_cases_NationalIdIndex", "cases", "NationalIdIndex");
        migrationBuilder.CreateIndex("IX_cases_Stage_CreatedAt", "cases", ["Stage", "CreatedAt"]);
        migrationBuilder.CreateIndex("IX_cases_AssignedAdjudicator", "cases", "AssignedAdjudicator");
        migrationBuilder.CreateIndex("IX_case_events_CaseId_Sequence", "case_events", ["CaseId", "Sequence"], unique: true);
        migrationBuilder.CreateIndex("IX_investigation_checks_CaseId_Kind", "investigation_checks", ["CaseId", "Kind"], unique: true);
        migrationBuilder.CreateIndex("IX_findings_CaseId", "findings", "CaseId");
        migrationBuilder.CreateIndex("IX_information_requests_CaseId", "information_requests", "CaseId");
        migrationBuilder.CreateIndex("IX_clearances_CaseId", "clearances", "CaseId", unique: true);
        migrationBuilder.CreateIndex("IX_clearances_NationalIdIndex", "clearances", "NationalIdIndex");
        migrationBuilder.CreateIndex("IX_clearances_Status_ReinvestigationDueOn", "clearances", ["Status", "ReinvestigationDueOn"]);
        migrationBuilder.CreateIndex("IX_clearances_SubjectId", "clearances", "SubjectId");
        migrationBuilder.CreateIndex("IX_audit_events_Sequence", "audit_events", "Sequence", unique: true);
        migrationBuilder.CreateIndex("IX_audit_events_CaseId", "audit_events", "CaseId");
        migrationBuilder.CreateIndex("IX_audit_events_At", "audit_events", "At");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "audit_events", "clearances", "information_requests", "findings", "investigation_checks", "case_events", "cases" })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
