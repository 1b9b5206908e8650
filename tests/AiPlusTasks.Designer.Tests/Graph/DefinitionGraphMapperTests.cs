using System.Text.Json.Nodes;
using AiPlusTasks.Designer.Graph;
using AiPlusTasks.Designer.Tests.Support;
using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Designer.Tests.Graph;

public sealed class DefinitionGraphMapperTests
{
    [Theory]
    [MemberData(nameof(RepositoryPaths.WorkflowFileNames), MemberType = typeof(RepositoryPaths))]
    public void ToDefinition_EveryWorkflowFileThroughTheGraph_WritesTheFileBackUnchanged(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Workflows, file));
        var original = WorkflowDefinitionJson.Read(text, file);

        var graph = DesignerServices.Mapper.ToGraph(original);
        var saved = WorkflowDefinitionJson.Write(DefinitionGraphMapper.ToDefinition(graph, original));

        Assert.Equal(original.Root.Activities.Count, graph.Nodes.Count);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text), JsonNode.Parse(saved)), $"{file} changed:\n{saved}");
    }

    [Theory]
    [InlineData("""{ "id": "seq", "type": "Elsa.Sequence", "activities": [ { "id": "a", "type": "Elsa.WriteLine" }, { "id": "b", "type": "Elsa.End" } ] }""", 2)]
    [InlineData("""{ "id": "only", "type": "Elsa.WriteLine" }""", 0)]
    public void ToGraph_RootIsNotAFlowchart_ShowsItsChildrenWithoutLinks(string root, int nodes)
    {
        // The instance viewer draws any definition an instance ran (Elsa 3 allows any root); only the editor needs a flowchart.
        var definition = WorkflowDefinitionJson.Read($$"""{ "definitionId": "x", "root": {{root}} }""");

        var graph = DesignerServices.Mapper.ToGraph(definition);

        Assert.Equal(nodes, graph.Nodes.Count);
        Assert.Empty(graph.Links);
    }

    [Fact]
    public void ToDefinition_OneNodeMoved_ChangesExactlyItsPosition()
    {
        var original = DesignerServices.ReadWorkflow("hello-world.json");
        var graph = DesignerServices.Mapper.ToGraph(original);
        var editor = new GraphEditor(graph, DesignerServices.Catalog);
        var moved = graph.Nodes[1];

        editor.Move(moved.Id, new NodePosition(333, 444.5));
        var saved = WorkflowDefinitionJson.ToJson(DefinitionGraphMapper.ToDefinition(editor.Graph, original));

        var expected = WorkflowDefinitionJson.ToJson(original);
        var activity = expected["root"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == moved.Id)!;
        activity["metadata"]!["designer"]!["position"] = new JsonObject { ["x"] = 333, ["y"] = 444.5 };
        Assert.True(JsonNode.DeepEquals(expected, saved), saved.ToJsonString());
    }

    [Fact]
    public void ToGraph_HumanTask_ShowsNameAndTaskOutcomesAsPorts()
    {
        var graph = DesignerServices.Mapper.ToGraph(DesignerServices.ReadWorkflow("national-key-task.json"));

        var review = graph.Nodes.First(n => n.Type == "AiPlus.HumanTask" && n.GetInput("outcomes")?.Text == "Closed,Rejected");

        Assert.Equal(["Closed", "Rejected"], review.Ports);
        Assert.Equal(review.Name, review.DisplayText);
        Assert.NotEqual(default, review.Position);
    }

    [Fact]
    public void ToGraph_NodesWithoutPosition_AreLaidOutLeftToRight()
    {
        var definition = DesignerServices.ReadWorkflow("hello-world.json");
        foreach (var activity in definition.Root.Activities)
        {
            activity.Metadata.Remove("designer");
        }

        var graph = DesignerServices.Mapper.ToGraph(definition);

        var xs = graph.Nodes.Select(n => n.Position.X).ToList();
        Assert.Equal(xs.Order(), xs);
        Assert.Equal(graph.Nodes.Count, xs.Distinct().Count());
    }

    [Fact]
    public void ToDefinition_NodeWithoutStoredPosition_WritesItsPosition()
    {
        var definition = DesignerServices.ReadWorkflow("hello-world.json");
        definition.Root.Activities[0].Metadata.Remove("designer");

        var saved = DefinitionGraphMapper.ToDefinition(DesignerServices.Mapper.ToGraph(definition), definition);

        Assert.NotNull(saved.Root.Activities[0].Metadata["designer"]?["position"]?["x"]);
    }

    [Fact]
    public void ToDefinition_EditedGraph_WritesAddedRenamedRemovedNodesAndChangedInputs()
    {
        var original = DesignerServices.ReadWorkflow("hello-world.json");
        var editor = new GraphEditor(DesignerServices.Mapper.ToGraph(original), DesignerServices.Catalog);
        var last = editor.Graph.Nodes[^1];
        var first = editor.Graph.Nodes[0];

        var delay = editor.AddNode(ActivityTypes.Delay);
        editor.UpdateNode(delay.WithInput("timeSpan", Expression.Literal, "PT5M"));
        editor.Rename(first.Id, "起点 Begin");
        editor.RemoveNode(last.Id);
        var saved = DefinitionGraphMapper.ToDefinition(editor.Graph, original);

        Assert.DoesNotContain(saved.Root.Activities, a => a.Id == last.Id);
        Assert.DoesNotContain(saved.Root.Connections, c => c.Target.Activity == last.Id || c.Source.Activity == last.Id);
        Assert.Equal("起点 Begin", saved.Root.Activities[0].Name);
        var added = saved.Root.Activities[^1];
        Assert.Equal("delay1", added.Id);
        Assert.Equal("PT5M", added.GetInput("timeSpan")?.Text);
        Assert.NotNull(added.Metadata["designer"]?["position"]);
        Assert.Equal(original.Root.Activities.Count, saved.Root.Activities.Count);
    }

    [Fact]
    public void ToDefinition_EditedVariablesAndInputs_WritesThemInTheGraphsOrder()
    {
        var original = DesignerServices.ReadWorkflow("province-task.json");
        var editor = new GraphEditor(DesignerServices.Mapper.ToGraph(original), DesignerServices.Catalog);
        editor.SetVariables([.. editor.Graph.Variables.Skip(1), new VariableDefinition { Name = "Note", TypeName = "String", Value = "x" }]);
        editor.SetInputs([new JsonObject { ["name"] = "agency", ["type"] = "String" }]);

        var saved = DefinitionGraphMapper.ToDefinition(editor.Graph, original);

        Assert.Equal(
            [.. original.Variables.Skip(1).Select(v => v.Name), "Note"],
            saved.Variables.Select(v => v.Name));
        Assert.Equal("x", (string?)saved.Variables[^1].Value);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["name"] = "agency", ["type"] = "String" }, Assert.Single(saved.Inputs)));
    }

    [Fact]
    public void ToDefinition_DoesNotChangeTheOriginal()
    {
        var original = DesignerServices.ReadWorkflow("risk-warning.json");
        var before = WorkflowDefinitionJson.Write(original);
        var editor = new GraphEditor(DesignerServices.Mapper.ToGraph(original), DesignerServices.Catalog);
        editor.Move(editor.Graph.Nodes[0].Id, new NodePosition(-50, -50));
        editor.Rename(editor.Graph.Nodes[0].Id, "x");

        DefinitionGraphMapper.ToDefinition(editor.Graph, original);

        Assert.Equal(before, WorkflowDefinitionJson.Write(original));
    }

    [Fact]
    public void ToDefinition_WorkflowBuiltInTheDesigner_PassesTheEngineValidator()
    {
        var original = WorkflowDefinitionJson.Read("""{"definitionId":"new","root":{"id":"flowchart1","type":"Elsa.Flowchart","activities":[],"connections":[]}}""");
        var editor = new GraphEditor(DesignerServices.Mapper.ToGraph(original), DesignerServices.Catalog);
        var start = editor.AddNode(ActivityTypes.Start);
        var delay = editor.AddNode(ActivityTypes.Delay);
        var end = editor.AddNode(ActivityTypes.End);
        editor.UpdateNode(delay.WithInput("timeSpan", Expression.Literal, "3.00:00:00", "TimeSpan"));
        editor.Connect(start.Id, "Done", delay.Id);
        editor.Connect(delay.Id, "Done", end.Id);

        var problems = DesignerServices.Validator.Validate(DefinitionGraphMapper.ToDefinition(editor.Graph, original));

        Assert.Empty(problems);
    }
}
