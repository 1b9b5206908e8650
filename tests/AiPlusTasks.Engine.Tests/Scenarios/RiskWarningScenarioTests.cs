using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Workflows.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Engine.Tests.Scenarios;

/// <summary><c>workflows/risk-warning.json</c>: each of the four warning levels starts its own response.</summary>
public sealed class RiskWarningScenarioTests : EngineTest
{
    private static readonly Caller NdrcSupervisor = new("ndrc.supervisor", "ndrc", new HashSet<string> { Roles.NdrcSupervisor });
    private static readonly string[] Agencies = ["mem", "guangdong"];

    private TaskService Tasks => Engine.Services.GetRequiredService<TaskService>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Engine.PublishWorkflowFilesAsync();
    }

    [Theory]
    [InlineData("red", 1, true, "task", "lead", 12, 6)]
    [InlineData("orange", 2, true, "task", "lead", 24, 12)]
    [InlineData("yellow", 3, false, "task", "staff", 72, 48)]
    [InlineData("blue", 4, false, "report", "staff", 168, 96)]
    public async Task Start_EachLevel_ResponseTasksWithThatLevelsPriorityDeadlineAndLadder_ThenLifted(
        string level, int priority, bool ndrcActivates, string kind, string role, int dueHours, int reminderHours)
    {
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("risk-warning", new JsonObject
        {
            ["level"] = level.ToUpperInvariant(),
            ["category"] = "数据安全 Data security",
            ["description"] = "公共数据集疑似泄露 a public dataset may have leaked",
            ["agencies"] = "mem, guangdong",
        }));
        Assert.Equal(WorkflowStatus.Suspended, instance.Status);

        var ndrcTasks = (await Tasks.ListAsync(NdrcSupervisor, new TaskQuery(Agency: "ndrc"))).Items;
        Assert.Equal(ndrcActivates ? 1 : 0, ndrcTasks.Count);
        Assert.All(ndrcTasks, t => Assert.Equal(("decision", priority), (t.Kind, t.Priority)));
        var responses = new List<TaskView>();
        for (var i = 0; i < Agencies.Length; i++)
        {
            var summary = Assert.Single((await Tasks.ListAsync(Caller(Agencies[i], role), new TaskQuery())).Items);
            var view = await Tasks.GetAsync(Caller(Agencies[i], role), summary.Id);
            Assert.Equal((kind, priority, role), (summary.Kind, summary.Priority, view.AssigneeRole));
            Assert.Equal(EngineHost.Epoch.AddHours(dueHours).AddMinutes(i), summary.DueAt);
            responses.Add(view);
        }

        foreach (var task in ndrcTasks)
        {
            await Tasks.CompleteAsync(NdrcSupervisor, task.Id, "Activated", new JsonObject { ["decision"] = "启动应急响应 response activated" });
        }

        // Each agency's ladder has the level's first rung; the agencies' rungs are a minute apart.
        var firstRung = EngineHost.Epoch.AddHours(reminderHours);
        Engine.Time.SetUtcNow(firstRung.AddSeconds(-30));
        await Task.Delay(100);
        Assert.Equal(0, await LevelAsync(responses[0]));
        Assert.Equal(0, await LevelAsync(responses[1]));
        Engine.Time.SetUtcNow(firstRung.AddSeconds(30));
        await Eventually.TrueAsync(async () => await LevelAsync(responses[0]) == 1, "the first agency's reminder");
        Assert.Equal(0, await LevelAsync(responses[1]));
        Engine.Time.SetUtcNow(firstRung.AddSeconds(90));
        await Eventually.TrueAsync(async () => await LevelAsync(responses[1]) == 1, "the second agency's reminder");

        foreach (var response in responses)
        {
            var caller = Caller(response.Summary.AgencyCode, role);
            await Tasks.CompleteAsync(caller, response.Summary.Id, "Responded", new JsonObject { ["actionsTaken"] = "已下架数据集 dataset withdrawn", ["residualRisk"] = "low" });
        }

        var lift = Assert.Single((await Tasks.ListAsync(NdrcSupervisor, new TaskQuery(Agency: "ndrc"))).Items);
        Assert.Equal(priority, lift.Priority);
        await Tasks.CompleteAsync(NdrcSupervisor, lift.Id, "Lifted", new JsonObject { ["assessment"] = "风险已消除 risk removed" });
        var ended = await Engine.Runtime.GetAsync(instance.Id);
        Assert.Equal(WorkflowStatus.Finished, ended.Status);
        Assert.Equal("lifted", ended.Output["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_UnknownLevel_FaultsNamingTheLevels()
    {
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("risk-warning", new JsonObject { ["level"] = "purple", ["category"] = "其他 other" }));

        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        Assert.Contains("level must be red, orange, yellow or blue, not 'purple'", Assert.Single(instance.Incidents).Message, StringComparison.Ordinal);
    }

    private async Task<int> LevelAsync(TaskView task) => (await Tasks.GetAsync(NdrcSupervisor, task.Summary.Id)).Summary.EscalationLevel;

    private static Caller Caller(string agency, string role) =>
        new($"{agency}.{role}", agency, new HashSet<string> { role == "lead" ? Roles.AgencyLead : Roles.AgencyStaff });
}
