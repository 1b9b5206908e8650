using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>One field of a task form: a property of the task's JSON Schema, as the inbox and the designer's test run show it.</summary>
/// <param name="Name">The property's name: the key in the completion data.</param>
/// <param name="Label">The property's <c>title</c>, else its name.</param>
/// <param name="Kind">How the value is entered.</param>
/// <param name="Required">Whether the schema lists it in <c>required</c>.</param>
/// <param name="Options">For <see cref="TaskFormFieldKind.Choice"/>: the <c>enum</c> values as text, in order.</param>
/// <param name="Description">The property's <c>description</c>, if any.</param>
/// <param name="IsInteger">For <see cref="TaskFormFieldKind.Number"/>: true when the schema asks for an <c>integer</c>.</param>
public sealed record TaskFormField(
    string Name, string Label, TaskFormFieldKind Kind, bool Required, IReadOnlyList<string> Options, string? Description, bool IsInteger = false)
{
    /// <summary>The fields of a task form schema's <c>properties</c>, in order; none for a schema without them.</summary>
    public static IReadOnlyList<TaskFormField> Read(JsonNode? schema)
    {
        var required = (schema?["required"] as JsonArray)?.Select(r => r?.ToString()).OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];
        var fields = new List<TaskFormField>();
        foreach (var (name, node) in schema?["properties"] as JsonObject ?? [])
        {
            var property = node as JsonObject ?? [];
            var type = SchemaType(property);
            var choices = property["enum"] as JsonArray;
            var kind = choices is { Count: > 0 } ? TaskFormFieldKind.Choice
                : type is "array" && property["items"]?["properties"]?["sha256"] is not null ? TaskFormFieldKind.Files
                : type is "boolean" ? TaskFormFieldKind.YesNo
                : type is "integer" or "number" ? TaskFormFieldKind.Number
                : type is "string" ? (Number(property["maxLength"]) is <= 200 ? TaskFormFieldKind.Text : TaskFormFieldKind.LongText)
                : TaskFormFieldKind.Json;
            fields.Add(new TaskFormField(
                name,
                Text(property["title"]) ?? name,
                kind,
                required.Contains(name),
                choices?.Select(Display).ToList() ?? [],
                Text(property["description"]),
                type is "integer"));
        }

        return fields;
    }

    /// <summary>
    /// A schema's type: the first that is not <c>null</c> of a list; without one, <c>object</c> when it has properties,
    /// else the type of its <c>const</c> or <c>default</c> value; null when nothing tells.
    /// </summary>
    public static string? SchemaType(JsonObject schema) => schema["type"] switch
    {
        JsonArray types => types.Select(t => t?.ToString()).FirstOrDefault(t => t is not "null") ?? "null",
        JsonValue type => type.ToString(),
        _ when schema["properties"] is JsonObject => "object",
        _ => (schema["const"] ?? schema["default"])?.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Array => "array",
            JsonValueKind.Object => "object",
            _ => null,
        },
    };

    /// <summary>A value as a form shows it: strings as they are, anything else as JSON.</summary>
    public static string Display(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };

    private static double? Number(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out var number) ? number : null;

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
}
