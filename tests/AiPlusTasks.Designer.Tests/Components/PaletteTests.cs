using AiPlusTasks.Designer.Components;
using AiPlusTasks.Designer.Tests.Support;
using Bunit;

namespace AiPlusTasks.Designer.Tests.Components;

public sealed class PaletteTests : DesignerContext
{
    [Theory]
    [InlineData("zh-CN", new[] { "流程控制", "时间", "任务与审核", "单位", "集成" }, "延时", "人工任务")]
    [InlineData("en", new[] { "Flow", "Time", "Tasks and review", "Agencies", "Integration" }, "Delay", "Human task")]
    public void Render_Groups_ByKindInTheCurrentLanguage(string culture, string[] groups, string delay, string humanTask)
    {
        TestCulture.Use(culture);

        var cut = Render<Palette>();

        Assert.Equal(groups, cut.FindAll(".palette-group-name").Select(g => g.TextContent.Trim()));
        Assert.Equal(delay, cut.Find("[data-group=time] [data-type='Elsa.Delay']").TextContent.Trim());
        Assert.Equal(humanTask, cut.Find("[data-group=tasks] [data-type='AiPlus.HumanTask']").TextContent.Trim());
        Assert.NotNull(cut.Find("[data-group=agencies] [data-type='AiPlus.FanOut']"));
        Assert.NotNull(cut.Find("[data-group=integration] [data-type='Elsa.Event']"));
    }

    [Fact]
    public void Render_Composites_AreNotOffered()
    {
        var cut = Render<Palette>();

        Assert.Empty(cut.FindAll("[data-type='Elsa.Flowchart'], [data-type='Elsa.Sequence'], [data-type='Elsa.ParallelForEach']"));
        Assert.Contains(cut.FindAll(".palette-item"), i => i.GetAttribute("data-type") == "Elsa.Start");
    }

    [Fact]
    public void Render_Items_AreDraggableAndFocusable()
    {
        var cut = Render<Palette>();

        Assert.All(cut.FindAll(".palette-item"), item =>
        {
            Assert.Equal("true", item.GetAttribute("draggable"));
            Assert.Equal("0", item.GetAttribute("tabindex"));
            Assert.False(string.IsNullOrEmpty(item.GetAttribute("data-type")));
        });
    }

    [Theory]
    [InlineData("zh-CN", "延时", "Elsa.Delay")]
    [InlineData("en", "delay", "Elsa.Delay")]
    [InlineData("zh-CN", "humantask", "AiPlus.HumanTask")]
    public void Search_Text_ShowsOnlyMatchingTypes(string culture, string search, string type)
    {
        TestCulture.Use(culture);
        var cut = Render<Palette>();

        cut.Find("#palette-search").Input(search);

        var item = Assert.Single(cut.FindAll(".palette-item"));
        Assert.Equal(type, item.GetAttribute("data-type"));
        Assert.Single(cut.FindAll(".palette-group"));
    }

    [Fact]
    public void Search_NothingMatches_SaysSo()
    {
        TestCulture.Use("en");
        var cut = Render<Palette>();

        cut.Find("#palette-search").Input("no such activity");

        Assert.Empty(cut.FindAll(".palette-item"));
        Assert.Equal("No matching activity.", cut.Find(".palette-empty").TextContent.Trim());
    }

    [Fact]
    public void KeyDown_Enter_RaisesOnAddWithTheType()
    {
        var added = new List<string>();
        var cut = Render<Palette>(p => p.Add(x => x.OnAdd, (string type) => added.Add(type)));

        cut.Find("[data-type='Elsa.Cron']").KeyDown("Tab");
        cut.Find("[data-type='Elsa.Cron']").KeyDown("Enter");
        cut.Find("[data-type='AiPlus.HumanTask']").DoubleClick();

        Assert.Equal(["Elsa.Cron", "AiPlus.HumanTask"], added);
    }

    [Fact]
    public void DragStart_Item_RaisesOnDragStartWithTheType()
    {
        string? dragged = null;
        var cut = Render<Palette>(p => p.Add(x => x.OnDragStart, (string type) => dragged = type));

        cut.Find("[data-type='AiPlus.FanOut']").DragStart();

        Assert.Equal("AiPlus.FanOut", dragged);
    }
}
