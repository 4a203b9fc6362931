using ClearanceWorkflow.Application.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ClearanceWorkflow.Infrastructure.Persistence.Migrations;

/// <summary>
/// Partner agencies and their data-sharing agreements, for reciprocity queries. Reciprocity lookups use
/// the existing index on <c>clearances.NationalIdIndex</c>; nothing else changes.
/// </summary>
[DbContext(typeof(ClearanceDbContext))]
[Migration("20261124000000_PartnersAndAgreements")]
public sealed class PartnersAndAgreements : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var t = new ColumnTypes(migrationBuilder.ActiveProvider);

        migrationBuilder.CreateTable(
            name: "partners",
            columns: table => new
            {
                Id = table.Column<Guid>(type: t.Guid, nullable: false),
                PartnerId = table.Column<string>(type: t.Varchar(64), maxLength: 64, nullable: false),
                Name = table.Column<string>(type: t.Varchar(200), maxLength: 200, nullable: false),
                Country = table.Column<string>(type: t.Varchar(2), maxLength: 2, nullable: false),
                Purposes = table.Column<string>(type: t.Varchar(1000), maxLength: 1000, nullable: false),
                MaxLevel = table.Column<string>(type: t.Varchar(16), maxLength: 16, nullable: false),
                AgreementExpiresOn = table.Column<DateOnly>(type: t.Date, nullable: false),
                Active = table.Column<bool>(type: t.Bool, nullable: false),
                CreatedAt = table.Column<DateTime>(type: t.Instant, nullable: false),
                UpdatedAt = table.Column<DateTime>(type: t.Instant, nullable: false),
                DeactivatedAt = table.Column<DateTime>(type: t.Instant, nullable: true),
                Version = table.Column<int>(type: t.Int, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_partners", x => x.Id));
        migrationBuilder.CreateIndex("IX_partners_PartnerId", "partners", "PartnerId", unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("partners");
}
