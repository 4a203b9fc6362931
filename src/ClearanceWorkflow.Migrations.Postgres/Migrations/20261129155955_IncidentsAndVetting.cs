using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClearanceWorkflow.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class IncidentsAndVetting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "VettingEnrolled",
                table: "clearances",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "VettingLastRunAt",
                table: "clearances",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "VettingNextRunAt",
                table: "clearances",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "VettingRuns",
                table: "clearances",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "ClearanceId",
                table: "cases",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IncidentGuideline",
                table: "cases",
                type: "character varying(1)",
                maxLength: 1,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IncidentSummaryCipher",
                table: "cases",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "vetting_results",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClearanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Run = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SummaryCipher = table.Column<string>(type: "text", nullable: false),
                    ProviderReference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_vetting_results", x => x.Id);
                    table.ForeignKey(
                        name: "FK_vetting_results_clearances_ClearanceId",
                        column: x => x.ClearanceId,
                        principalTable: "clearances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_clearances_VettingNextRunAt_Id",
                table: "clearances",
                columns: new[] { "VettingNextRunAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_ClearanceId",
                table: "cases",
                column: "ClearanceId");

            migrationBuilder.CreateIndex(
                name: "IX_vetting_results_ClearanceId_Kind_ProviderReference",
                table: "vetting_results",
                columns: new[] { "ClearanceId", "Kind", "ProviderReference" });

            migrationBuilder.CreateIndex(
                name: "IX_vetting_results_ClearanceId_Run_Kind",
                table: "vetting_results",
                columns: new[] { "ClearanceId", "Run", "Kind" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_cases_clearances_ClearanceId",
                table: "cases",
                column: "ClearanceId",
                principalTable: "clearances",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_cases_clearances_ClearanceId",
                table: "cases");

            migrationBuilder.DropTable(
                name: "vetting_results");

            migrationBuilder.DropIndex(
                name: "IX_clearances_VettingNextRunAt_Id",
                table: "clearances");

            migrationBuilder.DropIndex(
                name: "IX_cases_ClearanceId",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "VettingEnrolled",
                table: "clearances");

            migrationBuilder.DropColumn(
                name: "VettingLastRunAt",
                table: "clearances");

            migrationBuilder.DropColumn(
                name: "VettingNextRunAt",
                table: "clearances");

            migrationBuilder.DropColumn(
                name: "VettingRuns",
                table: "clearances");

            migrationBuilder.DropColumn(
                name: "ClearanceId",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "IncidentGuideline",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "IncidentSummaryCipher",
                table: "cases");
        }
    }
}
