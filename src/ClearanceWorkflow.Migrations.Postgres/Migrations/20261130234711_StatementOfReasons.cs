using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClearanceWorkflow.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class StatementOfReasons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "StatementGuidelines",
                table: "cases",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StatementReasonsCipher",
                table: "cases",
                type: "text",
                nullable: true);

            // Statements issued before: a case still awaiting its answer or decision in due process keeps the concurred
            // denial's rationale, and its findings not mitigated are those of the statement.
            migrationBuilder.Sql("""
                UPDATE cases SET "StatementReasonsCipher" = "DecisionRationaleCipher",
                    "StatementGuidelines" = COALESCE((SELECT string_agg(DISTINCT f."Guideline", ',' ORDER BY f."Guideline") FROM findings f WHERE f."CaseId" = cases."Id" AND NOT f."Mitigated"), '')
                WHERE "StatementIssuedAt" IS NOT NULL AND "Stage" = 'due-process';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "StatementGuidelines",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "StatementReasonsCipher",
                table: "cases");
        }
    }
}
