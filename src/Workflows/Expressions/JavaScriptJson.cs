using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using JsEngine = Jint.Engine;
using JsSerializer = Jint.Native.Json.JsonSerializer;

namespace AiPlusTasks.Workflows.Expressions;

/// <summary>Converts between the engine's JSON values and JavaScript values.</summary>
internal static class JavaScriptJson
{
    /// <summary>
    /// Builds the JavaScript value of a JSON value directly (no JSON text in between): objects, arrays, strings, numbers,
    /// booleans; null for null.
    /// </summary>
    public static JsValue ToJs(JsEngine engine, JsonNode? node)
    {
        switch (node)
        {
            case null:
                return JsValue.Null;
            case JsonObject obj:
                var result = new JsObject(engine);
                foreach (var (name, value) in obj)
                {
                    result.FastSetDataProperty(name, ToJs(engine, value));
                }

                return result;
            case JsonArray array:
                var items = new JsValue[array.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = ToJs(engine, array[i]);
                }

                return new JsArray(engine, items);
            default:
                var scalar = node.AsValue();
                return scalar.GetValueKind() switch
                {
                    JsonValueKind.String => new JsString(scalar.TryGetValue<string>(out var text) ? text : Text(scalar)),
                    JsonValueKind.Number => JsNumber.Create(Number(scalar)),
                    JsonValueKind.True => JsBoolean.True,
                    JsonValueKind.False => JsBoolean.False,
                    _ => JsValue.Null,
                };
        }
    }

    /// <summary>The JSON value of a JavaScript value, as <c>JSON.stringify</c> writes it; null for null, undefined and functions.</summary>
    public static JsonNode? FromJs(JsEngine engine, JsValue value)
    {
        if (value.IsUndefined() || value.IsNull())
        {
            return null;
        }

        var json = new JsSerializer(engine).Serialize(value);
        return json.IsUndefined() ? null : JsonNode.Parse(json.AsString());
    }

    // A string held as another type (a Guid, a date): read back from its JSON text.
    private static string Text(JsonValue value)
    {
        using var document = JsonDocument.Parse(value.ToJsonString());
        return document.RootElement.GetString() ?? "";
    }

    private static double Number(JsonValue value) =>
        value.TryGetValue<double>(out var d) ? d
        : value.TryGetValue<long>(out var l) ? l
        : value.TryGetValue<int>(out var i) ? i
        : value.TryGetValue<decimal>(out var m) ? (double)m
        : double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
