using System.Text.Json.Nodes;

namespace AiPlusTasks.Workflows.Definitions;

/// <summary>
/// One activity of a definition. The engine reads inputs from <see cref="Properties"/> (Elsa's
/// <c>{typeName, expression}</c> objects) and keeps every other property as it was, so a round trip is lossless.
/// Composite activities hold their children: <c>Elsa.Flowchart</c> in <see cref="Activities"/> and
/// <see cref="Connections"/>, <c>Elsa.Sequence</c> in <see cref="Activities"/>, <c>Elsa.ParallelForEach</c> in
/// <see cref="Body"/>.
/// </summary>
public sealed class ActivityNode
{
    public required string Id { get; set; }

    public required string Type { get; set; }

    public int Version { get; set; } = 1;

    public string? Name { get; set; }

    /// <summary>Designer metadata, e.g. <c>{"designer":{"position":{"x":0,"y":0}}}</c>.</summary>
    public JsonObject Metadata { get; init; } = [];

    /// <summary>Inputs and any other property, by JSON name, in file order.</summary>
    public JsonObject Properties { get; init; } = [];

    public List<ActivityNode> Activities { get; init; } = [];

    public List<Connection> Connections { get; init; } = [];

    public ActivityNode? Body { get; set; }

    /// <summary>The children of a composite activity: its activities, then its body.</summary>
    public IEnumerable<ActivityNode> Children => Body is null ? Activities : Activities.Append(Body);

    /// <summary>This activity and every descendant, depth first.</summary>
    public IEnumerable<ActivityNode> SelfAndDescendants()
    {
        yield return this;
        foreach (var child in Children)
        {
            foreach (var descendant in child.SelfAndDescendants())
            {
                yield return descendant;
            }
        }
    }

    /// <summary>The expression bound to an input, or null when the input is absent.</summary>
    public Expression? GetInput(string name) => Expression.FromInput(Properties[name]);
}
