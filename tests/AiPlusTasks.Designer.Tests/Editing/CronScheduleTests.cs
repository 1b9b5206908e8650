using System.Text.Json.Nodes;
using AiPlusTasks.Designer.Editing;
using AiPlusTasks.Designer.Tests.Support;
using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Designer.Tests.Editing;

public sealed class CronScheduleTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    [InlineData("0 9 * * 1", true)]
    [InlineData("0 0 9 1 * *", true)]
    [InlineData("0 9 L * *", true)]
    [InlineData("0 9 * *", false)]
    [InlineData("61 9 * * *", false)]
    [InlineData("every monday", false)]
    public void Parse_AgreesWithTheEngineValidator(string text, bool valid)
    {
        var cron = new JsonObject
        {
            ["id"] = "cron1",
            ["type"] = "Elsa.Cron",
            ["cronExpression"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = text } },
        };
        var definition = WorkflowDefinitionJson.Read(new JsonObject
        {
            ["definitionId"] = "cron",
            ["root"] = new JsonObject { ["id"] = "f", ["type"] = "Elsa.Flowchart", ["activities"] = new JsonArray(cron), ["connections"] = new JsonArray() },
        }.ToJsonString());

        var engineAccepts = !DesignerServices.Validator.Validate(definition).Any(p => p.Field == "cronExpression");

        Assert.Equal(valid, engineAccepts);
        Assert.Equal(valid, CronExpressions.Parse(text) is not null);
    }

    [Fact]
    public void Next_MondaysAtNine_FiveRunsInChinaStandardTime()
    {
        var from = new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.FromHours(8));

        var runs = CronSchedule.Next(CronExpressions.Parse("0 9 * * 1")!, from, Shanghai);

        Assert.Equal(
            ["2026-03-09 09:00", "2026-03-16 09:00", "2026-03-23 09:00", "2026-03-30 09:00", "2026-04-06 09:00"],
            runs.Select(r => TimeZoneInfo.ConvertTime(r, Shanghai).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
