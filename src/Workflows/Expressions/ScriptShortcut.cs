using System.Text.Json.Nodes;
using Acornima;
using Acornima.Ast;
using Jint.Runtime;

namespace AiPlusTasks.Workflows.Expressions;

/// <summary>
/// A script that is only a literal or a plain read, answered without an engine, with the value the engine would give:
/// <list type="bullet">
/// <item>a literal: a string, a number (<c>-</c> allowed), <c>true</c>, <c>false</c>, <c>null</c>, or an array or
/// object literal of literals (<c>({ a: 1, "b": [true, null] })</c>);</item>
/// <item><c>variables.X</c> or <c>variables["X"]</c> of a visible variable, <c>input.X</c> of a present input;</item>
/// <item>a call with string literal arguments of a global function that only reads: <c>getVariable("X")</c>,
/// <c>getInput("X")</c>, <c>getOutputFrom("a"[, "o"])</c>, <c>getLastResult()</c>, or a generated
/// <c>getX()</c> accessor — resolved as the engine would bind it (<see cref="JavaScriptGlobals.Resolve"/>).</item>
/// </list>
/// Anything else, and a read the engine would not answer the same way (a name that is not bound, so a ReferenceError; a
/// member that is not there, which an object may inherit), is left to the engine, which gives its own result or error.
/// </summary>
internal sealed class ScriptShortcut
{
    private readonly JsonNode? _constant;
    private readonly string? _objectName;
    private readonly string? _function;
    private readonly string _member = "";
    private readonly string?[] _arguments = [];

    private ScriptShortcut(JsonNode? constant) => _constant = constant;

    private ScriptShortcut(string? objectName, string? function, string member, string?[] arguments)
    {
        _objectName = objectName;
        _function = function;
        _member = member;
        _arguments = arguments;
    }

    /// <summary>The shortcut of a script of one of the shapes above; null for any other script.</summary>
    public static ScriptShortcut? Find(Script script)
    {
        if (script.Body.Count != 1 || script.Body[0] is not ExpressionStatement { Expression: var expression })
        {
            return null;
        }

        switch (expression)
        {
            case MemberExpression { Object: Identifier { Name: "variables" or "input" } obj } member when MemberName(member) is { } name:
                return new ScriptShortcut(obj.Name, null, name, []);
            case CallExpression { Callee: Identifier callee, Optional: false } call when call.Arguments.All(a => a is StringLiteral):
                return new ScriptShortcut(null, callee.Name, "", [.. call.Arguments.Select(a => ((StringLiteral)a).Value)]);
            default:
                return TryConstant(expression, out var constant) && JavaScriptJson.TryRoundTrip(constant, out var canonical)
                    ? new ScriptShortcut(canonical)
                    : null;
        }
    }

    /// <summary>Answers the script in <paramref name="scope"/>; false when it must be left to the engine.</summary>
    public bool TryAnswer(IExpressionScope scope, ScriptIdentifiers names, out JsonNode? result)
    {
        result = null;
        JsonNode? value;
        switch (_objectName, _function)
        {
            case ("variables", _):
                if (!scope.VisibleVariables().TryGetValue(_member, out value))
                {
                    return false;
                }

                break;
            case ("input", _):
                if (!scope.WorkflowInput.TryGetPropertyValue(_member, out value))
                {
                    return false;
                }

                break;
            case (_, { } function):
                if (!JavaScriptGlobals.Resolve(scope, names, scope.VisibleVariables).TryGetValue(function, out var binding)
                    || !JavaScriptGlobals.TryRead(binding, scope, _arguments, out value))
                {
                    return false;
                }

                break;
            default:
                result = _constant?.DeepClone();
                return true;
        }

        return JavaScriptJson.TryRoundTrip(value, out result);
    }

    private static string? MemberName(MemberExpression member) => member switch
    {
        { Computed: false, Property: Identifier name } => name.Name,
        { Computed: true, Property: StringLiteral text } => text.Value,
        _ => null,
    };

    private static bool TryConstant(Node node, out JsonNode? value)
    {
        value = null;
        switch (node)
        {
            case StringLiteral text:
                value = JsonValue.Create(text.Value);
                return true;
            case NumericLiteral number:
                value = JavaScriptJson.NumberNode(number.Value);
                return true;
            case UnaryExpression { Operator: Operator.UnaryNegation, Argument: NumericLiteral negated }:
                value = JavaScriptJson.NumberNode(-negated.Value);
                return true;
            case BooleanLiteral boolean:
                value = JsonValue.Create(boolean.Value);
                return true;
            case NullLiteral:
                return true;
            case ArrayExpression array:
                var items = new JsonArray();
                foreach (var element in array.Elements)
                {
                    JsonNode? item = null;
                    if (element is not null && !TryConstant(element, out item))
                    {
                        return false;
                    }

                    items.Add(item);
                }

                value = items;
                return true;
            case ObjectExpression obj:
                var members = new JsonObject();
                foreach (var property in obj.Properties)
                {
                    if (property is not Property { Kind: PropertyKind.Init, Computed: false, Method: false, Shorthand: false } init
                        || KeyOf(init.Key) is not { } key || key == "__proto__" || !TryConstant(init.Value, out var member))
                    {
                        return false;
                    }

                    members[key] = member;
                }

                value = members;
                return true;
            default:
                return false;
        }
    }

    private static string? KeyOf(Expression key) => key switch
    {
        Identifier name => name.Name,
        StringLiteral text => text.Value,
        NumericLiteral number => TypeConverter.ToString(number.Value),
        _ => null,
    };
}
