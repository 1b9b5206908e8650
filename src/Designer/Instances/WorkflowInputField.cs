using System.Text.Json.Nodes;

namespace AiPlusTasks.Designer.Instances;

/// <summary>One field of the start form: a workflow input as the definition declares it in Elsa's <c>inputs[]</c>.</summary>
/// <param name="Name">The input's name: the key in the instance's input object.</param>
/// <param name="Label">The input's <c>displayName</c>, else its name.</param>
/// <param name="Kind">How the value is entered, from the input's <c>type</c> and <c>isArray</c>.</param>
/// <param name="Description">The input's <c>description</c>, if any.</param>
/// <param name="Sample">The input's <c>sample</c> as text (shown as a placeholder, never sent).</param>
public sealed record WorkflowInputField(string Name, string Label, WorkflowInputKind Kind, string? Description, string? Sample)
{
    private static readonly HashSet<string> NumberTypes = ["Int16", "Int32", "Int64", "Single", "Double", "Decimal", "Number"];

    /// <summary>The field for one entry of <c>inputs[]</c>, or null when it has no name.</summary>
    public static WorkflowInputField? Read(JsonObject input)
    {
        if (Text(input["name"]) is not { Length: > 0 } name)
        {
            return null;
        }

        var type = Text(input["type"]) ?? "Object";
        var isArray = input["isArray"] is JsonValue flag && flag.TryGetValue<bool>(out var array) && array;
        var kind = isArray || type.EndsWith("[]", StringComparison.Ordinal) ? WorkflowInputKind.Json
            : type == "String" ? WorkflowInputKind.Text
            : type == "Boolean" ? WorkflowInputKind.YesNo
            : NumberTypes.Contains(type) ? WorkflowInputKind.Number
            : WorkflowInputKind.Json;
        var sample = input["sample"] switch
        {
            null => null,
            JsonValue value when value.TryGetValue<string>(out var s) => s,
            var node => node.ToJsonString(),
        };
        return new(name, Text(input["displayName"]) ?? name, kind, Text(input["description"]), sample);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
}
