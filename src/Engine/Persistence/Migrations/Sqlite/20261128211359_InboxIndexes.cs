using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiPlusTasks.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InboxIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tasks_AgencyCode_State_DueAt",
                table: "Tasks");

            // The inbox sorts by ("DueAt" IS NULL, "DueAt", "Priority", "Id") or by priority first; these indexes hold
            // that order per agency, so a page is read in order without a sort, and carry the filter columns the views
            // use. Measured on 1M rows: p95 103 ms → 12 ms (docs/benchmarks.md).
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Tasks_Inbox_AgencyState" ON "Tasks"
                    ("AgencyCode", "State", "DueAt" IS NULL, "DueAt", "Priority", "Id", "PlanId", "Pillar", "ReturnCount", "ClaimedBy", "AssigneeUser");
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Tasks_Inbox_Active" ON "Tasks"
                    ("AgencyCode", "DueAt" IS NULL, "DueAt", "Priority", "Id", "PlanId", "Pillar", "ReturnCount")
                    WHERE "State" IN ('Open', 'Claimed');
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Tasks_Inbox_ActiveByPriority" ON "Tasks"
                    ("AgencyCode", "Priority", "DueAt" IS NULL, "DueAt", "Id")
                    WHERE "State" IN ('Open', 'Claimed');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Tasks_Inbox_ActiveByPriority";""");
            migrationBuilder.Sql("""DROP INDEX "IX_Tasks_Inbox_Active";""");
            migrationBuilder.Sql("""DROP INDEX "IX_Tasks_Inbox_AgencyState";""");

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_AgencyCode_State_DueAt",
                table: "Tasks",
                columns: new[] { "AgencyCode", "State", "DueAt" });
        }
    }
}
