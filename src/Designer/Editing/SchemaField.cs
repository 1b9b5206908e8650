namespace AiPlusTasks.Designer.Editing;

/// <summary>One field a task form's JSON Schema defines, for the schema editor's preview.</summary>
/// <param name="Name">The property name.</param>
/// <param name="Title">Its <c>title</c>, or null.</param>
/// <param name="Type">Its <c>type</c> (<c>string</c>, <c>integer</c>…), or the allowed values of an <c>enum</c>.</param>
/// <param name="Required">Whether the schema lists it in <c>required</c>.</param>
public sealed record SchemaField(string Name, string? Title, string Type, bool Required)
{
    /// <summary>The fields of an object schema's <c>properties</c>, in order; empty for anything else.</summary>
    public static IReadOnlyList<SchemaField> Read(System.Text.Json.Nodes.JsonNode? schema)
    {
        if (schema?["properties"] is not System.Text.Json.Nodes.JsonObject properties)
        {
            return [];
        }

        var required = schema["required"] is System.Text.Json.Nodes.JsonArray names
            ? names.Select(n => n?.ToString()).ToHashSet(StringComparer.Ordinal)
            : [];
        return
        [
            .. properties.Select(p => new SchemaField(
                p.Key,
                p.Value?["title"]?.ToString(),
                p.Value?["enum"] is System.Text.Json.Nodes.JsonArray values
                    ? string.Join(" | ", values.Select(v => v?.ToString()))
                    : p.Value?["type"]?.ToString() ?? "any",
                required.Contains(p.Key))),
        ];
    }
}
