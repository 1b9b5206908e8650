using System.Text.Json.Nodes;
using AiPlusTasks.Designer.Activities;
using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Designer.Graph;

/// <summary>
/// The operations the canvas performs on a graph, with undo and redo. Each operation that changes something replaces
/// <see cref="Graph"/> by a new graph and records the previous one (graphs are immutable, so a snapshot costs nothing);
/// an operation that changes nothing records nothing. A new operation clears the redo history.
/// </summary>
/// <remarks>
/// One link per source port, as Elsa Studio draws flowcharts: connecting a port that already has a link moves that
/// link to the new target. Parallel paths are drawn with a fork (its branches are ports). Links read from a file are
/// kept as they are, even several from one port.
/// </remarks>
public sealed class GraphEditor
{
    /// <summary>How many steps undo can go back.</summary>
    public const int HistoryLimit = 200;

    private readonly ActivityCatalog _catalog;
    private readonly LinkedList<DesignerGraph> _undo = new();
    private readonly Stack<DesignerGraph> _redo = new();

    public GraphEditor(DesignerGraph graph, ActivityCatalog catalog)
    {
        Graph = graph;
        _catalog = catalog;
    }

    /// <summary>Raised after every change, undo and redo included.</summary>
    public event Action? Changed;

    /// <summary>The graph as it is now.</summary>
    public DesignerGraph Graph { get; private set; }

    public bool CanUndo => _undo.Count > 0;

    public bool CanRedo => _redo.Count > 0;

    /// <summary>
    /// Adds an activity of <paramref name="type"/> with its default inputs and a new id: the type's short name in
    /// camelCase and the smallest number not in use (<c>delay1</c>, <c>delay2</c>, <c>humanTask1</c>…).
    /// Without a position it goes to the right of the right-most node.
    /// </summary>
    /// <exception cref="ArgumentException">The type is unknown.</exception>
    public DesignerNode AddNode(string type, NodePosition? position = null)
    {
        var activity = _catalog.Create(type, NewId(type));
        var place = position ?? (Graph.Nodes.Count == 0
            ? default
            : new NodePosition(Graph.Nodes.Max(n => n.Position.X) + GraphLayout.ColumnWidth, Graph.Nodes.Min(n => n.Position.Y)));
        var node = new DesignerNode(activity, place, _catalog.Ports(activity));
        Apply(Graph.WithNode(node));
        return node;
    }

    /// <summary>Removes a node and its links.</summary>
    /// <returns>False when there is no such node.</returns>
    public bool RemoveNode(string id) => RemoveNodes([id]) > 0;

    /// <summary>Removes the selected nodes and every link to or from them, in one step.</summary>
    /// <returns>How many nodes were removed.</returns>
    public int RemoveNodes(IEnumerable<string> ids)
    {
        var present = ids.Where(id => Graph.FindNode(id) is not null).ToHashSet(StringComparer.Ordinal);
        if (present.Count > 0)
        {
            Apply(Graph.WithoutNodes(present));
        }

        return present.Count;
    }

    /// <summary>
    /// Links <paramref name="port"/> of <paramref name="source"/> to <paramref name="target"/>. The port must be one of
    /// the source's ports; a port that already has a link keeps only the new one.
    /// </summary>
    public ConnectResult Connect(string source, string port, string target)
    {
        var from = Graph.FindNode(source);
        if (from is null || Graph.FindNode(target) is null)
        {
            return ConnectResult.UnknownNode;
        }

        if (source == target)
        {
            return ConnectResult.SelfLink;
        }

        if (!from.Ports.Contains(port))
        {
            return ConnectResult.UnknownPort;
        }

        var existing = Graph.LinksFrom(source).Where(l => l.SourcePort == port).ToList();
        if (existing.Count == 1 && existing[0].Target == target)
        {
            return ConnectResult.Unchanged;
        }

        Apply(Graph.WithoutLinks(l => l.Source == source && l.SourcePort == port).WithLink(new DesignerLink(source, port, target)));
        return existing.Count == 0 ? ConnectResult.Connected : ConnectResult.Replaced;
    }

    /// <summary>Removes a link by its <see cref="DesignerLink.Id"/>.</summary>
    /// <returns>False when there is no such link.</returns>
    public bool Disconnect(string linkId) => RemoveLinks([linkId]) > 0;

    /// <summary>Removes the selected links, in one step.</summary>
    /// <returns>How many links were removed.</returns>
    public int RemoveLinks(IEnumerable<string> linkIds)
    {
        var ids = linkIds.ToHashSet(StringComparer.Ordinal);
        var count = Graph.Links.Count(l => ids.Contains(l.Id));
        if (count > 0)
        {
            Apply(Graph.WithoutLinks(l => ids.Contains(l.Id)));
        }

        return count;
    }

    /// <summary>Removes the selected nodes (with their links) and the selected links, in one step: the canvas's Delete key.</summary>
    public void RemoveSelection(IEnumerable<string> nodeIds, IEnumerable<string> linkIds)
    {
        var nodes = nodeIds.ToHashSet(StringComparer.Ordinal);
        var links = linkIds.ToHashSet(StringComparer.Ordinal);
        var next = Graph.WithoutNodes(nodes).WithoutLinks(l => links.Contains(l.Id));
        if (next.Nodes.Count != Graph.Nodes.Count || next.Links.Count != Graph.Links.Count)
        {
            Apply(next);
        }
    }

    /// <summary>Moves one node.</summary>
    /// <returns>False when there is no such node or it is already there.</returns>
    public bool Move(string id, NodePosition position) => MoveMany(new Dictionary<string, NodePosition> { [id] = position }) > 0;

    /// <summary>Moves several nodes in one step (a dragged selection, or the end of a drag).</summary>
    /// <returns>How many nodes moved.</returns>
    public int MoveMany(IReadOnlyDictionary<string, NodePosition> positions)
    {
        var next = Graph;
        var moved = 0;
        foreach (var (id, position) in positions)
        {
            if (next.FindNode(id) is { } node && node.Position != position)
            {
                next = next.WithNode(node.WithPosition(position));
                moved++;
            }
        }

        if (moved > 0)
        {
            Apply(next);
        }

        return moved;
    }

    /// <summary>Renames a node; a blank name removes it (the node then shows its type's name).</summary>
    /// <returns>False when there is no such node or the name is unchanged.</returns>
    public bool Rename(string id, string? name)
    {
        if (Graph.FindNode(id) is not { } node || (node.Name ?? "") == (string.IsNullOrWhiteSpace(name) ? "" : name))
        {
            return false;
        }

        Apply(Graph.WithNode(node.WithName(name)));
        return true;
    }

    /// <summary>
    /// Replaces a node by an edited copy (the property panel's name and inputs); its position stays where the canvas
    /// has it. Its ports are computed again from its type, and links from ports it no longer has are removed in the
    /// same step (renaming a fork branch removes the branch's link; undo brings both back).
    /// </summary>
    /// <exception cref="ArgumentException">The graph has no node with the edited node's id.</exception>
    public void UpdateNode(DesignerNode edited)
    {
        var current = Graph.FindNode(edited.Id) ?? throw new ArgumentException($"no node '{edited.Id}'", nameof(edited));
        var ports = _catalog.Find(edited.Type) is null ? current.Ports : _catalog.Ports(edited.ToActivity());
        var node = edited.WithPosition(current.Position).WithPorts(ports);
        if (node.Name == current.Name && node.Ports.SequenceEqual(current.Ports)
            && JsonNode.DeepEquals(node.ToActivity().Properties, current.ToActivity().Properties))
        {
            return;
        }

        var next = Graph.WithNode(node).WithoutLinks(l => l.Source == node.Id && !ports.Contains(l.SourcePort));
        Apply(next);
    }

    /// <summary>Replaces the workflow's variables (the variables panel's edits), in one step.</summary>
    /// <returns>False when nothing changed.</returns>
    public bool SetVariables(IReadOnlyList<VariableDefinition> variables)
    {
        if (variables.Count == Graph.Variables.Count && variables.Zip(Graph.Variables).All(p => SameVariable(p.First, p.Second)))
        {
            return false;
        }

        Apply(Graph.WithVariables(variables));
        return true;
    }

    /// <summary>Replaces the workflow's inputs (the inputs panel's edits), in one step.</summary>
    /// <returns>False when nothing changed.</returns>
    public bool SetInputs(IReadOnlyList<JsonObject> inputs)
    {
        if (inputs.Count == Graph.Inputs.Count && inputs.Zip(Graph.Inputs).All(p => JsonNode.DeepEquals(p.First, p.Second)))
        {
            return false;
        }

        Apply(Graph.WithInputs(inputs));
        return true;
    }

    /// <summary>Places every node by <see cref="GraphLayout.Layered"/>, in one step.</summary>
    public void AutoLayout() => MoveMany(GraphLayout.Layered(Graph));

    /// <summary>Goes back one step.</summary>
    /// <returns>False when there is nothing to undo.</returns>
    public bool Undo()
    {
        if (_undo.Last is not { } last)
        {
            return false;
        }

        _undo.RemoveLast();
        _redo.Push(Graph);
        Graph = last.Value;
        Changed?.Invoke();
        return true;
    }

    /// <summary>Goes forward one undone step.</summary>
    /// <returns>False when there is nothing to redo.</returns>
    public bool Redo()
    {
        if (!_redo.TryPop(out var next))
        {
            return false;
        }

        _undo.AddLast(Graph);
        Graph = next;
        Changed?.Invoke();
        return true;
    }

    private void Apply(DesignerGraph next)
    {
        _undo.AddLast(Graph);
        if (_undo.Count > HistoryLimit)
        {
            _undo.RemoveFirst();
        }

        _redo.Clear();
        Graph = next;
        Changed?.Invoke();
    }

    private static bool SameVariable(VariableDefinition a, VariableDefinition b) =>
        a.Name == b.Name && a.Id == b.Id && a.TypeName == b.TypeName
        && JsonNode.DeepEquals(a.Value, b.Value) && JsonNode.DeepEquals(a.Extensions, b.Extensions);

    private string NewId(string type)
    {
        var shortName = type[(type.LastIndexOf('.') + 1)..];
        var stem = shortName.Length == 0 ? "activity" : char.ToLowerInvariant(shortName[0]) + shortName[1..];
        return NumberedName.Next(stem, Graph.UsedIds());
    }
}
