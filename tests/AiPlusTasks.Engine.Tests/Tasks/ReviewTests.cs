using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Reviews;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Workflows.Execution;
using Microsoft.Extensions.DependencyInjection;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Engine.Tests.Tasks;

/// <summary>The joint review (<c>AiPlus.Review</c>) through the engine's services: each mode, 加签/减签, and the decided review.</summary>
public sealed class ReviewTests : EngineTest
{
    private static readonly Caller MiitLead = new("miit.lead", "miit", new HashSet<string> { Roles.AgencyLead });
    private static readonly Caller MiitStaff = new("miit.staff", "miit", new HashSet<string> { Roles.AgencyStaff });
    private static readonly Caller MostLead = new("most.lead", "most", new HashSet<string> { Roles.AgencyLead });
    private static readonly Caller NdaLead = new("nda.lead", "nda", new HashSet<string> { Roles.AgencyLead });
    private static readonly Caller CacLead = new("cac.lead", "cac", new HashSet<string> { Roles.AgencyLead });
    private static readonly Caller HubeiLead = new("hubei.lead", "hubei", new HashSet<string> { Roles.AgencyLead });
    private static readonly Caller NdrcSupervisor = new("ndrc.supervisor", "ndrc", new HashSet<string> { Roles.NdrcSupervisor });

    private TaskService Tasks => Engine.Services.GetRequiredService<TaskService>();

    private ReviewService Reviews => Engine.Services.GetRequiredService<ReviewService>();

    /// <summary>Starts a review of lead reviewers of <paramref name="agencies"/> owned by miit; its outcome is written as a line.</summary>
    private async Task<string> StartAsync(string[] agencies, string mode = "all", int? count = null, double? share = null, bool sequential = false, bool waitForAll = false)
    {
        var review = A(
            "review",
            "AiPlus.Review",
            ("title", Lit("会签：季度进度报告")),
            ("reviewers", Obj(new JsonArray([.. agencies.Select(a => (JsonNode)new JsonObject { ["agency"] = a, ["role"] = "lead" })]).ToJsonString())),
            ("mode", Lit(mode)),
            ("ownerAgency", Lit("miit")),
            ("dueAt", Lit("P5D")));
        if (count is not null)
        {
            review["count"] = Lit(count.Value, "Int32");
        }

        if (share is not null)
        {
            review["share"] = Lit(share.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "Double");
        }

        if (sequential)
        {
            review["sequential"] = Lit("true", "Boolean");
        }

        if (waitForAll)
        {
            review["waitForAll"] = Lit("true", "Boolean");
        }

        await Engine.PublishAsync(Definition(
            "joint-review",
            [review, WriteLineJs("approved", "'approved ' + getLastResult().data.approved"), WriteLineJs("returned", "'returned: ' + getLastResult().data.reason")],
            ["review:Approved->approved", "review:Returned->returned"]));
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("joint-review", []));
        return instance.Id;
    }

    /// <summary>The review as the task page of any of its instance's tasks shows it.</summary>
    private async Task<ReviewView> ReviewOfAsync(string instanceId)
    {
        foreach (var task in (await Tasks.ListAsync(NdrcSupervisor, new TaskQuery(View: TaskViews.All, PageSize: 200))).Items)
        {
            var view = await Tasks.GetAsync(NdrcSupervisor, task.Id);
            if (view.InstanceId == instanceId)
            {
                return Assert.Single(view.Reviews);
            }
        }

        throw new InvalidOperationException($"instance {instanceId} has no task");
    }

    private async Task<List<TaskSummary>> OpenTasksAsync(Caller caller) => [.. (await Tasks.ListAsync(caller, new TaskQuery(PageSize: 200))).Items];

    private async Task<TaskSummary> TaskOfAsync(Caller caller) => Assert.Single(await OpenTasksAsync(caller));

    private Task<TaskView> DecideAsync(Caller caller, TaskSummary task, string outcome, string? reason = null, string? comment = null)
    {
        var data = new JsonObject();
        if (reason is not null)
        {
            data["reason"] = reason;
        }

        if (comment is not null)
        {
            data["comment"] = comment;
        }

        return Tasks.CompleteAsync(caller, task.Id, outcome, data);
    }

    [Fact]
    public async Task All_EveryReviewerApproves_PassesOnlyAfterTheLast()
    {
        var instanceId = await StartAsync(["miit", "most", "nda"]);

        await DecideAsync(MiitLead, await TaskOfAsync(MiitLead), "Approved", comment: "同意");
        await DecideAsync(MostLead, await TaskOfAsync(MostLead), "Approved");
        Assert.Equal(WorkflowStatus.Suspended, (await Engine.Runtime.GetAsync(instanceId)).Status);
        await DecideAsync(NdaLead, await TaskOfAsync(NdaLead), "Approved");

        Assert.Equal(WorkflowStatus.Finished, (await Engine.Runtime.GetAsync(instanceId)).Status);
        Assert.Equal(["approved 3"], await Engine.LinesAsync(instanceId));
        var review = await ReviewOfAsync(instanceId);
        Assert.Equal(ReviewStates.Approved, review.State);
        Assert.All(review.Reviewers, r => Assert.Equal(ReviewerStates.Approved, r.State));
        Assert.Equal("同意", review.Reviewers[0].Comment);
        Assert.Equal("miit.lead", review.Reviewers[0].DecidedBy);
    }

    [Fact]
    public async Task All_OneReturn_ReturnsAtOnceAndCancelsTheOthersWithAReason()
    {
        var instanceId = await StartAsync(["miit", "most", "nda"]);
        var ndaTask = await TaskOfAsync(NdaLead);

        await DecideAsync(MiitLead, await TaskOfAsync(MiitLead), "Approved");
        await DecideAsync(MostLead, await TaskOfAsync(MostLead), "Returned", reason: "数据口径不一致");

        Assert.Equal(["returned: 数据口径不一致"], await Engine.LinesAsync(instanceId));
        var review = await ReviewOfAsync(instanceId);
        Assert.Equal(ReviewStates.Returned, review.State);
        Assert.Equal([ReviewerStates.Approved, ReviewerStates.Returned, ReviewerStates.Cancelled], review.Reviewers.Select(r => r.State));
        var cancelled = await Tasks.GetAsync(NdaLead, ndaTask.Id);
        Assert.Equal(TaskState.Cancelled, cancelled.Summary.State);
        Assert.Contains("已退回", cancelled.History[^1].Data!["reason"]!.GetValue<string>());

        // A decision on the cancelled review is refused, and changes nothing.
        await Assert.ThrowsAsync<ConflictException>(() => DecideAsync(NdaLead, ndaTask, "Approved"));
        Assert.Equal(ReviewStates.Returned, (await ReviewOfAsync(instanceId)).State);
    }

    [Fact]
    public async Task All_WaitForAll_ReturnCarriesEveryReason()
    {
        var instanceId = await StartAsync(["miit", "most", "nda"], waitForAll: true);

        await DecideAsync(MostLead, await TaskOfAsync(MostLead), "Returned", reason: "缺少佐证材料");
        Assert.Equal(WorkflowStatus.Suspended, (await Engine.Runtime.GetAsync(instanceId)).Status);
        await DecideAsync(MiitLead, await TaskOfAsync(MiitLead), "Approved");
        await DecideAsync(NdaLead, await TaskOfAsync(NdaLead), "Returned", reason: "进度偏差未说明");

        Assert.Equal(["returned: 缺少佐证材料；进度偏差未说明"], await Engine.LinesAsync(instanceId));
    }

    [Fact]
    public async Task Any_FirstApprovalPasses_TheOthersAreCancelled()
    {
        var instanceId = await StartAsync(["miit", "most", "nda"], mode: "any");

        await DecideAsync(MostLead, await TaskOfAsync(MostLead), "Returned", reason: "不同意");
        Assert.Equal(WorkflowStatus.Suspended, (await Engine.Runtime.GetAsync(instanceId)).Status);
        await DecideAsync(NdaLead, await TaskOfAsync(NdaLead), "Approved");

        Assert.Equal(["approved 1"], await Engine.LinesAsync(instanceId));
        Assert.Empty(await OpenTasksAsync(MiitLead));
        Assert.Equal([ReviewerStates.Cancelled, ReviewerStates.Returned, ReviewerStates.Approved], (await ReviewOfAsync(instanceId)).Reviewers.Select(r => r.State));
    }

    [Fact]
    public async Task AtLeastTwoOfThree_PassesOnTheSecondApproval_AndReturnsWhenTwoCannotBeReached()
    {
        var passing = await StartAsync(["miit", "most", "nda"], mode: "atLeast", count: 2);
        await DecideAsync(MiitLead, await TaskOfAsync(MiitLead), "Approved");
        await DecideAsync(MostLead, await TaskOfAsync(MostLead), "Abstained");
        Assert.Equal(WorkflowStatus.Suspended, (await Engine.Runtime.GetAsync(passing)).Status);
        await DecideAsync(NdaLead, await TaskOfAsync(NdaLead), "Approved");
        Assert.Equal(["approved 2"], await Engine.LinesAsync(passing));

        var failing = await StartAsync(["miit", "most", "nda"], mode: "atLeast", count: 2);
        await DecideAsync(MiitLead, await TaskOfAsync(MiitLead), "Returned", reason: "一");
        await DecideAsync(MostLead, await TaskOfAsync(MostLead), "Returned", reason: "二");
        Assert.Equal(["returned: 一；二"], await Engine.LinesAsync(failing));
        Assert.Empty(await OpenTasksAsync(NdaLead));
    }

    [Fact]
    public async Task Sequential_IssuesOneTaskAtATime_InOrder()
    {
        var instanceId = await StartAsync(["miit", "most", "nda"], sequential: true);

        Assert.Single(await OpenTasksAsync(MiitLead));
        Assert.Empty(await OpenTasksAsync(MostLead));
        Assert.Empty(await OpenTasksAsync(NdaLead));
        await DecideAsync(MiitLead, await TaskOfAsync(MiitLead), "Approved");
        Assert.Single(await OpenTasksAsync(MostLead));
        Assert.Empty(await OpenTasksAsync(NdaLead));
        await DecideAsync(MostLead, await TaskOfAsync(MostLead), "Returned", reason: "请补充");

        Assert.Equal(["returned: 请补充"], await Engine.LinesAsync(instanceId));
        var review = await ReviewOfAsync(instanceId);
        Assert.True(review.Sequential);
        Assert.Null(review.Reviewers[2].TaskId);
        Assert.Equal(ReviewerStates.Cancelled, review.Reviewers[2].State);
    }

    [Fact]
    public async Task AddReviewer_WhileRunning_MustAlsoApprove()
    {
        var instanceId = await StartAsync(["miit"]);
        var review = await ReviewOfAsync(instanceId);

        var changed = await Reviews.AddReviewerAsync(MiitLead, review.Id, new ReviewerInput("most", "lead"), "涉及科技部职责");
        Assert.Equal(2, changed.Reviewers.Count);
        Assert.Equal("miit.lead", changed.Reviewers[1].AddedBy);
        Assert.Equal("涉及科技部职责", changed.Reviewers[1].AddedReason);
        Assert.Equal(ReviewerStates.Open, changed.Reviewers[1].State);

        await DecideAsync(MiitLead, await TaskOfAsync(MiitLead), "Approved");
        Assert.Equal(WorkflowStatus.Suspended, (await Engine.Runtime.GetAsync(instanceId)).Status);
        await DecideAsync(MostLead, await TaskOfAsync(MostLead), "Approved", comment: "同意");
        Assert.Equal(["approved 2"], await Engine.LinesAsync(instanceId));
    }

    [Fact]
    public async Task RemoveReviewer_TheLastBlockingOne_PassesAtOnce()
    {
        var instanceId = await StartAsync(["miit", "most", "nda"]);
        var ndaTask = await TaskOfAsync(NdaLead);
        await DecideAsync(MiitLead, await TaskOfAsync(MiitLead), "Approved");
        await DecideAsync(MostLead, await TaskOfAsync(MostLead), "Approved");
        var review = await ReviewOfAsync(instanceId);

        var changed = await Reviews.RemoveReviewerAsync(NdrcSupervisor, review.Id, review.Reviewers[2].Id, "数据局不再参与本项");

        Assert.Equal(ReviewStates.Approved, changed.State);
        Assert.Equal(ReviewerStates.Removed, changed.Reviewers[2].State);
        Assert.Equal("ndrc.supervisor", changed.Reviewers[2].RemovedBy);
        Assert.Equal("数据局不再参与本项", changed.Reviewers[2].Reason);
        Assert.Equal(["approved 2"], await Engine.LinesAsync(instanceId));
        Assert.Equal(TaskState.Cancelled, (await Tasks.GetAsync(NdaLead, ndaTask.Id)).Summary.State);
    }

    [Fact]
    public async Task ChangingReviewers_IsRefusedAsTheRulesSay()
    {
        var instanceId = await StartAsync(["miit", "most"]);
        var review = await ReviewOfAsync(instanceId);

        // (An agency not in the directory is a 400 too: the HTTP tests, where the Host has the directory, show it.)
        var role = await Assert.ThrowsAsync<RequestValidationException>(() => Reviews.AddReviewerAsync(MiitLead, review.Id, new ReviewerInput("nda", "boss"), "理由"));
        Assert.Contains("role", role.Errors.Keys);
        var noReason = await Assert.ThrowsAsync<RequestValidationException>(() => Reviews.AddReviewerAsync(MiitLead, review.Id, new ReviewerInput("nda"), " "));
        Assert.Contains("reason", noReason.Errors.Keys);
        var twice = await Assert.ThrowsAsync<RequestValidationException>(() => Reviews.AddReviewerAsync(MiitLead, review.Id, new ReviewerInput("most", "lead"), "理由"));
        Assert.Contains("agency", twice.Errors.Keys);
        await Assert.ThrowsAsync<ForbiddenException>(() => Reviews.AddReviewerAsync(MiitStaff, review.Id, new ReviewerInput("nda"), "理由"));
        await Assert.ThrowsAsync<ForbiddenException>(() => Reviews.AddReviewerAsync(MostLead, review.Id, new ReviewerInput("nda"), "理由"));
        await Assert.ThrowsAsync<NotFoundException>(() => Reviews.AddReviewerAsync(HubeiLead, review.Id, new ReviewerInput("nda"), "理由"));
        await Assert.ThrowsAsync<NotFoundException>(() => Reviews.GetAsync(CacLead, review.Id));

        await DecideAsync(MiitLead, await TaskOfAsync(MiitLead), "Approved");
        await Assert.ThrowsAsync<ConflictException>(() => Reviews.RemoveReviewerAsync(MiitLead, review.Id, review.Reviewers[0].Id, "理由"));
        await Assert.ThrowsAsync<NotFoundException>(() => Reviews.RemoveReviewerAsync(MiitLead, review.Id, "nobody", "理由"));
        await DecideAsync(MostLead, await TaskOfAsync(MostLead), "Approved");
        await Assert.ThrowsAsync<ConflictException>(() => Reviews.AddReviewerAsync(MiitLead, review.Id, new ReviewerInput("nda"), "理由"));
    }

    [Fact]
    public async Task RemovingTheOnlyReviewerLeft_IsAConflict()
    {
        var instanceId = await StartAsync(["miit"]);
        var review = await ReviewOfAsync(instanceId);

        await Assert.ThrowsAsync<ConflictException>(() => Reviews.RemoveReviewerAsync(MiitLead, review.Id, review.Reviewers[0].Id, "理由"));
    }

    [Fact]
    public async Task CancellingTheInstance_CancelsTheReviewAndItsOpenTasks()
    {
        var instanceId = await StartAsync(["miit", "most"]);

        await Engine.Runtime.CancelAsync(instanceId);

        var review = await ReviewOfAsync(instanceId);
        Assert.Equal(ReviewStates.Cancelled, review.State);
        Assert.Empty(await OpenTasksAsync(MiitLead));
        Assert.Empty(await OpenTasksAsync(MostLead));
    }
}
