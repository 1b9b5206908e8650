using System.Globalization;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Workflows.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Engine.Tests.Tasks;

/// <summary>A HumanTask's title and description per language: <c>{zh, en}</c>, or one text for both.</summary>
public sealed class TaskTextsTests : EngineTest
{
    private static readonly Caller GuangdongStaff = new("guangdong.staff", "guangdong", new HashSet<string> { Roles.AgencyStaff });

    private TaskService Tasks => Engine.Services.GetRequiredService<TaskService>();

    private async Task<InstanceView> StartAsync(JsonObject title, JsonObject? description = null)
    {
        var task = A("task1", "AiPlus.HumanTask", ("title", title), ("assigneeAgency", Lit("guangdong")));
        if (description is not null)
        {
            task["description"] = description;
        }

        await Engine.PublishAsync(Definition("texts", [task], []));
        return await Engine.Runtime.StartAsync(new StartWorkflowRequest("texts", new JsonObject { ["task"] = "T1" }));
    }

    [Fact]
    public async Task HumanTask_ScriptReturningTextsPerLanguage_KeepsBothAndPicksByCulture()
    {
        await StartAsync(
            Js("({ zh: '进度填报：' + getInput('task'), en: 'Progress report: ' + getInput('task') })"),
            Obj("""{"zh":"请填报","en":"Please report"}"""));

        var summary = Assert.Single((await Tasks.ListAsync(GuangdongStaff, new TaskQuery())).Items);
        var view = await Tasks.GetAsync(GuangdongStaff, summary.Id);

        Assert.Equal(("进度填报：T1", "Progress report: T1"), (summary.Title, summary.TitleEn));
        Assert.Equal("进度填报：T1", summary.TitleIn(CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("Progress report: T1", summary.TitleIn(CultureInfo.GetCultureInfo("en")));
        Assert.Equal("请填报", view.DescriptionIn(CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("Please report", view.DescriptionIn(CultureInfo.GetCultureInfo("en")));
    }

    [Fact]
    public async Task HumanTask_OneText_IsTheTextInBothLanguages()
    {
        await StartAsync(Lit("季度填报"));

        var summary = Assert.Single((await Tasks.ListAsync(GuangdongStaff, new TaskQuery())).Items);

        Assert.Null(summary.TitleEn);
        Assert.Equal("季度填报", summary.TitleIn(CultureInfo.GetCultureInfo("en")));
    }

    [Fact]
    public async Task HumanTask_Created_EventKeepsTheChineseTitleAndAddsTheEnglish()
    {
        var instance = await StartAsync(Js("({ zh: '进度填报', en: 'Progress report' })"));

        await using var db = await Engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var created = await db.Outbox.SingleAsync(o => o.InstanceId == instance.Id && o.Type == "task.created");
        var data = JsonNode.Parse(created.Payload)!["data"]!;

        Assert.Equal("进度填报", data["title"]!.GetValue<string>());
        Assert.Equal("Progress report", data["titleEn"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("({ zh: '进度', fr: 'Rapport' })", "fr")]
    [InlineData("({ en: '' })", "title")]
    [InlineData("['进度']", "title")]
    public async Task HumanTask_BadTextsPerLanguage_FaultsNamingTheProblem(string script, string named)
    {
        var instance = await StartAsync(Js(script));

        var faulted = await Engine.WaitForStatusAsync(instance.Id, WorkflowStatus.Faulted);
        Assert.Contains(faulted.Incidents, i => i.Message.Contains(named, StringComparison.Ordinal));
    }
}
