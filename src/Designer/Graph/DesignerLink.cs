using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Designer.Graph;

/// <summary>
/// A connection drawn on the canvas: from an outcome port of one node to another node. It keeps the Elsa connection
/// it came from (an absent source port, the target port, designer vertices and other extra properties) so saving
/// writes it back unchanged.
/// </summary>
public sealed class DesignerLink
{
    /// <summary>The target port Elsa 3 writes for a new connection.</summary>
    public const string InPort = "In";

    private readonly Connection _connection;

    /// <summary>A link for an existing connection; the link keeps a copy.</summary>
    public DesignerLink(Connection connection) => _connection = DefinitionCopy.Clone(connection);

    /// <summary>A new link from <paramref name="sourcePort"/> of <paramref name="source"/> to the <c>In</c> port of <paramref name="target"/>.</summary>
    public DesignerLink(string source, string sourcePort, string target)
        : this(new Connection { Source = new(source, sourcePort), Target = new(target, InPort) })
    {
    }

    /// <summary>Identifies the link on the canvas: <c>source:port-&gt;target</c>.</summary>
    public string Id => $"{Source}:{SourcePort}->{Target}";

    /// <summary>The source node's id.</summary>
    public string Source => _connection.Source.Activity;

    /// <summary>The source port; Elsa reads an absent port as <c>Done</c>.</summary>
    public string SourcePort => _connection.Source.Port ?? ActivityDescriptor.Done;

    /// <summary>The target node's id.</summary>
    public string Target => _connection.Target.Activity;

    /// <summary>The connection as it is saved (a copy).</summary>
    public Connection ToConnection() => DefinitionCopy.Clone(_connection);

    /// <summary>Properties of the connection the designer does not interpret (e.g. vertices), copied.</summary>
    public JsonObject Extensions => (JsonObject)_connection.Extensions.DeepClone();
}
