using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiPlusTasks.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Delegation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ActingFor",
                table: "TaskEvents",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Delegations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AgencyCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FromUser = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ToUser = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PlanId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Pillar = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RevokedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokeReason = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Delegations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Delegations_AgencyCode_EndsOn",
                table: "Delegations",
                columns: new[] { "AgencyCode", "EndsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Delegations_FromUser_EndsOn",
                table: "Delegations",
                columns: new[] { "FromUser", "EndsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Delegations_ToUser_EndsOn",
                table: "Delegations",
                columns: new[] { "ToUser", "EndsOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Delegations");

            migrationBuilder.DropColumn(
                name: "ActingFor",
                table: "TaskEvents");
        }
    }
}
