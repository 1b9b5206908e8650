using AiPlusTasks.Designer.Graph;
using AiPlusTasks.Designer.Tests.Support;
using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Designer.Tests.Graph;

public sealed class NodeBoxTests
{
    [Fact]
    public void Of_ShortName_IsTheNarrowestBoxOnOneLine()
    {
        TestCulture.Use("zh-CN");

        var box = NodeBox.Of(Named(ActivityTypes.End, "结束"));

        Assert.Equal(NodeBox.MinWidth, box.Width);
        Assert.Equal(["结束"], box.TitleLines);
    }

    [Fact]
    public void Of_LongerName_GrowsTheBoxToItsText()
    {
        TestCulture.Use("zh-CN");
        var name = "国家发展改革委核验销号";

        var box = NodeBox.Of(Named(ActivityTypes.WriteLine, name));

        Assert.True(box.Width > NodeBox.MinWidth && box.Width <= NodeBox.MaxWidth, $"width {box.Width}");
        Assert.True(box.Width >= NodeBox.TextWidth(name, NodeBox.TitleFontSize) + NodeBox.Padding);
        Assert.Equal([name], box.TitleLines);
    }

    [Theory]
    [InlineData("zh-CN", "各省级单位按照分解方案逐项细化落实举措并报送阶段性进展材料和佐证")]
    [InlineData("en", "Ministries and provinces refine the measures and report their quarterly progress with evidence")]
    public void Of_TooLongName_WrapsToTwoLinesEndingInAnEllipsis(string culture, string name)
    {
        TestCulture.Use(culture);

        var box = NodeBox.Of(Named(ActivityTypes.WriteLine, name));

        Assert.Equal(NodeBox.MaxWidth, box.Width);
        Assert.Equal(2, box.TitleLines.Count);
        Assert.StartsWith(box.TitleLines[0], name, StringComparison.Ordinal);
        Assert.EndsWith("…", box.TitleLines[1], StringComparison.Ordinal);
        Assert.All(box.TitleLines, line => Assert.True(NodeBox.TextWidth(line, NodeBox.TitleFontSize) + NodeBox.Padding < box.Width, line));
        Assert.True(box.PortY(0) > NodeBox.Of(Named(ActivityTypes.WriteLine, "短")).PortY(0), "the second title line pushes the ports down");
    }

    private static DesignerNode Named(string type, string name) =>
        new GraphEditor(new DesignerGraph([], [], "flowchart1"), DesignerServices.Catalog).AddNode(type).WithName(name);
}
