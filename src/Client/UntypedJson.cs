using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Serialization.Json;

namespace AiPlusTasks.Client;

/// <summary>
/// Free-form JSON in the API (a workflow's input, a task's data, an Elsa definition) is Kiota's
/// <see cref="UntypedNode"/> in the client; this reads one from JSON text and writes one back.
/// </summary>
public static class UntypedJson
{
    /// <summary>The JSON text <paramref name="json"/> as an untyped node, to send as a free-form body or field.</summary>
    public static UntypedNode Parse(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return new JsonParseNode(document.RootElement.Clone()).GetObjectValue(UntypedNode.CreateFromDiscriminatorValue)!;
    }

    /// <summary>An untyped node as JSON text.</summary>
    public static string ToJson(UntypedNode node)
    {
        using var writer = new JsonSerializationWriter();
        writer.WriteObjectValue(null, node);
        using var reader = new StreamReader(writer.GetSerializedContent());
        return reader.ReadToEnd();
    }
}
