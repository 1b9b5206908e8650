using System.Text.Json.Nodes;
using AiPlusTasks.Designer.Activities;
using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Designer.Graph;

/// <summary>
/// Maps a definition's root flowchart, variables and inputs to the canvas graph and back. Saving starts from the
/// original definition and replaces only the root flowchart's activities and connections, the variables and the inputs
/// by the graph's, so everything the designer does not edit (other top-level properties, the root's own properties,
/// nested children, unknown properties) is written back as it was.
/// </summary>
public sealed class DefinitionGraphMapper(ActivityCatalog catalog)
{
    /// <summary>
    /// The graph of the root flowchart. A node's position is read from <c>metadata.designer.position</c>; nodes
    /// without one are placed by <see cref="GraphLayout.Layered"/>. A node's ports are its type's outcomes plus any
    /// port a connection in the file starts from (so a connection from an unknown port is shown, not dropped).
    /// </summary>
    public DesignerGraph ToGraph(WorkflowDefinition definition)
    {
        var root = definition.Root;
        var links = root.Connections.Select(c => new DesignerLink(c)).ToList();
        var nodes = root.Activities.Select(activity =>
        {
            var ports = catalog.Ports(activity).ToList();
            ports.AddRange(links.Where(l => l.Source == activity.Id).Select(l => l.SourcePort).Where(p => !ports.Contains(p)).Distinct());
            return new DesignerNode(activity, ReadPosition(activity.Metadata) ?? default, ports);
        }).ToList();

        var variables = definition.Variables.Select(DefinitionCopy.Clone).ToList();
        var inputs = definition.Inputs.Select(i => (JsonObject)i.DeepClone()).ToList();
        var graph = new DesignerGraph(nodes, links, root.Id, variables, inputs);
        var unplaced = root.Activities.Where(a => ReadPosition(a.Metadata) is null).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        if (unplaced.Count == 0)
        {
            return graph;
        }

        var layout = GraphLayout.Layered(graph);
        return new DesignerGraph(nodes.Select(n => unplaced.Contains(n.Id) ? n.WithPosition(layout[n.Id]) : n), links, root.Id, variables, inputs);
    }

    /// <summary>
    /// The definition with the graph's nodes and links as its root flowchart's activities and connections, in the
    /// graph's order, and the graph's variables and inputs. A node's position is written to <c>metadata.designer.position</c> only when it differs from the
    /// one stored (so an unmoved node's metadata is byte-for-byte what it was). <paramref name="original"/> is not changed.
    /// </summary>
    public static WorkflowDefinition ToDefinition(DesignerGraph graph, WorkflowDefinition original)
    {
        var root = DefinitionCopy.Clone(original.Root);
        root.Activities.Clear();
        root.Activities.AddRange(graph.Nodes.Select(WithPosition));
        root.Connections.Clear();
        root.Connections.AddRange(graph.Links.Select(l => l.ToConnection()));

        var definition = new WorkflowDefinition
        {
            Id = original.Id,
            DefinitionId = original.DefinitionId,
            Name = original.Name,
            Description = original.Description,
            Version = original.Version,
            IsLatest = original.IsLatest,
            IsPublished = original.IsPublished,
            Root = root,
            Extensions = (JsonObject)original.Extensions.DeepClone(),
        };
        definition.Variables.AddRange(graph.Variables.Select(DefinitionCopy.Clone));
        definition.Inputs.AddRange(graph.Inputs.Select(i => (JsonObject)i.DeepClone()));
        definition.Outputs.AddRange(original.Outputs.Select(o => (JsonObject)o.DeepClone()));
        return definition;
    }

    private static ActivityNode WithPosition(DesignerNode node)
    {
        var activity = node.ToActivity();
        if (ReadPosition(activity.Metadata) == node.Position)
        {
            return activity;
        }

        if (activity.Metadata["designer"] is not JsonObject designer)
        {
            designer = [];
            activity.Metadata["designer"] = designer;
        }

        designer["position"] = new JsonObject { ["x"] = Number(node.Position.X), ["y"] = Number(node.Position.Y) };
        return activity;
    }

    // Whole numbers are written as integers, as Elsa Studio and the files in workflows/ do.
    private static JsonValue Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < long.MaxValue ? JsonValue.Create((long)value) : JsonValue.Create(value);

    private static NodePosition? ReadPosition(JsonObject metadata)
    {
        if (metadata["designer"]?["position"] is not JsonObject position
            || position["x"] is not JsonValue x || !x.TryGetValue<double>(out var left)
            || position["y"] is not JsonValue y || !y.TryGetValue<double>(out var top))
        {
            return null;
        }

        return new NodePosition(left, top);
    }
}
