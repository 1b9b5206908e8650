using System.Text.Json.Nodes;
using AiPlusTasks.Tests.Shared;
using AiPlusTasks.Workflows.Expressions;
using CsCheck;
using Jint;

namespace AiPlusTasks.Workflows.Tests.Expressions;

/// <summary>
/// The syntax check parses without an engine and says what Jint's own preparation says: the same scripts pass, and a
/// script that does not parse fails with the same message (line and column included).
/// </summary>
public sealed class JavaScriptSyntaxTests
{
    [Theory]
    [InlineData("getInput('title')")]
    [InlineData("({ a: 1 }")]
    [InlineData("return 1")]
    [InlineData("using x = null")]
    [InlineData("await 1")]
    [InlineData("import x from 'y'")]
    [InlineData("export const a = 1")]
    [InlineData("/(/.test('a')")]
    [InlineData("/(?<n>a)\\k<n>/u.test('aa')")]
    [InlineData("#x in {}")]
    [InlineData("class A { #x = 1; has(o) { return #x in o } }")]
    [InlineData("@dec class A {}")]
    [InlineData("let let = 1")]
    [InlineData("'use strict'; with ({}) {}")]
    [InlineData("a?.b ?? c")]
    [InlineData("1 +")]
    [InlineData("")]
    [InlineData("\"unterminated")]
    [InlineData("x => { return }")]
    [InlineData("new.target")]
    [InlineData("super.x")]
    public void CheckSyntax_SaysWhatJintSays(string script) => Assert.Equal(JintSays(script), JavaScriptEvaluator.CheckSyntax(script));

    [Fact]
    public void CheckSyntax_OfTheRepositorysScriptsAndTheirPrefixes_SaysWhatJintSays()
    {
        var scripts = Directory.GetFiles(RepositoryPaths.Workflows, "*.json").SelectMany(f => Scripts(JsonNode.Parse(File.ReadAllText(f)))).Distinct().ToList();
        Assert.NotEmpty(scripts);
        Gen.Int[0, int.MaxValue].Sample(
            seed =>
            {
                var random = new Random(seed);
                var script = scripts[random.Next(scripts.Count)];
                var cut = script[..random.Next(script.Length + 1)];
                Assert.Equal(JintSays(script), JavaScriptEvaluator.CheckSyntax(script));
                Assert.Equal(JintSays(cut), JavaScriptEvaluator.CheckSyntax(cut));
            },
            iter: 300);
    }

    [Fact]
    public void CheckSyntax_FromManyThreadsAtOnce_GivesEachItsOwnAnswer()
    {
        string[] scripts = ["getInput('title') + '：' + getInput('pillar')", "({ a: [1, 2", "variables.ReturnCount >= 3 ? 'Red' : 'Yellow'", "1 +"];
        var expected = scripts.Select(JintSays).ToList();
        var answers = new string?[4000];

        Parallel.For(0, answers.Length, i => answers[i] = JavaScriptEvaluator.CheckSyntax(scripts[i % scripts.Length]));

        Assert.All(Enumerable.Range(0, answers.Length), i => Assert.Equal(expected[i % scripts.Length], answers[i]));
    }

    private static string? JintSays(string script)
    {
        try
        {
            Engine.PrepareScript(script);
            return null;
        }
        catch (ScriptPreparationException e)
        {
            return e.InnerException?.Message ?? e.Message;
        }
    }

    // The JavaScript expressions of a definition: every {"type": "JavaScript", "value": "…"}.
    private static IEnumerable<string> Scripts(JsonNode? node) => node switch
    {
        JsonObject { } obj when obj["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && (string?)obj["type"] == "JavaScript" && obj["value"] is JsonValue value
            => [value.ToString()],
        JsonObject obj => obj.SelectMany(p => Scripts(p.Value)),
        JsonArray array => array.SelectMany(Scripts),
        _ => [],
    };
}
