using System.Net;
using System.Net.Http.Json;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>
/// <c>Idempotency-Key</c> on <c>/api</c> writes: a retry gets the first answer and changes nothing; the key with another
/// request is a 422; agency systems must send it; keys are per caller and last 24 hours.
/// </summary>
public sealed class IdempotencyKeyTests : IClassFixture<HostFactory>, IAsyncLifetime
{
    private readonly HostFactory _factory;
    private readonly HttpClient _planner;
    private readonly HttpClient _staff;
    private HttpClient _system = null!;

    public IdempotencyKeyTests(HostFactory factory)
    {
        _factory = factory;
        _planner = factory.CreateClientFor();
        _staff = factory.CreateClientFor("guangdong.staff");
    }

    public async Task InitializeAsync()
    {
        var (key, _) = await _factory.CreateClientFor("guangdong.lead").CreateApiKeyAsync($"gd-{Guid.NewGuid():N}"[..20]);
        _system = _factory.CreateClientWithKey(key);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task InboundRetry_SameIdempotencyKey_AppliesOnce()
    {
        // Arrange
        var (_, taskId) = await _planner.StartTaskForAsync("guangdong");
        var uri = $"{HttpApi.Tasks}/{taskId}/progress-reports";
        var idempotencyKey = $"report-{Guid.NewGuid():N}";

        // Act
        var first = await _system.PostKeyedAsync(uri, ScenarioForms.Report(40), idempotencyKey);
        var retry = await _system.PostKeyedAsync(uri, ScenarioForms.Report(40), idempotencyKey);

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(first.Headers.Contains(InboundApi.ReplayedHeader));
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(["true"], retry.Headers.GetValues(InboundApi.ReplayedHeader));
        Assert.Equal(first.Content.Headers.ContentType?.ToString(), retry.Content.Headers.ContentType?.ToString());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Single(await _planner.ReportsAsync(taskId));
        var history = (await _planner.GetJsonAsync($"{HttpApi.Tasks}/{taskId}"))["history"]!.AsArray();
        Assert.Single(history, h => h!["action"].Str() == "ProgressReported");
    }

    [Fact]
    public async Task CompleteTask_RetriedWithTheSameKey_ReplaysTheCompletionInsteadOf409AndResumesOnce()
    {
        // Arrange
        var (instanceId, taskId) = await _planner.StartTaskForAsync("guangdong");
        var uri = $"{HttpApi.Tasks}/{taskId}/complete";
        var body = new { outcome = "Submitted", data = new { progress = 100 } };

        // Act
        var first = await _system.PostKeyedAsync(uri, body, "complete-once");
        var retry = await _system.PostKeyedAsync(uri, body, "complete-once");
        var unkeyed = await _staff.PostAsJsonAsync(uri, body);

        // Assert
        var completed = await first.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(completed.ToJsonString(), (await retry.ExpectAsync(HttpStatusCode.OK)).ToJsonString());
        Assert.Equal(["true"], retry.Headers.GetValues(InboundApi.ReplayedHeader));
        await unkeyed.ExpectAsync(HttpStatusCode.Conflict);
        var journal = await _planner.JournalAsync(instanceId);
        Assert.Single(journal, e => e!["activityId"].Str() == "submitted1");
    }

    [Fact]
    public async Task SameKey_DifferentBody_Returns422ProblemDetailsAndAppliesNothingMore()
    {
        // Arrange
        var (_, taskId) = await _planner.StartTaskForAsync("guangdong");
        var uri = $"{HttpApi.Tasks}/{taskId}/progress-reports";
        await (await _system.PostKeyedAsync(uri, ScenarioForms.Report(40), "report-q1")).ExpectAsync(HttpStatusCode.OK);

        // Act
        var response = await _system.PostKeyedAsync(uri, ScenarioForms.Report(55), "report-q1");

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("another request", problem["detail"].Str(), StringComparison.Ordinal);
        var report = Assert.Single(await _planner.ReportsAsync(taskId));
        Assert.Equal(40, report!["progressPercent"].Int());
    }

    [Fact]
    public async Task SameKey_DifferentPath_Returns422()
    {
        // Arrange
        var (_, firstTask) = await _planner.StartTaskForAsync("guangdong");
        var (_, secondTask) = await _planner.StartTaskForAsync("guangdong");
        await (await _system.PostKeyedAsync($"{HttpApi.Tasks}/{firstTask}/progress-reports", ScenarioForms.Report(40), "report-shared")).ExpectAsync(HttpStatusCode.OK);

        // Act
        var response = await _system.PostKeyedAsync($"{HttpApi.Tasks}/{secondTask}/progress-reports", ScenarioForms.Report(40), "report-shared");

        // Assert
        await response.ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Empty(await _planner.ReportsAsync(secondTask));
    }

    [Fact]
    public async Task ApiKeyWrite_WithoutIdempotencyKey_Returns400NamingTheHeaderAndAppliesNothing()
    {
        // Arrange
        var (_, taskId) = await _planner.StartTaskForAsync("guangdong");

        // Act
        var response = await _system.PostKeyedAsync($"{HttpApi.Tasks}/{taskId}/progress-reports", ScenarioForms.Report(40), null);

        // Assert
        Assert.Equal([InboundApi.IdempotencyKeyHeader], (await response.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        Assert.Empty(await _planner.ReportsAsync(taskId));
    }

    [Fact]
    public async Task UserWrite_WithoutIdempotencyKey_RunsEveryTime()
    {
        // Arrange
        var (_, taskId) = await _planner.StartTaskForAsync("guangdong");
        var uri = $"{HttpApi.Tasks}/{taskId}/progress-reports";

        // Act
        await (await _staff.PostAsJsonAsync(uri, ScenarioForms.Report(40))).ExpectAsync(HttpStatusCode.OK);
        await (await _staff.PostAsJsonAsync(uri, ScenarioForms.Report(40))).ExpectAsync(HttpStatusCode.OK);

        // Assert
        Assert.Equal(2, (await _planner.ReportsAsync(taskId)).Count);
    }

    // An empty value is not in the list: HttpClient does not send an empty header, so the server sees no key at all.
    [Theory]
    [InlineData("   ")]
    [InlineData("schlüssel")]
    [InlineData("tab\tinside")]
    public async Task AnyWrite_MalformedIdempotencyKey_Returns400NamingTheHeader(string idempotencyKey)
    {
        // Arrange
        var (_, taskId) = await _planner.StartTaskForAsync("guangdong");

        // Act
        var response = await _staff.PostKeyedAsync($"{HttpApi.Tasks}/{taskId}/progress-reports", ScenarioForms.Report(40), idempotencyKey);

        // Assert
        Assert.Equal([InboundApi.IdempotencyKeyHeader], (await response.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        Assert.Empty(await _planner.ReportsAsync(taskId));
    }

    [Fact]
    public async Task AnyWrite_IdempotencyKeyOf256Characters_Returns400AndOf255IsAccepted()
    {
        // Arrange
        var (_, taskId) = await _planner.StartTaskForAsync("guangdong");
        var uri = $"{HttpApi.Tasks}/{taskId}/progress-reports";

        // Act
        var tooLong = await _staff.PostKeyedAsync(uri, ScenarioForms.Report(40), new string('k', 256));
        var longest = await _staff.PostKeyedAsync(uri, ScenarioForms.Report(40), new string('k', 255));

        // Assert
        Assert.Equal([InboundApi.IdempotencyKeyHeader], (await tooLong.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        await longest.ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ClientError_RetriedWithTheSameKey_ReplaysTheStored400()
    {
        // Arrange
        var (_, taskId) = await _planner.StartTaskForAsync("guangdong");
        var uri = $"{HttpApi.Tasks}/{taskId}/progress-reports";
        var invalid = new { progressPercent = 150, confidence = 5 };

        // Act
        var first = await _system.PostKeyedAsync(uri, invalid, "invalid-report");
        var retry = await _system.PostKeyedAsync(uri, invalid, "invalid-report");

        // Assert
        Assert.Equal(["progressPercent"], (await first.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        Assert.False(first.Headers.Contains(InboundApi.ReplayedHeader));
        Assert.Equal(["progressPercent"], (await retry.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        Assert.Equal(["true"], retry.Headers.GetValues(InboundApi.ReplayedHeader));
        Assert.Equal("application/problem+json", retry.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SameKey_FiveRequestsAtOnce_AppliesOnceAndTheOthersReplayOrGet409()
    {
        // Arrange
        var (_, taskId) = await _planner.StartTaskForAsync("guangdong");
        var uri = $"{HttpApi.Tasks}/{taskId}/progress-reports";

        // Act
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _system.PostKeyedAsync(uri, ScenarioForms.Report(40), "burst")));

        // Assert
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK && !r.Headers.Contains(InboundApi.ReplayedHeader));
        Assert.Single(await _planner.ReportsAsync(taskId));
    }

    [Fact]
    public async Task SameKey_TwoCallers_EachRequestRuns()
    {
        // Arrange: the key is scoped to the caller, so one caller's key never answers another's request.
        var (_, taskId) = await _planner.StartTaskForAsync("guangdong");
        var uri = $"{HttpApi.Tasks}/{taskId}/progress-reports";

        // Act
        var staff = await _staff.PostKeyedAsync(uri, ScenarioForms.Report(40), "q4-report");
        var lead = await _factory.CreateClientFor("guangdong.lead").PostKeyedAsync(uri, ScenarioForms.Report(40), "q4-report");

        // Assert
        await staff.ExpectAsync(HttpStatusCode.OK);
        await lead.ExpectAsync(HttpStatusCode.OK);
        Assert.False(lead.Headers.Contains(InboundApi.ReplayedHeader));
        Assert.Equal(["guangdong.staff", "guangdong.lead"], (await _planner.ReportsAsync(taskId)).Select(r => r!["reportedBy"].Str()));
    }

    [Fact]
    public async Task SameKey_After24Hours_RunsAgain()
    {
        // Arrange
        var (_, taskId) = await _planner.StartTaskForAsync("guangdong");
        var uri = $"{HttpApi.Tasks}/{taskId}/progress-reports";
        await (await _system.PostKeyedAsync(uri, ScenarioForms.Report(40), "daily")).ExpectAsync(HttpStatusCode.OK);
        _factory.Time.Advance(TimeSpan.FromHours(23));
        var withinTheDay = await _system.PostKeyedAsync(uri, ScenarioForms.Report(40), "daily");

        // Act
        _factory.Time.Advance(TimeSpan.FromHours(1));
        var nextDay = await _system.PostKeyedAsync(uri, ScenarioForms.Report(40), "daily");

        // Assert
        Assert.Equal(["true"], withinTheDay.Headers.GetValues(InboundApi.ReplayedHeader));
        await nextDay.ExpectAsync(HttpStatusCode.OK);
        Assert.False(nextDay.Headers.Contains(InboundApi.ReplayedHeader));
        Assert.Equal(2, (await _planner.ReportsAsync(taskId)).Count);
    }
}
