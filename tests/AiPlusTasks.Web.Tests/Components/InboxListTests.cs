using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Web.Components;
using AngleSharp.Dom;
using Bunit;

namespace AiPlusTasks.Web.Tests.Components;

public sealed class InboxListTests : WebContext
{
    private static readonly DateTimeOffset Now = new(2026, 12, 15, 10, 0, 0, TimeSpan.Zero);

    private static TaskSummary Task(
        string id,
        string title = "Task",
        TaskState state = TaskState.Open,
        TaskColour colour = TaskColour.Green,
        DateTimeOffset? dueAt = null,
        string? assigneeUser = null,
        string? claimedBy = null,
        string agency = "AG-1") =>
        new(id, title, null, "approval", agency, "LEAD-" + id, "Pillar " + id, "plan-" + id, state, colour, 0, dueAt,
            assigneeUser, claimedBy, 0, 0, Now.AddDays(-1));

    private IRenderedComponent<InboxList> RenderList(params TaskSummary[] items) =>
        Render<InboxList>(p => p.Add(c => c.Items, items).Add(c => c.Now, Now));

    private static IReadOnlyList<string> Cells(IElement row) =>
        [.. row.QuerySelectorAll("td").Select(td => td.TextContent.Trim())];

    [Theory]
    [InlineData("zh-CN", "3 天后", "红", "待办")]
    [InlineData("en", "in 3 days", "Red", "Open")]
    public void Render_OneTask_ShowsEveryColumnInCulture(string culture, string relative, string colour, string state)
    {
        UseCulture(culture);
        var due = new DateTimeOffset(2026, 12, 18, 10, 0, 0, TimeSpan.Zero);

        var cut = RenderList(Task("t-42", "Inspect the river", TaskState.Open, TaskColour.Red, due, agency: "WATER"));

        var row = Assert.Single(cut.FindAll("tbody tr"));
        var link = row.QuerySelector("a.task-title")!;
        Assert.Equal("tasks/t-42", link.GetAttribute("href"));
        Assert.Equal("Inspect the river", link.TextContent);
        var cells = Cells(row);
        Assert.Equal(8, cells.Count);
        Assert.Equal("Pillar t-42", cells[1]);
        Assert.Equal("plan-t-42", cells[2]);
        Assert.Equal("LEAD-t-42", cells[3]);
        Assert.Contains(relative, cells[4], StringComparison.Ordinal);
        Assert.Contains("(2026-12-18 18:00)", cells[4], StringComparison.Ordinal);
        Assert.Equal("2026-12-18 18:00", row.QuerySelector("td span[title]")!.GetAttribute("title"));
        Assert.Equal(colour, row.QuerySelector(".task-colour")!.TextContent.Trim());
        Assert.Equal(state, row.QuerySelector(".task-state")!.TextContent.Trim());
        Assert.Equal("WATER", cells[7]);
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

    [Fact]
    public void Render_Assignee_PrefersClaimedByThenAssigneeUserThenAgency()
    {
        UseCulture("zh-CN");

        var cut = RenderList(
            Task("a", claimedBy: "claimer", assigneeUser: "assignee", agency: "AG-A"),
            Task("b", assigneeUser: "assignee", agency: "AG-B"),
            Task("c", agency: "AG-C"));

        Assert.Equal(["claimer", "assignee", "AG-C"], cut.FindAll("tbody tr").Select(r => Cells(r)[7]));
    }

    [Fact]
    public void Render_NoDueDate_LeavesDueCellEmpty()
    {
        UseCulture("zh-CN");

        var cut = RenderList(Task("a"));

        Assert.Equal("", Cells(cut.Find("tbody tr"))[4]);
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
