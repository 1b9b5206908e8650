using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Workflows.Execution;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Engine.Tests.Execution;

/// <summary>Elsa's output binding: an activity's <c>result</c> written to a variable or workflow output by memory reference.</summary>
public sealed class MemoryReferenceTests : EngineTest
{
    [Fact]
    public async Task RunJavaScript_ResultBoundToVariableId_SetsTheVariable()
    {
        // Arrange: the variable's id differs from its name, as Elsa Studio writes them; the binding names the id.
        var definition = JsonNode.Parse(Definition(
            "js-result",
            [
                A("calc", "Elsa.RunJavaScript", ("script", Js("getInput('n') * 2")), ("result", Bind("b3f1c0de"))),
                WriteLineJs("say", "'total=' + variables.Total"),
            ],
            ["calc->say"],
            ("Total", "Int32", "0")))!.AsObject();
        definition["variables"]![0]!["id"] = "b3f1c0de";
        await Engine.PublishAsync(definition.ToJsonString());

        // Act
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("js-result", new JsonObject { ["n"] = 21 }));

        // Assert
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(42, instance.Variables["Total"]!.GetValue<int>());
        Assert.Equal(["total=42"], await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public async Task RunJavaScript_ResultBoundToVariableWithoutId_FindsItByName()
    {
        var definition = JsonNode.Parse(Definition(
            "js-result-by-name",
            [A("calc", "Elsa.RunJavaScript", ("script", Js("'中文'")), ("result", Bind("Answer")))],
            [],
            ("Answer", "String", null)))!.AsObject();
        definition["variables"]![0]!.AsObject().Remove("id");
        await Engine.PublishAsync(definition.ToJsonString());

        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("js-result-by-name"));

        Assert.Equal("中文", instance.Variables["Answer"]!.GetValue<string>());
    }

    [Fact]
    public async Task Event_PayloadBoundToWorkflowOutput_BecomesTheOutput()
    {
        var definition = JsonNode.Parse(Definition(
            "event-output",
            [A("reply", "Elsa.Event", ("eventName", Lit("reply")), ("result", Bind("Reply")))],
            []))!.AsObject();
        definition["outputs"] = new JsonArray(new JsonObject { ["type"] = "Object", ["name"] = "Reply", ["displayName"] = "Reply" });
        await Engine.PublishAsync(definition.ToJsonString());
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("event-output"));

        await Engine.Runtime.RaiseEventAsync("reply", null, new JsonObject { ["agreed"] = true });

        var finished = await Engine.Runtime.GetAsync(instance.Id);
        Assert.Equal(WorkflowStatus.Finished, finished.Status);
        Assert.True(finished.Output["Reply"]!["agreed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Result_BoundToUnknownBlock_IsIgnoredAsInElsa()
    {
        await Engine.PublishAsync(Definition(
            "unbound",
            [A("calc", "Elsa.RunJavaScript", ("script", Js("1")), ("result", Bind("nowhere")))],
            [],
            ("Total", "Int32", "7")));

        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("unbound"));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal("7", instance.Variables["Total"]!.ToJsonString());
        Assert.Empty(instance.Output);
    }
}
