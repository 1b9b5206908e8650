using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Workflows.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.EntityFrameworkCore;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Engine.Tests.Runtime;

/// <summary>
/// Inline work (a child start its caller runs right after commit) is taken by the background worker only when its caller
/// is gone: made before this node started, or older than <c>Engine:OrphanedWorkAge</c>. Work made since the node started
/// is its caller's, however late the worker's first round comes.
/// </summary>
public sealed class OrphanedWorkTests
{
    [Fact]
    public async Task InlineStart_LeftByAProcessThatDied_RunsWhenTheNextOneStarts_AndNewInlineWorkWaitsForItsAge()
    {
        var time = new FakeTimeProvider(EngineHost.Epoch);
        string database;
        await using (var first = await EngineHost.StartAsync(time: time))
        {
            database = first.DatabaseFile;
            await first.PublishAsync(Definition("child", [WriteLineJs("say", "'ran'")], []));
            await QueueInlineStartAsync(first, "left-by-the-dead");
        }

        time.Advance(TimeSpan.FromSeconds(1));
        await using (var second = await EngineHost.StartAsync(databaseFile: database, time: time))
        {
            var left = await second.WaitForStatusAsync("left-by-the-dead", WorkflowStatus.Finished);
            Assert.Equal(["ran"], await second.LinesAsync(left.Id));

            await QueueInlineStartAsync(second, "its-caller-runs-it");
            await Task.Delay(500);
            Assert.Equal(WorkflowStatus.Running, (await second.Runtime.GetAsync("its-caller-runs-it"))!.Status);
            Assert.Equal(1, await WorkItemCountAsync(second));

            time.Advance(TimeSpan.FromSeconds(31));
            await second.WaitForStatusAsync("its-caller-runs-it", WorkflowStatus.Finished);
            Assert.Equal(0, await WorkItemCountAsync(second));
        }

        EngineHost.DeleteDatabase(database);
    }

    /// <summary>Commits a child's start as its caller would, and leaves it unrun, as a caller that died does.</summary>
    private static async Task QueueInlineStartAsync(EngineHost engine, string instanceId)
    {
        var (instance, item) = BurstStaging.QueueStart(instanceId, "child", [], null, null, null, background: false, engine.Time.GetUtcNow());
        await using var db = await Factory(engine).CreateDbContextAsync();
        db.Instances.Add(instance);
        db.WorkItems.Add(item);
        await db.SaveChangesAsync();
    }

    private static async Task<int> WorkItemCountAsync(EngineHost engine)
    {
        await using var db = await Factory(engine).CreateDbContextAsync();
        return await db.WorkItems.CountAsync();
    }

    private static IDbContextFactory<WorkflowDbContext> Factory(EngineHost engine) =>
        engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
}
