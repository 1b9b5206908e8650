using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiPlusTasks.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Supervision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SupervisionActions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InstanceId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TaskId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AgencyCode = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionActions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionActions_AgencyCode_At",
                table: "SupervisionActions",
                columns: new[] { "AgencyCode", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionActions_InstanceId",
                table: "SupervisionActions",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionActions_TaskId",
                table: "SupervisionActions",
                column: "TaskId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SupervisionActions");
        }
    }
}
