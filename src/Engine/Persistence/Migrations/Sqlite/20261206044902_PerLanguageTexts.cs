using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AiPlusTasks.Engine.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PerLanguageTexts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DescriptionEn",
                table: "Tasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TitleEn",
                table: "Tasks",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NameEn",
                table: "Plans",
                type: "TEXT",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DescriptionEn",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "TitleEn",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "NameEn",
                table: "Plans");
        }
    }
}
