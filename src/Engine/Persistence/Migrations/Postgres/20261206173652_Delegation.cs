using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiPlusTasks.Engine.Persistence.Migrations.Postgres
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
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Delegations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AgencyCode = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FromUser = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ToUser = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PlanId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Pillar = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Reason = table.Column<string>(type: "text", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokeReason = table.Column<string>(type: "text", nullable: true)
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
