using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using Microsoft.Extensions.DependencyInjection;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Engine.Tests.Execution;

/// <summary>
/// Elsa 3's definition format as Elsa reads it, through the engine: both connection forms, any root activity, empty
/// flowcharts, null inputs where Elsa accepts them, <c>Elsa.FlowNode</c>, and fork branches read as a JSON array.
/// </summary>
public sealed class ElsaFormatExecutionTests : EngineTest
{
    private DefinitionValidator Validator => Engine.Services.GetRequiredService<DefinitionValidator>();

    private static JsonObject FlatConnection(string source, string target, string port = "Done") => new()
    {
        ["source"] = source,
        ["target"] = target,
        ["sourcePort"] = port,
        ["targetPort"] = "In",
    };

    private static string WithRoot(string definitionId, JsonObject root) => DefinitionOf(definitionId, root);

    private async Task<InstanceView> RunAsync(string json, JsonObject? input = null)
    {
        await Engine.PublishAsync(json);
        return await Engine.Runtime.StartAsync(new StartWorkflowRequest(WorkflowDefinitionJson.Read(json).DefinitionId, input));
    }

    // 1. Flat connections

    [Fact]
    public async Task Start_FlatConnections_RunLikeNestedOnes()
    {
        var root = Flowchart("root", [Decision("decide", "getInput('n') > 3"), WriteLine("big", "big"), WriteLine("small", "small"), WriteLine("after", "after")]);
        root["connections"] = new JsonArray(
            FlatConnection("decide", "big", "True"), FlatConnection("decide", "small", "False"), FlatConnection("big", "after"), FlatConnection("small", "after"));

        var instance = await RunAsync(WithRoot("flat", root), new JsonObject { ["n"] = 5 });

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["big", "after"], await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public async Task Start_FlatAndNestedConnectionsInOneFlowchart_FollowsBoth()
    {
        var root = Flowchart("root", [WriteLine("a", "a"), WriteLine("b", "b"), WriteLine("c", "c")], "b->c");
        root["connections"]!.AsArray().Insert(0, FlatConnection("a", "b"));

        var instance = await RunAsync(WithRoot("mixed", root));

        Assert.Equal(["a", "b", "c"], await Engine.LinesAsync(instance.Id));
    }

    // 2. Any root activity

    [Fact]
    public async Task Start_SequenceRoot_RunsItsActivitiesInOrder()
    {
        var root = A("seq", "Elsa.Sequence");
        root["activities"] = new JsonArray(WriteLine("one", "one"), SetVariable("set", "Name", Lit("Elsa")), WriteLineJs("two", "'hello ' + variables.Name"));

        await Engine.PublishAsync(DefinitionOf("sequence-root", root, ("Name", "String", null)));
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("sequence-root"));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["one", "hello Elsa"], await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public async Task Start_SingleWriteLineRoot_WritesAndFinishes()
    {
        var instance = await RunAsync(WithRoot("one-activity", WriteLine("hello", "Hello World!")));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["Hello World!"], await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public async Task Start_SingleEventRoot_WaitsThenFinishesOnTheEvent()
    {
        var instance = await RunAsync(WithRoot("event-root", Event("wait", "go")));
        Assert.Equal(WorkflowStatus.Suspended, instance.Status);

        await Engine.Runtime.RaiseEventAsync("go", null, null);

        Assert.Equal(WorkflowStatus.Finished, (await Engine.Runtime.GetAsync(instance.Id)).Status);
    }

    [Fact]
    public void Validate_NonFlowchartRoot_IsNoProblem()
    {
        var problems = Validator.Validate(WorkflowDefinitionJson.Read(WithRoot("one-activity", WriteLine("hello", "hi"))));

        Assert.Empty(problems);
    }

    // 3. Empty flowchart

    [Fact]
    public async Task Start_EmptyFlowchart_Finishes()
    {
        var json = Definition("empty", [], []);
        Assert.Empty(Validator.Validate(WorkflowDefinitionJson.Read(json)));

        var instance = await RunAsync(json);

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Empty(await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public async Task Start_EmptyFlowchartInsideAFlowchart_CompletesAndTheOuterGoesOn()
    {
        var instance = await RunAsync(Definition("nested-empty", [Flowchart("inner", []), WriteLine("after", "after")], ["inner->after"]));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["after"], await Engine.LinesAsync(instance.Id));
    }

    // 4. Null inputs where Elsa accepts them

    [Fact]
    public async Task Start_WriteLineWithNullText_WritesEmptyLines()
    {
        var nullProperty = A("nullProperty", "Elsa.WriteLine");
        nullProperty["text"] = null;
        var nullLiteral = A("nullLiteral", "Elsa.WriteLine", ("text", new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = null } }));
        var nullScript = WriteLineJs("nullScript", "null");
        var absent = A("absent", "Elsa.WriteLine");
        var json = Definition("null-text", [nullProperty, nullLiteral, nullScript, absent, WriteLine("end", "end")], ["nullProperty->nullLiteral", "nullLiteral->nullScript", "nullScript->absent", "absent->end"]);
        Assert.Empty(Validator.Validate(WorkflowDefinitionJson.Read(json)));

        var instance = await RunAsync(json);

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["", "", "", "", "end"], await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public async Task Start_CoreActivitiesWithoutTheInputsElsaDefaults_RunWithElsasDefaults()
    {
        var each = A("each", "Elsa.ParallelForEach");
        each["body"] = WriteLine("body", "never: no items");
        var json = Definition(
            "defaults",
            [
                A("decide", "Elsa.FlowDecision"),
                WriteLine("yes", "true"),
                A("set", "Elsa.SetVariable", ("variable", new JsonObject { ["id"] = "Name", ["name"] = "Name" })),
                A("output", "Elsa.SetOutput", ("outputName", Lit("result"))),
                A("script", "Elsa.RunJavaScript"),
                each,
                A("correlate", "Elsa.Correlate"),
                A("fork", "Elsa.FlowFork"),
                WriteLineJs("end", "'name=' + variables.Name"),
            ],
            ["decide:True->yes", "decide:False->set", "set->output", "output->script", "script->each", "each->correlate", "correlate->fork", "fork->end"],
            ("Name", "String", "before"));
        Assert.Empty(Validator.Validate(WorkflowDefinitionJson.Read(json)));
        await Engine.PublishAsync(json);

        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("defaults", CorrelationId: "before"));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["name=null"], await Engine.LinesAsync(instance.Id));
        Assert.Null(instance.Variables["Name"]);
        Assert.True(instance.Output.ContainsKey("result"));
        Assert.Null(instance.Output["result"]);
        Assert.Null(instance.CorrelationId);
    }

    [Theory]
    [InlineData("Elsa.SetVariable", "variable")]
    [InlineData("Elsa.SetOutput", "outputName")]
    [InlineData("Elsa.Event", "eventName")]
    [InlineData("Elsa.Delay", "timeSpan")]
    [InlineData("Elsa.Timer", "interval")]
    [InlineData("Elsa.Cron", "cronExpression")]
    [InlineData("Elsa.ExecuteWorkflow", "workflowDefinitionId")]
    public void Validate_InputsElsaCannotRunWithout_AreStillRequired(string type, string input)
    {
        var problems = Validator.Validate(WorkflowDefinitionJson.Read(Definition("required", [A("a", type)], [])));

        Assert.Contains(problems, p => p.ActivityId == "a" && p.Field == input && p.Message.Contains("missing required input", StringComparison.Ordinal));
    }

    // 5. Elsa.FlowNode

    [Fact]
    public async Task Start_FlowNodeWithoutBody_CompletesOnDone()
    {
        var instance = await RunAsync(Definition("flow-node", [WriteLine("a", "a"), A("node", "Elsa.FlowNode"), WriteLine("b", "b")], ["a->node", "node->b"]));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["a", "b"], await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public async Task Start_FlowNodeWithBody_RunsTheBodyThenCompletes()
    {
        var node = A("node", "Elsa.FlowNode");
        node["body"] = WriteLine("inside", "inside");

        var instance = await RunAsync(Definition("flow-node-body", [node, WriteLine("after", "after")], ["node->after"]));

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["inside", "after"], await Engine.LinesAsync(instance.Id));
    }

    // 6. Fork branches as Elsa reads them

    [Fact]
    public async Task Start_ForkBranchesAsElsaStudioWritesThem_RunsEveryBranch()
    {
        var instance = await RunAsync(Definition(
            "fork-array",
            [Fork("fork", "A", "B"), Event("a", "a"), Event("b", "b")],
            ["fork:A->a", "fork:B->b"]));

        Assert.Equal(WorkflowStatus.Suspended, instance.Status);
        Assert.Equal(["a", "b"], instance.Bookmarks.Select(b => b.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Start_ForkBranchesCommaText_IsOneBranchNamedByTheWholeText()
    {
        var json = Definition(
            "fork-comma",
            [A("fork", "Elsa.FlowFork", ("branches", Lit("A,B"))), WriteLine("both", "one branch")],
            ["fork:A,B->both"]);

        var instance = await RunAsync(json);

        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(["one branch"], await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public void Validate_ConnectionFromOneNameOfACommaText_IsRefusedWithTheArrayHint()
    {
        var json = Definition("fork-comma-ports", [A("fork", "Elsa.FlowFork", ("branches", Lit("A,B"))), WriteLine("a", "a")], ["fork:A->a"]);

        var problems = Validator.Validate(WorkflowDefinitionJson.Read(json));

        var problem = Assert.Single(problems);
        Assert.Equal("connections[0].source.port", problem.Field);
        Assert.Contains("(ports: A,B)", problem.Message, StringComparison.Ordinal);
        Assert.Contains("JSON array", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ForkBranchesFromJavaScriptArray_RunsEveryBranch()
    {
        var json = Definition(
            "fork-js",
            [A("fork", "Elsa.FlowFork", ("branches", Js("['A', 'B']", "String[]"))), WriteLine("a", "a"), WriteLine("b", "b")],
            ["fork:A->a", "fork:B->b"]);
        Assert.Empty(Validator.Validate(WorkflowDefinitionJson.Read(json)));

        var instance = await RunAsync(json);

        Assert.Equal(["a", "b"], (await Engine.LinesAsync(instance.Id)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Start_ForkWithoutBranches_CompletesOnDone()
    {
        var instance = await RunAsync(Definition("fork-none", [A("fork", "Elsa.FlowFork"), WriteLine("after", "after")], ["fork->after"]));

        Assert.Equal(["after"], await Engine.LinesAsync(instance.Id));
    }

    [Theory]
    [InlineData("Object", "[\"A\"")]
    [InlineData("Literal", "{\"A\":1}")]
    [InlineData("Object", "42")]
    public void Validate_ForkBranchesThatAreNotAListOfNames_IsAProblemOnTheInput(string expressionType, string value)
    {
        var branches = new JsonObject { ["typeName"] = "String[]", ["expression"] = new JsonObject { ["type"] = expressionType, ["value"] = value } };
        var json = Definition("fork-bad", [A("fork", "Elsa.FlowFork", ("branches", branches))], []);

        var problems = Validator.Validate(WorkflowDefinitionJson.Read(json));

        Assert.Contains(problems, p => p.ActivityId == "fork" && p.Field == "branches");
    }
}
