using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClearanceWorkflow.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class CaseReadsByIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_information_requests_CaseId",
                table: "information_requests");

            migrationBuilder.AddColumn<bool>(
                name: "StageChanged",
                table: "case_events",
                type: "bit",
                nullable: false,
                defaultValue: false);

            // Existing events: the flag is what their stages say. EXEC, so the idempotent script still compiles once a later migration changes the column.
            migrationBuilder.Sql(@"EXEC(N'UPDATE [case_events] SET [StageChanged] = CASE WHEN [FromStage] <> [ToStage] THEN CAST(1 AS bit) ELSE CAST(0 AS bit) END;');");

            migrationBuilder.CreateIndex(
                name: "IX_information_requests_CaseId_AnsweredAt",
                table: "information_requests",
                columns: new[] { "CaseId", "AnsweredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_information_requests_CaseId_RequestedAt_Id",
                table: "information_requests",
                columns: new[] { "CaseId", "RequestedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_case_events_CaseId_Action",
                table: "case_events",
                columns: new[] { "CaseId", "Action" });

            migrationBuilder.CreateIndex(
                name: "IX_case_events_StageChanges",
                table: "case_events",
                column: "CaseId",
                filter: "[StageChanged] = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_information_requests_CaseId_AnsweredAt",
                table: "information_requests");

            migrationBuilder.DropIndex(
                name: "IX_information_requests_CaseId_RequestedAt_Id",
                table: "information_requests");

            migrationBuilder.DropIndex(
                name: "IX_case_events_CaseId_Action",
                table: "case_events");

            migrationBuilder.DropIndex(
                name: "IX_case_events_StageChanges",
                table: "case_events");

            migrationBuilder.DropColumn(
                name: "StageChanged",
                table: "case_events");

            migrationBuilder.CreateIndex(
                name: "IX_information_requests_CaseId",
                table: "information_requests",
                column: "CaseId");
        }
    }
}
