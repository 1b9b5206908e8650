using System.Text.Json.Nodes;

namespace AiPlusTasks.Engine.Bulk;

/// <summary>How the operations read their parameters.</summary>
internal static class BulkParameters
{
    /// <summary>The text parameter <paramref name="name"/>, trimmed; null when it is missing, blank or not a text.</summary>
    public static string? Text(JsonObject parameters, string name) =>
        parameters[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
}
