using AiPlusTasks.Designer.Components;
using AiPlusTasks.Designer.Graph;
using AiPlusTasks.Designer.Tests.Support;
using Bunit;
using Microsoft.AspNetCore.Components.Web;

namespace AiPlusTasks.Designer.Tests.Components;

public sealed class DesignerCanvasTests : DesignerContext
{
    private readonly List<string?> _selections = [];

    [Theory]
    [InlineData("hello-world.json")]
    [InlineData("province-fan-out.json")]
    [InlineData("quarterly-review.json")]
    public void Render_Workflow_DrawsEveryNodeAndLink(string file)
    {
        var editor = EditorFor(file);

        var cut = RenderCanvas(editor);

        Assert.Equal(editor.Graph.Nodes.Select(n => n.Id), cut.FindAll(".canvas-node").Select(n => n.GetAttribute("data-node")));
        Assert.Equal(editor.Graph.Links.Select(l => l.Id), cut.FindAll(".canvas-link").Select(l => l.GetAttribute("data-link")));
        Assert.All(editor.Graph.Nodes, node =>
        {
            var box = cut.Find($"[data-node='{node.Id}']");
            Assert.Equal(node.DisplayText, box.QuerySelector(".node-text")!.TextContent);
            Assert.Equal(node.Ports, box.QuerySelectorAll("circle.canvas-port").Select(p => p.GetAttribute("data-port")));
        });
    }

    [Fact]
    public void PointerDown_Node_SelectsOnlyIt_AndShiftAddsAnother()
    {
        var cut = RenderCanvas(EditorFor("hello-world.json"));

        cut.Find("[data-node=writeLine1]").PointerDown(new PointerEventArgs { Button = 0 });
        cut.Find("[data-node=setOutput1]").PointerDown(new PointerEventArgs { Button = 0, ShiftKey = true });

        Assert.Equal(["writeLine1", "setOutput1"], cut.FindAll(".canvas-node.selected").Select(n => n.GetAttribute("data-node")));
        Assert.Equal(["writeLine1", null], _selections);
    }

    [Fact]
    public void Delete_Selection_RemovesNodeAndItsLinks_AndCtrlZRestoresThem()
    {
        var editor = EditorFor("hello-world.json");
        var before = editor.Graph;
        var cut = RenderCanvas(editor);
        var links = before.Links.Count(l => l.Source == "writeLine1" || l.Target == "writeLine1");
        Assert.True(links > 0);

        cut.Find("[data-node=writeLine1]").PointerDown(new PointerEventArgs { Button = 0 });
        cut.Find("#designer-canvas").KeyDown(new KeyboardEventArgs { Key = "Delete" });

        Assert.Empty(cut.FindAll("[data-node=writeLine1]"));
        Assert.Equal(before.Links.Count - links, cut.FindAll(".canvas-link").Count);
        Assert.Null(_selections[^1]);

        cut.Find("#designer-canvas").KeyDown(new KeyboardEventArgs { Key = "z", CtrlKey = true });

        Assert.Single(cut.FindAll("[data-node=writeLine1]"));
        Assert.Equal(before.Links.Count, cut.FindAll(".canvas-link").Count);
        Assert.Same(before, editor.Graph);

        cut.Find("#designer-canvas").KeyDown(new KeyboardEventArgs { Key = "y", CtrlKey = true });

        Assert.Empty(cut.FindAll("[data-node=writeLine1]"));
    }

    [Fact]
    public void Delete_SelectedLink_RemovesOnlyThatLink()
    {
        var editor = EditorFor("hello-world.json");
        var link = editor.Graph.Links[0];
        var cut = RenderCanvas(editor);

        cut.Find($"[data-link='{link.Id}']").PointerDown(new PointerEventArgs { Button = 0 });
        Assert.Contains("selected", cut.Find($"[data-link='{link.Id}']").ClassList);
        cut.Find("#designer-canvas").KeyDown(new KeyboardEventArgs { Key = "Delete" });

        Assert.Null(editor.Graph.FindLink(link.Id));
        Assert.Equal(DesignerServices.ReadWorkflow("hello-world.json").Root.Activities.Count, editor.Graph.Nodes.Count);
        Assert.Empty(cut.FindAll($"[data-link='{link.Id}']"));
    }

    [Fact]
    public void DragFromPort_ToNode_ConnectsThem()
    {
        var editor = new GraphEditor(new DesignerGraph([], [], "flowchart1"), DesignerServices.Catalog);
        editor.AddNode("Elsa.Start");
        editor.AddNode("AiPlus.HumanTask");
        var cut = RenderCanvas(editor);

        cut.Find("[data-node=start1] circle[data-port=Done]").PointerDown(new PointerEventArgs { Button = 0, ClientX = 200, ClientY = 60 });
        cut.Find("#designer-canvas").PointerMove(new PointerEventArgs { ClientX = 300, ClientY = 70 });
        Assert.Single(cut.FindAll(".canvas-link.pending"));
        cut.Find("[data-node=humanTask1]").PointerUp(new PointerEventArgs { ClientX = 300, ClientY = 70 });

        var link = Assert.Single(editor.Graph.Links);
        Assert.Equal(("start1", "Done", "humanTask1"), (link.Source, link.SourcePort, link.Target));
        Assert.Single(cut.FindAll($"[data-link='{link.Id}']"));
        Assert.Empty(cut.FindAll(".canvas-link.pending"));
    }

    [Fact]
    public void DragNodes_ThenRelease_MovesTheSelectionInOneUndoStep()
    {
        var editor = EditorFor("hello-world.json");
        var start = editor.Graph.FindNode("start1")!.Position;
        var greet = editor.Graph.FindNode("writeLine1")!.Position;
        var cut = RenderCanvas(editor);

        cut.Find("[data-node=start1]").PointerDown(new PointerEventArgs { Button = 0, ClientX = 10, ClientY = 10 });
        cut.Find("[data-node=writeLine1]").PointerDown(new PointerEventArgs { Button = 0, ShiftKey = true, ClientX = 10, ClientY = 10 });
        cut.Find("#designer-canvas").PointerMove(new PointerEventArgs { ClientX = 60, ClientY = 90 });
        Assert.Equal(start, editor.Graph.FindNode("start1")!.Position);
        cut.Find("#designer-canvas").PointerUp(new PointerEventArgs { ClientX = 60, ClientY = 90 });

        Assert.Equal(new NodePosition(start.X + 50, start.Y + 80), editor.Graph.FindNode("start1")!.Position);
        Assert.Equal(new NodePosition(greet.X + 50, greet.Y + 80), editor.Graph.FindNode("writeLine1")!.Position);
        Assert.True(editor.Undo());
        Assert.Equal(start, editor.Graph.FindNode("start1")!.Position);
        Assert.False(editor.CanUndo);
    }

    [Fact]
    public void Drop_FromPalette_AddsTheTypeWhereDropped_AndSelectsIt()
    {
        var editor = EditorFor("hello-world.json");
        var cut = Render<DesignerCanvas>(p => p
            .Add(x => x.Editor, editor)
            .Add(x => x.DraggedType, "Elsa.Delay")
            .Add(x => x.OnSelectionChanged, (string? id) => _selections.Add(id)));

        // Without a browser the canvas is taken to be at the page's top-left; the content is panned by (40, 40).
        cut.Find("#designer-canvas").Drop(new DragEventArgs { ClientX = 340, ClientY = 240 });

        var node = Assert.Single(editor.Graph.Nodes, n => n.Type == "Elsa.Delay");
        Assert.Equal(new NodePosition(300, 200), node.Position);
        Assert.Equal(node.Id, _selections[^1]);
        Assert.Contains("selected", cut.Find($"[data-node='{node.Id}']").ClassList);
    }

    [Fact]
    public async Task Zoom_InOutAndReset_ChangeOnlyTheView()
    {
        var editor = EditorFor("hello-world.json");
        var cut = RenderCanvas(editor);

        await cut.InvokeAsync(cut.Instance.ZoomIn);
        Assert.Equal("1.2", cut.Find(".canvas-content").GetAttribute("data-zoom"));
        await cut.InvokeAsync(cut.Instance.ZoomOut);
        await cut.InvokeAsync(cut.Instance.ZoomOut);
        Assert.Equal("0.83", cut.Find(".canvas-content").GetAttribute("data-zoom"));
        await cut.InvokeAsync(cut.Instance.FitAsync); // the canvas's size is unknown here: back to 100%
        Assert.Equal("1", cut.Find(".canvas-content").GetAttribute("data-zoom"));
        Assert.False(editor.CanUndo);
    }

    [Fact]
    public void Render_NodeStates_MarksEachStateWithClassTextAndLabel_AndTakenLinks()
    {
        TestCulture.Use("zh-CN");
        var editor = EditorFor("hello-world.json");
        var states = new Dictionary<string, NodeRunState>
        {
            ["start1"] = NodeRunState.Executed,
            ["writeLine1"] = NodeRunState.Waiting,
            ["setOutput1"] = NodeRunState.Faulted,
        };
        var taken = new HashSet<string> { "start1:Done->writeLine1" };

        var cut = Render<DesignerCanvas>(p => p
            .Add(x => x.Editor, editor)
            .Add(x => x.ReadOnly, true)
            .Add(x => x.NodeStates, states)
            .Add(x => x.TakenLinks, taken));

        var expected = new[] { ("start1", "state-executed", "已执行"), ("writeLine1", "state-waiting", "等待中"), ("setOutput1", "state-faulted", "出错") };
        Assert.All(expected, e =>
        {
            var node = cut.Find($"[data-node='{e.Item1}']");
            Assert.Contains(e.Item2, node.ClassList);
            Assert.Contains(e.Item3, node.QuerySelector(".node-state")!.TextContent, StringComparison.Ordinal);
            Assert.EndsWith(e.Item3, node.GetAttribute("aria-label"), StringComparison.Ordinal);
        });
        var end = cut.Find("[data-node=end1]");
        Assert.Null(end.QuerySelector(".node-state"));
        Assert.DoesNotContain(end.ClassList, c => c.StartsWith("state-", StringComparison.Ordinal));
        Assert.Equal(["start1:Done->writeLine1"], cut.FindAll(".canvas-link.taken").Select(l => l.GetAttribute("data-link")));
    }

    [Fact]
    public void Delete_ReadOnly_SelectsButChangesNothing()
    {
        var editor = EditorFor("hello-world.json");
        var before = editor.Graph;
        var link = before.Links[0];
        var cut = Render<DesignerCanvas>(p => p
            .Add(x => x.Editor, editor)
            .Add(x => x.ReadOnly, true)
            .Add(x => x.OnSelectionChanged, (string? id) => _selections.Add(id)));

        cut.Find("[data-node=writeLine1]").PointerDown(new PointerEventArgs { Button = 0, ClientX = 10, ClientY = 10 });
        cut.Find("#designer-canvas").PointerMove(new PointerEventArgs { ClientX = 90, ClientY = 70 });
        cut.Find("#designer-canvas").PointerUp(new PointerEventArgs { ClientX = 90, ClientY = 70 });
        cut.Find("#designer-canvas").KeyDown(new KeyboardEventArgs { Key = "Delete" });
        cut.Find($"[data-link='{link.Id}']").PointerDown(new PointerEventArgs { Button = 0 });
        cut.Find("#designer-canvas").KeyDown(new KeyboardEventArgs { Key = "Backspace" });
        cut.Find("[data-node=writeLine1] circle.canvas-port").PointerDown(new PointerEventArgs { Button = 0 });
        cut.Find("[data-node=end1]").PointerUp(new PointerEventArgs());

        Assert.Equal(["writeLine1", null], _selections);
        Assert.Contains("selected", cut.Find($"[data-link='{link.Id}']").ClassList);
        Assert.Same(before, editor.Graph);
        Assert.False(editor.CanUndo);
        Assert.Single(cut.FindAll("[data-node=writeLine1]"));
        Assert.Equal(before.Links.Count, cut.FindAll(".canvas-link").Count);
    }

    [Fact]
    public async Task CanvasSize_FitsTheGraph_ZoomKeepsTheCentre_AndTheMinimapShowsOnlyWhileTheGraphIsLarger()
    {
        var cut = RenderCanvas(EditorFor("national-key-task.json"));

        await cut.InvokeAsync(() => cut.Instance.OnCanvasResized(600, 400));
        var fitted = View(cut);
        Assert.InRange(fitted.Zoom, DesignerCanvas.MinZoom, 0.99);
        Assert.Empty(cut.FindAll("#canvas-minimap"));

        await cut.InvokeAsync(cut.Instance.ZoomIn);
        var zoomed = View(cut);
        Assert.Equal(fitted.Zoom * DesignerCanvas.ZoomStep, zoomed.Zoom, 2);
        Assert.Equal((300 - fitted.X) / fitted.Zoom, (300 - zoomed.X) / zoomed.Zoom, 0); // the graph point at the centre stays there
        Assert.Equal((200 - fitted.Y) / fitted.Zoom, (200 - zoomed.Y) / zoomed.Zoom, 0);
        Assert.Single(cut.FindAll("#canvas-minimap"));
        Assert.Equal(12, cut.FindAll("#canvas-minimap rect.minimap-node").Count);

        // Zoomed by the planner, a resize keeps their view; fitting again hides the minimap and follows resizes.
        await cut.InvokeAsync(() => cut.Instance.OnCanvasResized(500, 400));
        Assert.Equal(zoomed, View(cut));
        await cut.InvokeAsync(cut.Instance.FitAsync);
        Assert.Empty(cut.FindAll("#canvas-minimap"));
        var refitted = View(cut).Zoom;
        Assert.True(refitted < fitted.Zoom, $"fitted into 500 px at {refitted}, into 600 px at {fitted.Zoom}");
        await cut.InvokeAsync(() => cut.Instance.OnCanvasResized(600, 400));
        Assert.Equal(fitted, View(cut));
    }

    // The content group's transform: translate(x y) scale(zoom).
    private static (double X, double Y, double Zoom) View(IRenderedComponent<DesignerCanvas> cut)
    {
        var numbers = System.Text.RegularExpressions.Regex.Matches(cut.Find(".canvas-content").GetAttribute("transform")!, @"-?[\d.]+")
            .Select(m => double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return (numbers[0], numbers[1], numbers[2]);
    }

    private static GraphEditor EditorFor(string file) =>
        new(DesignerServices.Mapper.ToGraph(DesignerServices.ReadWorkflow(file)), DesignerServices.Catalog);

    private IRenderedComponent<DesignerCanvas> RenderCanvas(GraphEditor editor) =>
        Render<DesignerCanvas>(p => p
            .Add(x => x.Editor, editor)
            .Add(x => x.OnSelectionChanged, (string? id) => _selections.Add(id)));
}
