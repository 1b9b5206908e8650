using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Expressions;
using AiPlusTasks.Workflows.Tests.Support;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Workflows.Tests.Expressions;

/// <summary>
/// The scripts of a burst share an engine, and idle engines serve later bursts (docs/decisions/019): nothing one script
/// does to its engine is seen by a later one, in the same session or the next, and every limit holds per script.
/// </summary>
[Trait("Category", "Security")]
public sealed class JavaScriptSessionTests
{
    /// <summary>Reads every trace the polluting scripts below try to leave.</summary>
    private const string Probe =
        "[typeof leaked, ({}).leaked, [][0], ' x '.trim(), Math.max(1, 2), Object.isFrozen(Object.prototype), JSON.stringify(new Date(0)), typeof Object.prototype.toJSON].join('|')";

    /// <summary>What <see cref="Probe"/> reads in a fresh engine.</summary>
    private const string Pristine = "undefined|||x|2|false|\"1970-01-01T00:00:00.000Z\"|undefined";

    [Theory]
    [InlineData("var leaked = 1")]
    [InlineData("leaked = 1")]
    [InlineData("let leaked = 1")]
    [InlineData("const leaked = 1")]
    [InlineData("function leaked() {}")]
    [InlineData("class leaked {}")]
    [InlineData("{ function leaked() {} }")]
    [InlineData("globalThis.leaked = 1")]
    [InlineData("this.leaked = 1")]
    [InlineData("(() => { leaked = 1 })()")]
    [InlineData("(function () { { let leaked; } leaked = 1 })()")]
    [InlineData("(function () { for (let leaked of [1]) {} leaked = 1 })()")]
    [InlineData("(function () { with ({}) { leaked = 1 } })()")]
    [InlineData("for (leaked of [1]) {}")]
    [InlineData("[leaked] = [1]")]
    [InlineData("eval('var leaked = 1')")]
    [InlineData("Function('leaked = 1')()")]
    [InlineData("Object.prototype.leaked = 1")]
    [InlineData("({}).__proto__.leaked = 1")]
    [InlineData("Object.getPrototypeOf({}).leaked = 1")]
    [InlineData("(function () { var p = Object.getPrototypeOf({}); p['lea' + 'ked'] = 1 })()")]
    [InlineData("Object.defineProperty(Object.prototype, 'leaked', { value: 1 })")]
    [InlineData("(function (k) { Object[k](Object.prototype, { leaked: { value: 1 } }) })('define' + 'Properties')")]
    [InlineData("Object['assign'](Object.getPrototypeOf({}), { leaked: 1 })")]
    [InlineData("Reflect.set(Object.getPrototypeOf({}), 'leaked', 1)")]
    [InlineData("Array.prototype.push.call(Array.prototype, 'leaked')")]
    [InlineData("Object.getPrototypeOf([]).push('leaked')")]
    [InlineData("String.prototype.trim = function () { return 'leaked' }")]
    [InlineData("Math.max = () => 'leaked'")]
    [InlineData("delete Math.max")]
    [InlineData("Object.freeze(Object.prototype)")]
    [InlineData("Date.prototype.toJSON = () => 'leaked'")]
    [InlineData("Object.prototype.toJSON = () => 'leaked'")]
    [InlineData("Object.values(Object.getOwnPropertyDescriptors(Object)).map(d => d.value).filter(f => f.name === 'defineProperty')[0](Object.prototype, 'leaked', { value: 1 })")]
    [InlineData("(async function () { await null; leaked = 1 })()")]
    public void Evaluate_AfterAScriptThatChangesItsEngine_TheNextScriptSeesAFreshEngine(string polluter)
    {
        // Arrange
        var evaluator = NewEvaluator();
        var scope = new DictionaryScope();
        using (var session = evaluator.OpenSession())
        {
            Assert.Equal(Pristine, Text(session.Evaluate(Probe, scope)));

            // Act
            try
            {
                session.Evaluate(polluter, scope);
            }
            catch (ExpressionException)
            {
                // A polluter that fails may still have changed its engine before failing.
            }

            // Assert: the next script of the burst, and of the next burst, sees none of it.
            Assert.Equal(Pristine, Text(session.Evaluate(Probe, scope)));
        }

        using var next = evaluator.OpenSession();
        Assert.Equal(Pristine, Text(next.Evaluate(Probe, scope)));
    }

    [Fact]
    public void Evaluate_VariablesWrittenByOneScript_AreSeenByTheNext()
    {
        // Arrange
        var scope = new DictionaryScope();
        scope.Variables["Count"] = 1;
        using var session = NewEvaluator().OpenSession();

        // Act and assert: by the setter, read back directly and by the engine; then through the variables object.
        session.Evaluate("setCount(getCount() + 1)", scope);
        Assert.Equal(2, session.Evaluate("getCount()", scope)!.GetValue<int>());
        Assert.Equal(20, session.Evaluate("getCount() * 10", scope)!.GetValue<int>());
        session.Evaluate("variables.Count = variables.Count + 5", scope);
        Assert.Equal(7, session.Evaluate("variables.Count", scope)!.GetValue<int>());
        Assert.Equal(7, scope.Variables["Count"]!.GetValue<int>());
    }

    [Fact]
    public void Evaluate_AccessorOfAnEarlierScope_IsNotDefinedInAScopeWithoutThatVariable()
    {
        // Arrange
        var withTries = new DictionaryScope();
        withTries.Variables["Tries"] = 3;
        var without = new DictionaryScope();
        using var session = NewEvaluator().OpenSession();
        Assert.Equal("function", Text(session.Evaluate("typeof getTries", withTries)));

        // Act
        var type = Text(session.Evaluate("typeof getTries", without));
        var call = Assert.Throws<ExpressionException>(() => session.Evaluate("getTries()", without));

        // Assert
        Assert.Equal("undefined", type);
        Assert.Contains("getTries is not defined", call.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_StatementLimit_CountsEachScriptOnItsOwn()
    {
        // Arrange: one loop runs about 2,000 of the 4,000 statements allowed; five of them run 10,000.
        var session = NewEvaluator(new JavaScriptOptions { StatementLimit = 4000 }).OpenSession();
        var scope = new DictionaryScope();
        static string Loop(int n) => $"(function () {{ let n = 0; for (let i = 0; i < {n}; i++) {{ n++; }} return n; }})()";

        // Act
        var results = Enumerable.Range(0, 5).Select(_ => session.Evaluate(Loop(1000), scope)!.GetValue<int>()).ToList();
        var tooLong = Assert.Throws<ExpressionException>(() => session.Evaluate(Loop(5000), scope));

        // Assert
        Assert.All(results, r => Assert.Equal(1000, r));
        Assert.Contains("more than the limit of 4000 statements", tooLong.Message, StringComparison.Ordinal);
        session.Dispose();
    }

    [Fact]
    public void Evaluate_MemoryLimit_CountsEachScriptOnItsOwn()
    {
        // Arrange: one string of 1.2 MB fits in 4 MiB; five of them would not, nor does one of 5 MB.
        using var session = NewEvaluator(new JavaScriptOptions { MemoryLimitBytes = 4 * 1024 * 1024 }).OpenSession();
        var scope = new DictionaryScope();

        // Act
        var lengths = Enumerable.Range(0, 5).Select(_ => session.Evaluate("'x'.repeat(600000).length", scope)!.GetValue<int>()).ToList();
        var tooMuch = Assert.Throws<ExpressionException>(() => session.Evaluate("'x'.repeat(2500000).length", scope));

        // Assert
        Assert.All(lengths, l => Assert.Equal(600000, l));
        Assert.Contains("more than the limit of", tooMuch.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_TimeLimit_StartsWithEachScript()
    {
        // Arrange: the engine is older than the time limit when the second and third scripts run.
        var evaluator = NewEvaluator(new JavaScriptOptions { Timeout = TimeSpan.FromMilliseconds(100) });
        var scope = new DictionaryScope();
        using (var session = evaluator.OpenSession())
        {
            Assert.Equal(2, session.Evaluate("1 + 1", scope)!.GetValue<int>());
            Thread.Sleep(300);

            // Act and assert: in the same burst, then in the next (which is handed the same engine).
            Assert.Equal(4, session.Evaluate("2 + 2", scope)!.GetValue<int>());
        }

        Thread.Sleep(300);
        using var next = evaluator.OpenSession();
        Assert.Equal(6, next.Evaluate("3 + 3", scope)!.GetValue<int>());
        Assert.Throws<ExpressionException>(() => next.Evaluate("while (true) {}", scope));
    }

    [Fact]
    public void Evaluate_StopSignal_IsTheEvaluatingBurstsOwn()
    {
        // Arrange: a burst leaves its engine idle; the next burst is stopping; the one after is not.
        var evaluator = NewEvaluator();
        using var stopped = new CancellationTokenSource();
        stopped.Cancel();
        using (var first = evaluator.OpenSession())
        {
            Assert.Equal(2, first.Evaluate("1 + 1", new DictionaryScope())!.GetValue<int>());
        }

        // Act and assert
        using (var stopping = evaluator.OpenSession())
        {
            Assert.ThrowsAny<OperationCanceledException>(() => stopping.Evaluate("1 + 1", new DictionaryScope { Stopping = stopped.Token }));
            Assert.ThrowsAny<OperationCanceledException>(() => stopping.Evaluate("getVariable('x')", new DictionaryScope { Stopping = stopped.Token }));
        }

        using var after = evaluator.OpenSession();
        Assert.Equal(4, after.Evaluate("2 + 2", new DictionaryScope())!.GetValue<int>());
    }

    private static JavaScriptEvaluator NewEvaluator(JavaScriptOptions? options = null) => new(Options.Create(options ?? new JavaScriptOptions()));

    private static string? Text(JsonNode? node) => node?.GetValue<string>();
}
