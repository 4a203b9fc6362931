using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClearanceWorkflow.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class CertificatePrintedTerms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Level",
                table: "clearance_certificates",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: true,
                collation: "Latin1_General_100_BIN2");

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidUntil",
                table: "clearance_certificates",
                type: "date",
                nullable: true);

            // A certificate issued before: the level and validity of its clearance now, which is what it was answered with.
            // In EXEC, as the earlier ones: the idempotent script compiles every batch, also once these columns are gone.
            migrationBuilder.Sql(@"EXEC(N'UPDATE [clearance_certificates] SET
    [Level] = (SELECT c.[Level] FROM [clearances] c WHERE c.[Id] = [clearance_certificates].[ClearanceId]),
    [ValidUntil] = (SELECT c.[ReinvestigationDueOn] FROM [clearances] c WHERE c.[Id] = [clearance_certificates].[ClearanceId]);');");

            migrationBuilder.AlterColumn<string>(
                name: "Level",
                table: "clearance_certificates",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(16)",
                oldMaxLength: 16,
                oldNullable: true,
                collation: "Latin1_General_100_BIN2",
                oldCollation: "Latin1_General_100_BIN2");

            migrationBuilder.AlterColumn<DateOnly>(
                name: "ValidUntil",
                table: "clearance_certificates",
                type: "date",
                nullable: false,
                oldClrType: typeof(DateOnly),
                oldType: "date",
                oldNullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Level",
                table: "clearance_certificates");

            migrationBuilder.DropColumn(
                name: "ValidUntil",
                table: "clearance_certificates");
        }
    }
}
