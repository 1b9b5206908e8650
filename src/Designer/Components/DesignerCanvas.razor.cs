using System.Globalization;
using System.Runtime.CompilerServices;
using AiPlusTasks.Designer.Graph;
using AiPlusTasks.Designer.Interop;
using AiPlusTasks.Designer.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;

namespace AiPlusTasks.Designer.Components;

/// <summary>
/// Draws <see cref="GraphEditor.Graph"/> as SVG and turns pointer and key input into editor operations. A drag shows
/// nodes at their dragged place and changes the graph once, on release (<see cref="GraphEditor.MoveMany"/>), so a
/// drag is one undo step. Zoom and pan are a transform on the content group and are not part of the graph.
/// The view fits the whole graph when the canvas opens, on <see cref="FitAsync"/>, and again whenever the canvas changes
/// size until the planner zooms or pans; while part of the graph is outside the view a minimap in the corner shows the
/// whole graph and the visible part, and a click, a drag or the arrow keys there move the view.
/// </summary>
public sealed partial class DesignerCanvas : IDisposable
{
    /// <summary>The zoom steps' factor and limits.</summary>
    public const double ZoomStep = 1.2, MinZoom = 0.1, MaxZoom = 3;

    /// <summary>The minimap's size in CSS pixels (as in the CSS).</summary>
    public const double MinimapWidth = 200, MinimapHeight = 120;

    // Space kept around the graph when it is fitted, and above each node for its run-state label.
    private const double FitMargin = 40, StateLabelHeight = 20;

    private readonly HashSet<string> _selectedNodes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _selectedLinks = new(StringComparer.Ordinal);

    private readonly ConditionalWeakTable<DesignerNode, NodeBox> _boxes = [];

    private ElementReference _element;
    private DotNetObjectReference<DesignerCanvas>? _self;
    private double _zoom = 1, _panX = FitMargin, _panY = FitMargin;
    private double _viewWidth, _viewHeight;
    private (double X, double Y) _minimapPress;

    // True while the view is the fitted one: a change of the canvas's size fits again; zooming or panning clears it.
    private bool _fitted = true;
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
        Minimap,
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

            // The first size report fits the graph into the canvas as it opens; later ones follow window resizes.
            _self = DotNetObjectReference.Create(this);
            await Interop.ObserveSizeAsync(_element, _self);
        }
    }

    /// <summary>
    /// Selects one node (e.g. from the validation panel), replacing the selection, and moves the view to it when its
    /// box is not wholly visible.
    /// </summary>
    public Task SelectAsync(string nodeId)
    {
        _selectedNodes.Clear();
        _selectedLinks.Clear();
        if (Graph.FindNode(nodeId) is { } node)
        {
            _selectedNodes.Add(nodeId);
            Reveal(node);
        }

        StateHasChanged();
        return NotifySelectionAsync();
    }

    /// <summary>Zooms in one step (at most <see cref="MaxZoom"/>), keeping the canvas's centre in place.</summary>
    public void ZoomIn() => SetZoom(_zoom * ZoomStep);

    /// <summary>Zooms out one step (at least <see cref="MinZoom"/>), keeping the canvas's centre in place.</summary>
    public void ZoomOut() => SetZoom(_zoom / ZoomStep);

    /// <summary>
    /// Zooms and pans so the whole graph shows with a margin, never above 100% nor below <see cref="MinZoom"/>, and keeps
    /// it fitted when the canvas changes size. A graph that fits at 100% starts at the top-left corner, as a page does; a
    /// larger one is scaled down and centred. With no nodes, or while the canvas's size was never known, 100% at the top left.
    /// </summary>
    public async Task FitAsync()
    {
        var bounds = await Interop.GetBoundsAsync(_element);
        if (bounds.Width > 0 && bounds.Height > 0)
        {
            _viewWidth = bounds.Width;
            _viewHeight = bounds.Height;
        }

        Fit();
        StateHasChanged();
    }

    /// <summary>The canvas changed size (reported by <c>designerCanvas.js</c>, once when it opens and on every resize).</summary>
    [JSInvokable]
    public void OnCanvasResized(double width, double height)
    {
        _viewWidth = width;
        _viewHeight = height;
        if (_fitted)
        {
            Fit();
        }

        StateHasChanged();
    }

    public void Dispose() => _self?.Dispose();

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

    private NodeBox BoxOf(DesignerNode node) => _boxes.GetValue(node, NodeBox.Of);

    private (double X, double Y) PortPoint(DesignerNode node, string port)
    {
        var index = Math.Max(0, node.Ports.ToList().IndexOf(port));
        var at = Shown(node);
        var box = BoxOf(node);
        return (at.X + box.Width, at.Y + box.PortY(index));
    }

    private string? LinkPath(DesignerLink link)
    {
        if (Graph.FindNode(link.Source) is not { } source || Graph.FindNode(link.Target) is not { } target)
        {
            return null;
        }

        var at = Shown(target);
        return Curve(PortPoint(source, link.SourcePort), (at.X, at.Y + (BoxOf(target).HeaderHeight / 2)));
    }

    // The graph's extent in canvas units: every box and, when an instance's states are shown, the labels above them;
    // null without nodes.
    private (double Left, double Top, double Right, double Bottom)? Extent() =>
        Graph.Nodes.Count == 0
            ? null
            : (Graph.Nodes.Min(n => n.Position.X),
                Graph.Nodes.Min(n => n.Position.Y) - (NodeStates is { Count: > 0 } ? StateLabelHeight : 0),
                Graph.Nodes.Max(n => n.Position.X + BoxOf(n).Width),
                Graph.Nodes.Max(n => n.Position.Y + BoxOf(n).Height));

    private bool KnowsViewSize => _viewWidth > 0 && _viewHeight > 0;

    private void Fit()
    {
        _fitted = true;
        if (Extent() is not { } extent || !KnowsViewSize)
        {
            _zoom = 1;
            _panX = FitMargin;
            _panY = FitMargin;
            return;
        }

        var (left, top, right, bottom) = extent;
        _zoom = Math.Clamp(Math.Min((_viewWidth - (2 * FitMargin)) / (right - left), (_viewHeight - (2 * FitMargin)) / (bottom - top)), MinZoom, 1);
        var (spareX, spareY) = _zoom < 1 ? ((_viewWidth - ((right - left) * _zoom)) / 2, (_viewHeight - ((bottom - top) * _zoom)) / 2) : (FitMargin, FitMargin);
        _panX = Math.Max(FitMargin, spareX) - (left * _zoom);
        _panY = Math.Max(FitMargin, spareY) - (top * _zoom);
    }

    // Around the canvas's centre, so what the planner looks at stays in view.
    private void SetZoom(double zoom)
    {
        var next = Math.Clamp(zoom, MinZoom, MaxZoom);
        var (centreX, centreY) = (_viewWidth / 2, _viewHeight / 2);
        _panX = centreX - ((centreX - _panX) / _zoom * next);
        _panY = centreY - ((centreY - _panY) / _zoom * next);
        _zoom = next;
        _fitted = false;
        StateHasChanged();
    }

    // Puts the canvas's centre on a point of the graph (canvas units).
    private void CentreOn(double x, double y)
    {
        _panX = (_viewWidth / 2) - (x * _zoom);
        _panY = (_viewHeight / 2) - (y * _zoom);
        _fitted = false;
    }

    private void Reveal(DesignerNode node)
    {
        var box = BoxOf(node);
        var (left, top) = ((node.Position.X * _zoom) + _panX, (node.Position.Y * _zoom) + _panY);
        var visible = left >= 0 && top >= 0 && left + (box.Width * _zoom) <= _viewWidth && top + (box.Height * _zoom) <= _viewHeight;
        if (KnowsViewSize && !visible)
        {
            CentreOn(node.Position.X + (box.Width / 2), node.Position.Y + (box.Height / 2));
        }
    }

    // What the minimap shows (the graph's extent with a margin) and the part of it in view; null while the whole graph
    // is in view, or the canvas's size is unknown.
    private Minimap? MinimapView()
    {
        if (Extent() is not { } extent || !KnowsViewSize)
        {
            return null;
        }

        var (left, top, right, bottom) = extent;
        var view = new MinimapRect(-_panX / _zoom, -_panY / _zoom, _viewWidth / _zoom, _viewHeight / _zoom);
        if (left >= view.X && top >= view.Y && right <= view.X + view.Width && bottom <= view.Y + view.Height)
        {
            return null;
        }

        return new Minimap(new MinimapRect(left - FitMargin, top - FitMargin, right - left + (2 * FitMargin), bottom - top + (2 * FitMargin)), view);
    }

    // The press is on the minimap's box itself (its SVG takes no pointer events), so its offset is in the minimap's
    // pixels; a drag adds how far the pointer went since.
    private void OnMinimapDown(PointerEventArgs e)
    {
        if (e.Button != 0)
        {
            return;
        }

        Begin(Gesture.Minimap, e);
        _minimapPress = (e.OffsetX, e.OffsetY);
        MoveToMinimapPoint(e);
    }

    // The minimap's SVG scales its view box to fit its box, centred (preserveAspectRatio's default).
    private void MoveToMinimapPoint(MouseEventArgs e)
    {
        if (MinimapView() is not { } map)
        {
            return;
        }

        var scale = Math.Min(MinimapWidth / map.Graph.Width, MinimapHeight / map.Graph.Height);
        var x = _minimapPress.X + (e.ClientX - _startX) - ((MinimapWidth - (map.Graph.Width * scale)) / 2);
        var y = _minimapPress.Y + (e.ClientY - _startY) - ((MinimapHeight - (map.Graph.Height * scale)) / 2);
        CentreOn(map.Graph.X + (x / scale), map.Graph.Y + (y / scale));
    }

    // Arrow keys on the minimap move the view a fifth of the canvas at a time.
    private void OnMinimapKeyDown(KeyboardEventArgs e)
    {
        var (dx, dy) = e.Key switch
        {
            "ArrowLeft" => (_viewWidth / 5, 0d),
            "ArrowRight" => (-_viewWidth / 5, 0d),
            "ArrowUp" => (0d, _viewHeight / 5),
            "ArrowDown" => (0d, -_viewHeight / 5),
            _ => (0d, 0d),
        };
        if (dx != 0 || dy != 0)
        {
            _panX += dx;
            _panY += dy;
            _fitted = false;
        }
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
                _fitted = false;
                break;
            case Gesture.Minimap:
                MoveToMinimapPoint(e);
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

    private sealed record MinimapRect(double X, double Y, double Width, double Height);

    private sealed record Minimap(MinimapRect Graph, MinimapRect View);

    private sealed record PendingLink(string Source, string Port, (double X, double Y) From, (double X, double Y) To);
}
