using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using JsEngine = Jint.Engine;
using JsSerializer = Jint.Native.Json.JsonSerializer;

namespace AiPlusTasks.Workflows.Expressions;

/// <summary>
/// Converts between the engine's JSON values and JavaScript values directly, with no JSON text in between, giving what
/// <c>JSON.stringify</c> followed by a JSON parse would give. Numbers are written as JavaScript writes them and read
/// back (so <c>1.0</c> is <c>1</c>, <c>2 ** 53 + 1</c> is <c>9007199254740992</c>); object keys that are array
/// indices come first, in ascending order, as JavaScript orders them.
/// </summary>
internal static class JavaScriptJson
{
    /// <summary>Deepest value converted directly; deeper values go through Jint's own <c>JSON.stringify</c>.</summary>
    private const int MaxDirectDepth = 64;

    /// <summary>
    /// Builds the JavaScript value of a JSON value: objects, arrays, strings, numbers, booleans; null for null.
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
                    JsonValueKind.String => new JsString(Text(scalar)),
                    JsonValueKind.Number => JsNumber.Create(Number(scalar)),
                    JsonValueKind.True => JsBoolean.True,
                    JsonValueKind.False => JsBoolean.False,
                    _ => JsValue.Null,
                };
        }
    }

    /// <summary>
    /// The JSON value of a JavaScript value, as <c>JSON.stringify</c> writes it; null for null, undefined and functions.
    /// Plain objects, arrays and primitives are converted directly; anything else (a date, a <c>toJSON</c> method, an
    /// accessor, a proxy, a boxed primitive, a BigInt, a cycle…) goes through Jint's <c>JSON.stringify</c>, with its
    /// results and errors.
    /// </summary>
    /// <exception cref="JavaScriptException">The value cannot be written as JSON (a BigInt, a cycle).</exception>
    public static JsonNode? FromJs(JsEngine engine, JsValue value)
    {
        if (value.IsUndefined() || value.IsNull())
        {
            return null;
        }

        var converter = new DirectConversion(engine);
        if (converter.TryConvert(value, 0, out var node))
        {
            return node;
        }

        var json = new JsSerializer(engine).Serialize(value);
        return json.IsUndefined() ? null : JsonNode.Parse(json.AsString());
    }

    /// <summary>
    /// What a JSON value reads as after a trip into JavaScript and back (<c>FromJs(ToJs(node))</c>) without an engine;
    /// false for a value this cannot say (a string that is not well-formed UTF-16).
    /// </summary>
    public static bool TryRoundTrip(JsonNode? node, out JsonNode? result)
    {
        result = null;
        switch (node)
        {
            case null:
                return true;
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (name, value) in obj.OrderBy(p => ArrayIndex(p.Key) ?? uint.MaxValue))
                {
                    if (!TryRoundTrip(value, out var item))
                    {
                        return false;
                    }

                    copy[name] = item;
                }

                result = copy;
                return true;
            case JsonArray array:
                var items = new JsonArray();
                foreach (var value in array)
                {
                    if (!TryRoundTrip(value, out var item))
                    {
                        return false;
                    }

                    items.Add(item);
                }

                result = items;
                return true;
            default:
                var scalar = node.AsValue();
                switch (scalar.GetValueKind())
                {
                    case JsonValueKind.String:
                        var text = Text(scalar);
                        result = IsWellFormed(text) ? JsonValue.Create(text) : null;
                        return result is not null;
                    case JsonValueKind.Number:
                        result = NumberNode(Number(scalar));
                        return true;
                    case JsonValueKind.True or JsonValueKind.False:
                        result = JsonValue.Create(scalar.GetValueKind() == JsonValueKind.True);
                        return true;
                    default:
                        return true;
                }
        }
    }

    /// <summary>A number as JSON text holds it after <c>JSON.stringify</c>: JavaScript's spelling; null when not finite.</summary>
    public static JsonNode? NumberNode(double number) =>
        double.IsFinite(number) ? JsonNode.Parse(TypeConverter.ToString(number)) : null;

    /// <summary>True when the string has no lone surrogate (<c>JSON.stringify</c> escapes those; they are left to it).</summary>
    public static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The key as an array index (a canonical integer below 2^32 − 1), else null.</summary>
    private static uint? ArrayIndex(string key) =>
        key.Length is > 0 and <= 10 && (key == "0" || key[0] != '0') && key.All(char.IsAsciiDigit)
        && uint.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index != uint.MaxValue ? index : null;

    // A string held as another type (a Guid, a date): read back from its JSON text.
    private static string Text(JsonValue value)
    {
        if (value.TryGetValue<string>(out var text))
        {
            return text;
        }

        using var document = JsonDocument.Parse(value.ToJsonString());
        return document.RootElement.GetString() ?? "";
    }

    private static double Number(JsonValue value) =>
        value.TryGetValue<double>(out var d) ? d
        : value.TryGetValue<long>(out var l) ? l
        : value.TryGetValue<int>(out var i) ? i
        : value.TryGetValue<decimal>(out var m) ? (double)m
        : double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>JSON.stringify</c> for plain data: primitives, and objects and arrays of this realm's own kinds whose
    /// properties are plain data properties and that no <c>toJSON</c> reaches. Gives up (false) on anything else.
    /// </summary>
    private sealed class DirectConversion(JsEngine engine)
    {
        private readonly ObjectInstance _objectPrototype = (ObjectInstance)engine.Intrinsics.Object.Get("prototype");
        private readonly ObjectInstance _arrayPrototype = (ObjectInstance)engine.Intrinsics.Array.Get("prototype");
        private bool? _prototypesPlain;

        public bool TryConvert(JsValue value, int depth, out JsonNode? node)
        {
            node = null;
            switch (value)
            {
                case JsString:
                    var text = value.ToString();
                    node = IsWellFormed(text) ? JsonValue.Create(text) : null;
                    return node is not null;
                case JsNumber number:
                    node = NumberNode(number.AsNumber());
                    return true;
                case JsBoolean boolean:
                    node = JsonValue.Create(boolean.AsBoolean());
                    return true;
                case JsNull:
                    return true;
                case JsArray array when depth < MaxDirectDepth && IsPlain(array, _arrayPrototype):
                    return TryConvertArray(array, depth, out node);
                case JsObject obj when depth < MaxDirectDepth && IsPlain(obj, _objectPrototype):
                    return TryConvertObject(obj, depth, out node);
                default:
                    return false;
            }
        }

        // Neither the value nor its prototypes has a toJSON, and its prototype is the realm's own.
        private bool IsPlain(ObjectInstance value, ObjectInstance prototype)
        {
            _prototypesPlain ??= !_objectPrototype.HasProperty("toJSON") && !_arrayPrototype.HasProperty("toJSON");
            return _prototypesPlain.Value && ReferenceEquals(value.Prototype, prototype) && value.GetOwnProperty("toJSON") == PropertyDescriptor.Undefined;
        }

        private bool TryConvertArray(JsArray array, int depth, out JsonNode? node)
        {
            node = null;
            var length = array.Length;
            var items = new JsonArray();
            for (uint i = 0; i < length; i++)
            {
                var descriptor = array.GetOwnProperty(i);
                if (descriptor == PropertyDescriptor.Undefined ? !HasNoInheritedIndex() : descriptor.IsAccessorDescriptor())
                {
                    return false;
                }

                var element = descriptor == PropertyDescriptor.Undefined ? JsValue.Undefined : descriptor.Value;
                if (IsOmitted(element))
                {
                    items.Add(null);
                    continue;
                }

                if (!TryConvert(element, depth + 1, out var item))
                {
                    return false;
                }

                items.Add(item);
            }

            node = items;
            return true;
        }

        // A hole reads through the prototypes: only plain when they hold no indexed property.
        private bool HasNoInheritedIndex() => _arrayPrototype.GetOwnPropertyKeys(Types.String).All(k => ArrayIndex(k.ToString()) is null)
            && _objectPrototype.GetOwnPropertyKeys(Types.String).All(k => ArrayIndex(k.ToString()) is null);

        private bool TryConvertObject(JsObject obj, int depth, out JsonNode? node)
        {
            node = null;
            var result = new JsonObject();
            foreach (var key in obj.GetOwnPropertyKeys(Types.String))
            {
                var descriptor = obj.GetOwnProperty(key);
                if (descriptor.IsAccessorDescriptor())
                {
                    return false;
                }

                if (!descriptor.Enumerable || IsOmitted(descriptor.Value))
                {
                    continue;
                }

                if (!TryConvert(descriptor.Value, depth + 1, out var item))
                {
                    return false;
                }

                result[key.ToString()] = item;
            }

            node = result;
            return true;
        }

        // JSON.stringify leaves out undefined, functions and symbols (as members; as array elements they become null).
        private static bool IsOmitted(JsValue value) => value.IsUndefined() || value.IsSymbol() || value is Function;
    }
}
