using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClearanceWorkflow.Migrations.SqlServer.Migrations
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
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true,
                collation: "Latin1_General_100_BIN2");

            migrationBuilder.AddColumn<string>(
                name: "StatementReasonsCipher",
                table: "cases",
                type: "nvarchar(max)",
                nullable: true,
                collation: "Latin1_General_100_BIN2");

            // Statements issued before: a case still awaiting its answer or decision in due process keeps the concurred
            // denial's rationale, and its findings not mitigated are those of the statement.
            // In EXEC, so that the idempotent script compiles this batch before the columns exist.
            migrationBuilder.Sql("""
                EXEC(N'UPDATE [cases] SET [StatementReasonsCipher] = [DecisionRationaleCipher],
                    [StatementGuidelines] = COALESCE((SELECT STRING_AGG(g.[Guideline], '','') WITHIN GROUP (ORDER BY g.[Guideline])
                        FROM (SELECT DISTINCT f.[Guideline] FROM [findings] f WHERE f.[CaseId] = [cases].[Id] AND f.[Mitigated] = 0) g), '''')
                WHERE [StatementIssuedAt] IS NOT NULL AND [Stage] = N''due-process'';');
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
