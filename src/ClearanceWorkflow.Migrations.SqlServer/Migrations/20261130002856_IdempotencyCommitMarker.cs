using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClearanceWorkflow.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class IdempotencyCommitMarker : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "CommittedAt",
                table: "idempotent_requests",
                type: "datetime2",
                nullable: true);

            // A claim without an answer from before: whether its request committed is unknown, so it counts as carried out (never run twice).
            migrationBuilder.Sql(@"EXEC(N'UPDATE [idempotent_requests] SET [CommittedAt] = [CreatedAt] WHERE [StatusCode] IS NULL;');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CommittedAt",
                table: "idempotent_requests");
        }
    }
}
