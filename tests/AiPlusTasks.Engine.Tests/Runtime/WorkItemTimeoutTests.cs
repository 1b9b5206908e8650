using System.Diagnostics;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Workflows.Execution;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Engine.Tests.Runtime;

/// <summary>
/// A script that gets past the sandbox's own limits still cannot hold the work queue (issue 17): one burst may run
/// <c>Engine:WorkItemTimeout</c> (1 s here), then its instance faults with a clear incident and the queue goes on. The
/// script limits are set far above that (10 minutes, 8 GiB), standing for whatever a script might find that they miss; the
/// worker runs one item at a time, so a stuck item would hold every item behind it.
/// </summary>
[Trait("Category", "Security")]
public sealed class WorkItemTimeoutTests : EngineTest
{
    internal override Task<EngineHost> StartEngineAsync() => EngineHost.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Engine:WorkItemTimeout"] = "00:00:01",
        ["Engine:WorkItemGrace"] = "00:00:01",
        ["Engine:WorkConcurrency"] = "1",
        ["Engine:JavaScript:Timeout"] = "00:10:00",
        ["Engine:JavaScript:RegexTimeout"] = "00:00:06",
        ["Engine:JavaScript:StatementLimit"] = "2000000000",
        // A counting loop allocates as it goes; at 32 MiB the memory limit could end it before the timeout on a fast machine.
        ["Engine:JavaScript:MemoryLimitBytes"] = "8589934592",
    });

    [Fact]
    public async Task QueuedScript_RunningPastTheLimit_FaultsItsInstanceAndTheQueueGoesOn()
    {
        await PublishPairAsync("spin", "while (true) {}");

        await Engine.Runtime.StartAsync(new StartWorkflowRequest("spin-parent"));

        var ok = await Engine.WaitForStatusAsync(await ChildAsync("ok"), WorkflowStatus.Finished, TimeSpan.FromSeconds(20));
        Assert.Equal(["after"], await Engine.LinesAsync(ok.Id));
        var stuck = await Engine.WaitForStatusAsync(await ChildAsync("spin"), WorkflowStatus.Faulted, TimeSpan.FromSeconds(5));
        var incident = Assert.Single(stuck.Incidents);
        Assert.Equal("script", incident.ActivityId);
        Assert.Contains("stopped after 1 s", incident.Message, StringComparison.Ordinal);
        Assert.Contains("Engine:WorkItemTimeout", incident.Message, StringComparison.Ordinal);
        Assert.Empty(stuck.Bookmarks);
    }

    [Fact]
    public async Task QueuedScript_StuckWhereItCannotBeStopped_IsAbandonedAndTheQueueGoesOn()
    {
        // A backtracking match is native code: no statement boundary where the script could be stopped. Its own limit
        // (6 s here) ends it later; the queue does not wait for that.
        await PublishPairAsync("regex", "/(a+)+$/.test('a'.repeat(40) + 'b')");
        var watch = Stopwatch.StartNew();

        await Engine.Runtime.StartAsync(new StartWorkflowRequest("regex-parent"));

        var ok = await Engine.WaitForStatusAsync(await ChildAsync("ok"), WorkflowStatus.Finished, TimeSpan.FromSeconds(20));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5.5), $"the queue waited {watch.Elapsed} for a stuck item");
        Assert.Equal(["after"], await Engine.LinesAsync(ok.Id));
        var stuck = await Engine.WaitForStatusAsync(await ChildAsync("regex"), WorkflowStatus.Faulted, TimeSpan.FromSeconds(5));
        var incident = Assert.Single(stuck.Incidents);
        Assert.Equal("script", incident.ActivityId);
        Assert.Contains("abandoned after 1 s", incident.Message, StringComparison.Ordinal);
        Assert.Empty(stuck.Bookmarks);
    }

    [Fact]
    public async Task StartedScript_RunningPastTheLimit_AnswersTheCallerWithAFaultedInstance()
    {
        await Engine.PublishAsync(Definition("spin-inline", [A("script", "Elsa.RunJavaScript", ("script", Js("let n = 0; while (true) { n++; }", "String")))], []));
        var watch = Stopwatch.StartNew();

        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("spin-inline"));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the caller waited {watch.Elapsed}");
        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        Assert.Contains("Engine:WorkItemTimeout", Assert.Single(instance.Incidents).Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A parent that dispatches the stuck child first and an ordinary one after it; both wait in the queue for the
    /// background worker.
    /// </summary>
    private async Task PublishPairAsync(string name, string script)
    {
        await Engine.PublishAsync(Definition(name, [A("script", "Elsa.RunJavaScript", ("script", Js(script, "String")))], []));
        await Engine.PublishAsync(Definition("ok", [WriteLine("line", "after")], []));
        await Engine.PublishAsync(Definition(
            name + "-parent",
            [
                A("first", "Elsa.DispatchWorkflow", ("workflowDefinitionId", Lit(name))),
                A("second", "Elsa.DispatchWorkflow", ("workflowDefinitionId", Lit("ok"))),
            ],
            ["first->second"]));
    }

    private async Task<string> ChildAsync(string definitionId)
    {
        string? id = null;
        await Eventually.TrueAsync(
            async () => (id = (await Engine.Runtime.ListAsync(new InstanceQuery(definitionId, null, null, 1, 10))).Items is [var first, ..] ? first.Id : null) is not null,
            () => $"an instance of {definitionId}",
            TimeSpan.FromSeconds(10));
        return id!;
    }
}
