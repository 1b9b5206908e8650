using System.Text.Json.Nodes;

namespace AiPlusTasks.Workflows.Definitions;

/// <summary>
/// One version of a workflow definition in Elsa 3's flowchart JSON shape. Properties the engine does not
/// interpret (tool version, custom properties, options…) are kept in <see cref="Extensions"/> so that reading and
/// writing a definition loses nothing.
/// </summary>
public sealed class WorkflowDefinition
{
    /// <summary>The version id (Elsa's <c>id</c>): unique per version.</summary>
    public required string Id { get; set; }

    /// <summary>The stable id shared by every version (Elsa's <c>definitionId</c>).</summary>
    public required string DefinitionId { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    /// <summary>Version number, starting at 1. Set by the store on import; the file's value is informational.</summary>
    public int Version { get; set; } = 1;

    public bool IsLatest { get; set; } = true;

    public bool IsPublished { get; set; }

    public List<VariableDefinition> Variables { get; init; } = [];

    public List<JsonObject> Inputs { get; init; } = [];

    public List<JsonObject> Outputs { get; init; } = [];

    /// <summary>The root activity: usually an <c>Elsa.Flowchart</c>, but any activity (a <c>Sequence</c>, one <c>WriteLine</c>), as in Elsa 3.</summary>
    public required ActivityNode Root { get; set; }

    /// <summary>Top-level properties the engine does not interpret, written back unchanged.</summary>
    public JsonObject Extensions { get; init; } = [];

    /// <summary>Every activity in the definition, depth first, the root included.</summary>
    public IEnumerable<ActivityNode> AllActivities() => Root.SelfAndDescendants();
}
