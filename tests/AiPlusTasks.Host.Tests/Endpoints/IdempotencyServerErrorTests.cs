using System.Net;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>A write that fails with a server error is not remembered under its <c>Idempotency-Key</c>: the retry runs.</summary>
public sealed class IdempotencyServerErrorTests(FailingSaveHostFactory factory) : IClassFixture<FailingSaveHostFactory>
{
    [Fact]
    public async Task ServerError_RetriedWithTheSameKey_RunsAgainAndAppliesOnce()
    {
        // Arrange
        var planner = factory.CreateClientFor();
        var (key, _) = await factory.CreateClientFor("guangdong.lead").CreateApiKeyAsync("gd-flaky-network");
        var system = factory.CreateClientWithKey(key);
        var (_, taskId) = await planner.StartTaskForAsync("guangdong");
        var uri = $"{HttpApi.Tasks}/{taskId}/progress-reports";
        factory.FailNextProgressReport();

        // Act
        var failed = await system.PostKeyedAsync(uri, ScenarioForms.Report(70), "report-70");
        var retry = await system.PostKeyedAsync(uri, ScenarioForms.Report(70), "report-70");
        var again = await system.PostKeyedAsync(uri, ScenarioForms.Report(70), "report-70");

        // Assert
        var problem = await failed.ExpectAsync(HttpStatusCode.InternalServerError);
        Assert.Equal(500, problem["status"].Int());
        await retry.ExpectAsync(HttpStatusCode.OK);
        Assert.False(retry.Headers.Contains(InboundApi.ReplayedHeader));
        Assert.Equal(["true"], again.Headers.GetValues(InboundApi.ReplayedHeader));
        var report = Assert.Single(await planner.ReportsAsync(taskId));
        Assert.Equal(70, report!["progressPercent"].Int());
    }
}
