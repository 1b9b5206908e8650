using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Workflows.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Engine.Tests.Runtime;

public sealed class WorkflowRuntimeTests : EngineTest
{
    [Fact]
    public async Task ExecuteWorkflow_ChildWithOutput_ParentGetsOutputInTheSameCall()
    {
        await Engine.PublishAsync(Definition(
            "child",
            [A("out", "Elsa.SetOutput", ("outputName", Lit("score")), ("outputValue", Js("getInput('base') + 1", "Int32")))],
            []));
        await Engine.PublishAsync(Definition(
            "parent",
            [
                A("run", "Elsa.ExecuteWorkflow", ("workflowDefinitionId", Lit("child")), ("input", Obj("{\"base\": 41}"))),
                WriteLineJs("say", "'child said ' + getOutputFrom('run').score"),
            ],
            ["run->say"]));

        var parent = await Engine.Runtime.StartAsync(new StartWorkflowRequest("parent"));

        Assert.Equal(WorkflowStatus.Finished, parent.Status);
        Assert.Equal(["child said 42"], await Engine.LinesAsync(parent.Id));
        var children = await Engine.Runtime.ListAsync(new InstanceQuery("child", null, null, 1, 10));
        var child = Assert.Single(children.Items);
        Assert.Equal(parent.Id, child.ParentInstanceId);
        Assert.Equal(WorkflowStatus.Finished, child.Status);
    }

    [Fact]
    public async Task Start_WithAFixedInstanceId_TwiceAndConcurrently_MakesOneInstance()
    {
        await Engine.PublishAsync(Definition("once", [Event("wait", "go")], []));
        await Engine.PublishAsync(Definition("other", [WriteLineJs("say", "'hi'")], []));
        const string Id = "0123456789abcdef0123456789abcdef";

        var starts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Engine.Runtime.StartAsync(new StartWorkflowRequest("once", InstanceId: Id))));
        var again = await Engine.Runtime.StartAsync(new StartWorkflowRequest("once", InstanceId: Id));

        Assert.All(starts.Append(again), view => Assert.Equal(Id, view.Id));
        var instances = await Engine.Runtime.ListAsync(new InstanceQuery("once", null, null, 1, 10));
        Assert.Equal(Id, Assert.Single(instances.Items).Id);
        await using var db = await Engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Bookmarks.CountAsync(b => b.InstanceId == Id));
        await Assert.ThrowsAsync<ConflictException>(() => Engine.Runtime.StartAsync(new StartWorkflowRequest("other", InstanceId: Id)));
    }

    [Fact]
    public async Task DispatchWorkflow_WaitingParent_ResumesWhenChildFinishesInBackground()
    {
        await Engine.PublishAsync(Definition("report", [Event("submitted", "submitted"), A("out", "Elsa.SetOutput", ("outputName", Lit("status")), ("outputValue", Lit("ok")))], ["submitted->out"]));
        await Engine.PublishAsync(Definition(
            "cascade",
            [
                A("dispatch", "Elsa.DispatchWorkflow", ("workflowDefinitionId", Lit("report")), ("correlationId", Lit("guangdong")), ("waitForCompletion", Lit("true", "Boolean"))),
                WriteLineJs("done", "'child ' + getLastResult().status"),
            ],
            ["dispatch->done"]));

        var parent = await Engine.Runtime.StartAsync(new StartWorkflowRequest("cascade"));
        Assert.Equal(WorkflowStatus.Suspended, parent.Status);
        var child = await WaitForChildAsync("report", WorkflowStatus.Suspended);

        var resumed = await Engine.Runtime.RaiseEventAsync("submitted", "guangdong", null);

        Assert.Equal([child], resumed);
        var finished = await Engine.WaitForStatusAsync(parent.Id, WorkflowStatus.Finished);
        Assert.Equal(["child ok"], await Engine.LinesAsync(finished.Id));
    }

    [Fact]
    public async Task ExecuteWorkflow_ChildFaults_ParentFaultsWithIncident()
    {
        await Engine.PublishAsync(Definition("bad-child", [A("fail", "Elsa.Fault", ("message", Lit("no data")))], []));
        await Engine.PublishAsync(Definition("bad-parent", [A("run", "Elsa.ExecuteWorkflow", ("workflowDefinitionId", Lit("bad-child")))], []));

        var parent = await Engine.Runtime.StartAsync(new StartWorkflowRequest("bad-parent"));

        Assert.Equal(WorkflowStatus.Faulted, parent.Status);
        Assert.Contains("no data", Assert.Single(parent.Incidents).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_Parent_CancelsWaitingChildren()
    {
        await Engine.PublishAsync(Definition("waiting-child", [Event("wait", "never-child")], []));
        await Engine.PublishAsync(Definition("waiting-parent", [A("run", "Elsa.ExecuteWorkflow", ("workflowDefinitionId", Lit("waiting-child")))], []));
        var parent = await Engine.Runtime.StartAsync(new StartWorkflowRequest("waiting-parent"));
        Assert.Equal(WorkflowStatus.Suspended, parent.Status);

        await Engine.Runtime.CancelAsync(parent.Id);

        var child = await WaitForChildAsync("waiting-child", WorkflowStatus.Cancelled);
        Assert.Empty((await Engine.Runtime.GetAsync(child)).Bookmarks);
        Assert.Empty(await Engine.Runtime.RaiseEventAsync("never-child", null, null));
    }

    [Fact]
    public async Task Versions_RunningInstanceStaysOnItsVersion_NewStartsUseNewlyPublished()
    {
        string Version(string text) => Definition("pinned", [Event("wait", "go"), WriteLine("say", text)], ["wait->say"]);
        await Engine.PublishAsync(Version("v1"));
        var old = await Engine.Runtime.StartAsync(new StartWorkflowRequest("pinned", CorrelationId: "old"));

        var draft = await Engine.Definitions.ImportAsync(Version("v2"));
        Assert.Equal(2, draft.Version);
        Assert.False(draft.IsPublished);
        var stillV1 = await Engine.Runtime.StartAsync(new StartWorkflowRequest("pinned", CorrelationId: "before-publish"));
        await Engine.Definitions.PublishAsync("pinned");
        var fresh = await Engine.Runtime.StartAsync(new StartWorkflowRequest("pinned", CorrelationId: "new"));

        await Engine.Runtime.RaiseEventAsync("go", null, null);

        Assert.Equal(["v1"], await Engine.LinesAsync(old.Id));
        Assert.Equal(["v1"], await Engine.LinesAsync(stillV1.Id));
        Assert.Equal(["v2"], await Engine.LinesAsync(fresh.Id));
        Assert.Equal(1, old.DefinitionVersion);
        Assert.Equal(2, fresh.DefinitionVersion);
    }

    [Fact]
    public async Task Start_DraftNeverPublished_IsConflict()
    {
        await Engine.Definitions.ImportAsync(Definition("draft-only", [WriteLine("w", "x")], []));

        await Assert.ThrowsAsync<ConflictException>(() => Engine.Runtime.StartAsync(new StartWorkflowRequest("draft-only")));
        await Assert.ThrowsAsync<NotFoundException>(() => Engine.Runtime.StartAsync(new StartWorkflowRequest("no-such-workflow")));
    }

    [Fact]
    public async Task Resume_SameBookmarkTwiceConcurrently_RunsOnce()
    {
        await Engine.PublishAsync(Definition("double", [Event("wait", "approve"), WriteLine("after", "after")], ["wait->after"]));
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("double"));
        var bookmark = Assert.Single(instance.Bookmarks);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            try
            {
                await Engine.Runtime.ResumeAsync(bookmark.Id, null);
                return true;
            }
            catch (ConflictException)
            {
                return false;
            }
        })));

        Assert.Equal(1, attempts.Count(ok => ok));
        Assert.Equal(["after"], await Engine.LinesAsync(instance.Id));
        var again = await Assert.ThrowsAsync<ConflictException>(() => Engine.Runtime.ResumeAsync(bookmark.Id, null));
        Assert.Contains("consumed", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailureBeforeCommit_LeavesPreviousState_ThenResumeWorks()
    {
        await Engine.PublishAsync(Definition("crash", [Event("wait", "approve"), SetVariable("set", "Approved", Lit("true", "Boolean")), WriteLine("after", "after")], ["wait->set", "set->after"], ("Approved", "Boolean", "false")));
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("crash"));
        var bookmark = Assert.Single(instance.Bookmarks);
        var journalBefore = (await Engine.Runtime.GetJournalAsync(instance.Id, 1, 100)).TotalCount;

        // The database refuses the burst's last write (its journal rows come after the instance's update and the
        // bookmark's delete), so the transaction fails with everything else written and is not committed.
        await ExecuteSqlAsync("CREATE TRIGGER refuse_journal BEFORE INSERT ON \"Journal\" BEGIN SELECT RAISE(ABORT, 'simulated failure before commit'); END");
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Engine.Runtime.ResumeAsync(bookmark.Id, null));
        await ExecuteSqlAsync("DROP TRIGGER refuse_journal");

        var unchanged = await Engine.Runtime.GetAsync(instance.Id);
        Assert.Equal(WorkflowStatus.Suspended, unchanged.Status);
        Assert.False(unchanged.Variables["Approved"]!.GetValue<bool>());
        Assert.Equal(bookmark.Id, Assert.Single(unchanged.Bookmarks).Id);
        Assert.Equal(journalBefore, (await Engine.Runtime.GetJournalAsync(instance.Id, 1, 100)).TotalCount);
        await using (var db = await Engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            Assert.True(await db.Bookmarks.AnyAsync(b => b.Id == bookmark.Id));
        }

        var finished = await Engine.Runtime.ResumeAsync(bookmark.Id, null);
        Assert.Equal(WorkflowStatus.Finished, finished.Status);
        Assert.True(finished.Variables["Approved"]!.GetValue<bool>());
        Assert.Equal(["after"], await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public async Task Resume_FromThisNodesCopyAnotherNodeOvertook_RunsFromTheCommittedRow()
    {
        await Engine.PublishAsync(Definition("two-waits", [Event("first", "first"), Event("second", "second"), WriteLine("after", "after")], ["first->second", "second->after"]));
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("two-waits", null, "two-waits-1"));
        await using (var otherNode = await EngineHost.StartAsync(Engine.DatabaseFile))
        {
            Assert.Equal([instance.Id], await otherNode.Runtime.RaiseEventAsync("first", "two-waits-1", null));
        }

        // This node kept the instance as it started (waiting for "first"); the bookmark for "second" is not in that copy.
        var resumed = await Engine.Runtime.RaiseEventAsync("second", "two-waits-1", null);

        Assert.Equal([instance.Id], resumed);
        Assert.Equal(WorkflowStatus.Finished, (await Engine.Runtime.GetAsync(instance.Id)).Status);
        Assert.Equal(["after"], await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public async Task Resume_FromThisNodesCopyOfAnOlderVersion_LosesTheVersionCheckAndRunsAgain()
    {
        await Engine.PublishAsync(Definition("counter", [Event("tick", "tick"), SetVariable("set", "Ticked", Lit("true", "Boolean")), WriteLine("after", "after")], ["tick->set", "set->after"], ("Ticked", "Boolean", "false")));
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("counter", null, "counter-1"));
        var bookmark = Assert.Single(instance.Bookmarks);

        // Another node commits a burst of the instance that leaves its bookmark in place: only the version moves on.
        await ExecuteSqlAsync($"UPDATE \"WorkflowInstances\" SET \"ConcurrencyVersion\" = \"ConcurrencyVersion\" + 1 WHERE \"Id\" = '{instance.Id}'");

        var finished = await Engine.Runtime.ResumeAsync(bookmark.Id, null);

        Assert.Equal(WorkflowStatus.Finished, finished.Status);
        Assert.True(finished.Variables["Ticked"]!.GetValue<bool>());
        await using var db = await Engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        Assert.Equal(3, (await db.Instances.SingleAsync(i => i.Id == instance.Id)).ConcurrencyVersion);
    }

    private async Task ExecuteSqlAsync(string sql)
    {
        await using var db = await Engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    [Fact]
    public async Task Finish_WritesOutboxEventInTheSameCommit()
    {
        await Engine.PublishAsync(Definition("outbox", [WriteLine("w", "x")], []));

        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("outbox"));

        await using var db = await Engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var message = Assert.Single(await db.Outbox.Where(o => o.InstanceId == instance.Id).ToListAsync());
        Assert.Equal("instance.finished", message.Type);
        Assert.Equal(instance.Id, JsonNode.Parse(message.Payload)!["data"]!["instanceId"]!.GetValue<string>());
    }

    private async Task<string> WaitForChildAsync(string definitionId, WorkflowStatus status)
    {
        string? childId = null;
        await Eventually.TrueAsync(
            async () =>
            {
                var page = await Engine.Runtime.ListAsync(new InstanceQuery(definitionId, status, null, 1, 10));
                childId = page.Items.Count > 0 ? page.Items[0].Id : null;
                return childId is not null;
            },
            $"a {definitionId} instance that is {status}",
            TimeSpan.FromSeconds(10));
        return childId!;
    }
}
