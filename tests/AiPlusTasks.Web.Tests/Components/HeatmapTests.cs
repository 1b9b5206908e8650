using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Web.Components;
using Bunit;

namespace AiPlusTasks.Web.Tests.Components;

public sealed class HeatmapTests : WebContext
{
    private static readonly KeyValuePair<string, string>[] Agencies =
        [KeyValuePair.Create("miit", "工业和信息化部"), KeyValuePair.Create("guangdong", "广东省"), KeyValuePair.Create("hubei", "湖北省")];

    private static readonly KeyValuePair<string, string>[] Pillars =
        [KeyValuePair.Create("action.industry", "人工智能+产业发展"), KeyValuePair.Create("action.governance", "人工智能+治理")];

    private static HeatmapCell Cell(string pillar, string agency, params (TaskColour Colour, int Count)[] counts) =>
        HeatmapCell.From(pillar, agency, counts.ToDictionary(c => c.Colour, c => c.Count));

    private IRenderedComponent<Heatmap> RenderMap(bool useWorst, params HeatmapCell[] cells) =>
        Render<Heatmap>(p => p.Add(c => c.Cells, cells).Add(c => c.Agencies, Agencies).Add(c => c.Pillars, Pillars).Add(c => c.UseWorst, useWorst));

    [Fact]
    public void Render_Cells_AgenciesAsRowsAndPillarsAsColumnsWithWorkInDirectoryOrder()
    {
        UseCulture("zh-CN");

        var cut = RenderMap(true, Cell("action.industry", "hubei", (TaskColour.Green, 1)), Cell("action.industry", "miit", (TaskColour.Red, 2)));

        Assert.Equal(["承办单位", "人工智能+产业发展"], cut.FindAll("thead th").Select(th => th.TextContent.Trim()));
        Assert.Equal(["工业和信息化部", "湖北省"], cut.FindAll("tbody th").Select(th => th.TextContent.Trim()));
        Assert.Equal(["agencies/miit", "agencies/hubei"], cut.FindAll("tbody th a.heatmap-agency").Select(a => a.GetAttribute("href")));
    }

    [Theory]
    [InlineData("zh-CN", "绿：正常推进|蓝：临近截止|黄：进度滞后或被退回|红：已逾期")]
    [InlineData("en", "Green: on track|Blue: deadline approaching|Yellow: behind plan or returned|Red: overdue")]
    public void Render_Legend_SaysWhatEachColourMeans(string culture, string expected)
    {
        UseCulture(culture);

        var cut = RenderMap(true, Cell("action.industry", "hubei", (TaskColour.Green, 1)));

        Assert.Equal(expected.Split('|'), cut.FindAll("#heatmap-legend .legend-item").Select(i => i.TextContent.Trim()));
        Assert.Equal(["Green", "Blue", "Yellow", "Red"], cut.FindAll("#heatmap-legend .legend-item").Select(i => i.GetAttribute("data-colour")));
    }

    [Fact]
    public void Render_WorstOrAverage_ColoursTheCellAccordingly()
    {
        UseCulture("zh-CN");
        var mixed = Cell("action.industry", "guangdong", (TaskColour.Green, 3), (TaskColour.Red, 1));

        var worst = RenderMap(true, mixed).Find("td.heatmap-cell");
        var average = RenderMap(false, mixed).Find("td.heatmap-cell");

        Assert.Equal("Red", worst.GetAttribute("data-colour"));
        Assert.Equal("Blue", average.GetAttribute("data-colour"));
        Assert.Equal("4", worst.TextContent.Trim());
    }

    [Fact]
    public void Render_Cell_LinksToThoseTasksInTheInboxWithALabel()
    {
        UseCulture("en");

        var cut = RenderMap(true, Cell("action.governance", "guangdong", (TaskColour.Yellow, 2)));

        var link = cut.Find("td.heatmap-cell a");
        Assert.Equal("inbox?agency=guangdong&pillar=action.governance", link.GetAttribute("href"));
        Assert.Equal("广东省 · 人工智能+治理: 2 · Yellow", link.GetAttribute("aria-label"));
    }

    [Fact]
    public void Render_NoCells_HasNoDataCells()
    {
        var cut = RenderMap(true);

        Assert.Empty(cut.FindAll("td.heatmap-cell"));
    }
}
