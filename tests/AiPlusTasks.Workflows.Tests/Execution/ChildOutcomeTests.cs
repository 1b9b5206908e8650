using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Workflows.Tests.Execution;

/// <summary>The one payload a child workflow reports to its waiting parent: written and read through <see cref="ChildOutcome"/>.</summary>
public sealed class ChildOutcomeTests
{
    [Fact]
    public void ToJson_FaultedChildWithOutcomes_ReadsBackTheSame()
    {
        // Arrange
        var outcome = new ChildOutcome("child-1", WorkflowStatus.Faulted, new JsonObject { ["score"] = 3 }, "boom", ["Approved", "Done"]);

        // Act
        var read = ChildOutcome.Read(JsonNode.Parse(outcome.ToJson().ToJsonString()));

        // Assert
        Assert.Equal(("child-1", WorkflowStatus.Faulted, "boom", false), (read.InstanceId, read.Status, read.Message, read.Finished));
        Assert.Equal(["Approved", "Done"], read.Outcomes!);
        Assert.Equal("""{"score":3}""", read.Output.ToJsonString());
    }

    [Fact]
    public void ToJson_FinishedChild_KeepsTheStoredKeys()
    {
        // Queued resume work items hold this JSON: its keys must stay as they were before the type existed.
        var json = new ChildOutcome("c", WorkflowStatus.Finished, []).ToJson().ToJsonString();

        Assert.Equal("""{"instanceId":"c","status":"Finished","output":{},"message":null,"outcomes":null}""", json);
    }

    [Theory]
    [InlineData("""{"instanceId":"c","output":{}}""")]
    [InlineData("""{"instanceId":"c","status":"Sleeping"}""")]
    [InlineData("""{"instanceId":"c","status":7}""")]
    [InlineData("null")]
    public void Read_NoKnownStatus_ReadsAsFaultedWithAReason(string payload)
    {
        // Act
        var read = ChildOutcome.Read(JsonNode.Parse(payload));

        // Assert: a parent never goes on as if such a child had finished.
        Assert.Equal(WorkflowStatus.Faulted, read.Status);
        Assert.False(read.Finished);
        Assert.False(string.IsNullOrEmpty(read.Message));
        Assert.Empty(read.Output);
    }
}
