using System.Globalization;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Bulk;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Workflows.Execution;
using Microsoft.Extensions.DependencyInjection;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Engine.Tests.Bulk;

/// <summary>
/// The bulk operations <c>retry</c>, <c>skip</c> and <c>extendDue</c> through <see cref="IBulkOperation"/>, as the bulk
/// runner finds them (by name, from DI): a preview changes nothing, and applying twice is safe (the second is skipped).
/// </summary>
public sealed class IncidentBulkOperationsTests : EngineTest
{
    private static readonly Caller NdrcPlanner = new("ndrc.planner", "ndrc", new HashSet<string> { Roles.NdrcPlanner });
    private static readonly Caller NdrcSupervisor = new("ndrc.supervisor", "ndrc", new HashSet<string> { Roles.NdrcSupervisor });
    private static readonly Caller GuangdongStaff = new("guangdong.staff", "guangdong", new HashSet<string> { Roles.AgencyStaff });

    private IBulkOperation Operation(string name) => Assert.Single(Engine.Services.GetServices<IBulkOperation>(), o => o.Name == name);

    /// <summary>An instance faulted in a decision whose script throws while <c>ok</c> is false (ports True/False).</summary>
    private async Task<string> FaultedAsync(string id)
    {
        await Engine.PublishAsync(Definition(
            id,
            [Decision("check", "(function () { if (!getVariable('ok')) { throw new Error('data missing'); } return true; })()"), WriteLine("yes", "yes"), WriteLine("no", "no")],
            ["check:True->yes", "check:False->no"],
            ("ok", "Boolean", "false")));
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest(id));
        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        return instance.Id;
    }

    [Fact]
    public async Task Skip_PreviewChangesNothing_ApplyTwiceSkipsTheSecond()
    {
        var skip = Operation("skip");
        Assert.Equal(BulkTarget.Instances, skip.Target);
        var instanceId = await FaultedAsync("bulk-skip");
        var parameters = new JsonObject { ["outcome"] = "False", ["reason"] = "批量跳过" };
        skip.Validate(NdrcPlanner, parameters);

        var preview = await skip.PreviewAsync(NdrcPlanner, instanceId, parameters, default);
        Assert.Equal(BulkItemStatus.Succeeded, preview.Status);
        Assert.Equal(WorkflowStatus.Faulted, (await Engine.Runtime.GetAsync(instanceId)).Status);

        var first = await skip.ApplyAsync(NdrcPlanner, instanceId, parameters, default);
        var second = await skip.ApplyAsync(NdrcPlanner, instanceId, parameters, default);

        Assert.Equal((BulkItemStatus.Succeeded, BulkItemStatus.Skipped), (first.Status, second.Status));
        Assert.Equal(WorkflowStatus.Finished, (await Engine.Runtime.GetAsync(instanceId)).Status);
        Assert.Equal(["no"], await Engine.LinesAsync(instanceId));
        Assert.Equal(BulkItemStatus.Skipped, (await skip.PreviewAsync(NdrcPlanner, instanceId, parameters, default)).Status);
    }

    [Fact]
    public async Task Skip_WithAPortTheActivityHasNot_FailsTheItem_AndValidateNamesMissingParameters()
    {
        var skip = Operation("skip");
        var instanceId = await FaultedAsync("bulk-skip-port");
        var parameters = new JsonObject { ["outcome"] = "Done", ["reason"] = "批量跳过" };

        Assert.Equal(BulkItemStatus.Failed, (await skip.PreviewAsync(NdrcPlanner, instanceId, parameters, default)).Status);
        Assert.Equal(BulkItemStatus.Failed, (await skip.ApplyAsync(NdrcPlanner, instanceId, parameters, default)).Status);
        Assert.Equal(WorkflowStatus.Faulted, (await Engine.Runtime.GetAsync(instanceId)).Status);

        Assert.Equal(["parameters.outcome"], Assert.Throws<RequestValidationException>(() => skip.Validate(NdrcPlanner, new JsonObject { ["reason"] = "x" })).Errors.Keys);
        Assert.Equal(["parameters.reason"], Assert.Throws<RequestValidationException>(() => skip.Validate(NdrcPlanner, new JsonObject { ["outcome"] = "True" })).Errors.Keys);
        Assert.Throws<ForbiddenException>(() => skip.Validate(NdrcSupervisor, parameters));
    }

    [Fact]
    public async Task Retry_PreviewChangesNothing_ApplyTwiceSkipsTheSecond_AndAFinishedInstanceIsSkipped()
    {
        var retry = Operation("retry");
        var instanceId = await FaultedAsync("bulk-retry");
        var parameters = new JsonObject { ["reason"] = "批量重试" };
        retry.Validate(NdrcPlanner, parameters);
        Assert.Throws<ForbiddenException>(() => retry.Validate(GuangdongStaff, parameters));

        Assert.Equal(BulkItemStatus.Succeeded, (await retry.PreviewAsync(NdrcPlanner, instanceId, parameters, default)).Status);
        Assert.Single((await Engine.Runtime.GetAsync(instanceId)).Incidents);

        // Still broken: the retry runs and faults again (a new incident); the item succeeded in retrying.
        var first = await retry.ApplyAsync(NdrcPlanner, instanceId, parameters, default);
        Assert.Equal(BulkItemStatus.Succeeded, first.Status);
        var again = await Engine.Runtime.GetAsync(instanceId);
        Assert.Equal((WorkflowStatus.Faulted, 2), (again.Status, again.Incidents.Count));

        // Fixed by hand, then the job repeats the item: nothing faulted is left, so it is skipped.
        await Engine.Runtime.RetryAsync(NdrcPlanner, instanceId, null, new JsonObject { ["ok"] = true });
        var repeat = await retry.ApplyAsync(NdrcPlanner, instanceId, parameters, default);
        Assert.Equal(BulkItemStatus.Skipped, repeat.Status);
        Assert.Equal(WorkflowStatus.Finished, (await Engine.Runtime.GetAsync(instanceId)).Status);
        Assert.Equal(BulkItemStatus.Failed, (await retry.ApplyAsync(NdrcPlanner, "no-such-instance", parameters, default)).Status);
    }

    [Fact]
    public async Task ExtendDue_PreviewChangesNothing_ApplyTwiceSkipsTheSecond()
    {
        var extend = Operation("extendDue");
        Assert.Equal(BulkTarget.Tasks, extend.Target);
        await Engine.PublishAsync(Definition(
            "bulk-extend",
            [A("report", "AiPlus.HumanTask", ("title", Lit("报告")), ("assigneeAgency", Lit("guangdong")), ("outcomes", Lit("Submitted")), ("dueAt", Lit("P10D")))],
            []));
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("bulk-extend"));
        var taskId = Assert.Single(instance.Bookmarks).Key!;
        var tasks = Engine.Services.GetRequiredService<TaskService>();
        var newDue = EngineHost.Epoch.AddDays(30);
        var parameters = new JsonObject { ["dueAt"] = newDue.ToString("O", CultureInfo.InvariantCulture), ["reason"] = "统一延期" };
        extend.Validate(NdrcSupervisor, parameters);

        var preview = await extend.PreviewAsync(NdrcSupervisor, taskId, parameters, default);
        Assert.Equal(BulkItemStatus.Succeeded, preview.Status);
        Assert.Contains("2026-01-15 08:00", preview.Reason!.Zh);
        Assert.Contains("2026-02-04 08:00", preview.Reason.Zh);
        Assert.Equal(EngineHost.Epoch.AddDays(10), (await tasks.GetAsync(GuangdongStaff, taskId)).Summary.DueAt);

        var first = await extend.ApplyAsync(NdrcSupervisor, taskId, parameters, default);
        var second = await extend.ApplyAsync(NdrcSupervisor, taskId, parameters, default);

        Assert.Equal((BulkItemStatus.Succeeded, BulkItemStatus.Skipped), (first.Status, second.Status));
        var view = await tasks.GetAsync(GuangdongStaff, taskId);
        Assert.Equal(newDue, view.Summary.DueAt);
        Assert.Single(view.History, h => h.Action == "DueExtended");
    }

    [Fact]
    public void ExtendDue_Validate_NamesTheParameter_AndRefusesAgencies()
    {
        var extend = Operation("extendDue");

        Assert.Equal(["parameters.dueAt"], Assert.Throws<RequestValidationException>(() => extend.Validate(NdrcSupervisor, new JsonObject { ["reason"] = "x" })).Errors.Keys);
        Assert.Equal(["parameters.dueAt"], Assert.Throws<RequestValidationException>(() =>
            extend.Validate(NdrcSupervisor, new JsonObject { ["dueAt"] = EngineHost.Epoch.AddDays(-1).ToString("O", CultureInfo.InvariantCulture), ["reason"] = "x" })).Errors.Keys);
        Assert.Equal(["parameters.reason"], Assert.Throws<RequestValidationException>(() =>
            extend.Validate(NdrcSupervisor, new JsonObject { ["dueAt"] = EngineHost.Epoch.AddDays(1).ToString("O", CultureInfo.InvariantCulture) })).Errors.Keys);
        Assert.Throws<ForbiddenException>(() => extend.Validate(GuangdongStaff, new JsonObject()));
    }
}
