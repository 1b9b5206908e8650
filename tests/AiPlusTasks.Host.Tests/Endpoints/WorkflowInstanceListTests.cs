using System.Net;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary><c>GET /api/workflow-instances</c>, on a database of its own so counts are exact.</summary>
public sealed class WorkflowInstanceListTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _client = factory.CreateClientFor();

    [Fact]
    public async Task ListInstances_ByDefinitionAndStatus_PagesOnlyMatchingInstances()
    {
        // Arrange: three finished hello-world instances, and one suspended instance of another definition.
        List<string> finished = [];
        for (var i = 0; i < 3; i++)
        {
            finished.Add((await _client.StartAsync("hello-world"))["id"].Str());
        }

        var waiting = await _client.ImportAndPublishAsync("wait-for-event.json");
        await _client.StartAsync(waiting, correlationId: "list-1");

        // Act
        var first = await _client.GetJsonAsync($"{HttpApi.Instances}?definitionId=hello-world&status=Finished&pageSize=2");
        var second = await _client.GetJsonAsync($"{HttpApi.Instances}?definitionId=hello-world&status=Finished&pageSize=2&page=2");

        // Assert
        Assert.Equal(3, first["totalCount"].Int());
        Assert.Equal(2, first["items"]!.AsArray().Count);
        Assert.Single(second["items"]!.AsArray());
        var listed = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).ToList();
        Assert.Equal(finished.Order(StringComparer.Ordinal), listed.Select(i => i!["id"].Str()).Order(StringComparer.Ordinal));
        Assert.All(listed, i => Assert.Equal("Finished", i!["status"].Str()));
    }

    [Fact]
    public async Task ListInstances_ByStatus_FiltersOnStatus()
    {
        // Arrange
        var waiting = await _client.ImportAndPublishAsync("wait-for-event.json");
        var suspended = await _client.StartAsync(waiting, correlationId: "list-2");

        // Act
        var suspendedPage = await _client.GetJsonAsync($"{HttpApi.Instances}?definitionId={waiting}&status=Suspended");
        var finishedPage = await _client.GetJsonAsync($"{HttpApi.Instances}?definitionId={waiting}&status=Finished");

        // Assert
        var item = Assert.Single(suspendedPage["items"]!.AsArray());
        Assert.Equal(suspended["id"].Str(), item!["id"].Str());
        Assert.Equal(0, finishedPage["totalCount"].Int());
    }

    [Fact]
    public async Task ListInstances_InvalidStatus_Returns400()
    {
        // Act
        var response = await _client.GetAsync(new Uri($"{HttpApi.Instances}?status=Sleeping", UriKind.Relative));

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("status", problem.ErrorText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListInstances_ByVersionAndText_FindsTheKeyTaskWithItsTitleAndWhoStartedIt()
    {
        // Arrange: two national key tasks; only one is called what the planner searches for.
        var wanted = await StartKeyTaskAsync("人工智能+医疗 影像辅助诊断试点", ["most"], ["guangdong"]);
        await StartKeyTaskAsync("人工智能+交通 车路协同", ["most"], ["hubei"]);

        // Act
        var byTitle = await _client.GetJsonAsync($"{HttpApi.Instances}?definitionId=national-key-task&version=1&q={Uri.EscapeDataString("影像辅助诊断")}");
        var otherVersion = await _client.GetJsonAsync($"{HttpApi.Instances}?definitionId=national-key-task&version=99");
        var badVersion = await _client.GetAsync(new Uri($"{HttpApi.Instances}?version=0", UriKind.Relative));

        // Assert
        var item = Assert.Single(byTitle["items"]!.AsArray())!;
        Assert.Equal((wanted, "人工智能+医疗 影像辅助诊断试点", "ndrc.planner", 1), (item["id"].Str(), item["title"].Str(), item["startedBy"].Str(), item["definitionVersion"].Int()));
        Assert.Equal(0, otherVersion["totalCount"].Int());
        Assert.Equal(["version"], (await badVersion.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
    }

    [Fact]
    public async Task GetChildren_KeyTaskFannedOut_NamesEachChildsAgencyWithItsTaskAndLatestReport()
    {
        // Arrange: MIIT leads with MOST; the work goes to guangdong and hubei once MIIT has refined it; guangdong reports 40%.
        const string Title = "人工智能+制造 中试基地建设";
        var parent = await StartKeyTaskAsync(Title, ["most"], ["guangdong", "hubei"]);
        await CompleteOwnTaskAsync("most.staff", Title, "contribution", new JsonObject { ["measures"] = "科技部承担部分" });
        await CompleteOwnTaskAsync("miit.staff", Title, "task", new JsonObject { ["measures"] = "以中试基地为抓手" });
        JsonArray children = [];
        await Eventually.TrueAsync(
            async () => (children = (await _client.GetJsonAsync($"{HttpApi.Instances}/{parent}/children")).AsArray()).Count == 3,
            "three children: MOST's ministry task and two provinces");
        await CompleteOwnTaskAsync("guangdong.staff", Title, "task", new JsonObject { ["measures"] = "广州、深圳先行" });
        var guangdong = factory.CreateClientFor("guangdong.staff");
        var report = await OpenTaskOfKindAsync(guangdong, Title, "report");
        await (await guangdong.TaskActionAsync(report, "progress-reports", new { done = "完成 2 个试点", progressPercent = 40, selfColour = "Green", confidence = 7 }))
            .ExpectAsync(HttpStatusCode.OK);

        // Act
        children = (await _client.GetJsonAsync($"{HttpApi.Instances}/{parent}/children")).AsArray();

        // Assert
        var byAgency = children.ToDictionary(c => c!["agency"].Str());
        Assert.Equal(["guangdong", "hubei", "most"], byAgency.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("province-task", 40), (byAgency["guangdong"]!["definitionId"].Str(), byAgency["guangdong"]!["progressPercent"].Int()));
        Assert.Equal(("province-task", "Open", null), (byAgency["hubei"]!["definitionId"].Str(), byAgency["hubei"]!["taskState"].Str(), byAgency["hubei"]!["progressPercent"]));
        Assert.Equal("ministry-task", byAgency["most"]!["definitionId"].Str());
        Assert.All(children, c => Assert.Equal("Suspended", c!["status"].Str()));
        await (await _client.GetRawAsync($"{HttpApi.Instances}/missing/children")).ExpectAsync(HttpStatusCode.NotFound);
        await (await factory.CreateClientFor("guangdong.staff").GetRawAsync($"{HttpApi.Instances}/{parent}/children")).ExpectAsync(HttpStatusCode.Forbidden);
    }

    private async Task<string> StartKeyTaskAsync(string title, string[] coAgencies, string[] provinces) =>
        (await _client.StartAsync("national-key-task", input: new JsonObject
        {
            ["title"] = title,
            ["pillar"] = "action.industry.manufacturing",
            ["leadAgency"] = "miit",
            ["coAgencies"] = new JsonArray([.. coAgencies.Select(a => (JsonNode?)a)]),
            ["provinces"] = new JsonArray([.. provinces.Select(a => (JsonNode?)a)]),
            ["dueAt"] = "2027-06-30T16:00:00Z",
            ["planId"] = "ai-plus-2025-2027",
        }))["id"].Str();

    /// <summary>The user claims and completes its agency's open task of a kind (refine: <c>task</c>, a co-unit's part: <c>contribution</c>) in the key task found by its title.</summary>
    private async Task CompleteOwnTaskAsync(string username, string title, string kind, JsonObject data)
    {
        var client = factory.CreateClientFor(username);
        var task = await OpenTaskOfKindAsync(client, title, kind);
        await (await client.TaskActionAsync(task, "claim")).ExpectAsync(HttpStatusCode.OK);
        await client.CompleteTaskAsync(task, "Submitted", data);
    }

    private static async Task<string> OpenTaskOfKindAsync(HttpClient client, string title, string kind)
    {
        string? found = null;
        await Eventually.TrueAsync(
            async () => (found = (await client.GetJsonAsync($"{HttpApi.Tasks}?view=open&q={Uri.EscapeDataString(title)}"))["items"]!.AsArray()
                .FirstOrDefault(t => t!["kind"].Str() == kind)?["id"].Str()) is not null,
            $"an open {kind} task of {title}");
        return found!;
    }
}
