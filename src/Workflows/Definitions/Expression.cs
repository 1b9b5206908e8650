using System.Text.Json.Nodes;

namespace AiPlusTasks.Workflows.Definitions;

/// <summary>
/// An input's expression: <c>Literal</c>, <c>Variable</c>, <c>Input</c>, <c>Object</c> or <c>JavaScript</c>,
/// with the declared <see cref="TypeName"/> of the input it is bound to.
/// </summary>
public sealed record Expression(string Type, JsonNode? Value, string? TypeName)
{
    public const string Literal = "Literal";
    public const string Variable = "Variable";
    public const string Input = "Input";
    public const string Object = "Object";
    public const string JavaScript = "JavaScript";

    /// <summary>The expression types this engine evaluates.</summary>
    public static readonly IReadOnlySet<string> KnownTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        Literal, Variable, Input, Object, JavaScript,
    };

    /// <summary>The value as text: a JSON string's content, otherwise the JSON text; null when absent.</summary>
    public string? Text => Value switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => Value.ToJsonString(),
    };

    /// <summary>
    /// Reads Elsa's input shape <c>{typeName, expression:{type, value}}</c>. A bare JSON value (a shorthand some
    /// exporters write) is read as a literal. Null when the property is absent or null.
    /// </summary>
    public static Expression? FromInput(JsonNode? input)
    {
        if (input is null)
        {
            return null;
        }

        if (input is JsonObject obj && obj["expression"] is JsonObject expression)
        {
            var type = StringOrJson(expression["type"]) ?? Literal;
            return new Expression(type, expression["value"]?.DeepClone(), StringOrJson(obj["typeName"]));
        }

        return new Expression(Literal, input.DeepClone(), null);
    }

    /// <summary>
    /// A string as is, anything else as its JSON text: a <c>type</c> of <c>true</c> is then an unknown expression type
    /// the validator names, not a crash while reading.
    /// </summary>
    private static string? StringOrJson(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString();
}
