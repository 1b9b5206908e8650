using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Expressions;
using AiPlusTasks.Workflows.Tests.Support;
using CsCheck;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Workflows.Tests.Expressions;

/// <summary>
/// Scripts that are a literal or a plain read are answered without Jint; random such scripts are answered exactly as
/// Jint answers the same script wrapped as <c>(0, script)</c> (which no shortcut takes), and as today's path did
/// (<c>JSON.stringify</c> in the engine, parsed back) — results and errors alike.
/// </summary>
public sealed class JavaScriptShortcutTests
{
    private const int Iterations = 400;

    private static readonly JavaScriptEvaluator Evaluator = new(Options.Create(new JavaScriptOptions()));

    /// <summary>Variable, input and declared-input names: accessor clashes (a variable <c>Input</c> hides <c>getInput</c>), names no accessor reaches.</summary>
    private static readonly string[] Names = ["Title", "title", "Count", "Input", "Variable", "x y", "my_var", "_x", "a-b", "CurrentValue", "orderId", "OrderId", "Nope"];

    [Fact]
    public void Literals_AnsweredDirectly_AsTheEngineAnswers() =>
        Gen.Int[0, int.MaxValue].Sample(
            seed =>
            {
                var value = RandomJson.Value(new Random(seed));
                var script = value is JsonObject ? $"({value.ToJsonString()})" : value?.ToJsonString() ?? "null";
                var scope = new DictionaryScope();
                using var session = Evaluator.OpenSession();

                Assert.NotNull(Evaluator.Compile(script).Shortcut);
                var direct = JavaScriptOutcome.Of(session, script, scope);
                Assert.Equal(JavaScriptOutcome.Of(session, $"(0, {script})", scope), direct);
                Assert.Equal(JavaScriptOutcome.OfStringified(session, script, scope), direct);
            },
            iter: Iterations);

    [Fact]
    public void Reads_AnsweredDirectly_AsTheEngineAnswers() =>
        Gen.Int[0, int.MaxValue].Sample(
            seed =>
            {
                var random = new Random(seed);
                var scope = new DictionaryScope([.. Names.Where(_ => random.Next(3) == 0)]) { WorkflowInput = [] };
                foreach (var name in Names.Where(_ => random.Next(2) == 0))
                {
                    scope.Variables[name] = RandomJson.Value(random);
                }

                foreach (var name in Names.Where(_ => random.Next(2) == 0))
                {
                    scope.WorkflowInput[name] = RandomJson.Value(random);
                }

                using var session = Evaluator.OpenSession();
                foreach (var script in Names.SelectMany(Reads).Append("getLastResult()").Append("getOutputFrom('nope')"))
                {
                    Assert.NotNull(Evaluator.Compile(script).Shortcut);
                    var direct = JavaScriptOutcome.Of(session, script, scope);
                    Assert.Equal(JavaScriptOutcome.Of(session, $"(0, {script})", scope), direct);
                    Assert.Equal(JavaScriptOutcome.OfStringified(session, script, scope), direct);
                }
            },
            iter: Iterations);

    [Theory]
    [InlineData("'\\uD800'")]
    [InlineData("[1, , 3]")]
    [InlineData("({ __proto__: { a: 1 } })")]
    [InlineData("({ \"__proto__\": [] })")]
    [InlineData("({ 2: 'b', 1: 'a', x: 0, '01': 1 })")]
    [InlineData("({ a: 1, a: 2 })")]
    [InlineData("-0")]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("0x10")]
    [InlineData("1_000")]
    [InlineData("10n")]
    [InlineData("variables.toString")]
    [InlineData("variables.__proto__")]
    [InlineData("input.constructor")]
    [InlineData("getNope()")]
    [InlineData("getVariable()")]
    [InlineData("getInput('a', 'b')")]
    [InlineData("getOutputFrom()")]
    public void EdgeCases_AnsweredAsTheEngineAnswers(string script)
    {
        var scope = new DictionaryScope();
        scope.Variables["a"] = 1;
        using var session = Evaluator.OpenSession();

        var direct = JavaScriptOutcome.Of(session, script, scope);

        Assert.Equal(JavaScriptOutcome.Of(session, $"(0, {script})", scope), direct);
        Assert.Equal(JavaScriptOutcome.OfStringified(session, script, scope), direct);
    }

    private static IEnumerable<string> Reads(string name)
    {
        var quoted = JsonValue.Create(name).ToJsonString();
        yield return $"getVariable({quoted})";
        yield return $"getInput({quoted})";
        yield return $"variables[{quoted}]";
        yield return $"input[{quoted}]";
        if (JavaScriptAccessorNames.IsAccessible(name))
        {
            yield return $"variables.{name}";
            yield return $"input.{name}";
            yield return $"get{name}()";
            yield return $"get{JavaScriptAccessorNames.Pascalize(name)}()";
        }
    }
}
