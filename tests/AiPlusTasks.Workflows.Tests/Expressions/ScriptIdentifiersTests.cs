using AiPlusTasks.Workflows.Expressions;

namespace AiPlusTasks.Workflows.Tests.Expressions;

public sealed class ScriptIdentifiersTests
{
    [Fact]
    public void Scan_PlainScript_MentionsItsWordsOnly()
    {
        var words = ScriptIdentifiers.Scan("setTries(getTries() + 1); // getNothing\n'x' + getLastResult()");

        Assert.False(words.Dynamic);
        Assert.True(words.Mentions("setTries"));
        Assert.True(words.Mentions("getTries"));
        Assert.True(words.Mentions("getNothing"));
        Assert.True(words.Mentions("getLastResult"));
        Assert.False(words.Mentions("getVariable"));
        Assert.False(words.Mentions("variables"));
    }

    [Theory]
    [InlineData("globalThis['get' + 'Tries']()")]
    [InlineData("this.getTries()")]
    [InlineData("eval('getTries()')")]
    [InlineData("new Function('return 1')()")]
    [InlineData("[].constructor.constructor('return 1')()")]
    [InlineData("\\u0067etTries()")]
    public void Scan_ScriptThatCanReachUnnamedGlobals_IsDynamic(string script)
    {
        var words = ScriptIdentifiers.Scan(script);

        Assert.True(words.Dynamic);
        Assert.True(words.Mentions("getAnything"));
    }
}
