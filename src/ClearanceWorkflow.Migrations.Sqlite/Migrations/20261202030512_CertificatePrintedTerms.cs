using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClearanceWorkflow.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidUntil",
                table: "clearance_certificates",
                type: "TEXT",
                nullable: true);

            // A certificate issued before: the level and validity of its clearance now, which is what it was answered with.
            migrationBuilder.Sql(@"UPDATE ""clearance_certificates"" SET
    ""Level"" = (SELECT c.""Level"" FROM ""clearances"" c WHERE c.""Id"" = ""clearance_certificates"".""ClearanceId""),
    ""ValidUntil"" = (SELECT c.""ReinvestigationDueOn"" FROM ""clearances"" c WHERE c.""Id"" = ""clearance_certificates"".""ClearanceId"");");

            migrationBuilder.AlterColumn<string>(
                name: "Level",
                table: "clearance_certificates",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 16,
                oldNullable: true);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "ValidUntil",
                table: "clearance_certificates",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(DateOnly),
                oldType: "TEXT",
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
