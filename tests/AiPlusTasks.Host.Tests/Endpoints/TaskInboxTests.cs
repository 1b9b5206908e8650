using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary><c>GET /api/tasks</c>, <c>/api/tasks/counts</c> and <c>/api/tasks/{id}</c>: who sees which task, and the query rules.</summary>
public sealed class TaskInboxTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private static readonly string[] ViewNames = ["open", "mine", "unclaimed", "due-soon", "overdue", "returned", "escalated", "completed", "all"];

    private readonly HttpClient _planner = factory.CreateClientFor();
    private readonly HttpClient _guangdong = factory.CreateClientFor("guangdong.staff");
    private readonly HttpClient _hubei = factory.CreateClientFor("hubei.staff");

    [Fact]
    public async Task ListTasks_AssignedAgencyStaff_ListsTheOpenTaskWithTitleColourAndDueTime()
    {
        // Arrange
        var before = factory.Time.GetUtcNow();
        var (_, taskId) = await _planner.StartHumanTaskAsync();
        var after = factory.Time.GetUtcNow();

        // Act
        var page = await _guangdong.GetJsonAsync($"{HttpApi.Tasks}?pageSize=200");

        // Assert
        var task = Find(page, taskId);
        Assert.NotNull(task);
        Assert.Equal("进度报告 Progress report", task["title"].Str());
        Assert.Equal("Open", task["state"].Str());
        Assert.Equal("Green", task["colour"].Str());
        Assert.Equal("guangdong", task["agencyCode"].Str());
        Assert.Equal("action.industry", task["pillar"].Str());
        var due = DateTimeOffset.Parse(task["dueAt"].Str(), CultureInfo.InvariantCulture);
        Assert.InRange(due, before.AddDays(10).AddSeconds(-1), after.AddDays(10).AddSeconds(1));
    }

    [Fact]
    public async Task GetTask_AssignedAgencyStaff_ReturnsOutcomesSchemaAndCreatedHistory()
    {
        // Arrange
        var (instanceId, taskId) = await _planner.StartHumanTaskAsync();

        // Act
        var task = await _guangdong.GetJsonAsync($"{HttpApi.Tasks}/{taskId}");

        // Assert
        Assert.Equal(taskId, task["summary"]!["id"].Str());
        Assert.Equal(instanceId, task["instanceId"].Str());
        Assert.Equal("report1", task["activityId"].Str());
        Assert.Equal(["Submitted", "Withdrawn"], task["outcomes"]!.AsArray().Select(o => o.Str()));
        var schema = task["schema"]!;
        Assert.Equal("object", schema["type"].Str());
        Assert.Equal(["progress"], schema["required"]!.AsArray().Select(r => r.Str()));
        Assert.Equal("integer", schema["properties"]!["progress"]!["type"].Str());
        Assert.Equal(100, schema["properties"]!["progress"]!["maximum"].Int());
        Assert.Equal(["Created"], task["history"]!.AsArray().Select(h => h!["action"].Str()));
    }

    [Fact]
    public async Task ListTasks_OtherAgencyStaff_DoesNotListTheTask()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();

        // Act
        var page = await _hubei.GetJsonAsync($"{HttpApi.Tasks}?view=all&pageSize=200");

        // Assert
        Assert.Null(Find(page, taskId));
        Assert.All(page["items"]!.AsArray(), t => Assert.Equal("hubei", t!["agencyCode"].Str()));
    }

    [Fact]
    public async Task GetTask_OtherAgencyStaff_Returns404()
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();

        // Act
        var response = await _hubei.GetRawAsync($"{HttpApi.Tasks}/{taskId}");

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.NotFound);
        Assert.Contains(taskId, problem["detail"].Str(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTask_UnknownId_Returns404()
    {
        // Act
        var response = await _guangdong.GetRawAsync($"{HttpApi.Tasks}/no-such-task");

        // Assert
        await response.ExpectAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("guangdong", true)]
    [InlineData("hubei", false)]
    public async Task ListTasks_NdrcPlannerFilteringByAgency_ListsOnlyThatAgencysTasks(string agency, bool listed)
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();

        // Act
        var page = await _planner.GetJsonAsync($"{HttpApi.Tasks}?agency={agency}&pageSize=200");

        // Assert
        Assert.Equal(listed, Find(page, taskId) is not null);
        Assert.All(page["items"]!.AsArray(), t => Assert.Equal(agency, t!["agencyCode"].Str()));
    }

    [Fact]
    public async Task CountTasks_NewOpenTask_AddsOneToOpenUnclaimedAndAllOnlyForItsAgency()
    {
        // Arrange
        var guangdongBefore = await _guangdong.GetJsonAsync($"{HttpApi.Tasks}/counts");
        var hubeiBefore = await _hubei.GetJsonAsync($"{HttpApi.Tasks}/counts");
        await _planner.StartHumanTaskAsync();

        // Act
        var guangdongAfter = await _guangdong.GetJsonAsync($"{HttpApi.Tasks}/counts");
        var hubeiAfter = await _hubei.GetJsonAsync($"{HttpApi.Tasks}/counts");

        // Assert
        Assert.Equal(ViewNames.Order(StringComparer.Ordinal), guangdongAfter.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        var added = ViewNames.ToDictionary(v => v, v => guangdongAfter[v].Int() - guangdongBefore[v].Int());
        Assert.Equal(
            new Dictionary<string, int> { ["open"] = 1, ["mine"] = 0, ["unclaimed"] = 1, ["due-soon"] = 0, ["overdue"] = 0, ["returned"] = 0, ["escalated"] = 0, ["completed"] = 0, ["all"] = 1 },
            added);
        Assert.All(ViewNames, v => Assert.Equal(hubeiBefore[v].Int(), hubeiAfter[v].Int()));
    }

    [Fact]
    public async Task ListTasks_TextQuery_ListsOnlyTasksWhoseTitleMatches()
    {
        // Arrange
        var marker = $"marker-{Guid.NewGuid():N}";
        var (_, matching) = await _planner.StartHumanTaskAsync(title: $"季度报告 {marker}");
        var (_, other) = await _planner.StartHumanTaskAsync();

        // Act
        var page = await _guangdong.GetJsonAsync($"{HttpApi.Tasks}?q={marker}");

        // Assert
        Assert.Equal(1, page["totalCount"].Int());
        Assert.NotNull(Find(page, matching));
        Assert.Null(Find(page, other));
    }

    [Theory]
    [InlineData("action", true)]
    [InlineData("action.industry", true)]
    [InlineData("support.data", false)]
    public async Task ListTasks_PillarFilter_MatchesThePillarAndItsItems(string pillar, bool listed)
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();

        // Act
        var page = await _guangdong.GetJsonAsync($"{HttpApi.Tasks}?pillar={pillar}&pageSize=200");

        // Assert
        Assert.Equal(listed, Find(page, taskId) is not null);
    }

    [Theory]
    [InlineData(-1, "+00:00", false)]
    [InlineData(1, "+00:00", true)]
    [InlineData(-1, "+08:00", false)]
    [InlineData(1, "+08:00", true)]
    public async Task ListTasks_DueToAroundTheDueTime_ListsTheTaskOnlyWhenDueBeforeIt(int hours, string offset, bool listed)
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync();
        var due = DateTimeOffset.Parse((await _guangdong.GetJsonAsync($"{HttpApi.Tasks}/{taskId}"))["summary"]!["dueAt"].Str(), CultureInfo.InvariantCulture);
        var dueTo = due.AddHours(hours).ToOffset(TimeSpan.Parse(offset.TrimStart('+'), CultureInfo.InvariantCulture));

        // Act
        var page = await _guangdong.GetJsonAsync($"{HttpApi.Tasks}?pageSize=200&dueTo={Uri.EscapeDataString(dueTo.ToString("O", CultureInfo.InvariantCulture))}");

        // Assert
        Assert.Equal(listed, Find(page, taskId) is not null);
    }

    [Fact]
    public async Task GetTask_TitleWithScriptTag_RoundTripsAsPlainText()
    {
        // Arrange
        const string title = "<script>alert(1)</script> & \"引号\"";
        var (_, taskId) = await _planner.StartHumanTaskAsync(title);

        // Act
        var response = await _guangdong.GetRawAsync($"{HttpApi.Tasks}/{taskId}");
        var list = await _guangdong.GetJsonAsync($"{HttpApi.Tasks}?pageSize=200");

        // Assert
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("&lt;", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;", raw, StringComparison.Ordinal);
        Assert.Equal(title, JsonNode.Parse(raw)!["summary"]!["title"].Str());
        Assert.Equal(title, Find(list, taskId)!["title"].Str());
    }

    [Theory]
    [InlineData("view=nope", new[] { "view" })]
    [InlineData("sort=nope", new[] { "sort" })]
    [InlineData("view=nope&sort=nope", new[] { "sort", "view" })]
    [InlineData("pageSize=500", new[] { "pageSize" })]
    [InlineData("pageSize=0", new[] { "pageSize" })]
    [InlineData("page=0", new[] { "page" })]
    [InlineData("page=x", new[] { "page" })]
    [InlineData("view=nope&pageSize=500", new[] { "pageSize", "view" })]
    public async Task ListTasks_InvalidQuery_Returns400NamingTheParameters(string query, string[] fields)
    {
        // Act
        var response = await _guangdong.GetRawAsync($"{HttpApi.Tasks}?{query}");

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(fields, problem.ErrorKeys().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("due", new[] { "earlier", "later" })]
    [InlineData("priority", new[] { "later", "earlier" })]
    public async Task ListTasks_Sort_OrdersByDueTimeOrByPriority(string sort, string[] expected)
    {
        // Arrange: "earlier" is due first but has the lower priority (5); "later" is due after it with priority 1
        var (_, earlier) = await _planner.StartHumanTaskAsync(priority: 5);
        factory.Time.Advance(TimeSpan.FromMinutes(1));
        var (_, later) = await _planner.StartHumanTaskAsync(priority: 1);
        var names = new Dictionary<string, string> { [earlier] = "earlier", [later] = "later" };

        // Act
        var page = await _guangdong.GetJsonAsync($"{HttpApi.Tasks}?sort={sort}&pageSize=200");

        // Assert
        var order = page["items"]!.AsArray().Select(t => t!["id"].Str()).Where(names.ContainsKey).Select(id => names[id]);
        Assert.Equal(expected, order);
    }

    [Theory]
    [InlineData("Double")]
    [InlineData("Int32")]
    public async Task ListTasks_PriorityLiteralOfNumericType_ListsTheTaskWithThatPriority(string typeName)
    {
        // Arrange
        var (_, taskId) = await _planner.StartHumanTaskAsync(priority: 1, priorityType: typeName);

        // Act
        var page = await _guangdong.GetJsonAsync($"{HttpApi.Tasks}?pageSize=200");

        // Assert
        Assert.Equal(1, Find(page, taskId)!["priority"].Int());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public async Task ListTasks_PageByPage_AddsUpToTheWholeInboxAndEveryPageHasItsTotal(int pageSize)
    {
        // Arrange: the whole inbox in one page is the reference
        for (var i = 0; i < 3; i++)
        {
            await _planner.StartHumanTaskAsync(priority: i);
            factory.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var whole = await _guangdong.GetJsonAsync($"{HttpApi.Tasks}?pageSize=200");
        var total = whole["totalCount"].Int();
        var expected = whole["items"]!.AsArray().Select(t => t!["id"].Str()).ToList();

        // Act: every page, and one past the end
        var pages = new List<JsonNode>();
        for (var page = 1; page <= ((total + pageSize - 1) / pageSize) + 1; page++)
        {
            pages.Add(await _guangdong.GetJsonAsync($"{HttpApi.Tasks}?pageSize={pageSize}&page={page}"));
        }

        // Assert
        Assert.InRange(total, 3, 200);
        Assert.Equal(total, expected.Count);
        Assert.All(pages, p => Assert.Equal(total, p["totalCount"].Int()));
        Assert.Equal(expected, pages.SelectMany(p => p["items"]!.AsArray().Select(t => t!["id"].Str())));
        Assert.Empty(pages[^1]["items"]!.AsArray());
    }

    private static JsonNode? Find(JsonNode page, string taskId) =>
        page["items"]!.AsArray().SingleOrDefault(t => t!["id"].Str() == taskId);
}
