using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Tests.Workflows;

/// <summary>The sample definitions in <c>workflows/</c>, driven through their paths.</summary>
public sealed class SampleWorkflowScenarioTests : EngineTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Engine.PublishWorkflowFilesAsync();
    }

    [Fact]
    public async Task ProvinceFanOut_EveryProvinceReports_ParentFinishesAfterTheLast()
    {
        string[] provinces = ["beijing", "guangdong", "hubei", "xizang"];
        var parent = await Engine.Runtime.StartAsync(new StartWorkflowRequest(
            "province-fan-out",
            new JsonObject { ["provinces"] = new JsonArray([.. provinces.Select(p => (JsonNode)p)]) }));
        Assert.Equal(WorkflowStatus.Suspended, parent.Status);
        Assert.Equal(provinces.Length, parent.Bookmarks.Count);
        await WaitForChildrenAsync(provinces.Length);

        foreach (var province in provinces.SkipLast(1))
        {
            Assert.Single(await Engine.Runtime.RaiseEventAsync("province-report-submitted", "province-" + province, new JsonObject { ["progress"] = 50 }));
        }

        await Task.Delay(200);
        Assert.Equal(WorkflowStatus.Suspended, (await Engine.Runtime.GetAsync(parent.Id)).Status);
        Assert.Single(await Engine.Runtime.RaiseEventAsync("province-report-submitted", "province-xizang", new JsonObject { ["progress"] = 100 }));

        await Engine.WaitForStatusAsync(parent.Id, WorkflowStatus.Finished);
        Assert.Equal(["全部省份已报送：4 个"], await Engine.LinesAsync(parent.Id));
    }

    [Fact]
    public async Task ReportReminder_ReportArrivesInTime_DeadlineCancelled()
    {
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("report-reminder", new JsonObject { ["assignmentId"] = "A1" }));
        Assert.Equal("assignment-A1", instance.CorrelationId);

        await Engine.Runtime.RaiseEventAsync("progress-report-submitted", "assignment-A1", new JsonObject { ["progress"] = 40 });

        var finished = await Engine.Runtime.GetAsync(instance.Id);
        Assert.Equal(WorkflowStatus.Finished, finished.Status);
        Assert.Equal(["已收到进度报告：{\"progress\":40}"], await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public async Task ReportReminder_DeadlinePasses_WritesOverdueReminder()
    {
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("report-reminder", new JsonObject { ["assignmentId"] = "A2", ["reportWindow"] = "P3D" }));

        Engine.Time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));

        await Engine.WaitForStatusAsync(instance.Id, WorkflowStatus.Finished);
        Assert.Equal(["进度报告逾期，已提醒"], await Engine.LinesAsync(instance.Id));
        Assert.Empty(await Engine.Runtime.RaiseEventAsync("progress-report-submitted", "assignment-A2", null));
    }

    private async Task WaitForChildrenAsync(int count) =>
        await Eventually.TrueAsync(
            async () => (await Engine.Runtime.ListAsync(new InstanceQuery("province-report", WorkflowStatus.Suspended, null, 1, 50))).TotalCount == count,
            $"{count} suspended province reports",
            TimeSpan.FromSeconds(10));
}
