using System.Globalization;
using AiPlusTasks.Designer.Graph;
using AiPlusTasks.Designer.Interop;
using AiPlusTasks.Designer.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;

namespace AiPlusTasks.Designer.Components;

/// <summary>
/// Draws <see cref="GraphEditor.Graph"/> as SVG and turns pointer and key input into editor operations. A drag shows
/// nodes at their dragged place and changes the graph once, on release (<see cref="GraphEditor.MoveMany"/>), so a
/// drag is one undo step. Zoom and pan are a transform on the content group and are not part of the graph.
/// </summary>
public sealed partial class DesignerCanvas
{
    /// <summary>A node's width in canvas units.</summary>
    public const double NodeWidth = 180;

    /// <summary>The zoom steps' factor and limits.</summary>
    public const double ZoomStep = 1.2, MinZoom = 0.25, MaxZoom = 3;

    private const double HeaderHeight = 50, PortSpacing = 22;

    private readonly HashSet<string> _selectedNodes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _selectedLinks = new(StringComparer.Ordinal);

    private ElementReference _element;
    private double _zoom = 1, _panX = 40, _panY = 40;
    private Gesture _gesture = Gesture.None;
    private double _startX, _startY, _startPanX, _startPanY;
    private double _dx, _dy;
    private PendingLink? _connecting;

    private enum Gesture
    {
        None,
        MoveNodes,
        Pan,
        Connect,
    }

    /// <summary>The editor whose graph is drawn and changed.</summary>
    [Parameter]
    [EditorRequired]
    public GraphEditor Editor { get; set; } = default!;

    /// <summary>The activity type being dragged from the palette, added where it is dropped; null when none is.</summary>
    [Parameter]
    public string? DraggedType { get; set; }

    /// <summary>Raised when the selection changes, with the selected node's id when exactly one node is selected.</summary>
    [Parameter]
    public EventCallback<string?> OnSelectionChanged { get; set; }

    /// <summary>Raised after a drop from the palette was handled (the page forgets the dragged type).</summary>
    [Parameter]
    public EventCallback OnDropped { get; set; }

    /// <summary>
    /// True to show the graph without changing it: nodes and links can be selected, the view panned and zoomed, but
    /// nothing is moved, connected, deleted, dropped, undone or redone. Default false.
    /// </summary>
    [Parameter]
    public bool ReadOnly { get; set; }

    /// <summary>How far an instance got with each node, by node id; absent nodes are drawn plainly. Default none.</summary>
    [Parameter]
    public IReadOnlyDictionary<string, NodeRunState>? NodeStates { get; set; }

    /// <summary>The ids (<see cref="DesignerLink.Id"/>) of links an instance followed, drawn as taken. Default none.</summary>
    [Parameter]
    public IReadOnlySet<string>? TakenLinks { get; set; }

    /// <summary>The current zoom factor (1 = 100%).</summary>
    public double Zoom => _zoom;

    /// <summary>The selected nodes' ids.</summary>
    public IReadOnlyCollection<string> SelectedNodes => _selectedNodes;

    /// <summary>The selected links' ids.</summary>
    public IReadOnlyCollection<string> SelectedLinks => _selectedLinks;

    [Inject]
    private IStringLocalizer<DesignerText> T { get; set; } = default!;

    [Inject]
    private CanvasInterop Interop { get; set; } = default!;

    private DesignerGraph Graph => Editor.Graph;

    private string Transform => $"translate({Num(_panX)} {Num(_panY)}) scale({Num(_zoom)})";

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await Interop.CapturePointersAsync(_element);
        }
    }

    /// <summary>Selects one node (e.g. from the validation panel), replacing the selection.</summary>
    public Task SelectAsync(string nodeId)
    {
        _selectedNodes.Clear();
        _selectedLinks.Clear();
        if (Graph.FindNode(nodeId) is not null)
        {
            _selectedNodes.Add(nodeId);
        }

        StateHasChanged();
        return NotifySelectionAsync();
    }

    /// <summary>Zooms in one step (at most <see cref="MaxZoom"/>).</summary>
    public void ZoomIn() => SetZoom(_zoom * ZoomStep);

    /// <summary>Zooms out one step (at least <see cref="MinZoom"/>).</summary>
    public void ZoomOut() => SetZoom(_zoom / ZoomStep);

    /// <summary>Back to 100% and the initial pan.</summary>
    public void ResetView()
    {
        _panX = 40;
        _panY = 40;
        SetZoom(1);
    }

    /// <summary>
    /// Zooms and pans so the whole graph shows in the middle of the canvas with a margin, never above 100% nor below
    /// <see cref="MinZoom"/>; with no nodes, or when the canvas's size is unknown, the same as <see cref="ResetView"/>.
    /// </summary>
    public async Task FitAsync()
    {
        var bounds = await Interop.GetBoundsAsync(_element);
        if (Graph.Nodes.Count == 0 || bounds.Width <= 0 || bounds.Height <= 0)
        {
            ResetView();
            return;
        }

        const double margin = 30;
        var left = Graph.Nodes.Min(n => n.Position.X);
        var top = Graph.Nodes.Min(n => n.Position.Y) - 20; // the state label sits above a node
        var right = Graph.Nodes.Max(n => n.Position.X + NodeWidth);
        var bottom = Graph.Nodes.Max(n => n.Position.Y + Height(n));
        _zoom = Math.Clamp(Math.Min((bounds.Width - (2 * margin)) / (right - left), (bounds.Height - (2 * margin)) / (bottom - top)), MinZoom, 1);
        _panX = Math.Max(margin, (bounds.Width - ((right - left) * _zoom)) / 2) - (left * _zoom);
        _panY = Math.Max(margin, (bounds.Height - ((bottom - top) * _zoom)) / 2) - (top * _zoom);
        StateHasChanged();
    }

    /// <summary>Removes the selected nodes and links in one undo step; does nothing when <see cref="ReadOnly"/>.</summary>
    public Task DeleteSelectionAsync()
    {
        if (ReadOnly || (_selectedNodes.Count == 0 && _selectedLinks.Count == 0))
        {
            return Task.CompletedTask;
        }

        Editor.RemoveSelection(_selectedNodes, _selectedLinks);
        _selectedNodes.Clear();
        _selectedLinks.Clear();
        return NotifySelectionAsync();
    }

    protected override void OnParametersSet() => Prune();

    internal static string Num(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static double PortY(int index) => HeaderHeight + (index * PortSpacing);

    private static double Height(DesignerNode node) => HeaderHeight + (Math.Max(node.Ports.Count, 1) * PortSpacing) - 6;

    private static string Curve((double X, double Y) from, (double X, double Y) to)
    {
        var bend = Math.Max(40, Math.Abs(to.X - from.X) / 2);
        return $"M {Num(from.X)} {Num(from.Y)} C {Num(from.X + bend)} {Num(from.Y)}, {Num(to.X - bend)} {Num(to.Y)}, {Num(to.X)} {Num(to.Y)}";
    }

    private static string StateClass(NodeRunState state) => state switch
    {
        NodeRunState.Executed => "state-executed",
        NodeRunState.Waiting => "state-waiting",
        NodeRunState.Faulted => "state-faulted",
        _ => "",
    };

    // A shape as well as a colour, so the state reads without colour vision.
    private static string StateMark(NodeRunState state) => state switch
    {
        NodeRunState.Executed => "✓",
        NodeRunState.Waiting => "○",
        NodeRunState.Faulted => "✗",
        _ => "",
    };

    private NodeRunState StateOf(string nodeId) =>
        NodeStates is not null && NodeStates.TryGetValue(nodeId, out var state) ? state : NodeRunState.None;

    private string? StateText(NodeRunState state) => state switch
    {
        NodeRunState.Executed => T["InstanceStateExecuted"].Value,
        NodeRunState.Waiting => T["InstanceStateWaiting"].Value,
        NodeRunState.Faulted => T["InstanceStateFaulted"].Value,
        _ => null,
    };

    private NodePosition Shown(DesignerNode node) =>
        _gesture == Gesture.MoveNodes && _selectedNodes.Contains(node.Id)
            ? new(node.Position.X + _dx, node.Position.Y + _dy)
            : node.Position;

    private (double X, double Y) PortPoint(DesignerNode node, string port)
    {
        var index = Math.Max(0, node.Ports.ToList().IndexOf(port));
        var at = Shown(node);
        return (at.X + NodeWidth, at.Y + PortY(index));
    }

    private string? LinkPath(DesignerLink link)
    {
        if (Graph.FindNode(link.Source) is not { } source || Graph.FindNode(link.Target) is not { } target)
        {
            return null;
        }

        var at = Shown(target);
        return Curve(PortPoint(source, link.SourcePort), (at.X, at.Y + (HeaderHeight / 2)));
    }

    private void SetZoom(double zoom)
    {
        _zoom = Math.Clamp(zoom, MinZoom, MaxZoom);
        StateHasChanged();
    }

    private async Task OnNodeDown(PointerEventArgs e, string id)
    {
        if (e.Button != 0)
        {
            return;
        }

        if (e.ShiftKey)
        {
            if (!_selectedNodes.Remove(id))
            {
                _selectedNodes.Add(id);
            }
        }
        else if (!_selectedNodes.Contains(id))
        {
            _selectedNodes.Clear();
            _selectedLinks.Clear();
            _selectedNodes.Add(id);
        }

        if (!ReadOnly)
        {
            Begin(Gesture.MoveNodes, e);
        }

        await NotifySelectionAsync();
    }

    private Task OnLinkDown(PointerEventArgs e, string id)
    {
        if (!e.ShiftKey)
        {
            _selectedNodes.Clear();
            _selectedLinks.Clear();
        }

        if (!_selectedLinks.Remove(id))
        {
            _selectedLinks.Add(id);
        }

        return NotifySelectionAsync();
    }

    private async Task OnBackgroundDown(PointerEventArgs e)
    {
        if (!e.ShiftKey && (_selectedNodes.Count > 0 || _selectedLinks.Count > 0))
        {
            _selectedNodes.Clear();
            _selectedLinks.Clear();
            await NotifySelectionAsync();
        }

        Begin(Gesture.Pan, e);
        _startPanX = _panX;
        _startPanY = _panY;
    }

    private void OnPortDown(PointerEventArgs e, string id, string port)
    {
        if (ReadOnly || Graph.FindNode(id) is not { } node)
        {
            return;
        }

        Begin(Gesture.Connect, e);
        var from = PortPoint(node, port);
        _connecting = new PendingLink(id, port, from, from);
    }

    private void OnNodeUp(string id)
    {
        if (_gesture == Gesture.Connect && _connecting is { } pending)
        {
            Editor.Connect(pending.Source, pending.Port, id);
            End();
        }
    }

    private void OnPointerMove(PointerEventArgs e)
    {
        switch (_gesture)
        {
            case Gesture.MoveNodes:
                _dx = (e.ClientX - _startX) / _zoom;
                _dy = (e.ClientY - _startY) / _zoom;
                break;
            case Gesture.Pan:
                _panX = _startPanX + (e.ClientX - _startX);
                _panY = _startPanY + (e.ClientY - _startY);
                break;
            case Gesture.Connect when _connecting is { } pending:
                _connecting = pending with
                {
                    To = (pending.From.X + ((e.ClientX - _startX) / _zoom), pending.From.Y + ((e.ClientY - _startY) / _zoom)),
                };
                break;
        }
    }

    private void OnPointerUp(PointerEventArgs e)
    {
        if (_gesture == Gesture.MoveNodes && (_dx != 0 || _dy != 0))
        {
            var moves = _selectedNodes
                .Select(Graph.FindNode)
                .OfType<DesignerNode>()
                .ToDictionary(n => n.Id, n => new NodePosition(Math.Round(n.Position.X + _dx), Math.Round(n.Position.Y + _dy)));
            End();
            Editor.MoveMany(moves);
            return;
        }

        End();
    }

    private async Task OnKeyDown(KeyboardEventArgs e)
    {
        if (ReadOnly)
        {
            return;
        }

        var control = e.CtrlKey || e.MetaKey;
        switch (e.Key)
        {
            case "Delete" or "Backspace":
                await DeleteSelectionAsync();
                break;
            case "z" or "Z" when control && e.ShiftKey:
            case "y" or "Y" when control:
                Editor.Redo();
                Prune();
                break;
            case "z" or "Z" when control:
                Editor.Undo();
                Prune();
                break;
        }
    }

    private async Task OnDropAsync(DragEventArgs e)
    {
        if (ReadOnly || DraggedType is not { } type)
        {
            return;
        }

        var bounds = await Interop.GetBoundsAsync(_element);
        var x = (e.ClientX - bounds.Left - _panX) / _zoom;
        var y = (e.ClientY - bounds.Top - _panY) / _zoom;
        var node = Editor.AddNode(type, new NodePosition(Math.Round(x), Math.Round(y)));
        await OnDropped.InvokeAsync();
        await SelectAsync(node.Id);

        // The drag left the focus in the palette; the canvas takes it so Delete and Ctrl+Z act on what was dropped.
        await _element.FocusAsync();
    }

    private void Begin(Gesture gesture, PointerEventArgs e)
    {
        _gesture = gesture;
        _startX = e.ClientX;
        _startY = e.ClientY;
        _dx = 0;
        _dy = 0;
    }

    private void End()
    {
        _gesture = Gesture.None;
        _connecting = null;
        _dx = 0;
        _dy = 0;
    }

    private void Prune()
    {
        _selectedNodes.RemoveWhere(id => Graph.FindNode(id) is null);
        _selectedLinks.RemoveWhere(id => Graph.FindLink(id) is null);
    }

    private Task NotifySelectionAsync() =>
        OnSelectionChanged.InvokeAsync(_selectedNodes.Count == 1 && _selectedLinks.Count == 0 ? _selectedNodes.First() : null);

    private sealed record PendingLink(string Source, string Port, (double X, double Y) From, (double X, double Y) To);
}
