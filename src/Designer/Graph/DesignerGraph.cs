using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Designer.Graph;

/// <summary>
/// The root flowchart of a definition as the canvas edits it: its nodes and links in file order, with the workflow's
/// variables and inputs. A graph is never changed in place: every <c>With…</c>/<c>Without…</c> returns a new graph,
/// so undo keeps earlier graphs as they were (variables and inputs are replaced by new objects, never changed).
/// Nested activities (a ParallelForEach body, a nested flowchart) stay inside their node, whole.
/// </summary>
public sealed class DesignerGraph
{
    /// <param name="nodes">The nodes, in file order.</param>
    /// <param name="links">The links, in file order.</param>
    /// <param name="rootId">The id of the root flowchart, which new nodes must not reuse.</param>
    /// <param name="variables">The workflow's variables (Elsa's <c>variables[]</c>), in file order.</param>
    /// <param name="inputs">The workflow's inputs (Elsa's <c>inputs[]</c>), in file order.</param>
    public DesignerGraph(
        IEnumerable<DesignerNode> nodes,
        IEnumerable<DesignerLink> links,
        string? rootId = null,
        IEnumerable<VariableDefinition>? variables = null,
        IEnumerable<JsonObject>? inputs = null)
    {
        Nodes = [.. nodes];
        Links = [.. links];
        RootId = rootId;
        Variables = [.. variables ?? []];
        Inputs = [.. inputs ?? []];
    }

    /// <summary>An empty graph.</summary>
    public static DesignerGraph Empty { get; } = new([], []);

    public IReadOnlyList<DesignerNode> Nodes { get; }

    public IReadOnlyList<DesignerLink> Links { get; }

    /// <summary>The id of the root flowchart the graph was read from, if any.</summary>
    public string? RootId { get; }

    /// <summary>The workflow's variables.</summary>
    public IReadOnlyList<VariableDefinition> Variables { get; }

    /// <summary>The workflow's inputs, as Elsa 3 writes them (<c>name</c>, <c>type</c>, <c>displayName</c>, <c>description</c>…).</summary>
    public IReadOnlyList<JsonObject> Inputs { get; }

    /// <summary>The node with this id, or null.</summary>
    public DesignerNode? FindNode(string id) => Nodes.FirstOrDefault(n => n.Id == id);

    /// <summary>The link with this id (<see cref="DesignerLink.Id"/>), or null.</summary>
    public DesignerLink? FindLink(string id) => Links.FirstOrDefault(l => l.Id == id);

    /// <summary>The links leaving a node.</summary>
    public IEnumerable<DesignerLink> LinksFrom(string nodeId) => Links.Where(l => l.Source == nodeId);

    /// <summary>The links entering a node.</summary>
    public IEnumerable<DesignerLink> LinksTo(string nodeId) => Links.Where(l => l.Target == nodeId);

    /// <summary>Every activity id in use: the root, the nodes and everything nested in them.</summary>
    public IReadOnlySet<string> UsedIds()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (RootId is not null)
        {
            ids.Add(RootId);
        }

        foreach (var node in Nodes)
        {
            ids.UnionWith(node.ToActivity().SelfAndDescendants().Select(a => a.Id));
        }

        return ids;
    }

    /// <summary>This graph with the node added at the end, or replacing the node with the same id in its place.</summary>
    public DesignerGraph WithNode(DesignerNode node)
    {
        var index = Nodes.ToList().FindIndex(n => n.Id == node.Id);
        var nodes = Nodes.ToList();
        if (index < 0)
        {
            nodes.Add(node);
        }
        else
        {
            nodes[index] = node;
        }

        return With(nodes, Links);
    }

    /// <summary>This graph without these nodes and without every link to or from them.</summary>
    public DesignerGraph WithoutNodes(IEnumerable<string> ids)
    {
        var removed = ids.ToHashSet(StringComparer.Ordinal);
        return With(
            Nodes.Where(n => !removed.Contains(n.Id)),
            Links.Where(l => !removed.Contains(l.Source) && !removed.Contains(l.Target)));
    }

    /// <summary>This graph with the link added at the end.</summary>
    public DesignerGraph WithLink(DesignerLink link) => With(Nodes, Links.Append(link));

    /// <summary>This graph without the links matching <paramref name="predicate"/>.</summary>
    public DesignerGraph WithoutLinks(Func<DesignerLink, bool> predicate) => With(Nodes, Links.Where(l => !predicate(l)));

    /// <summary>This graph with other variables (the list and its items are not copied: they must not be changed afterwards).</summary>
    public DesignerGraph WithVariables(IEnumerable<VariableDefinition> variables) => new(Nodes, Links, RootId, variables, Inputs);

    /// <summary>This graph with other inputs (the list and its items are not copied: they must not be changed afterwards).</summary>
    public DesignerGraph WithInputs(IEnumerable<JsonObject> inputs) => new(Nodes, Links, RootId, Variables, inputs);

    private DesignerGraph With(IEnumerable<DesignerNode> nodes, IEnumerable<DesignerLink> links) => new(nodes, links, RootId, Variables, Inputs);
}
