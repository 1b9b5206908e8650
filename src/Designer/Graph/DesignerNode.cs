using System.Text.Json.Nodes;
using AiPlusTasks.Designer.Activities;
using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Designer.Graph;

/// <summary>
/// One activity of the flowchart as the canvas shows it. The node owns a copy of the whole <see cref="ActivityNode"/>
/// (inputs, unknown properties, metadata, nested children) so that nothing the designer does not edit is lost; the
/// canvas position lives in <see cref="Position"/> and is written back to <c>metadata.designer.position</c> on save.
/// A node is not changed in place: the <c>With…</c> methods return a changed copy (which is what undo relies on).
/// </summary>
public sealed class DesignerNode
{
    private readonly ActivityNode _activity;

    /// <param name="activity">The activity; the node keeps a deep copy.</param>
    /// <param name="position">Its place on the canvas.</param>
    /// <param name="ports">Its outcome ports, from the type's descriptor.</param>
    public DesignerNode(ActivityNode activity, NodePosition position, IReadOnlyList<string> ports)
    {
        _activity = DefinitionCopy.Clone(activity);
        Position = position;
        Ports = [.. ports];
    }

    public string Id => _activity.Id;

    public string Type => _activity.Type;

    /// <summary>The activity's own name (Elsa's <c>name</c>); null when it has none.</summary>
    public string? Name => _activity.Name;

    public NodePosition Position { get; }

    /// <summary>The outcome ports links can start from, in the descriptor's order.</summary>
    public IReadOnlyList<string> Ports { get; }

    /// <summary>What the node shows: its name, else the localized display name of its type.</summary>
    public string DisplayText => string.IsNullOrWhiteSpace(Name) ? ActivityTypeNames.DisplayName(Type) : Name;

    /// <summary>A copy of the underlying activity (changing it does not change the node).</summary>
    public ActivityNode ToActivity() => DefinitionCopy.Clone(_activity);

    /// <summary>The expression bound to an input, or null when the input is absent.</summary>
    public Expression? GetInput(string name) => _activity.GetInput(name);

    /// <summary>A property as written in the file (an input's <c>{typeName, expression}</c> or any other value), copied.</summary>
    public JsonNode? GetProperty(string name) => _activity.Properties[name]?.DeepClone();

    /// <summary>This node at another position.</summary>
    public DesignerNode WithPosition(NodePosition position) => new(_activity, position, Ports);

    /// <summary>This node with other outcome ports (after an input that defines them changed).</summary>
    public DesignerNode WithPorts(IReadOnlyList<string> ports) => new(_activity, Position, ports);

    /// <summary>This node renamed; a null or blank name removes the <c>name</c> property.</summary>
    public DesignerNode WithName(string? name)
    {
        var activity = ToActivity();
        activity.Name = string.IsNullOrWhiteSpace(name) ? null : name;
        return new(activity, Position, Ports);
    }

    /// <summary>
    /// This node with a property set as written in the file (null removes it). A property already present keeps its
    /// place in the file order; a new one is added at the end.
    /// </summary>
    public DesignerNode WithProperty(string name, JsonNode? value)
    {
        var activity = ToActivity();
        if (value is null)
        {
            activity.Properties.Remove(name);
        }
        else
        {
            activity.Properties[name] = value.DeepClone();
        }

        return new(activity, Position, Ports);
    }

    /// <summary>
    /// This node with an input bound to an expression, written as Elsa's <c>{typeName, expression:{type, value}}</c>.
    /// The input object's other properties (and its <c>typeName</c>, unless one is given) are kept.
    /// </summary>
    /// <param name="name">The input's JSON name.</param>
    /// <param name="type">The expression type, e.g. <see cref="Expression.Literal"/>.</param>
    /// <param name="value">The expression's value; Elsa writes scalars as strings.</param>
    /// <param name="typeName">The declared type when the input is new or the type changes, e.g. <c>String</c>.</param>
    public DesignerNode WithInput(string name, string type, JsonNode? value, string? typeName = null)
    {
        var input = _activity.Properties[name] is JsonObject existing && existing["expression"] is JsonObject
            ? (JsonObject)existing.DeepClone()
            : [];
        if (typeName is not null || input["typeName"] is null)
        {
            input["typeName"] = typeName ?? "Object";
        }

        var expression = input["expression"] as JsonObject ?? [];
        expression["type"] = type;
        expression["value"] = value?.DeepClone();
        input["expression"] = expression;
        return WithProperty(name, input);
    }
}
