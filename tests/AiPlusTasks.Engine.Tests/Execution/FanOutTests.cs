using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Workflows.Execution;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Engine.Tests.Execution;

public sealed class FanOutTests : EngineTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Engine.PublishAsync(Definition("agency-part", [Event("wait", "part-done"), A("fail", "Elsa.FlowDecision", ("condition", Js("getLastResult() && getLastResult().fail === true", "Boolean"))), A("boom", "Elsa.Fault", ("message", Lit("agency failed")))], ["wait->fail", "fail:True->boom"]));
    }

    private async Task<InstanceView> StartAsync(string completion, string share = "1")
    {
        await Engine.PublishAsync(Definition(
            "fan-" + completion,
            [
                A("fan", "AiPlus.FanOut", ("agencies", Lit("beijing,guangdong,hubei,xizang")), ("workflowDefinitionId", Lit("agency-part")), ("completion", Lit(completion)), ("share", Lit(share, "Double")), ("rollupVariable", Lit("Rollup"))),
                WriteLineJs("done", "'finished ' + getOutputFrom('fan').finished + '/' + getOutputFrom('fan').total"),
            ],
            ["fan->done"],
            ("Rollup", "Object", null)));
        var parent = await Engine.Runtime.StartAsync(new StartWorkflowRequest("fan-" + completion, CorrelationId: "fan-" + completion));
        await Eventually.TrueAsync(async () => (await Engine.Runtime.ListAsync(new InstanceQuery("agency-part", WorkflowStatus.Suspended, null, 1, 50))).TotalCount >= 4, "4 waiting agency parts");
        return parent;
    }

    private async Task FinishAsync(string completion, string agency, bool fail = false) =>
        Assert.Single(await Engine.Runtime.RaiseEventAsync("part-done", $"fan-{completion}:{agency}", new JsonObject { ["fail"] = fail }));

    [Fact]
    public async Task Any_FirstAgencyFinishes_ParentContinuesWithRollup()
    {
        var parent = await StartAsync("any");

        await FinishAsync("any", "hubei");

        var finished = await Engine.WaitForStatusAsync(parent.Id, WorkflowStatus.Finished);
        Assert.Equal(["finished 1/4"], await Engine.LinesAsync(parent.Id));
        Assert.Equal(25, finished.Variables["Rollup"]!["percent"]!.GetValue<double>());
        Assert.Equal("Finished", finished.Variables["Rollup"]!["agencies"]!["hubei"]!.GetValue<string>());
    }

    [Fact]
    public async Task Share_HalfOfFourAgencies_ParentWaitsForTheSecond()
    {
        var parent = await StartAsync("share", "0.5");

        await FinishAsync("share", "beijing");
        await Eventually.TrueAsync(async () => (await Engine.Runtime.GetAsync(parent.Id)).Variables["Rollup"]?["finished"]?.GetValue<int>() == 1, "roll-up of 1 finished");
        Assert.Equal(WorkflowStatus.Suspended, (await Engine.Runtime.GetAsync(parent.Id)).Status);
        await FinishAsync("share", "xizang");

        await Engine.WaitForStatusAsync(parent.Id, WorkflowStatus.Finished);
        Assert.Equal(["finished 2/4"], await Engine.LinesAsync(parent.Id));
    }

    [Fact]
    public async Task All_TooManyChildrenFault_ParentFaultsWithClearIncident()
    {
        var parent = await StartAsync("all");

        await FinishAsync("all", "guangdong", fail: true);

        var faulted = await Engine.WaitForStatusAsync(parent.Id, WorkflowStatus.Faulted);
        Assert.Contains("1 of 4 agencies' workflows faulted", Assert.Single(faulted.Incidents).Message, StringComparison.Ordinal);
    }
}
