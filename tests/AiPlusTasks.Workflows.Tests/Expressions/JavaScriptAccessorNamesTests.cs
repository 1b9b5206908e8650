using AiPlusTasks.Workflows.Expressions;

namespace AiPlusTasks.Workflows.Tests.Expressions;

public sealed class JavaScriptAccessorNamesTests
{
    [Theory]
    [InlineData("tries", "Tries")]
    [InlineData("Tries", "Tries")]
    [InlineData("my_var", "MyVar")]
    [InlineData("_x", "X")]
    [InlineData("__x", "X")]
    [InlineData("a_1", "A_1")]
    [InlineData("_1", "_1")]
    [InlineData("trailing_", "Trailing_")]
    [InlineData("$cash", "$cash")]
    [InlineData("1234", "1234")]
    [InlineData("Send email", "SendEmail")]
    [InlineData("send-email", "SendEmail")]
    [InlineData("x  - y", "XY")]
    [InlineData("HTTP endpoint", "HTTPEndpoint")]
    [InlineData("Step 2", "Step 2")]
    [InlineData("结转决策 Carry-over decision", "结转决策CarryOverDecision")]
    [InlineData("", "")]
    public void Pascalize_AsHumanizer3_UppercasesLettersAfterSeparatorsAndAtStart(string name, string expected) =>
        Assert.Equal(expected, JavaScriptAccessorNames.Pascalize(name));

    [Theory]
    [InlineData("tries", true)]
    [InlineData("my_var", true)]
    [InlineData("$cash", true)]
    [InlineData("1234", true)]
    [InlineData("进度", true)]
    [InlineData("my var", false)]
    [InlineData("my-var", false)]
    [InlineData("a.b", false)]
    [InlineData("", false)]
    [InlineData("  ", false)]
    [InlineData(null, false)]
    public void IsAccessible_LettersDigitsUnderscoreDollarOnly(string? name, bool expected) =>
        Assert.Equal(expected, JavaScriptAccessorNames.IsAccessible(name));
}
