using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClearanceWorkflow.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class InterimClearances : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<DateOnly>(
                name: "InvestigationClosedOn",
                table: "clearances",
                type: "date",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "date");

            migrationBuilder.AddColumn<string>(
                name: "RationaleCipher",
                table: "clearance_status_changes",
                type: "nvarchar(max)",
                nullable: true,
                collation: "Latin1_General_100_BIN2");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RationaleCipher",
                table: "clearance_status_changes");

            migrationBuilder.AlterColumn<DateOnly>(
                name: "InvestigationClosedOn",
                table: "clearances",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1),
                oldClrType: typeof(DateOnly),
                oldType: "date",
                oldNullable: true);
        }
    }
}
