using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiPlusTasks.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InboxCountIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The inbox's view counts for callers who see every agency (NDRC): escalated and returned work had no index
            // carrying their columns, so each count looked up every active row in the table.
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Tasks_ActiveCounts" ON "Tasks" ("EscalationLevel", "ReturnCount")
                    WHERE "State" IN ('Open', 'Claimed');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Tasks_ActiveCounts";""");
        }
    }
}
