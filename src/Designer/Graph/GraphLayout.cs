using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Designer.Graph;

/// <summary>
/// A simple layered layout, left to right: a node's column is the length of the longest path of forward connections
/// that reaches it (loop-backs, as the engine finds them, are ignored); rows follow the order nodes are reached in, each
/// node below the one before it in its column by that node's box height (<see cref="NodeBox"/>) and <see cref="RowGap"/>.
/// </summary>
public static class GraphLayout
{
    /// <summary>Horizontal distance between columns, in canvas units: the widest box and room for the links between.</summary>
    public const double ColumnWidth = NodeBox.MaxWidth + 40;

    /// <summary>Vertical space between one box and the next in a column, in canvas units.</summary>
    public const double RowGap = 40;

    /// <summary>A position for every node of the graph.</summary>
    public static IReadOnlyDictionary<string, NodePosition> Layered(DesignerGraph graph)
    {
        var flowchart = new ActivityNode { Id = graph.RootId ?? "flowchart", Type = ActivityTypes.Flowchart };
        flowchart.Activities.AddRange(graph.Nodes.Select(n => n.ToActivity()));
        flowchart.Connections.AddRange(graph.Links.Select(l => l.ToConnection()));
        var shape = new FlowchartGraph(flowchart);

        var ids = graph.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var forward = flowchart.Connections
            .Where((c, i) => !shape.BackEdges.Contains(i) && c.Source.Activity != c.Target.Activity
                && ids.Contains(c.Source.Activity) && ids.Contains(c.Target.Activity))
            .ToList();
        var inbound = graph.Nodes.ToDictionary(n => n.Id, n => forward.Count(c => c.Target.Activity == n.Id), StringComparer.Ordinal);
        var column = graph.Nodes.ToDictionary(n => n.Id, _ => 0, StringComparer.Ordinal);

        // Kahn's walk, the start first: a node is placed once every forward connection into it was seen.
        var order = new List<string>();
        var ready = new Queue<string>(graph.Nodes
            .Where(n => inbound[n.Id] == 0)
            .OrderBy(n => n.Id == shape.Start?.Id ? 0 : 1)
            .Select(n => n.Id));
        while (ready.Count > 0)
        {
            var id = ready.Dequeue();
            order.Add(id);
            foreach (var connection in forward.Where(c => c.Source.Activity == id))
            {
                var target = connection.Target.Activity;
                column[target] = Math.Max(column[target], column[id] + 1);
                if (--inbound[target] == 0)
                {
                    ready.Enqueue(target);
                }
            }
        }

        // Nodes on a loop the start does not reach have no order yet: put them after everything else.
        var last = order.Count == 0 ? 0 : order.Max(id => column[id]) + 1;
        foreach (var node in graph.Nodes.Where(n => !order.Contains(n.Id)))
        {
            column[node.Id] = last;
            order.Add(node.Id);
        }

        var nextY = new Dictionary<int, double>();
        var positions = new Dictionary<string, NodePosition>(StringComparer.Ordinal);
        foreach (var id in order)
        {
            var y = nextY.GetValueOrDefault(column[id]);
            nextY[column[id]] = y + NodeBox.Of(graph.FindNode(id)!).Height + RowGap;
            positions[id] = new NodePosition(column[id] * ColumnWidth, y);
        }

        return positions;
    }
}
