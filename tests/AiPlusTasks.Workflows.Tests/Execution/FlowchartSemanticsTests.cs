using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Execution;
using AiPlusTasks.Workflows.Tests.Support;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Workflows.Tests.Execution;

/// <summary>The flowchart rules of docs/decisions/012, one shape each, run by the interpreter in memory.</summary>
public sealed class FlowchartSemanticsTests
{
    [Theory]
    [InlineData("WaitAll")]
    [InlineData("WaitAllActive")]
    [InlineData("WaitAny")]
    public void ForkJoin_InMemory_AnyJoinMode_RunsJoinOnce(string mode)
    {
        var instance = InMemoryInstance.Start(ForkJoinDefinition("fork-join", mode));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["fork", "joined", "left", "right"], instance.Lines.Order());
        Assert.Equal(1, instance.Completions["join"]);
    }

    [Theory]
    [InlineData("WaitAll", new string[0])]
    [InlineData("WaitAllActive", new[] { "joined" })]
    [InlineData("WaitAny", new[] { "joined" })]
    [InlineData(null, new[] { "joined" })]
    public void FlowJoin_OneBranchDead_RunsByItsMode(string? mode, string[] expected)
    {
        // A decision sends one branch to the join dead: WaitAll needs every branch live, the others one.
        var join = mode is null ? A("join", "Elsa.FlowJoin") : A("join", "Elsa.FlowJoin", ("mode", Lit(mode)));
        var instance = InMemoryInstance.Start(Definition(
            "join-dead-branch",
            [Fork("fork", "a", "b"), Decision("decide", "false"), WriteLine("left", "left"), join, WriteLine("after", "joined")],
            ["fork:a->decide", "fork:b->left", "decide:True->join", "left->join", "join->after"]));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["left", .. expected], instance.Lines);
    }

    [Theory]
    [InlineData("Merge", true)]
    [InlineData("Stream", true)]
    [InlineData("Converge", false)]
    public void MergeMode_OnAnActivity_DecidesItsImplicitJoin(string mergeMode, bool runs)
    {
        var merge = WriteLine("merge", "merged");
        merge["customProperties"] = new JsonObject { ["mergeMode"] = mergeMode };
        var instance = InMemoryInstance.Start(Definition(
            "merge-mode",
            [Fork("fork", "a", "b"), Decision("decide", "false"), WriteLine("left", "left"), merge],
            ["fork:a->decide", "fork:b->left", "decide:True->merge", "left->merge"]));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(runs ? ["left", "merged"] : ["left"], instance.Lines);
    }

    [Fact]
    public void MergeModeCascade_RunsOncePerLiveBranch()
    {
        var merge = WriteLine("merge", "merged");
        merge["customProperties"] = new JsonObject { ["mergeMode"] = "Cascade" };
        var instance = InMemoryInstance.Start(Definition(
            "cascade",
            [Fork("fork", "a", "b", "c"), Decision("decide", "false"), merge],
            ["fork:a->merge", "fork:b->merge", "fork:c->decide", "decide:True->merge"]));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["merged", "merged"], instance.Lines);
    }

    [Fact]
    public void DecisionAfterFork_BothBranchesRunToTheEnd()
    {
        var instance = InMemoryInstance.Start(Definition(
            "decision-after-fork",
            [Fork("fork", "a", "b"), Decision("decide", "true"), WriteLine("yes", "yes"), WriteLine("no", "no"), WriteLine("other", "other"), WriteLine("tail", "tail")],
            ["fork:a->decide", "fork:b->other", "decide:True->yes", "decide:False->no", "other->tail"]));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["other", "tail", "yes"], instance.Lines.Order());
    }

    [Fact]
    public void FaultAfterJoin_Runs()
    {
        var instance = InMemoryInstance.Start(Definition(
            "fault-after-join",
            [Fork("fork", "a", "b"), WriteLine("left", "left"), WriteLine("right", "right"), A("join", "Elsa.FlowJoin", ("mode", Lit("WaitAll"))), A("fault", "Elsa.Fault", ("message", Lit("stop")))],
            ["fork:a->left", "fork:b->right", "left->join", "right->join", "join->fault"]));

        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        Assert.Equal("stop", Assert.Single(instance.State.Incidents).Message);
    }

    [Fact]
    public void MergeAfterLoopBesideAnotherBranch_RunsOnceAfterTheLoop()
    {
        // fork → (w3 → w8) and (loop over w4 three times → w8): the loop's iterations must not withdraw w3's signal.
        var instance = InMemoryInstance.Start(Definition(
            "loop-beside-branch",
            [
                Fork("fork", "a", "b"),
                WriteLine("w3", "w3"),
                WriteLine("w4", "w4"),
                SetVariable("count", "N", Js("variables.N + 1", "Int32")),
                Decision("again", "variables.N < 3"),
                WriteLine("w8", "w8"),
            ],
            ["fork:a->w3", "fork:b->w4", "w4->count", "count->again", "again:True->w4", "again:False->w8", "w3->w8"],
            ("N", "Int32", "0")));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["w3", "w4", "w4", "w4", "w8"], instance.Lines);
    }

    [Fact]
    public void End_WithWorkScheduledBesideIt_NothingScheduledRunsWhateverTheConnectionOrder()
    {
        // "before", "beside" and "x" run in the step after the fork; "late" becomes runnable in the same step as the End.
        var activities = new[] { Fork("fork", "a", "b"), WriteLine("before", "before"), WriteLine("x", "x"), A("end", "Elsa.End"), WriteLine("late", "late"), WriteLine("beside", "beside") };
        string[] connections = ["fork:a->before", "before->late", "fork:b->x", "x->end", "fork:a->beside"];

        var forward = InMemoryInstance.Start(Definition("end-order", activities, connections));
        var reversed = InMemoryInstance.Start(Definition("end-order", [.. activities.Reverse().Select(a => (JsonObject)a.DeepClone())], [.. connections.Reverse()]));

        Assert.Equal(WorkflowStatus.Finished, forward.Status);
        Assert.Equal(["before", "beside", "x"], forward.Lines.Order());
        Assert.DoesNotContain(forward.Journal, e => e.ActivityId == "late" && e.Event == "Completed");
        Assert.Equal(forward.Lines.Order(), reversed.Lines.Order());
    }

    [Fact]
    public void WaitAny_CancelsStartedBranchesOnly_WhateverTheConnectionOrder()
    {
        // The event has started (it waits) when the short branch arrives: it is cancelled. "slow" was scheduled in the
        // same step as the join and has not started: it still runs, as in Elsa.
        var activities = new[]
        {
            Fork("fork", "a", "b", "c"), WriteLine("fast", "fast"), Event("wait", "never"), WriteLine("first", "first"), WriteLine("slow", "slow"),
            A("join", "Elsa.FlowJoin", ("mode", Lit("WaitAny"))), WriteLine("after", "after"),
        };
        string[] connections = ["fork:a->fast", "fast->join", "fork:b->wait", "wait->join", "fork:c->first", "first->slow", "slow->join", "join->after"];

        var forward = InMemoryInstance.Start(Definition("wait-any", activities, connections));
        var reversed = InMemoryInstance.Start(Definition("wait-any", [.. activities.Reverse().Select(a => (JsonObject)a.DeepClone())], [.. connections.Reverse()]));

        Assert.Equal(WorkflowStatus.Finished, forward.Status);
        Assert.Empty(forward.Bookmarks);
        Assert.Equal(["after", "fast", "first", "slow"], forward.Lines.Order());
        Assert.Equal(1, forward.Completions["join"]);
        Assert.Contains(forward.Journal, e => e.ActivityId == "wait" && e.Event == "Cancelled");
        Assert.Equal(forward.Lines.Order(), reversed.Lines.Order());
    }

    [Fact]
    public void OrphanActivityIntoAJoin_DoesNotBlockIt()
    {
        // "orphan" is not reachable from the start: the join does not wait for it (Elsa counts forward connections from the start).
        var instance = InMemoryInstance.Start(Definition(
            "orphan",
            [A("start", "Elsa.Start"), WriteLine("a", "a"), WriteLine("orphan", "orphan"), WriteLine("merge", "merge")],
            ["start->a", "a->merge", "orphan->merge"]));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["a", "merge"], instance.Lines);
    }

    [Fact]
    public void LoopEnteredFromTwoPlaces_RunsTheSameWhateverTheConnectionOrder()
    {
        // x ⇄ y is entered at both x and y: neither dominates the other, so the loop-back is chosen by activity id, not file order.
        var activities = new[] { Fork("fork", "a", "b"), WriteLine("x", "x"), Decision("y", "false"), WriteLine("out", "out") };
        string[] connections = ["fork:a->x", "fork:b->y", "x->y", "y:True->x", "y:False->out"];

        var forward = InMemoryInstance.Start(Definition("two-entries", activities, connections));
        var reversed = InMemoryInstance.Start(Definition("two-entries", [.. activities.Reverse().Select(a => (JsonObject)a.DeepClone())], [.. connections.Reverse()]));

        Assert.Equal(WorkflowStatus.Finished, forward.Status);
        Assert.Equal(forward.Lines.Order(), reversed.Lines.Order());
    }

    [Fact]
    public void InstanceSavedBeforeAdr012_WaitingAtAJoin_ContinuesWithItsSignal()
    {
        // Saved by the old interpreter: one boolean per connection, WaitAny joins that fired in an array.
        var instance = InMemoryInstance.Start(Definition(
            "old-memory",
            [Fork("fork", "a", "b"), WriteLine("left", "left"), Event("wait", "go"), A("join", "Elsa.FlowJoin", ("mode", Lit("WaitAll"))), WriteLine("after", "joined")],
            ["fork:a->left", "fork:b->wait", "left->join", "wait->join", "join->after"]));
        var flowchart = instance.State.Contexts.Values.Single(c => c.ParentId is null);
        var queue = flowchart.Memory!["signals"]!["join"]!.AsObject();
        foreach (var (key, value) in queue.ToList())
        {
            queue[key] = value![0]!.GetValue<bool>();
        }

        flowchart.Memory["fired"] = new JsonArray();
        instance.Resume(Assert.Single(instance.Bookmarks));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["left", "joined"], instance.Lines);
    }

    private static string ForkJoinDefinition(string id, string mode = "WaitAll") => Definition(
        id,
        [
            A("start", "Elsa.Start"), WriteLine("fork-line", "fork"), Fork("fork", "left", "right"), WriteLine("left", "left"), WriteLine("right", "right"),
            A("join", "Elsa.FlowJoin", ("mode", Lit(mode))), WriteLine("joined", "joined"),
        ],
        ["start->fork-line", "fork-line->fork", "fork:left->left", "fork:right->right", "left->join", "right->join", "join->joined"]);
}
