using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClearanceWorkflow.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class CaseEventAssignee : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Assignee",
                table: "case_events",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true,
                collation: "Latin1_General_100_BIN2");

            // Existing claims: the claimer is the assignee. An earlier assign's assignee was not kept in the event.
            migrationBuilder.Sql(@"EXEC(N'UPDATE [case_events] SET [Assignee] = [Actor] WHERE [Action] = N''claim'';');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Assignee",
                table: "case_events");
        }
    }
}
