using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Calendar;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Tests.Shared;
using AiPlusTasks.Workflows.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static AiPlusTasks.Engine.Tests.WorkingDays.OfficialCalendar;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Engine.Tests.WorkingDays;

/// <summary>
/// Tasks, ladders, colours, the inbox and cron counting working days through real workflows on the engine, with the
/// official calendar files and fake time.
/// </summary>
public sealed class WorkingDayTaskTests : IAsyncLifetime
{
    private static readonly Caller GuangdongStaff = new("guangdong.staff", "guangdong", new HashSet<string> { Roles.AgencyStaff });
    private EngineHost? _engine;

    private EngineHost Engine => _engine ?? throw new InvalidOperationException("start the engine first");

    private TaskService Tasks => Engine.Services.GetRequiredService<TaskService>();

    /// <summary>Starts the engine with the official calendar at <paramref name="now"/> (China time).</summary>
    private async Task StartAtAsync(DateTimeOffset now) =>
        _engine = await EngineHost.StartAsync(time: new FakeTimeProvider(now), configure: s => s.AddSingleton(Create()));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
            EngineHost.DeleteDatabase(_engine.DatabaseFile);
        }
    }

    /// <summary>Publishes and starts a workflow whose one task goes to guangdong with the given inputs; returns the task.</summary>
    private async Task<TaskView> IssueAsync(params (string Name, JsonNode Value)[] inputs)
    {
        var task = A("task", "AiPlus.HumanTask", [("title", Lit("进度报告")), ("assigneeAgency", Lit("guangdong")), .. inputs]);
        var id = "wd-" + Guid.NewGuid().ToString("N")[..8];
        await Engine.PublishAsync(Definition(id, [task], []));
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest(id));
        Assert.Equal(WorkflowStatus.Suspended, instance.Status);
        var bookmark = Assert.Single(instance.Bookmarks, b => b.Kind == BookmarkKinds.HumanTask);
        return await Tasks.GetAsync(GuangdongStaff, bookmark.Key!);
    }

    private static JsonObject Ladder(params (string Offset, string Action)[] rungs) =>
        Obj(new JsonArray([.. rungs.Select(r => (JsonNode)new JsonObject { ["offset"] = r.Offset, ["action"] = r.Action })]).ToJsonString());

    /// <summary>Sets the clock, then waits (real time) until the task reaches the escalation level.</summary>
    private async Task<TaskSummary> AtAsync(DateTimeOffset at, string taskId, int level)
    {
        Engine.Time.SetUtcNow(at);
        TaskSummary? summary = null;
        await Eventually.TrueAsync(
            async () => (summary = (await Tasks.GetAsync(GuangdongStaff, taskId)).Summary).EscalationLevel == level,
            () => $"task {taskId} at level {level} at {at:O} (it is at {summary?.EscalationLevel})",
            TimeSpan.FromSeconds(10));
        return summary!;
    }

    [Fact]
    public async Task DueWorkingDays_IssuedThursdayBeforeSpringFestival_DueAtTheEndOfThursdayAfterIt()
    {
        await StartAtAsync(Local(2026, 2, 12, 9));

        var task = await IssueAsync(("dueWorkingDays", Lit(5, "Double")));

        // Fri 13, make-up Sat 14, (15–23 Spring Festival), Tue 24, Wed 25, Thu 26: due at 24:00 on the 26th China time.
        Assert.Equal(new DateTimeOffset(2026, 2, 26, 16, 0, 0, TimeSpan.Zero), task.Summary.DueAt);
    }

    [Fact]
    public async Task DueWorkingDays_WithDueAt_OrNotAWholeNumber_FaultsNamingTheInput()
    {
        await StartAtAsync(Local(2026, 2, 12, 9));
        foreach (var (inputs, message) in new (JsonObject[] Inputs, string Message)[]
        {
            ([A("task", "AiPlus.HumanTask", ("title", Lit("t")), ("assigneeAgency", Lit("guangdong")), ("dueWorkingDays", Lit(5, "Double")), ("dueAt", Lit("P3D")))], "'dueAt' and 'dueWorkingDays'"),
            ([A("task", "AiPlus.HumanTask", ("title", Lit("t")), ("assigneeAgency", Lit("guangdong")), ("dueWorkingDays", Lit(2.5, "Double")))], "'dueWorkingDays'"),
            ([A("task", "AiPlus.HumanTask", ("title", Lit("t")), ("assigneeAgency", Lit("guangdong")), ("dayCount", Js("'week' + 'ly'", "String")))], "'dayCount'"),
        })
        {
            var id = "bad-" + Guid.NewGuid().ToString("N")[..8];
            await Engine.PublishAsync(Definition(id, inputs, []));
            var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest(id));
            Assert.Equal(WorkflowStatus.Faulted, instance.Status);
            Assert.Contains(instance.Incidents, i => i.Message.Contains(message, StringComparison.Ordinal));
        }

        Assert.Empty((await Tasks.ListAsync(GuangdongStaff, new TaskQuery(TaskViews.All))).Items);

        // A literal that is no day count is refused when publishing, naming the activity and the input.
        var refused = await Assert.ThrowsAsync<AiPlusTasks.Workflows.Definitions.DefinitionValidationException>(() => Engine.PublishAsync(Definition(
            "bad-literal", [A("task", "AiPlus.HumanTask", ("title", Lit("t")), ("assigneeAgency", Lit("guangdong")), ("dayCount", Lit("weekly")))], [])));
        Assert.Contains("activities[task].dayCount", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ladder_WorkingDays_RemindersSkipNationalDay_AndAfterDueRungsSkipItToo()
    {
        await StartAtAsync(Local(2026, 9, 28, 9));

        // Due at the end of Monday 10-12: T−3 working days is the end of Thursday 10-08 (the make-up Saturday 10-10 counts).
        var monday = await IssueAsync(
            ("dueAt", Lit("2026-10-12T16:00:00Z")),
            ("dayCount", Lit("working")),
            ("escalation", Ladder(("-P3D", EscalationStep.Reminder), ("PT0S", EscalationStep.Urge))));

        // Due at the end of Wednesday 09-30: +3 working days is the end of the make-up Saturday 10-10.
        var wednesday = await IssueAsync(
            ("dueAt", Lit("2026-09-30T16:00:00Z")),
            ("dayCount", Lit("working")),
            ("escalation", Ladder(("P3D", EscalationStep.Notice))));

        Assert.Equal([Local(2026, 10, 9), Local(2026, 10, 13)], monday.Escalation.Planned.Select(r => r.DueAt));
        Assert.Equal([Local(2026, 10, 11)], wednesday.Escalation.Planned.Select(r => r.DueAt));

        // All through the holiday week nothing happens to the Monday task (a Monday–Friday count would remind at the end
        // of 10-07); the Wednesday task is overdue but not yet noticed.
        for (var day = 1; day <= 8; day++)
        {
            Engine.Time.SetUtcNow(Local(2026, 10, day, 23, 59));
            await Task.Delay(150);
        }

        Assert.Equal(0, (await Tasks.GetAsync(GuangdongStaff, monday.Summary.Id)).Summary.EscalationLevel);
        Assert.Equal(0, (await Tasks.GetAsync(GuangdongStaff, wednesday.Summary.Id)).Summary.EscalationLevel);

        var reminded = await AtAsync(Local(2026, 10, 9, 0, 1), monday.Summary.Id, 1);
        Assert.Equal(EscalationStep.Reminder, reminded.EscalationAction);
        Assert.Equal(TaskColour.Blue, reminded.Colour);
        Assert.Equal(0, (await Tasks.GetAsync(GuangdongStaff, wednesday.Summary.Id)).Summary.EscalationLevel);

        var noticed = await AtAsync(Local(2026, 10, 11, 0, 1), wednesday.Summary.Id, 1);
        Assert.Equal(EscalationStep.Notice, noticed.EscalationAction);
        Assert.Equal(TaskColour.Red, noticed.Colour);
        var applied = Assert.Single((await Tasks.GetAsync(GuangdongStaff, wednesday.Summary.Id)).Escalation.Applied);
        Assert.Equal(Local(2026, 10, 11, 0, 1), applied.At);
    }

    [Fact]
    public async Task Ladder_CalendarDays_KeepsTheOldMeaning()
    {
        await StartAtAsync(Local(2026, 9, 28, 9));

        var byDefault = await IssueAsync(("dueAt", Lit("2026-10-12T16:00:00Z")), ("escalation", Ladder(("-P3D", EscalationStep.Reminder), ("P7D", EscalationStep.Notice))));
        var calendar = await IssueAsync(("dueAt", Lit("2026-10-12T16:00:00Z")), ("dayCount", Lit("calendar")), ("escalation", Ladder(("-P3D", EscalationStep.Reminder))));

        // Three calendar days before the end of 10-12 is the end of 10-09; seven after is the end of 10-19.
        Assert.Equal([Local(2026, 10, 10), Local(2026, 10, 20)], byDefault.Escalation.Planned.Select(r => r.DueAt));
        Assert.Equal([Local(2026, 10, 10)], calendar.Escalation.Planned.Select(r => r.DueAt));
    }

    [Fact]
    public async Task Colour_OverAWeekend_WorkingDaysMakeABlueThatCalendarDaysDoNot()
    {
        // Friday 09:00; due at the end of Monday 12-21: 3 days 15 hours away, but only Monday is left of working time.
        await StartAtAsync(Local(2026, 12, 18, 9));

        var working = await IssueAsync(("dueAt", Lit("2026-12-21T16:00:00Z")), ("dayCount", Lit("working")), ("blueWithin", Lit("P3D")));
        var calendar = await IssueAsync(("dueAt", Lit("2026-12-21T16:00:00Z")), ("dayCount", Lit("calendar")), ("blueWithin", Lit("P3D")));
        var laterWorking = await IssueAsync(("dueAt", Lit("2026-12-23T16:00:00Z")), ("dayCount", Lit("working")), ("blueWithin", Lit("P3D")));

        Assert.Equal(TaskColour.Blue, working.Summary.Colour);
        Assert.Equal(TaskColour.Green, calendar.Summary.Colour);

        // The end of Wednesday is beyond Friday 09:00 + 3 working days (Wednesday 09:00).
        Assert.Equal(TaskColour.Green, laterWorking.Summary.Colour);
    }

    [Fact]
    public async Task Deadline_OnAHoliday_MovesToTheNextWorkingDay_UnlessTurnedOff_AndMidnightIsTheEndOfTheDayBefore()
    {
        await StartAtAsync(Local(2026, 9, 21, 9));

        var moved = await IssueAsync(("dueAt", Lit("2026-10-01T16:00:00Z")), ("moveOffNonWorkingDays", Lit(true, "Boolean")));
        var kept = await IssueAsync(("dueAt", Lit("2026-10-01T16:00:00Z")), ("moveOffNonWorkingDays", Lit(false, "Boolean")));
        var endOfSeptember = await IssueAsync(("dueAt", Lit("2026-09-30T16:00:00Z")), ("moveOffNonWorkingDays", Lit(true, "Boolean")));
        var inTheDay = await IssueAsync(("dueAt", Lit("2026-10-03T09:30:00Z")), ("moveOffNonWorkingDays", Lit(true, "Boolean")));

        Assert.Equal(new DateTimeOffset(2026, 10, 8, 16, 0, 0, TimeSpan.Zero), moved.Summary.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 16, 0, 0, TimeSpan.Zero), kept.Summary.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 9, 30, 16, 0, 0, TimeSpan.Zero), endOfSeptember.Summary.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 9, 30, 0, TimeSpan.Zero), inTheDay.Summary.DueAt);
    }

    [Fact]
    public async Task DueSoonView_OnAFriday_CountsWorkingDaysAcrossTheWeekend()
    {
        await StartAtAsync(Local(2026, 12, 18, 9));
        var tuesday = await IssueAsync(("dueAt", Lit("2026-12-22T16:00:00Z")));
        await IssueAsync(("dueAt", Lit("2026-12-23T16:00:00Z")));

        var dueSoon = await Tasks.ListAsync(GuangdongStaff, new TaskQuery(TaskViews.DueSoon));

        // Friday 09:00 + 3 working days is Wednesday 09:00: the end of Tuesday is within, the end of Wednesday is not
        // (by calendar days neither would be: the end of Tuesday is 4 days 15 hours away).
        Assert.Equal([tuesday.Summary.Id], dueSoon.Items.Select(t => t.Id));
    }

    [Fact]
    public async Task Cron_SkipNonWorkingDays_SkipsAHolidayMonday_AndFiresOnAMakeUpSaturday()
    {
        await StartAtAsync(Local(2026, 9, 29, 10));
        var mondays = await StartCronAsync("0 9 * * MON", skip: true);
        var mondaysAsElsaDoes = await StartCronAsync("0 9 * * MON", skip: false);

        // Monday 10-05 is National Day: the next working Monday is 10-12.
        Assert.Equal(Local(2026, 10, 12, 9), await NextFireAsync(mondays));
        Assert.Equal(Local(2026, 10, 5, 9), await NextFireAsync(mondaysAsElsaDoes));

        Engine.Time.SetUtcNow(Local(2026, 10, 9, 10));
        var daily = await StartCronAsync("0 9 * * *", skip: true);
        Assert.Equal(Local(2026, 10, 10, 9), await NextFireAsync(daily));

        Engine.Time.SetUtcNow(Local(2026, 10, 10, 9, 1));
        await Engine.WaitForStatusAsync(daily, WorkflowStatus.Finished);
        Assert.Equal(WorkflowStatus.Suspended, (await Engine.Runtime.GetAsync(mondays)).Status);
    }

    private async Task<string> StartCronAsync(string cron, bool skip)
    {
        var id = "cron-" + Guid.NewGuid().ToString("N")[..8];
        await Engine.PublishAsync(Definition(
            id,
            [A("cron", "Elsa.Cron", ("cronExpression", Lit(cron)), ("skipNonWorkingDays", Lit(skip, "Boolean"))), WriteLine("done", "fired")],
            ["cron->done"]));
        return (await Engine.Runtime.StartAsync(new StartWorkflowRequest(id))).Id;
    }

    private async Task<DateTimeOffset?> NextFireAsync(string instanceId) =>
        Assert.Single((await Engine.Runtime.GetAsync(instanceId)).Bookmarks, b => b.Kind == BookmarkKinds.Timer).ResumeAt;
}
