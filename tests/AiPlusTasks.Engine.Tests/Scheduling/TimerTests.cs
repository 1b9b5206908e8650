using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Workflows.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Engine.Tests.Scheduling;

public sealed class TimerTests
{
    private static string DelayFlow(string id, string span) =>
        Definition(id, [WriteLine("before", "before"), Delay("delay", span), WriteLine("after", "after")], ["before->delay", "delay->after"]);

    [Fact]
    public async Task Delay_UnderFakeTime_FiresAtItsTimeNotBefore()
    {
        await using var engine = await EngineHost.StartAsync();
        await engine.PublishAsync(DelayFlow("remind", "PT1H"));
        var instance = await engine.Runtime.StartAsync(new StartWorkflowRequest("remind"));
        Assert.Equal(EngineHost.Epoch.AddHours(1), Assert.Single(instance.Bookmarks).ResumeAt);

        engine.Time.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(300);
        Assert.Equal(WorkflowStatus.Suspended, (await engine.Runtime.GetAsync(instance.Id)).Status);

        engine.Time.Advance(TimeSpan.FromMinutes(2));
        await engine.WaitForStatusAsync(instance.Id, WorkflowStatus.Finished);
        Assert.Equal(["before", "after"], await engine.LinesAsync(instance.Id));
        EngineHost.DeleteDatabase(engine.DatabaseFile);
    }

    [Fact]
    public async Task Cron_NextOccurrence_IsComputedInChinaStandardTime()
    {
        await using var engine = await EngineHost.StartAsync();
        await engine.PublishAsync(Definition("monthly-report", [A("cron", "Elsa.Cron", ("cronExpression", Lit("0 9 10 * *"))), WriteLine("open", "open report")], ["cron->open"]));

        var instance = await engine.Runtime.StartAsync(new StartWorkflowRequest("monthly-report"));

        // 09:00 on the 10th in Beijing is 01:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 1, 10, 1, 0, 0, TimeSpan.Zero), Assert.Single(instance.Bookmarks).ResumeAt);
        engine.Time.Advance(TimeSpan.FromDays(5) + TimeSpan.FromHours(1));
        await engine.WaitForStatusAsync(instance.Id, WorkflowStatus.Finished);
        EngineHost.DeleteDatabase(engine.DatabaseFile);
    }

    [Fact]
    public async Task Timer_AcrossHostRestart_FiresExactlyOnce()
    {
        var time = new FakeTimeProvider(EngineHost.Epoch);
        string instanceId;
        string database;
        await using (var first = await EngineHost.StartAsync(time: time))
        {
            database = first.DatabaseFile;
            await first.PublishAsync(DelayFlow("restart", "P1D"));
            instanceId = (await first.Runtime.StartAsync(new StartWorkflowRequest("restart"))).Id;
        }

        // The host is down when the timer falls due.
        time.Advance(TimeSpan.FromDays(2));

        await using (var second = await EngineHost.StartAsync(databaseFile: database, time: time))
        {
            await second.WaitForStatusAsync(instanceId, WorkflowStatus.Finished);
            var bookmarkGone = await second.Runtime.TryResumeAsync("any", null);
            Assert.False(bookmarkGone);
            time.Advance(TimeSpan.FromDays(2));
            await Task.Delay(300);
            Assert.Equal(["before", "after"], await second.LinesAsync(instanceId));
            var journal = await second.Runtime.GetJournalAsync(instanceId, 1, 100);
            Assert.Single(journal.Items, e => e.ActivityId == "delay" && e.Event == "Completed");
        }

        EngineHost.DeleteDatabase(database);
    }

    [Fact]
    public async Task Timer_FiredTwice_RunsOnce()
    {
        await using var engine = await EngineHost.StartAsync();
        await engine.PublishAsync(DelayFlow("twice", "PT5M"));
        var instance = await engine.Runtime.StartAsync(new StartWorkflowRequest("twice"));
        var bookmark = Assert.Single(instance.Bookmarks);

        var fired = await Task.WhenAll(engine.Runtime.TryResumeAsync(bookmark.Id, null), engine.Runtime.TryResumeAsync(bookmark.Id, null));
        engine.Time.Advance(TimeSpan.FromMinutes(10));
        await Task.Delay(300);

        Assert.Single(fired, f => f);
        Assert.Equal(["before", "after"], await engine.LinesAsync(instance.Id));
        EngineHost.DeleteDatabase(engine.DatabaseFile);
    }

    [Fact]
    public async Task TimersOfOneInstance_DueAtTheSameMoment_AllFire()
    {
        await using var engine = await EngineHost.StartAsync();
        string[] agencies = ["beijing", "guangdong", "hubei", "xizang"];
        await engine.PublishAsync(Definition(
            "same-moment",
            [
                Fork("fork", agencies),
                .. agencies.Select(a => A("task" + a, "AiPlus.HumanTask", ("title", Lit("report")), ("assigneeAgency", Lit(a)), ("dueAt", Lit("P5D")), ("escalation", Lit("default")))),
            ],
            [.. agencies.Select(a => $"fork:{a}->task{a}")]));
        var instance = await engine.Runtime.StartAsync(new StartWorkflowRequest("same-moment"));
        var tasks = engine.Services.GetRequiredService<TaskService>();
        var ndrc = new Caller("ndrc.supervisor", "ndrc", new HashSet<string> { Roles.NdrcSupervisor });

        // The first rung of all four ladders (T-3d) falls due at the same moment.
        engine.Time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));

        for (var i = 0; i < 250 && (await tasks.ListAsync(ndrc, new TaskQuery())).Items.Any(t => t.EscalationLevel < 1); i++)
        {
            await Task.Delay(20);
        }

        var levels = (await tasks.ListAsync(ndrc, new TaskQuery())).Items.Select(t => t.EscalationLevel);
        Assert.Equal([1, 1, 1, 1], levels);
        Assert.Equal(WorkflowStatus.Suspended, (await engine.Runtime.GetAsync(instance.Id)).Status);
        EngineHost.DeleteDatabase(engine.DatabaseFile);
    }
}
