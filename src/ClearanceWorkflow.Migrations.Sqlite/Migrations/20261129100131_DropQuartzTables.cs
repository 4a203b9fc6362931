using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClearanceWorkflow.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DropQuartzTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Quartz's tables are not in the model: the work they held is derived again from the cases (see QuartzCarryOver).
            migrationBuilder.Sql(ClearanceWorkflow.Application.Scheduling.QuartzCarryOver.Sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Quartz is gone: nothing to put back.
        }
    }
}
