using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Workflows.Execution;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Engine.Tests.Execution;

public sealed class FlowchartExecutionTests : EngineTest
{
    [Fact]
    public async Task Start_LinearFlow_RunsInOrderAndSetsVariablesAndOutput()
    {
        await Engine.PublishAsync(Definition(
            "linear",
            [
                A("start", "Elsa.Start"),
                SetVariable("set", "Count", Js("getInput('n') * 2", "Int32")),
                WriteLineJs("say", "'count=' + variables.Count"),
                A("out", "Elsa.SetOutput", ("outputName", Lit("result")), ("outputValue", Var("Count"))),
                A("end", "Elsa.End"),
            ],
            ["start->set", "set->say", "say->out", "out->end"],
            ("Count", "Int32", "0")));

        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("linear", new JsonObject { ["n"] = 21 }));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(42, instance.Variables["Count"]!.GetValue<int>());
        Assert.Equal(42, instance.Output["result"]!.GetValue<int>());
        Assert.Equal(["count=42"], await Engine.LinesAsync(instance.Id));
    }

    [Theory]
    [InlineData(5, "big")]
    [InlineData(1, "small")]
    public async Task Decision_MergesIntoOneActivity_RunsTakenBranchAndMergeOnce(int n, string expected)
    {
        await Engine.PublishAsync(Definition(
            "decision",
            [Decision("decide", "getInput('n') > 3"), WriteLine("big", "big"), WriteLine("small", "small"), WriteLine("merge", "merge")],
            ["decide:True->big", "decide:False->small", "big->merge", "small->merge"]));

        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("decision", new JsonObject { ["n"] = n }));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal([expected, "merge"], await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public async Task ImplicitJoin_AfterFork_RunsOnceWhenBothBranchesArrive()
    {
        await Engine.PublishAsync(Definition(
            "fork-join",
            [
                Fork("fork", "Ministry", "Province"),
                WriteLine("ministry", "ministry"),
                Event("wait", "province-done"),
                WriteLine("province", "province"),
                WriteLine("join", "joined"),
            ],
            ["fork:Ministry->ministry", "fork:Province->wait", "wait->province", "ministry->join", "province->join"]));

        var started = await Engine.Runtime.StartAsync(new StartWorkflowRequest("fork-join"));
        Assert.Equal(WorkflowStatus.Suspended, started.Status);
        Assert.Equal(["ministry"], await Engine.LinesAsync(started.Id));

        await Engine.Runtime.RaiseEventAsync("province-done", null, null);

        var finished = await Engine.Runtime.GetAsync(started.Id);
        Assert.Equal(WorkflowStatus.Finished, finished.Status);
        Assert.Equal(["ministry", "province", "joined"], await Engine.LinesAsync(started.Id));
    }

    [Fact]
    public async Task FlowJoinWaitAll_WaitsForEveryBranch()
    {
        await Engine.PublishAsync(Definition(
            "wait-all",
            [
                A("fork", "Elsa.FlowFork", ("branches", Lit("[\"A\",\"B\"]"))),
                Event("a", "a"),
                Event("b", "b"),
                A("join", "Elsa.FlowJoin", ("mode", Lit("WaitAll"))),
                WriteLine("after", "after"),
            ],
            ["fork:A->a", "fork:B->b", "a->join", "b->join", "join->after"]));
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("wait-all"));

        await Engine.Runtime.RaiseEventAsync("a", null, null);
        Assert.Equal(WorkflowStatus.Suspended, (await Engine.Runtime.GetAsync(instance.Id)).Status);
        Assert.Empty(await Engine.LinesAsync(instance.Id));

        await Engine.Runtime.RaiseEventAsync("b", null, null);
        Assert.Equal(WorkflowStatus.Finished, (await Engine.Runtime.GetAsync(instance.Id)).Status);
        Assert.Equal(["after"], await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public async Task FlowJoinWaitAny_FirstBranchWins_OtherBranchCancelled()
    {
        await Engine.PublishAsync(Definition(
            "wait-any",
            [
                Fork("fork", "Reply", "Timeout"),
                Event("reply", "reply"),
                Delay("timeout", "P3D"),
                A("join", "Elsa.FlowJoin", ("mode", Lit("WaitAny"))),
                WriteLine("after", "after"),
            ],
            ["fork:Reply->reply", "fork:Timeout->timeout", "reply->join", "timeout->join", "join->after"]));
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("wait-any"));
        Assert.Equal(2, instance.Bookmarks.Count);

        var resumed = await Engine.Runtime.RaiseEventAsync("reply", null, null);

        Assert.Single(resumed);
        var finished = await Engine.Runtime.GetAsync(instance.Id);
        Assert.Equal(WorkflowStatus.Finished, finished.Status);
        Assert.Empty(finished.Bookmarks);
        Assert.Equal(["after"], await Engine.LinesAsync(instance.Id));
        var journal = await Engine.Runtime.GetJournalAsync(instance.Id, 1, 100);
        Assert.Contains(journal.Items, e => e.ActivityId == "timeout" && e.Event == "Cancelled");
    }

    [Fact]
    public async Task Loop_BackToEarlierActivity_RepeatsUntilConditionFails()
    {
        await Engine.PublishAsync(Definition(
            "loop",
            [
                A("start", "Elsa.Start"),
                Decision("more", "variables.I < 3"),
                WriteLineJs("say", "'round ' + variables.I"),
                SetVariable("inc", "I", Js("variables.I + 1", "Int32")),
                WriteLine("done", "done"),
            ],
            ["start->more", "more:True->say", "say->inc", "inc->more", "more:False->done"],
            ("I", "Int32", "0")));

        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("loop"));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["round 0", "round 1", "round 2", "done"], await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public async Task Sequence_And_ParallelForEach_RunBodiesWithScopeVariables()
    {
        var body = WriteLineJs("each", "getVariable('CurrentIndex') + ':' + getVariable('CurrentValue')");
        var forEach = A("forEach", "Elsa.ParallelForEach", ("items", Obj("[\"beijing\",\"guangdong\",\"hubei\"]")));
        forEach["body"] = body;
        var sequence = A("sequence", "Elsa.Sequence");
        sequence["activities"] = new JsonArray(WriteLine("first", "first"), forEach, WriteLine("last", "last"));
        await Engine.PublishAsync(DefinitionOf("foreach", Flowchart("root", [sequence])));

        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("foreach"));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["first", "0:beijing", "1:guangdong", "2:hubei", "last"], await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public async Task End_WhileAnotherBranchWaits_FinishesAndRemovesBookmarks()
    {
        await Engine.PublishAsync(Definition(
            "end-early",
            [Fork("fork", "Wait", "Stop"), Event("wait", "never"), A("end", "Elsa.End")],
            ["fork:Wait->wait", "fork:Stop->end"]));

        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("end-early"));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Empty(instance.Bookmarks);
        Assert.Empty(await Engine.Runtime.RaiseEventAsync("never", null, null));
    }

    [Fact]
    public async Task Complete_EndsWorkflowWithoutRunningTheRest()
    {
        await Engine.PublishAsync(Definition(
            "complete",
            [
                Fork("fork", "Wait", "Stop"),
                Event("wait", "go-on"),
                WriteLine("after", "after"),
                WriteLine("before", "before"),
                A("complete", "Elsa.Complete", ("outcomes", Lit("Approved"))),
            ],
            ["fork:Wait->wait", "wait->after", "fork:Stop->before", "before->complete"]));

        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("complete"));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Empty(instance.Bookmarks);
        Assert.Equal(["before"], await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public async Task Event_WithCorrelation_ResumesOnlyTheCorrelatedInstance()
    {
        await Engine.PublishAsync(Definition(
            "correlated",
            [A("correlate", "Elsa.Correlate", ("correlationId", Js("'task-' + getInput('task')", "String"))), Event("approved", "approved"), WriteLineJs("say", "'by ' + getLastResult().by")],
            ["correlate->approved", "approved->say"]));
        var first = await Engine.Runtime.StartAsync(new StartWorkflowRequest("correlated", new JsonObject { ["task"] = 1 }));
        var second = await Engine.Runtime.StartAsync(new StartWorkflowRequest("correlated", new JsonObject { ["task"] = 2 }));
        Assert.Equal("task-2", second.CorrelationId);

        var resumed = await Engine.Runtime.RaiseEventAsync("approved", "task-2", new JsonObject { ["by"] = "miit" });

        Assert.Equal([second.Id], resumed);
        Assert.Equal(WorkflowStatus.Suspended, (await Engine.Runtime.GetAsync(first.Id)).Status);
        Assert.Equal(WorkflowStatus.Finished, (await Engine.Runtime.GetAsync(second.Id)).Status);
        Assert.Equal(["by miit"], await Engine.LinesAsync(second.Id));
    }

    [Fact]
    public async Task Fault_RecordsIncident_InstanceCanBeInspectedAndCancelled()
    {
        await Engine.PublishAsync(Definition(
            "faulty",
            [WriteLine("before", "before"), A("fail", "Elsa.Fault", ("message", Lit("evidence missing")))],
            ["before->fail"]));

        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("faulty"));

        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        var incident = Assert.Single(instance.Incidents);
        Assert.Equal("fail", incident.ActivityId);
        Assert.Equal("evidence missing", incident.Message);
        Assert.Equal(["before"], await Engine.LinesAsync(instance.Id));
        var journal = await Engine.Runtime.GetJournalAsync(instance.Id, 1, 50);
        Assert.Contains(journal.Items, e => e.ActivityId == "fail" && e.Event == "Faulted");

        var cancelled = await Engine.Runtime.CancelAsync(instance.Id);
        Assert.Equal(WorkflowStatus.Cancelled, cancelled.Status);
        await Assert.ThrowsAsync<ConflictException>(() => Engine.Runtime.CancelAsync(instance.Id));
    }

    [Fact]
    public async Task RunJavaScript_SetOutcome_FollowsChosenPort()
    {
        await Engine.PublishAsync(Definition(
            "js-outcome",
            [
                A("script", "Elsa.RunJavaScript", ("script", Js("setOutcome(getInput('colour')); 42", "String")), ("possibleOutcomes", Lit("Red,Green"))),
                WriteLineJs("red", "'red ' + getOutputFrom('script')"),
                WriteLine("green", "green"),
            ],
            ["script:Red->red", "script:Green->green"]));

        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("js-outcome", new JsonObject { ["colour"] = "Red" }));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["red 42"], await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public async Task JavaScriptDate_IsTheBurstsTimeInChinaStandardTime()
    {
        await Engine.PublishAsync(Definition("clock", [WriteLineJs("now", "new Date().toISOString() + ' ' + new Date().getHours() + ' ' + Date.now()")], []));
        Engine.Time.Advance(TimeSpan.FromHours(1));

        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("clock"));

        var expected = EngineHost.Epoch.AddHours(1);
        Assert.Equal([$"2026-01-05T01:00:00.000Z 9 {expected.ToUnixTimeMilliseconds()}"], await Engine.LinesAsync(instance.Id));
    }
}
