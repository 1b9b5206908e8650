using AiPlusTasks.Web.Components;

namespace AiPlusTasks.Web.Tests.Components;

public sealed class ChinaTimeTests : WebContext
{
    private static readonly DateTimeOffset Now = new(2026, 12, 15, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-12-15T10:00:00Z", "2026-12-15 18:00")]
    [InlineData("2026-12-15T16:30:00Z", "2026-12-16 00:30")]
    [InlineData("2026-12-18T18:00:00+08:00", "2026-12-18 18:00")]
    [InlineData("2026-06-30T23:59:00-05:00", "2026-07-01 12:59")]
    public void Format_AnyOffset_ShowsChinaStandardTime(string value, string expected)
    {
        Assert.Equal(expected, ChinaTime.Format(DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(3 * 24 * 60, "zh-CN", "3 天后")]
    [InlineData(-2 * 24 * 60, "zh-CN", "2 天前")]
    [InlineData(5 * 60, "zh-CN", "5 小时后")]
    [InlineData(-23 * 60 - 59, "zh-CN", "23 小时前")]
    [InlineData(45, "zh-CN", "45 分钟后")]
    [InlineData(-10, "zh-CN", "10 分钟前")]
    [InlineData(3 * 24 * 60, "en", "in 3 days")]
    [InlineData(-2 * 24 * 60, "en", "2 days ago")]
    [InlineData(5 * 60, "en", "in 5 hours")]
    [InlineData(-23 * 60 - 59, "en", "23 hours ago")]
    [InlineData(45, "en", "in 45 minutes")]
    [InlineData(-10, "en", "10 minutes ago")]
    public void Relative_PastOrFuture_PicksLargestWholeUnitInCulture(int minutesFromNow, string culture, string expected)
    {
        UseCulture(culture);

        var text = ChinaTime.Relative(Now.AddMinutes(minutesFromNow), Now, Text);

        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData(59, "59 分钟后")]
    [InlineData(60, "1 小时后")]
    [InlineData(24 * 60 - 1, "23 小时后")]
    [InlineData(24 * 60, "1 天后")]
    [InlineData(-59, "59 分钟前")]
    [InlineData(-60, "1 小时前")]
    public void Relative_AtUnitBoundaries_SwitchesUnitOnWholeUnits(int minutesFromNow, string expected)
    {
        UseCulture("zh-CN");

        Assert.Equal(expected, ChinaTime.Relative(Now.AddMinutes(minutesFromNow), Now, Text));
    }

    [Theory]
    [InlineData(60, "in 1 hour")]
    [InlineData(120, "in 2 hours")]
    [InlineData(24 * 60, "in 1 day")]
    [InlineData(-1, "1 minute ago")]
    [InlineData(-24 * 60, "1 day ago")]
    public void Relative_OneUnitInEnglish_IsSingular(int minutesFromNow, string expected)
    {
        UseCulture("en");

        Assert.Equal(expected, ChinaTime.Relative(Now.AddMinutes(minutesFromNow), Now, Text));
    }
}
