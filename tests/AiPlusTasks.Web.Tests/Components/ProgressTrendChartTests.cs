using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Web.Components;
using Bunit;

namespace AiPlusTasks.Web.Tests.Components;

public sealed class ProgressTrendChartTests : WebContext
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private static readonly DateTimeOffset[] Weeks =
        [new(2026, 11, 30, 0, 0, 0, Cst), new(2026, 12, 7, 0, 0, 0, Cst), new(2026, 12, 14, 0, 0, 0, Cst)];

    private static readonly ProgressTrend ByPillar = new(ProgressTrendQuery.ByPillar, Weeks,
    [
        new ProgressTrendSeries("action.industry", "人工智能+产业发展", "Industry development", [null, 25, 53.25], [0, 2, 3]),
        new ProgressTrendSeries("support.compute", "算力", "Compute", [10, 100, 100], [1, 1, 1]),
    ], [10, 50, 64.9], [1, 3, 4]);

    private IRenderedComponent<ProgressTrendChart> RenderChart(ProgressTrend? trend, Action<string>? groupByChanged = null, Action<string?>? planChanged = null) =>
        Render<ProgressTrendChart>(p => p
            .Add(c => c.Trend, trend)
            .Add(c => c.GroupBy, trend?.GroupBy ?? ProgressTrendQuery.ByPillar)
            .Add(c => c.GroupByChanged, groupByChanged ?? (_ => { }))
            .Add(c => c.PlanIdChanged, planChanged ?? (_ => { }))
            .Add(c => c.Plans, [KeyValuePair.Create("ai-plus-2025-2027", "人工智能+行动滚动计划")]));

    [Fact]
    public void Render_Chinese_TableHasAWeekColumnPerCstMondayAndARowPerSeriesWithItsAverages()
    {
        UseCulture("zh-CN");

        var cut = RenderChart(ByPillar);

        Assert.Equal(["领域", "2026-11-30", "2026-12-07", "2026-12-14"], cut.FindAll("#progress-trend thead th").Select(th => th.TextContent.Trim()));
        Assert.Equal(["人工智能+产业发展", "算力"], cut.FindAll("#progress-trend tbody th").Select(th => th.TextContent.Trim()));
        Assert.Equal(["—", "25.0", "53.3", "10.0", "100.0", "100.0"], cut.FindAll("#progress-trend td.trend-cell").Select(td => td.TextContent.Trim()));
        Assert.Equal(["0", "2", "3", "1", "1", "1"], cut.FindAll("#progress-trend td.trend-cell").Select(td => td.GetAttribute("data-tasks")));
        Assert.Equal(["action.industry", "support.compute"], cut.FindAll("#trend-chart polyline.trend-line").Select(l => l.GetAttribute("data-key")));
        Assert.Equal(5, cut.FindAll("#trend-chart circle.trend-point").Count); // industry's empty first week is no point
        Assert.Equal(["11-30", "12-07", "12-14"], cut.FindAll("#trend-chart text.trend-x-label").Select(t => t.TextContent));
        Assert.Equal(["人工智能+产业发展", "算力"], cut.FindAll("#trend-legend .legend-item").Select(i => i.TextContent.Trim()));
        Assert.Equal("进度趋势", Text["ProgressTrend"]);
        Assert.Equal("2026-12-07 起的一周", cut.FindAll("#progress-trend thead th")[2].GetAttribute("title"));
    }

    [Fact]
    public void Render_English_NamesTheSeriesAndWeeksInEnglish()
    {
        UseCulture("en");

        var cut = RenderChart(ByPillar);

        Assert.Equal("Pillar", cut.Find("#progress-trend thead th").TextContent.Trim());
        Assert.Equal(["Industry development", "Compute"], cut.FindAll("#progress-trend tbody th").Select(th => th.TextContent.Trim()));
        Assert.Equal("Week of 2026-12-14", cut.FindAll("#progress-trend thead th")[3].GetAttribute("title"));
        Assert.Equal("Per plan", cut.Find("#trend-by-plan").TextContent.Trim());
        Assert.Contains("Filter by plan", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ByPlan_HeadsTheRowsWithPlanAndPressesThatToggle()
    {
        UseCulture("zh-CN");
        var byPlan = new ProgressTrend(ProgressTrendQuery.ByPlan, Weeks, [new ProgressTrendSeries("p1", "计划一", "计划一", [1, 2, 3], [1, 1, 1])], [1, 2, 3], [1, 1, 1]);

        var cut = RenderChart(byPlan);

        Assert.Equal("计划", cut.Find("#progress-trend thead th").TextContent.Trim());
        Assert.Equal("true", cut.Find("#trend-by-plan").GetAttribute("aria-pressed"));
        Assert.Equal("false", cut.Find("#trend-by-pillar").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void Click_PerPlan_AsksForThePlanGrouping()
    {
        UseCulture("zh-CN");
        string? asked = null;
        var cut = RenderChart(ByPillar, groupByChanged: g => asked = g);

        cut.Find("#trend-by-plan").Click();

        Assert.Equal(ProgressTrendQuery.ByPlan, asked);
    }

    [Fact]
    public void Render_NoSeries_SaysSoAndHasNoTable()
    {
        UseCulture("en");

        var cut = RenderChart(new ProgressTrend(ProgressTrendQuery.ByPillar, Weeks, [], [null, null, null], [0, 0, 0]));

        Assert.Equal("No task progress to show yet.", cut.Find("#trend-empty").TextContent.Trim());
        Assert.Empty(cut.FindAll("#progress-trend"));
    }

    [Fact]
    public void Render_WeeksBeforeTheFirstKeyTask_AreNeitherDrawnNorListed()
    {
        UseCulture("zh-CN");
        DateTimeOffset[] fourWeeks = [Weeks[0].AddDays(-7), .. Weeks];
        var trend = new ProgressTrend(ProgressTrendQuery.ByPillar, fourWeeks,
            [new ProgressTrendSeries("action.industry", "人工智能+产业发展", "Industry development", [null, null, 40, 50], [0, 0, 2, 2])], [null, null, 40, 50], [0, 0, 2, 2]);

        var cut = RenderChart(trend);

        Assert.Equal(["领域", "2026-12-07", "2026-12-14"], cut.FindAll("#progress-trend thead th").Select(th => th.TextContent.Trim()));
        Assert.Equal(["12-07", "12-14"], cut.FindAll("#trend-chart text.trend-x-label").Select(t => t.TextContent));
        var line = Assert.Single(cut.FindAll("#trend-chart polyline.trend-line"));
        Assert.Equal(2, line.GetAttribute("points")!.Split(' ').Length);
        Assert.Empty(cut.FindAll("#trend-not-enough"));
    }

    [Fact]
    public void Render_GapWeekInsideTheWindow_BreaksTheLineInsteadOfDrawingZero()
    {
        UseCulture("zh-CN");
        DateTimeOffset[] fourWeeks = [Weeks[0].AddDays(-7), .. Weeks];
        var trend = new ProgressTrend(ProgressTrendQuery.ByPillar, fourWeeks,
            [
                new ProgressTrendSeries("action.industry", "人工智能+产业发展", "Industry development", [20, 30, null, null], [1, 1, 0, 0]),
                new ProgressTrendSeries("support.compute", "算力", "Compute", [null, null, 60, 70], [0, 0, 1, 1]),
            ], [20, 30, 60, 70], [1, 1, 1, 1]);

        var cut = RenderChart(trend);

        Assert.Equal(2, cut.FindAll("#trend-chart polyline.trend-line").Count);
        Assert.Equal(4, cut.FindAll("#trend-chart circle.trend-point").Count);
        Assert.Equal(["20.0", "30.0", "—", "—", "—", "—", "60.0", "70.0"], cut.FindAll("#progress-trend td.trend-cell").Select(td => td.TextContent.Trim()));
    }

    [Theory]
    [InlineData("zh-CN", "尚无足够数据：至少要有两周的进度数据才能画出趋势。")]
    [InlineData("en", "Not enough data yet: a trend needs progress from at least two weeks.")]
    public void Render_OneWeekWithData_SaysNotEnoughDataAndDrawsNoLine(string culture, string expected)
    {
        UseCulture(culture);
        var trend = new ProgressTrend(ProgressTrendQuery.ByPillar, Weeks,
            [new ProgressTrendSeries("action.industry", "人工智能+产业发展", "Industry development", [null, null, 35], [0, 0, 2])], [null, null, 35], [0, 0, 2]);

        var cut = RenderChart(trend);

        Assert.Equal(expected, cut.Find("#trend-not-enough").TextContent.Trim());
        Assert.Empty(cut.FindAll("#trend-chart"));
        Assert.Equal(["35.0"], cut.FindAll("#progress-trend td.trend-cell").Select(td => td.TextContent.Trim()));
    }
}
