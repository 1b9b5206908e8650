using AiPlusTasks.Designer.Editing;
using AiPlusTasks.Designer.Tests.Support;

namespace AiPlusTasks.Designer.Tests.Editing;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("zh-CN", "3.00:00:00", "3 天")]
    [InlineData("en", "3.00:00:00", "3 days")]
    [InlineData("en", "P1DT2H", "1 day 2 hours")]
    [InlineData("zh-CN", "PT90M", "1 小时 30 分钟")]
    [InlineData("en", "00:00:01", "1 second")]
    [InlineData("en", "00:00:00", "0 minutes")]
    [InlineData("en", "-P2D", "-2 days")]
    public void Readable_Duration_ReadsInTheCurrentLanguage(string culture, string text, string expected)
    {
        TestCulture.Use(culture);

        Assert.Equal(expected, DurationText.Readable(DurationText.Parse(text)!.Value));
    }

    [Theory]
    [InlineData("three days")]
    [InlineData("P3X")]
    [InlineData("")]
    public void Parse_NotADuration_IsNull(string text) => Assert.Null(DurationText.Parse(text));
}
