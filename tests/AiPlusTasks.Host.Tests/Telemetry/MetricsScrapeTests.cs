using System.Net;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests.Telemetry;

/// <summary>
/// The Prometheus scrape route after real workflow runs: the engine's counters moved and the workload gauges report
/// tasks per colour (docs/decisions/035). Counters are per process and other test hosts run beside this one, so the
/// assertions are "moved by at least what this test did".
/// </summary>
public sealed class MetricsScrapeTests(MetricsScrapeTests.Factory factory) : IClassFixture<MetricsScrapeTests.Factory>
{
    [Fact]
    public async Task Metrics_AfterAWorkflowRun_CountersMovedAndTaskGaugesReport()
    {
        // Arrange
        var anonymous = factory.CreateClient();
        var planner = factory.CreateClientFor();
        var staff = factory.CreateClientFor("guangdong.staff");
        var before = await PrometheusScrape.FetchAsync(anonymous);

        // Act: an instance that waits for a task, the task completed (the instance finishes), and one more left open.
        var (_, taskId) = await planner.StartHumanTaskAsync();
        await staff.CompleteTaskAsync(taskId, "Submitted", new JsonObject { ["progress"] = 40 });
        await planner.StartHumanTaskAsync();
        PrometheusScrape? after = null;
        await Eventually.TrueAsync(
            async () =>
            {
                after = await PrometheusScrape.FetchAsync(anonymous);
                return after.Sum("aiplustasks_tasks_open") >= 1 && after.Sum("aiplustasks_instances_finished_total") >= before.Sum("aiplustasks_instances_finished_total") + 1;
            },
            () => $"the scrape to show an open task and a finished instance; last scrape:\n{after?.Text}");

        // Assert
        Assert.True(after!.Sum("aiplustasks_instances_started_total", "definition=\"") >= before.Sum("aiplustasks_instances_started_total") + 2, after.Text);
        Assert.True(after.Sum("aiplustasks_bursts_total", "outcome=\"committed\"") >= before.Sum("aiplustasks_bursts_total", "outcome=\"committed\"") + 3, after.Text);
        Assert.True(after.Sum("aiplustasks_burst_duration_seconds_count") >= before.Sum("aiplustasks_burst_duration_seconds_count") + 3, after.Text);
        Assert.True(after.Sum("aiplustasks_burst_commit_batch_size_count") >= before.Sum("aiplustasks_burst_commit_batch_size_count") + 1, after.Text);
        Assert.Equal(
            ["blue", "green", "red", "yellow"],
            after.Samples("aiplustasks_tasks_open").Select(s => s.Labels.Split("colour=\"")[1].Split('"')[0]).Distinct().Order(StringComparer.Ordinal));
        Assert.NotEmpty(after.Samples("aiplustasks_tasks_overdue"));
        Assert.Single(after.Samples("aiplustasks_work_queue_depth"));
        Assert.Single(after.Samples("aiplustasks_work_queue_oldest_age_seconds"));
        Assert.DoesNotContain("guangdong", after.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_WhenPrometheusIsOff_Is404()
    {
        // Arrange
        await using var off = new PrometheusOffFactory();

        // Act
        using var response = await off.CreateClient().GetAsync(new Uri("/metrics", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>The Host with the workload gauges sampled every 200 ms, so a test need not wait 30 s for them.</summary>
    public class Factory : HostFactory
    {
        protected virtual bool Prometheus => true;

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Engine:WorkloadSampleInterval"] = "00:00:00.200",
            ["Telemetry:Prometheus"] = Prometheus ? "true" : "false",
        };
    }

    private sealed class PrometheusOffFactory : Factory
    {
        protected override bool Prometheus => false;
    }
}
