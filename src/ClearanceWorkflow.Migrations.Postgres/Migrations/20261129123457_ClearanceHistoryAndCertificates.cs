using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClearanceWorkflow.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ClearanceHistoryAndCertificates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "clearance_certificates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClearanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    CodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IssuedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clearance_certificates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_clearance_certificates_clearances_ClearanceId",
                        column: x => x.ClearanceId,
                        principalTable: "clearances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "clearance_status_changes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClearanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clearance_status_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_clearance_status_changes_clearances_ClearanceId",
                        column: x => x.ClearanceId,
                        principalTable: "clearances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_clearance_certificates_ClearanceId",
                table: "clearance_certificates",
                column: "ClearanceId");

            migrationBuilder.CreateIndex(
                name: "IX_clearance_certificates_CodeHash",
                table: "clearance_certificates",
                column: "CodeHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_clearance_status_changes_ClearanceId_At",
                table: "clearance_status_changes",
                columns: new[] { "ClearanceId", "At" });

            // Clearances granted before history was kept get one entry: the status they hold now.
            migrationBuilder.Sql(@"INSERT INTO ""clearance_status_changes"" (""Id"", ""ClearanceId"", ""Status"", ""At"", ""Actor"", ""Reason"")
SELECT gen_random_uuid(), ""Id"", ""Status"", CASE WHEN ""Status"" = 'Active' THEN ""CreatedAt"" ELSE ""UpdatedAt"" END, 'system', 'recorded at upgrade: the status held when history began'
FROM ""clearances"";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "clearance_certificates");

            migrationBuilder.DropTable(
                name: "clearance_status_changes");
        }
    }
}
