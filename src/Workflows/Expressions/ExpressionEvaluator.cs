using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Workflows.Expressions;

/// <summary>
/// Evaluates an input's expression to a JSON value: <c>Literal</c> (converted by the input's type name),
/// <c>Variable</c> (by name), <c>Input</c> (workflow input by name), <c>Object</c> (JSON text) and
/// <c>JavaScript</c> (in the burst's <see cref="JavaScriptSession"/>).
/// </summary>
public sealed class ExpressionEvaluator(JavaScriptEvaluator javaScript)
{
    /// <summary>Opens the JavaScript of one burst (see <see cref="JavaScriptEvaluator.OpenSession"/>).</summary>
    public JavaScriptSession OpenJavaScriptSession() => javaScript.OpenSession();

    /// <summary>Evaluates an expression; a JavaScript one runs in <paramref name="session"/>.</summary>
    /// <exception cref="ExpressionException">The expression cannot be evaluated.</exception>
    public static JsonNode? Evaluate(Expression expression, IExpressionScope scope, JavaScriptSession session) => expression.Type switch
    {
        Expression.Literal => ConvertLiteral(expression.Value, expression.TypeName),
        Expression.Variable => scope.HasVariable(expression.Text ?? "")
            ? scope.GetVariable(expression.Text!)?.DeepClone()
            : throw new ExpressionException($"variable '{expression.Text}' is not defined"),
        Expression.Input => scope.WorkflowInput[expression.Text ?? ""]?.DeepClone(),
        Expression.Object => ParseObject(expression.Value),
        Expression.JavaScript => session.Evaluate(expression.Text ?? "", scope),
        _ => throw new ExpressionException($"expression type '{expression.Type}' is not supported"),
    };

    /// <summary>
    /// The value of an expression that needs no scope — a <c>Literal</c> (converted by its type) or an <c>Object</c> (its
    /// JSON text parsed) — as <see cref="Evaluate"/> would give it; null for any other type of expression.
    /// </summary>
    /// <exception cref="ExpressionException">The literal or JSON text cannot be read.</exception>
    public static JsonNode? ConstantValue(Expression expression) => expression.Type switch
    {
        Expression.Literal => ConvertLiteral(expression.Value, expression.TypeName),
        Expression.Object => ParseObject(expression.Value),
        _ => null,
    };

    /// <summary>Converts a literal as Elsa writes it (scalars as strings) to the JSON value of its type.</summary>
    public static JsonNode? ConvertLiteral(JsonNode? value, string? typeName)
    {
        if (value is not JsonValue scalar || !scalar.TryGetValue<string>(out var text))
        {
            return value?.DeepClone();
        }

        try
        {
            return typeName switch
            {
                "Int32" or "Int64" or "Int16" => JsonValue.Create(long.Parse(text, CultureInfo.InvariantCulture)),
                "Double" or "Single" or "Decimal" => JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture)),
                "Boolean" => JsonValue.Create(bool.Parse(text)),
                "Object" or "ExpandoObject" or "JsonElement" or "JsonNode" when LooksLikeJson(text) => JsonNode.Parse(text),
                _ when typeName is not null && typeName.EndsWith("[]", StringComparison.Ordinal) && LooksLikeJson(text) => JsonNode.Parse(text),
                _ => JsonValue.Create(text),
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException or JsonException)
        {
            throw new ExpressionException($"'{text}' is not a valid {typeName}", e);
        }
    }

    private static JsonNode? ParseObject(JsonNode? value)
    {
        if (value is JsonValue scalar && scalar.TryGetValue<string>(out var text))
        {
            try
            {
                return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
            }
            catch (JsonException e)
            {
                throw new ExpressionException($"Object expression is not valid JSON: {e.Message}", e);
            }
        }

        return value?.DeepClone();
    }

    private static bool LooksLikeJson(string text)
    {
        var trimmed = text.TrimStart();
        return trimmed.StartsWith('{') || trimmed.StartsWith('[');
    }
}
