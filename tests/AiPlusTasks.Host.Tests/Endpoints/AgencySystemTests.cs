using System.Net;
using System.Net.Http.Json;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>
/// An agency system with an API key reports progress, completes tasks and raises events for its own agency's tasks,
/// and for nothing else: another agency's task or correlation id is a 404, people's actions and engine routes a 403.
/// </summary>
public sealed class AgencySystemTests : IClassFixture<HostFactory>, IAsyncLifetime
{
    private readonly HostFactory _factory;
    private readonly HttpClient _planner;
    private HttpClient _guangdong = null!;

    public AgencySystemTests(HostFactory factory)
    {
        _factory = factory;
        _planner = factory.CreateClientFor();
    }

    public async Task InitializeAsync()
    {
        var (key, _) = await _factory.CreateClientFor("guangdong.lead").CreateApiKeyAsync($"gd-{Guid.NewGuid():N}"[..20]);
        _guangdong = _factory.CreateClientWithKey(key);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ReportProgressAndCompleteTask_GuangdongKeyOnAGuangdongTask_AppliesBothAsTheSystem()
    {
        // Arrange
        var (instanceId, taskId) = await _planner.StartTaskForAsync("guangdong");

        // Act
        var reported = await _guangdong.PostKeyedAsync($"{HttpApi.Tasks}/{taskId}/progress-reports", ScenarioForms.Report(80), "report-80");
        var completed = await _guangdong.PostKeyedAsync($"{HttpApi.Tasks}/{taskId}/complete", new { outcome = "Submitted", data = new { progress = 80 } }, "complete-80");

        // Assert
        var report = (await reported.ExpectAsync(HttpStatusCode.OK))["reports"]!.AsArray().Single()!;
        Assert.StartsWith("system:gd-", report["reportedBy"].Str(), StringComparison.Ordinal);
        Assert.Equal(80, report["progressPercent"].Int());
        var task = await completed.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Completed", task["summary"]!["state"].Str());
        Assert.Equal(report["reportedBy"].Str(), task["completedBy"].Str());
        Assert.Equal(["Created", "ProgressReported", "Completed"], task["history"]!.AsArray().Select(h => h!["action"].Str()));
        Assert.Equal("Finished", (await _planner.GetJsonAsync($"{HttpApi.Instances}/{instanceId}"))["status"].Str());
        var journal = await _planner.JournalAsync(instanceId);
        Assert.Contains(journal, e => e!["message"]?.GetValue<string>() == $"progress 80 by {report["reportedBy"].Str()}");
    }

    [Fact]
    public async Task TaskActions_GuangdongKeyOnAHubeiTask_Return404AndChangeNothing()
    {
        // Arrange
        var (instanceId, taskId) = await _planner.StartTaskForAsync("hubei");

        // Act
        var read = await _guangdong.GetRawAsync($"{HttpApi.Tasks}/{taskId}");
        var reported = await _guangdong.PostKeyedAsync($"{HttpApi.Tasks}/{taskId}/progress-reports", ScenarioForms.Report(50), "hb-report");
        var completed = await _guangdong.PostKeyedAsync($"{HttpApi.Tasks}/{taskId}/complete", new { outcome = "Submitted", data = new { progress = 50 } }, "hb-complete");

        // Assert
        await read.ExpectAsync(HttpStatusCode.NotFound);
        await reported.ExpectAsync(HttpStatusCode.NotFound);
        await completed.ExpectAsync(HttpStatusCode.NotFound);
        Assert.Empty(await _planner.ReportsAsync(taskId));
        Assert.Equal("Suspended", (await _planner.GetJsonAsync($"{HttpApi.Instances}/{instanceId}"))["status"].Str());
    }

    [Fact]
    public async Task ListTasks_GuangdongKey_SeesOnlyGuangdongTasks()
    {
        // Arrange
        var (_, guangdongTask) = await _planner.StartTaskForAsync("guangdong");
        var (_, hubeiTask) = await _planner.StartTaskForAsync("hubei");

        // Act
        var tasks = (await _guangdong.GetJsonAsync($"{HttpApi.Tasks}?view=all&pageSize=200"))["items"]!.AsArray();

        // Assert
        Assert.Contains(tasks, t => t!["id"].Str() == guangdongTask);
        Assert.DoesNotContain(tasks, t => t!["id"].Str() == hubeiTask);
        Assert.All(tasks, t => Assert.Equal("guangdong", t!["agencyCode"].Str()));
    }

    [Fact]
    public async Task RaiseEvent_GuangdongKeyWithItsTasksCorrelationId_ResumesTheWaitingInstance()
    {
        // Arrange
        var correlationId = $"gd-{Guid.NewGuid():N}";
        await _planner.StartTaskForAsync("guangdong", correlationId);
        var waiting = await _planner.StartWaitForEventAsync(correlationId);

        // Act
        var response = await _guangdong.PostKeyedAsync("/api/events/report-approved", new { correlationId, payload = new { by = "gd-system" } }, "approve-1");

        // Assert
        var result = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([waiting], result["resumedInstanceIds"]!.AsArray().Select(i => i.Str()));
        Assert.Equal("Finished", (await _planner.GetJsonAsync($"{HttpApi.Instances}/{waiting}"))["status"].Str());
    }

    [Fact]
    public async Task RaiseEvent_GuangdongKeyWithAHubeiCorrelationId_Returns404LikeNothingWaitsAndLeavesItSuspended()
    {
        // Arrange
        var correlationId = $"hb-{Guid.NewGuid():N}";
        await _planner.StartTaskForAsync("hubei", correlationId);
        var waiting = await _planner.StartWaitForEventAsync(correlationId);

        // Act
        var response = await _guangdong.PostKeyedAsync("/api/events/report-approved", new { correlationId }, "approve-hubei");

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal($"no workflow instance waits for event 'report-approved' with correlation id '{correlationId}'", problem["detail"].Str());
        Assert.Equal("Suspended", (await _planner.GetJsonAsync($"{HttpApi.Instances}/{waiting}"))["status"].Str());
    }

    [Fact]
    public async Task RaiseEvent_AgencyStaffWithAHubeiCorrelationId_Returns404AndTheHubeiStaffMayRaiseIt()
    {
        // Arrange
        var correlationId = $"hb-{Guid.NewGuid():N}";
        await _planner.StartTaskForAsync("hubei", correlationId);
        var waiting = await _planner.StartWaitForEventAsync(correlationId);

        // Act
        var foreign = await _factory.CreateClientFor("guangdong.staff").PostAsJsonAsync("/api/events/report-approved", new { correlationId });
        var own = await _factory.CreateClientFor("hubei.staff").PostAsJsonAsync("/api/events/report-approved", new { correlationId });

        // Assert
        await foreign.ExpectAsync(HttpStatusCode.NotFound);
        var result = await own.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([waiting], result["resumedInstanceIds"]!.AsArray().Select(i => i.Str()));
    }

    [Fact]
    public async Task RaiseEvent_AgencyCallerWithoutCorrelationId_Returns400NamingCorrelationId()
    {
        // Arrange
        var correlationId = $"gd-{Guid.NewGuid():N}";
        await _planner.StartTaskForAsync("guangdong", correlationId);
        var waiting = await _planner.StartWaitForEventAsync(correlationId);

        // Act
        var system = await _guangdong.PostKeyedAsync("/api/events/report-approved", new { payload = new { by = "gd-system" } }, "approve-all");
        var lead = await _factory.CreateClientFor("guangdong.lead").PostAsJsonAsync("/api/events/report-approved", new { });

        // Assert
        Assert.Equal(["correlationId"], (await system.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        Assert.Equal(["correlationId"], (await lead.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        Assert.Equal("Suspended", (await _planner.GetJsonAsync($"{HttpApi.Instances}/{waiting}"))["status"].Str());
    }

    [Fact]
    public async Task RaiseEvent_Auditor_Returns403()
    {
        // Act
        var response = await _factory.CreateClientFor("ndrc.auditor").PostAsJsonAsync("/api/events/report-approved", new { correlationId = "any" });

        // Assert
        await response.ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("claim")]
    [InlineData("comments")]
    public async Task PeoplesTaskActions_GuangdongKey_Return403(string action)
    {
        // Arrange
        var (_, taskId) = await _planner.StartTaskForAsync("guangdong");

        // Act
        var response = await _guangdong.PostKeyedAsync($"{HttpApi.Tasks}/{taskId}/{action}", new { text = "from the system" }, $"{action}-1");

        // Assert
        await response.ExpectAsync(HttpStatusCode.Forbidden);
        var task = await _planner.GetJsonAsync($"{HttpApi.Tasks}/{taskId}");
        Assert.Equal(["Created"], task["history"]!.AsArray().Select(h => h!["action"].Str()));
    }

    [Fact]
    public async Task EngineRoutes_GuangdongKey_Return403()
    {
        // Act
        var list = await _guangdong.GetRawAsync(HttpApi.Instances);
        var start = await _guangdong.PostKeyedAsync(HttpApi.Instances, new { definitionId = "hello-world" }, "start-1");

        // Assert
        await list.ExpectAsync(HttpStatusCode.Forbidden);
        await start.ExpectAsync(HttpStatusCode.Forbidden);
    }
}
