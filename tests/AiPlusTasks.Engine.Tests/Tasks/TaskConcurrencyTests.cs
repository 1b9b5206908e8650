using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Engine.Tests.Tasks;

/// <summary>
/// The guards that keep a task's completion single: the bookmark the completion consumes, the task's state as the
/// burst's effect reads it, and the task's concurrency version when the effect writes it back.
/// </summary>
public sealed class TaskConcurrencyTests : EngineTest
{
    private static readonly Caller Staff = new("guangdong.staff", "guangdong", new HashSet<string> { Roles.AgencyStaff });
    private static readonly Caller Staff2 = new("guangdong.staff2", "guangdong", new HashSet<string> { Roles.AgencyStaff });

    private static readonly RowQuery<TaskRecord> TaskById = new([nameof(TaskRecord.Id)]);

    private TaskService Tasks => Engine.Services.GetRequiredService<TaskService>();

    private async Task<string> StartTaskAsync()
    {
        await Engine.Runtime.StartAsync(new StartWorkflowRequest("one-task", new JsonObject()));
        return (await Tasks.ListAsync(Staff, new TaskQuery())).Items.Single().Id;
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Engine.PublishAsync(Definition(
            "one-task",
            [A("task", "AiPlus.HumanTask", ("title", Lit("报告 report")), ("assigneeAgency", Lit("guangdong")), ("outcomes", Lit("Submitted"))), WriteLine("after", "done")],
            ["task:Submitted->after"]));
    }

    [Fact]
    public async Task CompleteTask_TwoPeopleAtOnce_ExactlyOneWinsAndIsRecordedOnce()
    {
        for (var round = 0; round < 6; round++)
        {
            // Arrange
            var taskId = await StartTaskAsync();

            // Act
            var attempts = await Task.WhenAll(new[] { Staff, Staff2 }.Select(caller => Task.Run(async () =>
            {
                try
                {
                    await Tasks.CompleteAsync(caller, taskId, "Submitted", new JsonObject { ["by"] = caller.Name });
                    return (caller.Name, Won: true);
                }
                catch (ConflictException)
                {
                    return (caller.Name, Won: false);
                }
            })));

            // Assert
            var winner = Assert.Single(attempts, a => a.Won).Name;
            var view = await Tasks.GetAsync(Staff, taskId);
            Assert.Equal(TaskState.Completed, view.Summary.State);
            Assert.Equal(winner, view.Result!["by"]!.GetValue<string>());
            Assert.Single(view.History, h => h.Action == "Completed");
            await using var db = await Db();
            Assert.Equal(1, await db.Outbox.CountAsync(o => o.Type == OutboxEventTypes.TaskCompleted && o.Payload.Contains(taskId)));
        }
    }

    [Fact]
    public async Task CompletedEffect_TaskAlreadyCompleted_IsAConflictAndWritesNothing()
    {
        // Arrange
        var taskId = await StartTaskAsync();
        await Tasks.CompleteAsync(Staff, taskId, "Submitted", new JsonObject { ["first"] = true });
        await using var db = await Db();
        await using var transaction = await db.Database.BeginTransactionAsync();

        // Act
        var act = () => new TaskEffects.Completed(taskId, "Submitted", new JsonObject { ["second"] = true }, Staff2.Name).ApplyAsync(Effects(db, transaction), CancellationToken.None);

        // Assert
        await Assert.ThrowsAsync<ConflictException>(act);
        var task = await FindAsync(Effects(db, transaction), taskId);
        Assert.Equal(Staff.Name, task.CompletedBy);
        Assert.Equal(1, await db.TaskEvents.CountAsync(e => e.TaskId == taskId && e.Action == "Completed"));
    }

    [Fact]
    public async Task EffectUpdate_TaskChangedSinceItWasRead_RaisesTheConcurrencySignalAndKeepsTheOtherChange()
    {
        // Arrange: the effect reads the task, then someone claims it before the effect writes.
        var taskId = await StartTaskAsync();
        await using var db = await Db();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var effects = Effects(db, transaction);
        var read = await FindAsync(effects, taskId);
        var claimed = await FindAsync(effects, taskId);
        claimed.ClaimedBy = Staff2.Name;
        claimed.ConcurrencyVersion++;
        await effects.UpdateAsync(claimed, read.ConcurrencyVersion, CancellationToken.None);

        // Act
        read.State = TaskState.Cancelled;
        read.ConcurrencyVersion++;
        var act = () => effects.UpdateAsync(read, read.ConcurrencyVersion - 1, CancellationToken.None);

        // Assert
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(act);
        var now = await FindAsync(effects, taskId);
        Assert.Equal(TaskState.Open, now.State);
        Assert.Equal(Staff2.Name, now.ClaimedBy);
    }

    private static async Task<TaskRecord> FindAsync(EffectContext effects, string taskId) =>
        (await effects.ReadAsync(TaskById, [taskId], CancellationToken.None)).Single();

    private Task<WorkflowDbContext> Db() => Engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();

    private EffectContext Effects(WorkflowDbContext db, IDbContextTransaction transaction) =>
        new("test-instance", Engine.Time.GetUtcNow(), RowReader.For(db), RowWriter.For(db), transaction.GetDbTransaction());
}
