using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Cli.Definitions;

/// <summary>
/// A definition in the one normal form both sides are compared and written in: read and written back by the
/// interpreter's own <see cref="WorkflowDefinitionJson"/> (as the server stores it), without what the server stamps on
/// each version (<c>id</c>, <c>version</c>, <c>isLatest</c>, <c>isPublished</c>), written indented with Chinese as it is.
/// </summary>
public static class DefinitionText
{
    private static readonly string[] ServerStamps = ["id", "version", "isLatest", "isPublished"];

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The normal form of definition JSON.</summary>
    /// <exception cref="DefinitionFormatException">The text is not a definition (with the JSON path).</exception>
    public static JsonObject Normalize(string json, string source)
    {
        var normal = WorkflowDefinitionJson.ToJson(WorkflowDefinitionJson.Read(json, source));
        foreach (var stamp in ServerStamps)
        {
            normal.Remove(stamp);
        }

        return normal;
    }

    /// <summary>The file text of a normal form: two-space indents, one newline at the end.</summary>
    public static string Write(JsonObject normal) => normal.ToJsonString(WriteOptions) + "\n";
}
