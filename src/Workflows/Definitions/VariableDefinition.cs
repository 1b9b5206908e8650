using System.Text.Json.Nodes;

namespace AiPlusTasks.Workflows.Definitions;

/// <summary>A workflow variable as Elsa 3 writes it: <c>{id, name, typeName, isArray, value}</c>.</summary>
public sealed class VariableDefinition
{
    public required string Name { get; set; }

    public string? Id { get; set; }

    /// <summary>Elsa type alias such as <c>String</c>, <c>Int32</c>, <c>Boolean</c>, <c>Object</c>. Default <c>Object</c>.</summary>
    public string TypeName { get; set; } = "Object";

    /// <summary>The initial value as written in the file (Elsa writes scalars as strings).</summary>
    public JsonNode? Value { get; set; }

    /// <summary>Properties the engine does not interpret, written back unchanged.</summary>
    public JsonObject Extensions { get; init; } = [];
}
