using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>
/// A task's texts per language (<c>title</c>/<c>description</c> as <c>{zh, en}</c>), and the inbox search by the names
/// of the task's agency, lead agency and pillar in either language.
/// </summary>
public sealed class TaskTextsAndNamesTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _planner = factory.CreateClientFor();
    private readonly HttpClient _guangdong = factory.CreateClientFor("guangdong.staff");

    [Theory]
    [InlineData("广东")]
    [InlineData("Guangdong")]
    [InlineData("guangdong province")]
    public async Task ListTasks_AgencyNameInEitherLanguage_FindsThatAgencysTasksOnly(string words)
    {
        // Arrange: neither title names an agency
        var (_, guangdong) = await _planner.StartHumanTaskAsync(title: "季度填报");
        var (_, hubei) = await _planner.StartHumanTaskAsync(title: "季度填报", agency: "hubei");

        // Act
        var page = await _planner.GetJsonAsync($"{HttpApi.Tasks}?pageSize=200&q={Uri.EscapeDataString(words)}");

        // Assert
        Assert.NotNull(Find(page, guangdong));
        Assert.Null(Find(page, hubei));
        Assert.All(page["items"]!.AsArray(), t => Assert.Equal("guangdong", t!["agencyCode"].Str()));
    }

    [Fact]
    public async Task ListTasks_AgencyStaffSearchingTheirAgencysName_FindTheirTasks()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync(title: "季度填报");

        // Act
        var page = await _guangdong.GetJsonAsync($"{HttpApi.Tasks}?pageSize=200&q={Uri.EscapeDataString("广东")}");

        // Assert
        Assert.NotNull(Find(page, taskId));
    }

    [Theory]
    [InlineData("工业和信息化部", true)]
    [InlineData("Information Technology", true)]
    [InlineData("农业农村部", false)]
    public async Task ListTasks_LeadAgencyName_FindsTheTasksItLeads(string words, bool listed)
    {
        // Arrange
        var definition = DefinitionFixtures.Load(HttpApi.HumanTaskFixture, out var definitionId)
            .WithLiteral("report1", "title", "季度填报")
            .WithLiteral("report1", "leadAgency", "miit");
        await _planner.ImportAsync(definition);
        await _planner.PublishAsync(definitionId);
        var taskId = TaskOf(await _planner.StartAsync(definitionId));

        // Act
        var page = await _planner.GetJsonAsync($"{HttpApi.Tasks}?pageSize=200&q={Uri.EscapeDataString(words)}");

        // Assert
        Assert.Equal(listed, Find(page, taskId) is not null);
    }

    [Theory]
    [InlineData("产业发展", true)]
    [InlineData("industry development", true)]
    [InlineData("科学技术", false)]
    public async Task ListTasks_PillarName_FindsTheTasksFiledUnderIt(string words, bool listed)
    {
        // Arrange: the fixture files its task under action.industry (产业发展 / Industry development)
        var (_, taskId) = await _planner.StartHumanTaskAsync(title: "季度填报");

        // Act
        var page = await _planner.GetJsonAsync($"{HttpApi.Tasks}?pageSize=200&q={Uri.EscapeDataString(words)}");

        // Assert
        Assert.Equal(listed, Find(page, taskId) is not null);
    }

    [Fact]
    public async Task GetTask_TitleAndDescriptionPerLanguage_GivesEachLanguagesText()
    {
        // Arrange: a script returns the texts per language
        var marker = Guid.NewGuid().ToString("N")[..8];
        var definition = DefinitionFixtures.Load(HttpApi.HumanTaskFixture, out var definitionId);
        var activity = DefinitionFixtures.Activity(definition, "report1");
        activity["title"] = Script($"({{ zh: '进度填报：{marker}', en: 'Progress report: {marker}' }})");
        activity["description"] = Script("({ zh: '请填报本月进展', en: 'Report this month\\'s progress' })");
        await _planner.ImportAsync(definition);
        await _planner.PublishAsync(definitionId);
        var taskId = TaskOf(await _planner.StartAsync(definitionId));

        // Act
        var task = await _guangdong.GetJsonAsync($"{HttpApi.Tasks}/{taskId}");
        var found = await _guangdong.GetJsonAsync($"{HttpApi.Tasks}?pageSize=200&q={Uri.EscapeDataString("Progress report: " + marker)}");

        // Assert
        Assert.Equal($"进度填报：{marker}", task["summary"]!["title"].Str());
        Assert.Equal($"Progress report: {marker}", task["summary"]!["titleEn"].Str());
        Assert.Equal("请填报本月进展", task["description"].Str());
        Assert.Equal("Report this month's progress", task["descriptionEn"].Str());
        Assert.NotNull(Find(found, taskId));
    }

    [Fact]
    public async Task GetTask_OneTitleForBothLanguages_HasNoEnglishTitle()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync(title: "季度填报");

        // Act
        var task = await _guangdong.GetJsonAsync($"{HttpApi.Tasks}/{taskId}");

        // Assert
        Assert.Equal("季度填报", task["summary"]!["title"].Str());
        Assert.Null(task["summary"]!["titleEn"]);
    }

    private static JsonObject Script(string code) => new()
    {
        ["typeName"] = "Object",
        ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = code },
    };

    private static string TaskOf(JsonNode instance)
    {
        Assert.True(instance["status"].Str() == "Suspended", $"expected the instance to wait for its task: {instance.ToJsonString()}");
        return Assert.Single(instance["bookmarks"]!.AsArray(), b => b!["kind"].Str() == "HumanTask")!["key"].Str();
    }

    private static JsonNode? Find(JsonNode page, string taskId) =>
        page["items"]!.AsArray().FirstOrDefault(t => t!["id"].Str() == taskId);
}
