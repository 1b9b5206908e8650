using AiPlusTasks.Designer.Tests.Components;
using AiPlusTasks.Designer.Tests.Support;
using AiPlusTasks.Designer.Versions;
using Bunit;

namespace AiPlusTasks.Designer.Tests.Versions;

public sealed class VersionComparisonViewTests : DesignerContext
{
    private static readonly VersionComparison Comparison = new(1, 2,
    [
        new VersionChange(ChangeKind.ActivityAdded, "<script>alert(1)</script>", After: "AiPlus.HumanTask"),
        new VersionChange(ChangeKind.InputChanged, "人工任务", "A", "js: getInput('agency')", "title"),
        new VersionChange(ChangeKind.ConnectionRemoved, "Start —Done→ 人工任务"),
    ]);

    [Theory]
    [InlineData("zh-CN", "新增环节 (1)", "删除连线 (1)")]
    [InlineData("en", "Activities added (1)", "Connections removed (1)")]
    public void Render_Changes_GroupsUnderLocalizedHeadings(string culture, string added, string removed)
    {
        TestCulture.Use(culture);

        var view = Render<VersionComparisonView>(p => p.Add(c => c.Comparison, Comparison));

        var headings = view.FindAll(".version-group h3").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(3, headings.Count);
        Assert.Equal(added, headings[0]);
        Assert.Equal(removed, headings[2]);
        Assert.Contains("Start —Done→ 人工任务", view.Find("[data-kind=ConnectionRemoved] li").TextContent);
    }

    [Fact]
    public void Render_InputChange_ShowsBeforeArrowAfter()
    {
        TestCulture.Use("en");

        var view = Render<VersionComparisonView>(p => p.Add(c => c.Comparison, Comparison));

        var line = view.Find("[data-kind=InputChanged] li");
        Assert.StartsWith("人工任务 · ", line.QuerySelector(".change-subject")!.TextContent);
        Assert.Equal("A", line.QuerySelector(".change-before")!.TextContent);
        Assert.Equal("js: getInput('agency')", line.QuerySelector(".change-after")!.TextContent);
    }

    [Fact]
    public void Render_ScriptInActivityName_IsText()
    {
        TestCulture.Use("zh-CN");

        var view = Render<VersionComparisonView>(p => p.Add(c => c.Comparison, Comparison));

        Assert.Empty(view.FindAll("script"));
        Assert.Equal("<script>alert(1)</script>", view.Find("[data-kind=ActivityAdded] .change-subject").TextContent);
        Assert.Contains("&lt;script&gt;", view.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-CN", "两个版本没有差异")]
    [InlineData("en", "No differences between the two versions")]
    public void Render_NoChanges_SaysSo(string culture, string expected)
    {
        TestCulture.Use(culture);

        var view = Render<VersionComparisonView>(p => p.Add(c => c.Comparison, new VersionComparison(2, 2, [])));

        Assert.Equal(expected, view.Find("#versions-no-differences").TextContent.Trim());
        Assert.Empty(view.FindAll(".version-group"));
    }
}
