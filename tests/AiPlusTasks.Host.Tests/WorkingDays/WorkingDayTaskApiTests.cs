using System.Globalization;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests.WorkingDays;

/// <summary>Working days through the HTTP API on a Friday: due dates given in working days, ladders and the inbox's "due soon" view.</summary>
public sealed class WorkingDayTaskApiTests(FridayHostFactory factory) : IClassFixture<FridayHostFactory>
{
    private readonly HttpClient _planner = factory.CreateClientFor();
    private readonly HttpClient _guangdong = factory.CreateClientFor("guangdong.staff");

    /// <summary>Starts the human-task fixture with its <c>report1</c> inputs changed; returns the task id.</summary>
    private async Task<string> StartAsync(Action<JsonObject> change)
    {
        var definition = DefinitionFixtures.Load(HttpApi.HumanTaskFixture, out var definitionId);
        change(DefinitionFixtures.Activity(definition, "report1"));
        await _planner.ImportAsync(definition);
        await _planner.PublishAsync(definitionId);
        var instance = await _planner.StartAsync(definitionId);
        Assert.True(instance["status"].Str() == "Suspended", instance.ToJsonString());
        return Assert.Single(instance["bookmarks"]!.AsArray(), b => b!["kind"].Str() == "HumanTask")!["key"].Str();
    }

    private static JsonObject Literal(string value, string typeName = "String") => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value },
    };

    private static DateTimeOffset Time(JsonNode? node) => DateTimeOffset.Parse(node.Str(), CultureInfo.InvariantCulture);

    [Fact]
    public async Task StartTask_DueInThreeWorkingDaysWithAWorkingDayLadder_DueAndRungsSkipTheWeekend()
    {
        var taskId = await StartAsync(report =>
        {
            report.Remove("dueAt");
            report["dueWorkingDays"] = Literal("3", "Double");
            report["dayCount"] = Literal("working");
            report["escalation"] = Literal("""[{"offset": "-P1D", "action": "reminder"}, {"offset": "P1D", "action": "urge"}]""");
        });

        var task = await _guangdong.GetJsonAsync($"{HttpApi.Tasks}/{taskId}");

        // Friday: Mon 21, Tue 22, Wed 23 → due at the end of Wednesday (24:00 China time); the reminder at the end of
        // Tuesday, the urge at the end of Thursday.
        Assert.Equal(new DateTimeOffset(2026, 12, 23, 16, 0, 0, TimeSpan.Zero), Time(task["summary"]!["dueAt"]));
        Assert.Equal(
            [new DateTimeOffset(2026, 12, 22, 16, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 24, 16, 0, 0, TimeSpan.Zero)],
            task["escalation"]!["planned"]!.AsArray().Select(r => Time(r!["dueAt"])));
    }

    [Fact]
    public async Task ListDueSoon_OnAFriday_CountsThreeWorkingDaysAcrossTheWeekend()
    {
        var tuesday = await StartAsync(report => report["dueAt"] = Literal("2026-12-22T16:00:00Z"));
        var wednesday = await StartAsync(report => report["dueAt"] = Literal("2026-12-23T16:00:00Z"));

        var page = await _guangdong.GetJsonAsync($"{HttpApi.Tasks}?view=due-soon&pageSize=200");

        var ids = page["items"]!.AsArray().Select(t => t!["id"].Str()).ToList();
        Assert.Contains(tuesday, ids);
        Assert.DoesNotContain(wednesday, ids);
    }
}
