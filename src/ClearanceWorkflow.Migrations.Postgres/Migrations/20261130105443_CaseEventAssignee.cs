using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClearanceWorkflow.Migrations.Postgres.Migrations
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
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            // Existing claims: the claimer is the assignee. An earlier assign's assignee was not kept in the event.
            migrationBuilder.Sql(@"UPDATE ""case_events"" SET ""Assignee"" = ""Actor"" WHERE ""Action"" = 'claim';");
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
