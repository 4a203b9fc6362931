using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClearanceWorkflow.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class DueProcess : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AnswerCipher",
                table: "cases",
                type: "nvarchar(max)",
                nullable: true,
                collation: "Latin1_General_100_BIN2");

            migrationBuilder.AddColumn<DateTime>(
                name: "AnswerDueAt",
                table: "cases",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "AnsweredAt",
                table: "cases",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "AppealDueAt",
                table: "cases",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AppealGroundsCipher",
                table: "cases",
                type: "nvarchar(max)",
                nullable: true,
                collation: "Latin1_General_100_BIN2");

            migrationBuilder.AddColumn<DateTime>(
                name: "AppealedAt",
                table: "cases",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "HearingRequested",
                table: "cases",
                type: "bit",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "StatementIssuedAt",
                table: "cases",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "board_votes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Member = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false, collation: "Latin1_General_100_BIN2"),
                    Vote = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false, collation: "Latin1_General_100_BIN2"),
                    RationaleCipher = table.Column<string>(type: "nvarchar(max)", nullable: false, collation: "Latin1_General_100_BIN2"),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_board_votes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_board_votes_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_board_votes_CaseId_Member",
                table: "board_votes",
                columns: new[] { "CaseId", "Member" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "board_votes");

            migrationBuilder.DropColumn(
                name: "AnswerCipher",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "AnswerDueAt",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "AnsweredAt",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "AppealDueAt",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "AppealGroundsCipher",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "AppealedAt",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "HearingRequested",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "StatementIssuedAt",
                table: "cases");
        }
    }
}
