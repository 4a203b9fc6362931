using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClearanceWorkflow.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StatementReasonsCipher",
                table: "cases",
                type: "TEXT",
                nullable: true);

            // Statements issued before: a case still awaiting its answer or decision in due process keeps the concurred
            // denial's rationale, and its findings not mitigated are those of the statement.
            migrationBuilder.Sql("""
                UPDATE cases SET "StatementReasonsCipher" = "DecisionRationaleCipher",
                    "StatementGuidelines" = COALESCE((SELECT group_concat(g, ',') FROM (SELECT DISTINCT f."Guideline" AS g FROM findings f WHERE f."CaseId" = cases."Id" AND NOT f."Mitigated" ORDER BY g)), '')
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
