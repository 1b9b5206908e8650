using System.Text.Json.Nodes;
using AiPlusTasks.Designer.Graph;
using AiPlusTasks.Designer.Instances;
using AiPlusTasks.Designer.Tests.Support;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Designer.Tests.Instances;

public sealed class InstanceTraceTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 4, 12, 0, 0, TimeSpan.FromHours(8));

    private static DesignerGraph HelloWorld => DesignerServices.Mapper.ToGraph(DesignerServices.ReadWorkflow("hello-world.json"));

    [Fact]
    public void Build_InstanceWaitingMidway_MarksExecutedWaitingAndTheLinksTaken()
    {
        var instance = Instance(WorkflowStatus.Suspended, bookmarks: [Bookmark("setOutput1")]);
        JournalEntry[] journal =
        [
            Entry(1, "start1", "Completed", "Done"),
            Entry(2, "writeLine1", "Completed", "Done"),
            Entry(3, "setOutput1", "Suspended"),
        ];

        var trace = InstanceTrace.Build(HelloWorld, instance, journal);

        Assert.Equal(
            new Dictionary<string, NodeRunState>
            {
                ["start1"] = NodeRunState.Executed,
                ["writeLine1"] = NodeRunState.Executed,
                ["setOutput1"] = NodeRunState.Waiting,
            },
            trace.NodeStates);
        Assert.Equal(["start1:Done->writeLine1", "writeLine1:Done->setOutput1"], trace.TakenLinks.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Build_OutcomeOtherThanLinkPort_DoesNotTakeTheLink()
    {
        JournalEntry[] journal =
        [
            Entry(1, "start1", "Completed", "Done"),
            Entry(2, "writeLine1", "Completed", "Other"),
            Entry(3, "setOutput1", "Completed", "Done"),
        ];

        var trace = InstanceTrace.Build(HelloWorld, Instance(WorkflowStatus.Running), journal);

        Assert.DoesNotContain("writeLine1:Done->setOutput1", trace.TakenLinks);
        Assert.Contains("start1:Done->writeLine1", trace.TakenLinks);
        Assert.DoesNotContain("setOutput1:Done->end1", trace.TakenLinks);
    }

    [Fact]
    public void Build_IncidentOnCompletedNode_MarksItFaulted_AndIgnoresActivitiesNotOnTheCanvas()
    {
        var instance = Instance(WorkflowStatus.Faulted, incidents: [new Incident("writeLine1", "Elsa.WriteLine", "boom", null, At)]);
        JournalEntry[] journal =
        [
            Entry(1, "start1", "Completed", "Done"),
            Entry(2, "writeLine1", "Completed", "Done"),
            Entry(3, "flowchart1", "Completed", "Done"),
        ];

        var trace = InstanceTrace.Build(HelloWorld, instance, journal);

        Assert.Equal(NodeRunState.Faulted, trace.NodeStates["writeLine1"]);
        Assert.Equal(NodeRunState.Executed, trace.NodeStates["start1"]);
        Assert.Equal(["start1", "writeLine1"], trace.NodeStates.Keys.Order(StringComparer.Ordinal));
    }

    private static JournalEntry Entry(long sequence, string activityId, string @event, params string[] outcomes) =>
        new(sequence, activityId, "Elsa.Any", @event, At, At, outcomes.Length == 0 ? null : outcomes, null);

    private static Bookmark Bookmark(string activityId) => new("b-" + activityId, "Task", null, null, null, "ctx", activityId);

    private static InstanceView Instance(WorkflowStatus status, Bookmark[]? bookmarks = null, Incident[]? incidents = null) =>
        new("instance-1", "hello-world", 1, status, null, null, [], [], [], incidents ?? [], bookmarks ?? [], At, At, null);
}
