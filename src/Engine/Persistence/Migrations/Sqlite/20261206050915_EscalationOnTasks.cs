using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiPlusTasks.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EscalationOnTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EscalationAction",
                table: "Tasks",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EscalationLadder",
                table: "Tasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Actor",
                table: "SupervisionActions",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            // Tasks escalated before this migration: the action that reached their level, from their supervision actions.
            migrationBuilder.Sql("""
                UPDATE "Tasks" SET "EscalationAction" = (
                    SELECT s."Action" FROM "SupervisionActions" s WHERE s."TaskId" = "Tasks"."Id" ORDER BY s."Level" DESC, s."Id" DESC LIMIT 1)
                WHERE "EscalationLevel" > 0
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EscalationAction",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "EscalationLadder",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "Actor",
                table: "SupervisionActions");
        }
    }
}
