using AiPlusTasks.Designer.Graph;
using AiPlusTasks.Designer.Tests.Support;
using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Designer.Tests.Graph;

public sealed class GraphLayoutTests
{
    [Fact]
    public void Layered_DiamondWithLongerBranch_PutsTheJoinAfterTheLongestPath()
    {
        var editor = new GraphEditor(new DesignerGraph([], []), DesignerServices.Catalog);
        var start = editor.AddNode(ActivityTypes.Start);
        var decision = editor.AddNode(ActivityTypes.FlowDecision);
        var shortcut = editor.AddNode(ActivityTypes.WriteLine);
        var longA = editor.AddNode(ActivityTypes.WriteLine);
        var longB = editor.AddNode(ActivityTypes.WriteLine);
        var end = editor.AddNode(ActivityTypes.End);
        editor.Connect(start.Id, "Done", decision.Id);
        editor.Connect(decision.Id, "True", shortcut.Id);
        editor.Connect(decision.Id, "False", longA.Id);
        editor.Connect(longA.Id, "Done", longB.Id);
        editor.Connect(longB.Id, "Done", end.Id);
        editor.Connect(shortcut.Id, "Done", end.Id);

        var layout = GraphLayout.Layered(editor.Graph);

        Assert.Equal(0, layout[start.Id].X);
        Assert.Equal(GraphLayout.ColumnWidth, layout[decision.Id].X);
        Assert.Equal(2 * GraphLayout.ColumnWidth, layout[shortcut.Id].X);
        Assert.Equal(2 * GraphLayout.ColumnWidth, layout[longA.Id].X);
        Assert.NotEqual(layout[shortcut.Id].Y, layout[longA.Id].Y);
        Assert.Equal(4 * GraphLayout.ColumnWidth, layout[end.Id].X);
    }

    [Fact]
    public void Layered_LoopBack_IsIgnoredForColumns()
    {
        var graph = DesignerServices.Mapper.ToGraph(DesignerServices.ReadWorkflow("national-key-task.json"));

        var layout = GraphLayout.Layered(graph);

        Assert.Equal(graph.Nodes.Count, layout.Count);
        var start = graph.Nodes.Single(n => n.Type == ActivityTypes.Start);
        Assert.Equal(new NodePosition(0, 0), layout[start.Id]);
        Assert.Equal(layout.Count, layout.Values.Distinct().Count());
    }

    [Fact]
    public void Layered_TallNodes_DoNotOverlapInTheirColumn()
    {
        var graph = DesignerServices.Mapper.ToGraph(DesignerServices.ReadWorkflow("national-key-task.json"));

        var layout = GraphLayout.Layered(graph);

        var boxes = graph.Nodes.Select(n => (Node: n, At: layout[n.Id], Box: NodeBox.Of(n))).ToList();
        foreach (var a in boxes)
        {
            foreach (var b in boxes.Where(b => b.Node != a.Node && b.At.X == a.At.X && b.At.Y > a.At.Y))
            {
                Assert.True(b.At.Y >= a.At.Y + a.Box.Height + GraphLayout.RowGap, $"{b.Node.Id} overlaps {a.Node.Id}");
            }
        }
    }
}
