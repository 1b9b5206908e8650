using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Planning;
using AiPlusTasks.Web.Components;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Web.Tests.Components;

/// <summary>A plan's diff in words: tasks by name, kinds, fields and values in words, no column that no row fills.</summary>
public sealed class PlanDiffTableTests : WebContext
{
    private static readonly PlanTask Agents = new()
    {
        Key = "KT-07",
        Code = "2027Q1-治理-01",
        Title = "政务服务智能体应用",
        TitleEn = "Government service agents",
        Pillar = "action.governance",
        LeadAgency = "ndrc",
        CoAgencies = ["nda"],
        Period = "2027-Q1",
        BaselineDue = new(2027, 12, 31, 23, 59, 59, TimeSpan.FromHours(8)),
    };

    public PlanDiffTableTests()
    {
        Services.AddSingleton(_ => new NamesDatabase());
        Services.AddSingleton(sp => sp.GetRequiredService<NamesDatabase>().Names);
        Services.AddSingleton(_ => DirectoryFiles.LoadAgencies(Path.Combine(RepositoryPaths.Workflows, DirectoryFiles.FolderName, DirectoryFiles.AgenciesFileName)));
    }

    private IRenderedComponent<PlanDiffTable> RenderDiff(params PlanChange[] changes) =>
        Render<PlanDiffTable>(p => p.Add(c => c.Changes, changes).Add(c => c.Tasks, new Dictionary<string, PlanTask> { [Agents.Key] = Agents }));

    private static IReadOnlyList<string> Headers(IRenderedComponent<PlanDiffTable> table) =>
        [.. table.FindAll("th").Select(th => th.TextContent.Trim())];

    private static string[] Cells(IRenderedComponent<PlanDiffTable> table, int row) =>
        [.. table.FindAll("tbody tr")[row].QuerySelectorAll("td").Select(td => td.TextContent.Trim())];

    [Fact]
    public void Render_OnlyAddedTasks_ShowsNameKindAndAgenciesWithoutEmptyColumns()
    {
        UseCulture("zh-CN");

        var table = RenderDiff(new PlanChange("KT-07", "Added", null, null, null, null, ["ndrc", "nda", "*provinces"]));

        Assert.Equal(["任务", "变化", "涉及单位"], Headers(table));
        Assert.Equal(["政务服务智能体应用", "新增", "国家发展和改革委员会、国家数据局、全部省级单位（32个）"], Cells(table, 0));
    }

    [Fact]
    public void Render_ChangedFieldsAndARemoval_ShowsValuesAndReasonsInWordsWithDashesWhereARowHasNone()
    {
        UseCulture("zh-CN");

        var table = RenderDiff(
            new PlanChange("KT-07", "ZoneChanged", "zone", "Firm", "Committed", null, ["ndrc"]),
            new PlanChange("KT-07", "Reassigned", "leadAgency", "ndrc", "nda", null, ["ndrc", "nda"]),
            new PlanChange("KT-07", "Changed", "provinces", "beijing,shanghai", "*", null, ["ndrc"]),
            new PlanChange("KT-99", "Removed", null, null, null, PlanRoller.CompletedReason, ["nda"]));

        Assert.Equal(["任务", "变化", "字段", "原值", "新值", "原因", "涉及单位"], Headers(table));
        Assert.Equal(["政务服务智能体应用", "窗口变化", "窗口", "确定期", "承诺期（冻结）", "—", "国家发展和改革委员会"], Cells(table, 0));
        Assert.Equal(["改派", "牵头单位", "国家发展和改革委员会", "国家数据局"], Cells(table, 1)[1..5]);
        Assert.Equal(["北京市、上海市", "全部省级单位（32个）"], Cells(table, 2)[3..5]);
        Assert.Equal(["移除", "—", "—", "—", "已办结"], Cells(table, 3)[1..6]);
    }

    [Fact]
    public void Render_InEnglish_UsesEnglishNamesAndWords()
    {
        UseCulture("en");

        var table = RenderDiff(new PlanChange("KT-07", "ZoneChanged", "zone", "Firm", "Committed", null, ["*provinces"]));

        Assert.Equal(["Government service agents", "Zone changed", "Zone", "Firm", "Committed (frozen)", "All province-level units (32)"], Cells(table, 0));
    }
}
