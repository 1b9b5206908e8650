using AiPlusTasks.Workflows.Expressions;
using AiPlusTasks.Workflows.Tests.Support;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Workflows.Tests.Expressions;

/// <summary>
/// A script's value becomes JSON without JSON text in between for plain data, and through Jint's own
/// <c>JSON.stringify</c> for everything else; either way the result (or the error) is what <c>JSON.stringify</c> gives.
/// </summary>
public sealed class JavaScriptValueTests
{
    private static readonly JavaScriptEvaluator Evaluator = new(Options.Create(new JavaScriptOptions()));

    [Theory]
    [InlineData("({ a: [1, 'x', true, null, { b: 2.5 }], c: {} })")]
    [InlineData("({ a: undefined, b: function () {}, c: Symbol('s'), d: 1 })")]
    [InlineData("[undefined, function () {}, Symbol('s'), NaN, Infinity, -0]")]
    [InlineData("(function () { var a = [1, 2, 3]; a.length = 5; return a })()")]
    [InlineData("(function () { var a = [1]; a.x = 2; return a })()")]
    [InlineData("(function () { var o = { b: 1, 2: 'two', a: 0, 1: 'one' }; o[Symbol('s')] = 1; return o })()")]
    [InlineData("Object.defineProperty({ a: 1 }, 'hidden', { value: 2, enumerable: false })")]
    [InlineData("({ get a() { return 1 }, b: 2 })")]
    [InlineData("({ toJSON() { return 'custom' } })")]
    [InlineData("[new Date(0), new Date(NaN).getTime()]")]
    [InlineData("new Date(86400000)")]
    [InlineData("Object.create(null)")]
    [InlineData("Object.create({ inherited: 1 })")]
    [InlineData("new (class Point { constructor() { this.x = 1 } })()")]
    [InlineData("[new Number(1), new String('s'), new Boolean(false)]")]
    [InlineData("[new Map([[1, 2]]), new Set([1])]")]
    [InlineData("new Proxy({ a: 1 }, {})")]
    [InlineData("new Proxy([1, 2], {})")]
    [InlineData("new Uint8Array([1, 2])")]
    [InlineData("/re/g")]
    [InlineData("(function () { var a = []; a[3] = 1; return a })()")]
    [InlineData("(function () { var o = {}; for (var i = 0; i < 60; i++) { o = { o: o } } return o })()")]
    [InlineData("(function () { var a = {}; a.self = a; return a })()")]
    [InlineData("[10n]")]
    [InlineData("'\\uD83D\\uDE00 and \\uDE00 alone'")]
    [InlineData("(function () { Object.prototype.toJSON = function () { return 'polluted' }; return { a: 1 } })()")]
    [InlineData("(function () { Array.prototype[1] = 'inherited'; return [0, , 2] })()")]
    public void Value_AsJson_IsWhatJsonStringifyGives(string script)
    {
        var scope = new DictionaryScope();
        using var session = Evaluator.OpenSession();

        var result = JavaScriptOutcome.Of(session, script, scope);

        using var reference = Evaluator.OpenSession();
        Assert.Equal(JavaScriptOutcome.OfStringified(reference, script, scope), result);
    }

    [Theory]
    [InlineData("variables.Big = 10n", "JavaScript error: Do not know how to serialize a BigInt")]
    [InlineData("(function () { var a = {}; a.a = a; variables.Cycle = a })()", "JavaScript error: Cyclic reference detected.")]
    [InlineData("(function () { var o = {}; for (var i = 0; i < 100; i++) { o = { o: o } } return o })()", "JavaScript value cannot be read as JSON: The maximum configured depth of 64")]
    public void Value_WithoutJson_FaultsTheScript(string script, string expected)
    {
        var scope = new DictionaryScope();
        using var session = Evaluator.OpenSession();

        var error = Assert.Throws<ExpressionException>(() => session.Evaluate(script, scope));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }
}
