using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Web.Components;
using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Web.Tests.Components;

public sealed class InboxListTests : WebContext
{
    private static readonly DateTimeOffset Now = new(2026, 12, 15, 10, 0, 0, TimeSpan.Zero);

    private readonly NamesDatabase _names;

    public InboxListTests()
    {
        // Made by the container, so the container disposes it with the context.
        Services.AddSingleton(_ => new NamesDatabase());
        Services.AddSingleton(sp => sp.GetRequiredService<NamesDatabase>().Names);
        _names = Services.GetRequiredService<NamesDatabase>();
        _names.AddPlan("ai-plus", "人工智能+ 行动", "AI+ action");
        _names.AddUser("guangdong.staff", "guangdong", Roles.AgencyStaff, "广东省 工作人员");
        _names.AddUser("guangdong.zhang", "guangdong", Roles.AgencyStaff, "张伟");
    }

    private static TaskSummary Task(
        string id,
        string title = "Task",
        TaskState state = TaskState.Open,
        TaskColour colour = TaskColour.Green,
        DateTimeOffset? dueAt = null,
        string? assigneeUser = null,
        string? claimedBy = null,
        string agency = "guangdong",
        string? titleEn = null,
        string? lead = "miit",
        string? pillar = "action.industry",
        string? plan = "ai-plus",
        int escalationLevel = 0,
        string? escalationAction = null) =>
        new(id, title, titleEn, "report", agency, lead, pillar, plan, state, colour, 0, dueAt,
            assigneeUser, claimedBy, 0, escalationLevel, Now.AddDays(-1), escalationAction);

    private IRenderedComponent<InboxList> RenderList(params TaskSummary[] items) =>
        Render<InboxList>(p => p.Add(c => c.Items, items).Add(c => c.Now, Now));

    private static IReadOnlyList<string> Cells(IElement row) =>
        [.. row.QuerySelectorAll("td").Select(td => td.TextContent.Trim())];

    [Theory]
    [InlineData("zh-CN", "进度填报：河道巡查", "广东省", "产业发展", "人工智能+ 行动", "工业和信息化部", "3 天后", "红", "待办")]
    [InlineData("en", "Progress report: river patrol", "Guangdong Province", "Industry development", "AI+ action", "Ministry of Industry and Information Technology", "in 3 days", "Red", "Open")]
    public void Render_OneTask_ShowsEveryColumnByNameInCulture(
        string culture, string title, string agency, string pillar, string plan, string lead, string relative, string colour, string state)
    {
        UseCulture(culture);
        var due = new DateTimeOffset(2026, 12, 18, 10, 0, 0, TimeSpan.Zero);

        var cut = RenderList(Task("t-42", "进度填报：河道巡查", TaskState.Open, TaskColour.Red, due, titleEn: "Progress report: river patrol"));

        var row = Assert.Single(cut.FindAll("tbody tr"));
        var link = row.QuerySelector("a.task-title")!;
        Assert.Equal("tasks/t-42", link.GetAttribute("href"));
        Assert.Equal(title, link.TextContent);
        var cells = Cells(row);
        Assert.Equal(9, cells.Count);
        Assert.Equal(agency, cells[1]);
        Assert.Equal(pillar, cells[2]);
        Assert.Equal(plan, cells[3]);
        Assert.Equal(lead, cells[4]);
        Assert.Contains(relative, cells[5], StringComparison.Ordinal);
        Assert.Contains("(2026-12-18 18:00)", cells[5], StringComparison.Ordinal);
        Assert.Equal("2026-12-18 18:00", row.QuerySelector("td span[title]")!.GetAttribute("title"));
        Assert.Equal(colour, row.QuerySelector(".task-colour")!.TextContent.Trim());
        Assert.Equal(state, row.QuerySelector(".task-state")!.TextContent.Trim());
        Assert.Equal(agency, cells[8]);
    }

    [Theory]
    [InlineData("zh-CN", "代 张伟 办理")]
    [InlineData("en", "On behalf of 张伟")]
    public void Render_TaskThroughADelegation_MarksWhoseWorkItIsByName(string culture, string chip)
    {
        UseCulture(culture);

        var cut = RenderList(
            Task("t-1", assigneeUser: "guangdong.zhang") with { ActingFor = "guangdong.zhang" },
            Task("t-2", assigneeUser: "guangdong.staff"));

        var rows = cut.FindAll("tbody tr");
        Assert.Equal(chip, rows[0].QuerySelector(".acting-for")!.TextContent.Trim());
        Assert.Null(rows[1].QuerySelector(".acting-for"));
    }

    [Fact]
    public void Render_UnknownCodes_ShowTheCodesRatherThanNothing()
    {
        UseCulture("zh-CN");

        var cut = RenderList(Task("x", agency: "atlantis", lead: "poseidon", pillar: "action.unknown", plan: "no-plan"));

        Assert.Equal(["atlantis", "action.unknown", "no-plan", "poseidon"], Cells(cut.Find("tbody tr")).Skip(1).Take(4));
    }

    [Theory]
    [InlineData("zh-CN", new[] { "待办", "办理中", "已完成", "已取消" }, new[] { "绿", "蓝", "黄", "红" })]
    [InlineData("en", new[] { "Open", "Claimed", "Completed", "Cancelled" }, new[] { "Green", "Blue", "Yellow", "Red" })]
    public void Render_ManyTasks_OneRowPerTaskWithStateAndColourTexts(string culture, string[] states, string[] colours)
    {
        UseCulture(culture);

        var cut = RenderList(
            Task("a", "First", TaskState.Open, TaskColour.Green),
            Task("b", "Second", TaskState.Claimed, TaskColour.Blue),
            Task("c", "Third", TaskState.Completed, TaskColour.Yellow),
            Task("d", "Fourth", TaskState.Cancelled, TaskColour.Red));

        var rows = cut.FindAll("tbody tr");
        Assert.Equal(4, rows.Count);
        Assert.Equal(["tasks/a", "tasks/b", "tasks/c", "tasks/d"], rows.Select(r => r.QuerySelector("a.task-title")!.GetAttribute("href")));
        Assert.Equal(states, rows.Select(r => r.QuerySelector(".task-state")!.TextContent.Trim()));
        Assert.Equal(colours, rows.Select(r => r.QuerySelector(".task-colour")!.TextContent.Trim()));
        Assert.Empty(cut.FindAll("#inbox-empty"));
    }

    [Theory]
    [InlineData("zh-CN", new[] { "已提醒", "已督办", "已通报" })]
    [InlineData("en", new[] { "Reminded", "Notice issued", "Circulated" })]
    public void Render_EscalatedTasks_NameTheRungThatReachedTheirLevel_NoneBelowTheLadder(string culture, string[] chips)
    {
        UseCulture(culture);

        var cut = RenderList(
            Task("a", escalationLevel: 1, escalationAction: "reminder"),
            Task("b", escalationLevel: 3, escalationAction: "notice"),
            Task("c", escalationLevel: 5, escalationAction: "circular"),
            Task("d"));

        var rows = cut.FindAll("tbody tr");
        Assert.Equal(chips, rows.Take(3).Select(r => r.QuerySelector(".escalation-chip .mud-chip-content > span:last-child")!.TextContent.Trim()));
        Assert.Null(rows[3].QuerySelector(".escalation-chip"));
    }

    [Theory]
    [InlineData("zh-CN", new[] { "张伟", "广东省 工作人员", "湖北省" })]
    [InlineData("en", new[] { "张伟", "Guangdong Province staff", "Hubei Province" })]
    public void Render_Assignee_ClaimerThenAssigneeThenAgencyByName(string culture, string[] expected)
    {
        UseCulture(culture);

        var cut = RenderList(
            Task("a", claimedBy: "guangdong.zhang", assigneeUser: "guangdong.staff"),
            Task("b", assigneeUser: "guangdong.staff"),
            Task("c", agency: "hubei"));

        Assert.Equal(expected, cut.FindAll("tbody tr").Select(r => Cells(r)[8]));
    }

    [Fact]
    public void Render_NoDueDate_LeavesDueCellEmpty()
    {
        UseCulture("zh-CN");

        var cut = RenderList(Task("a"));

        Assert.Equal("", Cells(cut.Find("tbody tr"))[5]);
    }

    [Fact]
    public void Render_TitleWithScript_RendersEscapedTextAndNoScriptElement()
    {
        UseCulture("zh-CN");
        const string title = "<script>alert(1)</script>";

        var cut = RenderList(Task("x", title));

        Assert.Equal(title, cut.Find("a.task-title").TextContent);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", cut.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(cut.FindAll("script"));
    }

    [Theory]
    [InlineData("zh-CN", "没有任务。")]
    [InlineData("en", "No tasks.")]
    public void Render_NoTasks_ShowsEmptyText(string culture, string expected)
    {
        UseCulture(culture);

        var cut = RenderList();

        Assert.Equal(expected, cut.Find("#inbox-empty").TextContent.Trim());
        Assert.Empty(cut.FindAll("a.task-title"));
    }
}
