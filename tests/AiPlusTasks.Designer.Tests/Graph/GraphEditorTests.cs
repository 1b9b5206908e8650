using AiPlusTasks.Designer.Graph;
using AiPlusTasks.Designer.Tests.Support;
using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Designer.Tests.Graph;

public sealed class GraphEditorTests
{
    private static GraphEditor HelloWorld() =>
        new(DesignerServices.Mapper.ToGraph(DesignerServices.ReadWorkflow("hello-world.json")), DesignerServices.Catalog);

    private static GraphEditor Empty() => new(new DesignerGraph([], [], "flowchart1"), DesignerServices.Catalog);

    [Fact]
    public void AddNode_TypeAlreadyUsed_TakesTheNextFreeNumber()
    {
        var editor = Empty();

        var first = editor.AddNode(ActivityTypes.Delay);
        var second = editor.AddNode(ActivityTypes.Delay);
        var task = editor.AddNode("AiPlus.HumanTask");

        Assert.Equal(["delay1", "delay2", "humanTask1"], [first.Id, second.Id, task.Id]);
    }

    [Fact]
    public void AddNode_IdUsedInsideANestedBody_IsNotReused()
    {
        var editor = new GraphEditor(DesignerServices.Mapper.ToGraph(DesignerServices.ReadWorkflow("province-fan-out.json")), DesignerServices.Catalog);

        var node = editor.AddNode(ActivityTypes.DispatchWorkflow);

        Assert.Equal("dispatchWorkflow1", node.Id);
        var again = editor.AddNode(ActivityTypes.Flowchart);
        Assert.Equal("flowchart2", again.Id);
    }

    [Fact]
    public void AddNode_TypeWithDefaults_StartsWithDefaultInputsAndPorts()
    {
        var editor = Empty();

        var join = editor.AddNode(ActivityTypes.FlowJoin, new NodePosition(10, 20));
        var decision = editor.AddNode(ActivityTypes.FlowDecision);

        Assert.Equal("WaitAny", join.GetInput("mode")?.Text);
        Assert.Equal("String", join.GetInput("mode")?.TypeName);
        Assert.Equal(new NodePosition(10, 20), join.Position);
        Assert.Equal(["True", "False"], decision.Ports);
        Assert.Equal(new NodePosition(10 + GraphLayout.ColumnWidth, 20), decision.Position);
        Assert.Equal(2, editor.Graph.Nodes.Count);
    }

    [Fact]
    public void AddNode_UnknownType_Throws()
    {
        var editor = Empty();

        Assert.Throws<ArgumentException>(() => editor.AddNode("Elsa.Nothing"));
        Assert.False(editor.CanUndo);
    }

    [Fact]
    public void RemoveNode_WithLinks_RemovesItsLinksToo()
    {
        var editor = HelloWorld();

        Assert.True(editor.RemoveNode("writeLine1"));

        Assert.Null(editor.Graph.FindNode("writeLine1"));
        Assert.Equal(["setOutput1:Done->end1"], editor.Graph.Links.Select(l => l.Id));
        Assert.False(editor.RemoveNode("writeLine1"));
    }

    [Fact]
    public void RemoveSelection_NodesAndLinks_RemovesAllInOneUndoStep()
    {
        var editor = HelloWorld();

        editor.RemoveSelection(["start1", "end1"], ["writeLine1:Done->setOutput1"]);

        Assert.Equal(["writeLine1", "setOutput1"], editor.Graph.Nodes.Select(n => n.Id));
        Assert.Empty(editor.Graph.Links);
        editor.Undo();
        Assert.Equal(4, editor.Graph.Nodes.Count);
        Assert.Equal(3, editor.Graph.Links.Count);
        Assert.False(editor.CanUndo);
    }

    [Fact]
    public void Connect_FreePort_AddsALinkToTheInPort()
    {
        var editor = Empty();
        var a = editor.AddNode(ActivityTypes.Start);
        var b = editor.AddNode(ActivityTypes.End);

        var result = editor.Connect(a.Id, "Done", b.Id);

        Assert.Equal(ConnectResult.Connected, result);
        var connection = Assert.Single(editor.Graph.Links).ToConnection();
        Assert.Equal(new Connection.Endpoint("start1", "Done"), connection.Source);
        Assert.Equal(new Connection.Endpoint("end1", "In"), connection.Target);
    }

    [Fact]
    public void Connect_PortAlreadyLinked_ReplacesTheLink()
    {
        var editor = HelloWorld();

        var result = editor.Connect("start1", "Done", "end1");

        Assert.Equal(ConnectResult.Replaced, result);
        Assert.Single(editor.Graph.LinksFrom("start1"), l => l.Target == "end1");
        Assert.Equal(ConnectResult.Unchanged, editor.Connect("start1", "Done", "end1"));
    }

    [Fact]
    public void Connect_PortTheSourceDoesNotHave_IsRefused()
    {
        var editor = HelloWorld();

        Assert.Equal(ConnectResult.UnknownPort, editor.Connect("start1", "True", "end1"));
        Assert.Equal(ConnectResult.UnknownPort, editor.Connect("end1", "Done", "start1"));
        Assert.Equal(ConnectResult.UnknownNode, editor.Connect("start1", "Done", "nowhere"));
        Assert.Equal(ConnectResult.SelfLink, editor.Connect("writeLine1", "Done", "writeLine1"));
        Assert.False(editor.CanUndo);
    }

    [Fact]
    public void Connect_DecisionPorts_EachPortHasItsOwnLink()
    {
        var editor = Empty();
        var decision = editor.AddNode(ActivityTypes.FlowDecision);
        var yes = editor.AddNode(ActivityTypes.End);
        var no = editor.AddNode(ActivityTypes.Fault);

        editor.Connect(decision.Id, "True", yes.Id);
        editor.Connect(decision.Id, "False", no.Id);

        Assert.Equal(2, editor.Graph.LinksFrom(decision.Id).Count());
    }

    [Fact]
    public void Disconnect_ExistingLink_RemovesOnlyIt()
    {
        var editor = HelloWorld();

        Assert.True(editor.Disconnect("start1:Done->writeLine1"));

        Assert.Equal(2, editor.Graph.Links.Count);
        Assert.False(editor.Disconnect("start1:Done->writeLine1"));
    }

    [Fact]
    public void Move_Node_ChangesOnlyItsPosition()
    {
        var editor = HelloWorld();
        var before = editor.Graph;

        Assert.True(editor.Move("end1", new NodePosition(1, 2)));

        Assert.Equal(new NodePosition(1, 2), editor.Graph.FindNode("end1")!.Position);
        Assert.Equal(before.Nodes.Where(n => n.Id != "end1").Select(n => n.Position), editor.Graph.Nodes.Where(n => n.Id != "end1").Select(n => n.Position));
        Assert.False(editor.Move("end1", new NodePosition(1, 2)));
    }

    [Fact]
    public void Rename_BlankName_RemovesTheNameAndShowsTheTypeName()
    {
        var editor = HelloWorld();
        TestCulture.Use("en");

        editor.Rename("writeLine1", " ");

        var node = editor.Graph.FindNode("writeLine1")!;
        Assert.Null(node.Name);
        Assert.Equal("Write line", node.DisplayText);
    }

    [Fact]
    public void UpdateNode_ForkBranchRenamed_RecomputesPortsAndDropsTheOrphanedLink()
    {
        var editor = Empty();
        var fork = editor.AddNode(ActivityTypes.FlowFork);
        var a = editor.AddNode(ActivityTypes.End);
        var b = editor.AddNode(ActivityTypes.End);
        fork = editor.Graph.FindNode(fork.Id)!.WithInput("branches", Expression.Object, """["A","B"]""", "String[]");
        editor.UpdateNode(fork);
        editor.Connect(fork.Id, "A", a.Id);
        editor.Connect(fork.Id, "B", b.Id);

        editor.UpdateNode(editor.Graph.FindNode(fork.Id)!.WithInput("branches", Expression.Object, """["A","C"]"""));

        Assert.Equal(["A", "C"], editor.Graph.FindNode(fork.Id)!.Ports);
        Assert.Equal(["flowFork1:A->end1"], editor.Graph.Links.Select(l => l.Id));
        editor.Undo();
        Assert.Equal(2, editor.Graph.Links.Count);
    }

    [Fact]
    public void UpdateNode_StalePosition_KeepsTheCanvasPosition()
    {
        var editor = HelloWorld();
        var stale = editor.Graph.FindNode("writeLine1")!;
        editor.Move("writeLine1", new NodePosition(5, 5));

        editor.UpdateNode(stale.WithName("Hello"));

        Assert.Equal(new NodePosition(5, 5), editor.Graph.FindNode("writeLine1")!.Position);
        Assert.Equal("Hello", editor.Graph.FindNode("writeLine1")!.Name);
    }

    [Fact]
    public void UpdateNode_NothingChanged_RecordsNoStep()
    {
        var editor = HelloWorld();

        editor.UpdateNode(editor.Graph.FindNode("writeLine1")!);

        Assert.False(editor.CanUndo);
    }

    [Fact]
    public void UndoRedo_SequenceOfOperations_StepsBackAndForward()
    {
        var editor = Empty();
        var graphs = new List<DesignerGraph> { editor.Graph };
        var start = editor.AddNode(ActivityTypes.Start);
        graphs.Add(editor.Graph);
        var end = editor.AddNode(ActivityTypes.End);
        graphs.Add(editor.Graph);
        editor.Connect(start.Id, "Done", end.Id);
        graphs.Add(editor.Graph);
        editor.Move(end.Id, new NodePosition(900, 0));
        graphs.Add(editor.Graph);

        for (var i = graphs.Count - 2; i >= 0; i--)
        {
            Assert.True(editor.Undo());
            Assert.Same(graphs[i], editor.Graph);
        }

        Assert.False(editor.Undo());
        for (var i = 1; i < graphs.Count; i++)
        {
            Assert.True(editor.Redo());
            Assert.Same(graphs[i], editor.Graph);
        }

        Assert.False(editor.Redo());
    }

    [Fact]
    public void Redo_AfterANewOperation_IsNoLongerPossible()
    {
        var editor = HelloWorld();
        editor.Move("end1", new NodePosition(0, 300));
        editor.Undo();
        Assert.True(editor.CanRedo);

        editor.Rename("end1", "Finish");

        Assert.False(editor.CanRedo);
        Assert.Equal(new NodePosition(720, 0), editor.Graph.FindNode("end1")!.Position);
    }

    [Fact]
    public void Changed_EveryChangeUndoAndRedo_IsRaised()
    {
        var editor = HelloWorld();
        var raised = 0;
        editor.Changed += () => raised++;

        editor.Move("end1", new NodePosition(0, 300));
        editor.Move("end1", new NodePosition(0, 300));
        editor.Undo();
        editor.Redo();

        Assert.Equal(3, raised);
    }

    [Fact]
    public void AutoLayout_ScatteredNodes_PlacesThemInColumnsByLongestPath()
    {
        var editor = HelloWorld();
        editor.MoveMany(editor.Graph.Nodes.ToDictionary(n => n.Id, n => new NodePosition(-n.Position.X, 77)));

        editor.AutoLayout();

        Assert.Equal(
            [new(0, 0), new(240, 0), new(480, 0), new(720, 0)],
            editor.Graph.Nodes.Select(n => n.Position));
        editor.Undo();
        Assert.All(editor.Graph.Nodes, n => Assert.Equal(77, n.Position.Y));
    }

    [Fact]
    public void SetVariables_SameVariablesAsNewObjects_RecordsNothing()
    {
        var editor = HelloWorld();
        var copies = editor.Graph.Variables.Select(v => new VariableDefinition { Id = v.Id, Name = v.Name, TypeName = v.TypeName, Value = v.Value?.DeepClone() }).ToList();

        Assert.False(editor.SetVariables(copies));
        Assert.False(editor.CanUndo);
    }

    [Fact]
    public void SetVariablesAndSetInputs_UndoneAndRedone_StepThroughEachChange()
    {
        var editor = HelloWorld();
        var original = editor.Graph;

        Assert.True(editor.SetVariables([]));
        Assert.True(editor.SetInputs([new System.Text.Json.Nodes.JsonObject { ["name"] = "agency", ["type"] = "String" }]));

        editor.Undo();
        Assert.Empty(editor.Graph.Inputs);
        Assert.Empty(editor.Graph.Variables);
        editor.Undo();
        Assert.Same(original, editor.Graph);
        editor.Redo();
        editor.Redo();
        Assert.Equal(("agency", 0), ((string?)editor.Graph.Inputs[0]["name"], editor.Graph.Variables.Count));
    }
}
