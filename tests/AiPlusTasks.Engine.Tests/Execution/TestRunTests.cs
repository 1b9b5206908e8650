using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.TestRuns;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Engine.Tests.Execution;

public sealed class TestRunTests : EngineTest
{
    private const string ReviewSchema = """
        {"type":"object","required":["progress"],"properties":{"progress":{"type":"integer","minimum":0,"maximum":100},"note":{"type":"string"}}}
        """;

    private TestRunner Runner => Engine.Services.GetRequiredService<TestRunner>();

    /// <summary>Start → event "approved" → 3-day delay → a review task (Approved/Returned) → a line per outcome → End.</summary>
    private static WorkflowDefinition EventTimerTaskFlow() => WorkflowDefinitionJson.Read(Definition(
        "test-run-flow",
        [
            A("start", "Elsa.Start"),
            WriteLineJs("hello", "'input ' + getInput('n')"),
            Event("approval", "approved"),
            WriteLineJs("got", "'event ' + getLastResult().by"),
            Delay("wait", "P3D"),
            Review("review", "Approved,Returned"),
            WriteLineJs("approved", "'approved at ' + getLastResult().data.progress"),
            WriteLine("returned", "returned"),
            A("end", "Elsa.End"),
        ],
        ["start->hello", "hello->approval", "approval->got", "got->wait", "wait->review", "review:Approved->approved", "review:Returned->returned", "approved->end", "returned->end"]));

    private static JsonObject Review(string id, string outcomes, string? escalation = null)
    {
        var task = A(
            id,
            "AiPlus.HumanTask",
            ("title", Js("'审核 ' + getInput('n')", "String")),
            ("assigneeAgency", Lit("guangdong")),
            ("outcomes", Lit(outcomes)),
            ("schema", Obj(ReviewSchema)),
            ("dueAt", Lit("P10D")));
        if (escalation is not null)
        {
            task["escalation"] = Lit(escalation);
        }

        return task;
    }

    private static List<string> Lines(TestRun run) =>
        [.. run.Journal.Where(e => e.ActivityType == "Elsa.WriteLine" && e.Event == "Completed").Select(e => e.Message ?? "")];

    [Fact]
    public async Task TestRun_EventTimerAndHumanTask_StepsToFinishedAndWritesNoRows()
    {
        // Arrange: the database already holds a real instance waiting on a task, so every count below starts above zero.
        await Engine.PublishAsync(Definition("real", [Review("review", "Approved")], []));
        await Engine.Runtime.StartAsync(new StartWorkflowRequest("real", new JsonObject { ["n"] = 0 }));
        var before = await CountRowsAsync();
        Assert.All(before.Where(c => c.Key is "instances" or "bookmarks" or "journal" or "tasks"), c => Assert.True(c.Value > 0, c.Key));
        var draft = EventTimerTaskFlow();

        // Act and assert, step by step
        var run = Runner.Start(draft, new JsonObject { ["n"] = 7 });
        Assert.Equal(WorkflowStatus.Suspended, run.Status);
        var eventWait = Assert.Single(run.Waits);
        Assert.Equal((BookmarkKinds.Event, "approval", "approved"), (eventWait.Kind, eventWait.ActivityId, eventWait.EventName));
        Assert.Equal(["input 7"], Lines(run));

        run.RaiseEvent("approved", new JsonObject { ["by"] = "ndrc" });
        var timer = Assert.Single(run.Waits);
        Assert.Equal((BookmarkKinds.Timer, "wait"), (timer.Kind, timer.ActivityId));
        Assert.Equal(EngineHost.Epoch.AddDays(3), timer.DueAt);

        run.PassTimer(timer.Id);
        Assert.Equal(EngineHost.Epoch.AddDays(3), run.Now);
        var taskWait = Assert.Single(run.Waits);
        Assert.Equal(BookmarkKinds.HumanTask, taskWait.Kind);
        var task = taskWait.Task!;
        Assert.Equal(("审核 7", "guangdong", "Approved,Returned"), (task.Title, task.AgencyCode, string.Join(',', task.Outcomes)));
        Assert.Equal("integer", task.Schema!["properties"]!["progress"]!["type"]!.GetValue<string>());
        Assert.Equal(EngineHost.Epoch.AddDays(13), task.DueAt);

        run.CompleteTask(taskWait.Id, "Approved", new JsonObject { ["progress"] = 60 });

        Assert.Equal(WorkflowStatus.Finished, run.Status);
        Assert.Empty(run.Waits);
        Assert.Equal(["input 7", "event ndrc", "approved at 60"], Lines(run));
        Assert.Equal(["TaskCreated", "TaskCompleted"], run.Effects.Select(e => e.Kind.ToString()));
        Assert.All(run.Effects, e => Assert.Equal(("review", "审核 7"), (e.ActivityId, e.TaskTitle)));
        Assert.Equal("Approved", run.Effects[1].Outcome);
        Assert.Equal(await CountRowsAsync(), before);
        Assert.Null((await Engine.Definitions.ListAsync(1, 100)).Items.FirstOrDefault(d => d.DefinitionId == "test-run-flow"));
    }

    [Fact]
    public void TestRun_Journal_HasEveryActivityInOrderWithItsOutcomes()
    {
        var run = Runner.Start(EventTimerTaskFlow(), new JsonObject { ["n"] = 1 });
        run.RaiseEvent("approved", new JsonObject { ["by"] = "miit" });
        run.PassTimer(run.Waits[0].Id);

        run.CompleteTask(run.Waits[0].Id, "Returned", new JsonObject { ["progress"] = 10 });

        Assert.Equal(Enumerable.Range(1, run.Journal.Count).Select(i => (long)i), run.Journal.Select(e => e.Sequence));
        var review = run.Journal.Where(e => e.ActivityId == "review").Select(e => e.Event).ToList();
        Assert.Equal(["Suspended", "Resumed", "Completed"], review);
        Assert.Equal(["Returned"], run.Journal.Single(e => e.ActivityId == "review" && e.Event == "Completed").Outcomes);
        Assert.Equal(["input 1", "event miit", "returned"], Lines(run));
        var created = run.Effects[0];
        Assert.Equal(run.Journal.Single(e => e.ActivityId == "review" && e.Event == "Suspended").Sequence, created.JournalSequence);
    }

    [Fact]
    public void CompleteTask_DataNotMatchingTheSchema_IsRefusedAndTheTaskStillWaits()
    {
        var run = Runner.Start(WorkflowDefinitionJson.Read(Definition("form", [Review("review", "Approved")], [])), new JsonObject { ["n"] = 1 });
        var wait = Assert.Single(run.Waits);

        var badData = Assert.Throws<RequestValidationException>(() => run.CompleteTask(wait.Id, "Approved", new JsonObject { ["progress"] = 140 }));
        var missing = Assert.Throws<RequestValidationException>(() => run.CompleteTask(wait.Id, "Approved", new JsonObject()));
        var badOutcome = Assert.Throws<RequestValidationException>(() => run.CompleteTask(wait.Id, "Returned", new JsonObject { ["progress"] = 1 }));

        Assert.Contains("data/progress", badData.Errors.Keys);
        Assert.NotEmpty(missing.Errors);
        Assert.Contains("outcome", badOutcome.Errors.Keys);
        Assert.Equal(WorkflowStatus.Suspended, run.Status);
        Assert.Equal(wait, Assert.Single(run.Waits));
        Assert.Equal([TestRunEffectKind.TaskCreated], run.Effects.Select(e => e.Kind));
    }

    [Fact]
    public void PassTimer_EscalationStep_MovesTheClockAndWouldEscalateTheTask()
    {
        var run = Runner.Start(
            WorkflowDefinitionJson.Read(Definition("ladder", [Review("review", "Approved", escalation: "default")], [])), new JsonObject { ["n"] = 2 });

        var waits = run.Waits;
        Assert.Equal([BookmarkKinds.HumanTask, BookmarkKinds.Timer, BookmarkKinds.Timer, BookmarkKinds.Timer, BookmarkKinds.Timer, BookmarkKinds.Timer], waits.Select(w => w.Kind));
        Assert.Equal([1, 2, 3, 4, 5], waits.Skip(1).Select(w => w.EscalationLevel!.Value));
        run.PassTimer(waits[2].Id);

        Assert.Equal(EngineHost.Epoch.AddDays(10), run.Now);
        var escalated = run.Effects[^1];
        Assert.Equal((TestRunEffectKind.TaskEscalated, "urge", "审核 2", "review"), (escalated.Kind, escalated.Action, escalated.TaskTitle, escalated.ActivityId));
        Assert.Equal(WorkflowStatus.Suspended, run.Status);
        Assert.Equal(5, run.Waits.Count);

        // A timer due before the clock now fires without moving the clock back.
        run.PassTimer(waits[1].Id);
        Assert.Equal(EngineHost.Epoch.AddDays(10), run.Now);
        Assert.Equal("reminder", run.Effects[^1].Action);
    }

    [Fact]
    public void CompleteChild_WaitedForChild_ContinuesWithTheOutputGiven_AndADispatchedChildIsOnlyAnEffect()
    {
        var draft = WorkflowDefinitionJson.Read(Definition(
            "parent",
            [
                A("dispatch", "Elsa.DispatchWorkflow", ("workflowDefinitionId", Lit("province-report"))),
                A("child", "Elsa.ExecuteWorkflow", ("workflowDefinitionId", Lit("province-task")), ("input", Obj("""{"agency":"guangdong"}"""))),
                WriteLineJs("after", "'child said ' + getLastResult().answer"),
            ],
            ["dispatch->child", "child->after"]));

        var run = Runner.Start(draft);

        var wait = Assert.Single(run.Waits);
        Assert.Equal((BookmarkKinds.ChildWorkflow, "province-task", "guangdong"), (wait.Kind, wait.Child!.DefinitionId, wait.Child.Input["agency"]!.GetValue<string>()));
        Assert.Equal(
            [(TestRunEffectKind.ChildStarted, "dispatch", "province-report"), (TestRunEffectKind.ChildStarted, "child", "province-task")],
            run.Effects.Select(e => (e.Kind, e.ActivityId, e.DefinitionId)));

        run.CompleteChild(wait.Id, new JsonObject { ["answer"] = 42 });

        Assert.Equal(WorkflowStatus.Finished, run.Status);
        Assert.Equal(["child said 42"], Lines(run));
    }

    [Fact]
    public void RaiseEvent_TwoBranchesWaitOnIt_ResumesBoth()
    {
        var draft = WorkflowDefinitionJson.Read(Definition(
            "two-waits",
            [
                Fork("fork", "A", "B"),
                Event("a", "go"),
                Event("b", "go"),
                WriteLine("joined", "joined"),
            ],
            ["fork:A->a", "fork:B->b", "a->joined", "b->joined"]));
        var run = Runner.Start(draft);
        Assert.Equal(2, run.Waits.Count);

        run.RaiseEvent("go");

        Assert.Equal(WorkflowStatus.Finished, run.Status);
        Assert.Equal(["joined"], Lines(run));
        Assert.Throws<InvalidOperationException>(() => run.RaiseEvent("go"));
    }

    [Fact]
    public void Start_ActivityThatFaults_IsFaultedWithTheIncident()
    {
        var run = Runner.Start(WorkflowDefinitionJson.Read(Definition("fault", [WriteLineJs("boom", "getInput('missing').length")], [])));

        Assert.Equal(WorkflowStatus.Faulted, run.Status);
        Assert.Equal("boom", Assert.Single(run.Incidents).ActivityId);
        Assert.Contains(run.Journal, e => e.ActivityId == "boom" && e.Event == "Faulted");
        Assert.Empty(run.Waits);
    }

    [Fact]
    public void Start_DefinitionWithProblems_IsRefusedWithEveryProblem()
    {
        var draft = WorkflowDefinitionJson.Read(Definition("broken", [A("task", "AiPlus.HumanTask"), Delay("delay", "soon")], ["task->delay"]));

        var refused = Assert.Throws<DefinitionValidationException>(() => Runner.Start(draft));

        Assert.Contains(refused.Problems, p => p.ActivityId == "task" && p.Field == "title");
        Assert.Contains(refused.Problems, p => p.ActivityId == "delay" && p.Field == "timeSpan");
    }

    [Fact]
    public void Resume_WaitOfAnotherKindOrUnknown_IsRefused()
    {
        var run = Runner.Start(EventTimerTaskFlow(), new JsonObject { ["n"] = 1 });
        var eventWait = run.Waits[0];

        Assert.Throws<InvalidOperationException>(() => run.PassTimer(eventWait.Id));
        Assert.Throws<InvalidOperationException>(() => run.CompleteTask("nope", "Approved", null));
        Assert.Throws<InvalidOperationException>(() => run.RaiseEvent("other"));
        Assert.Equal(WorkflowStatus.Suspended, run.Status);
    }

    [Fact]
    public void TestRun_JointReview_ShowsOneTaskPerReviewer_AndTheFirstApprovalOfAnAnyReviewEndsIt()
    {
        var review = A(
            "review",
            "AiPlus.Review",
            ("title", Lit("或签")),
            ("reviewers", Obj("""[{"agency":"miit","role":"lead"},{"agency":"most","role":"lead"}]""")),
            ("mode", Lit("any")));
        var run = Runner.Start(WorkflowDefinitionJson.Read(Definition("review-run", [review, WriteLine("approved", "approved")], ["review:Approved->approved"])), []);

        // The review's own command bookmark (for 加签/减签) is not something to step by hand.
        Assert.Equal([("miit", "review"), ("most", "review")], run.Waits.Select(w => (w.Task!.AgencyCode, w.Task.Kind)));
        Assert.Equal(["Approved", "Returned", "Abstained"], run.Waits[0].Task!.Outcomes);

        run.CompleteTask(run.Waits[1].Id, "Approved", new JsonObject());

        Assert.Equal(WorkflowStatus.Finished, run.Status);
        Assert.Equal(["approved"], Lines(run));
        Assert.Equal(
            [TestRunEffectKind.TaskCreated, TestRunEffectKind.TaskCreated, TestRunEffectKind.TaskCompleted, TestRunEffectKind.TaskCancelled],
            run.Effects.Select(e => e.Kind));
    }

    /// <summary>Rows of every table a run could write: instances, bookmarks, journal, work, outbox, tasks and their history.</summary>
    private async Task<Dictionary<string, int>> CountRowsAsync()
    {
        var factory = Engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return new Dictionary<string, int>
        {
            ["instances"] = await db.Instances.CountAsync(),
            ["bookmarks"] = await db.Bookmarks.CountAsync(),
            ["journal"] = await db.Journal.CountAsync(),
            ["workItems"] = await db.WorkItems.CountAsync(),
            ["outbox"] = await db.Outbox.CountAsync(),
            ["tasks"] = await db.Tasks.CountAsync(),
            ["taskEvents"] = await db.TaskEvents.CountAsync(),
            ["supervisionActions"] = await db.SupervisionActions.CountAsync(),
            ["definitions"] = await db.Definitions.CountAsync(),
        };
    }
}
