using AiPlusTasks.Engine.Directory;

namespace AiPlusTasks.Engine.Tests.Directory;

public sealed class CatalogTests
{
    private static readonly Catalog Catalog = DirectoryFiles.LoadCatalog(RepositoryDataFiles.CatalogPath);

    [Fact]
    public void LoadCatalog_RepositoryFile_Has6ActionsAnd8SupportsInTheTextsOrder()
    {
        var actions = Catalog.Actions.Select(p => p.Code);
        var supports = Catalog.Supports.Select(p => p.Code);

        Assert.Equal(["action.science", "action.industry", "action.consumption", "action.wellbeing", "action.governance", "action.global"], actions);
        Assert.Equal(
            ["support.models", "support.data", "support.compute", "support.applications", "support.opensource", "support.talent", "support.policy", "support.security"],
            supports);
        Assert.Equal(14, Catalog.Pillars.Count);
        Assert.Equal(["科学技术", "产业发展", "消费提质", "民生福祉", "治理能力", "全球合作"], Catalog.Actions.Select(p => p.NameZh));
        Assert.Equal(["模型", "数据", "算力", "应用", "开源", "人才", "政策法规", "安全"], Catalog.Supports.Select(p => p.NameZh));
    }

    [Fact]
    public void LoadCatalog_RepositoryFile_EveryPillarHas3To6ItemsUnderItsCode()
    {
        var pillars = Catalog.Pillars;

        Assert.All(pillars, p =>
        {
            Assert.InRange(p.Items.Count, 3, 6);
            Assert.All(p.Items, i => Assert.Equal(p.Code, i.PillarCode));
            Assert.All(p.Items, i => Assert.StartsWith(p.Code + ".", i.Code, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void FindPillarOrItem_ItemCode_ReturnsItemWithItsPillar()
    {
        var entry = Catalog.FindPillarOrItem("action.industry.manufacturing");

        Assert.NotNull(entry);
        Assert.False(entry.IsPillar);
        Assert.Equal("action.industry", entry.Pillar.Code);
        Assert.Equal("action.industry.manufacturing", entry.Code);
        Assert.Contains("制造", entry.NameZh, StringComparison.Ordinal);
    }

    [Fact]
    public void FindPillarOrItem_PillarCode_ReturnsPillar()
    {
        var entry = Catalog.FindPillarOrItem("support.compute");

        Assert.NotNull(entry);
        Assert.True(entry.IsPillar);
        Assert.Equal(PillarKind.Support, entry.Pillar.Kind);
        Assert.Equal("算力", entry.NameZh);
    }

    [Theory]
    [InlineData("support.nothing")]
    [InlineData("goal.adoption")]
    [InlineData("action")]
    public void FindPillarOrItem_UnknownCode_ReturnsNull(string code)
    {
        var entry = Catalog.FindPillarOrItem(code);

        Assert.Null(entry);
    }

    [Fact]
    public void LoadCatalog_RepositoryFile_PilotBasesCoverTheFiveSectors()
    {
        var pilotBases = Catalog.FindPillarOrItem("support.applications.pilotbases");

        Assert.NotNull(pilotBases);
        Assert.All(["制造", "医疗", "交通", "金融", "能源"], sector => Assert.Contains(sector, pilotBases.NameZh, StringComparison.Ordinal));
    }

    [Fact]
    public void LoadCatalog_RepositoryFile_AdoptionGoalIsAbove70By2027AndAbove90By2030()
    {
        var goal = Assert.Single(Catalog.Goals);

        Assert.Equal("%", goal.Unit);
        Assert.Equal([new GoalTarget(2027, ">", 70), new GoalTarget(2030, ">", 90)], goal.Targets);
        Assert.False(goal.Targets[0].IsMetBy(70m));
        Assert.True(goal.Targets[0].IsMetBy(70.1m));
    }

    [Theory]
    [InlineData(">", 10, false)]
    [InlineData(">=", 10, true)]
    [InlineData("<", 9, true)]
    [InlineData("<=", 11, false)]
    [InlineData("=", 10, true)]
    public void IsMetBy_Operator_ComparesActualWithTarget(string op, int actual, bool expected)
    {
        var target = new GoalTarget(2030, op, 10);

        var met = target.IsMetBy(actual);

        Assert.Equal(expected, met);
    }
}
