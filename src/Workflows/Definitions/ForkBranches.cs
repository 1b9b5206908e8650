using System.Text.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Expressions;

namespace AiPlusTasks.Workflows.Definitions;

/// <summary>
/// The branch names of an <c>Elsa.FlowFork</c>, read as Elsa 3 reads its <c>ICollection&lt;string&gt;</c> input
/// (elsa-core <c>Elsa.Expressions/Helpers/ObjectConverter.cs</c>): a JSON array of names, or a text that starts with
/// <c>[</c> and is one; any other text is <em>one</em> branch named by the whole text (<c>"a,b"</c> is the branch
/// <c>a,b</c>, not two branches); an absent, null or blank value means no branches, and the fork then completes on
/// <c>Done</c> (<c>FlowFork.cs</c>: <c>Branches ?? ["Done"]</c>). Other list inputs keep
/// <see cref="Execution.ActivityExecutionContext.ParseNames"/>'s reading.
/// </summary>
public static class ForkBranches
{
    /// <summary>The JSON name of the fork's input.</summary>
    public const string InputName = "branches";

    /// <summary>The <c>typeName</c> Elsa writes for the input (its well-known alias of <c>string[]</c>).</summary>
    public const string TypeName = "String[]";

    /// <summary>The branch names of an evaluated <c>branches</c> value; null when there are none given (absent, null or blank).</summary>
    /// <exception cref="FormatException">A value Elsa cannot read as a list of names: an object, a number, JSON text that is not an array of names.</exception>
    public static IReadOnlyList<string>? Read(JsonNode? value)
    {
        switch (value)
        {
            case null:
                return null;
            case JsonArray array:
                return [.. array.Where(item => item is not null).Select(Name)];
            case JsonValue text when text.TryGetValue<string>(out var s):
                if (string.IsNullOrWhiteSpace(s))
                {
                    return null;
                }

                var first = s.TrimStart()[0];
                return first is '[' or '{' ? Read(ParseJsonText(s)) : [s];
            default:
                throw new FormatException($"'{value.ToJsonString()}' is not a list of branch names: write a JSON array such as [\"A\",\"B\"]");
        }
    }

    /// <summary>
    /// The branches as far as they can be known without running the workflow: those of a <c>Literal</c> or
    /// <c>Object</c> expression (or a bare JSON value); none for an expression evaluated at run time or one that cannot be read.
    /// </summary>
    public static IReadOnlyList<string> Declared(ActivityNode fork)
    {
        var expression = fork.GetInput(InputName);
        if (expression is null)
        {
            return [ActivityDescriptor.Done];
        }

        if (expression.Type is not (Expression.Literal or Expression.Object))
        {
            return [];
        }

        try
        {
            return Read(ExpressionEvaluator.ConstantValue(expression)) ?? [ActivityDescriptor.Done];
        }
        catch (Exception e) when (e is FormatException or ExpressionException)
        {
            return [];
        }
    }

    /// <summary>
    /// The input as Elsa Studio writes it for a list of branches: <c>{"typeName": "String[]", "expression": {"type":
    /// "Object", "value": "[\"A\",\"B\"]"}}</c> (elsa-studio <c>DynamicOutcomes.razor.cs</c>, elsa-core test fixture
    /// <c>fork.json</c>).
    /// </summary>
    public static JsonObject ToInput(IEnumerable<string> names) => new()
    {
        ["typeName"] = TypeName,
        ["expression"] = new JsonObject
        {
            ["type"] = Expression.Object,
            ["value"] = new JsonArray([.. names.Select(n => (JsonNode)JsonValue.Create(n))]).ToJsonString(),
        },
    };

    private static JsonArray ParseJsonText(string text)
    {
        try
        {
            return JsonNode.Parse(text) switch
            {
                JsonArray array => array,
                var other => throw new FormatException($"'{other?.ToJsonString()}' is not a JSON array of branch names"),
            };
        }
        catch (JsonException e)
        {
            throw new FormatException($"'{text}' is not a JSON array of branch names: {e.Message}", e);
        }
    }

    private static string Name(JsonNode? item) => item is JsonValue value && value.TryGetValue<string>(out var text)
        ? text
        : item is JsonValue scalar ? scalar.ToJsonString() : throw new FormatException($"'{item!.ToJsonString()}' is not a branch name");
}
