using System.Diagnostics;

namespace AiPlusTasks.Reliability.Tests;

/// <summary>Issue 9: kill -9 the single SQLite node in the middle of a run, restart it on the same file.</summary>
public sealed class SqliteKillRestartTests(ITestOutputHelper output)
{
    private const int Probes = 1000;

    [Fact]
    public async Task SingleNode_KilledMidStartsAndMidCompletions_RestartedOnSameFile_FinishesEveryProbeOnce()
    {
        await using var nodes = new HostNodes(new SqliteTestDatabase(), output);
        await nodes.RunAsync(async () =>
        {
            // Arrange
            var clock = Stopwatch.StartNew();
            var node = await nodes.StartAsync("a");
            var planner = await node.SignInAsync();
            var workload = new Workload(delay: TimeSpan.FromSeconds(3));
            await workload.ImportAsync(planner);

            // Act: kill -9 once half the starts are acknowledged (starts in flight, timers firing, tasks being made),
            // and again once half the tasks are completed (resumes in flight); restart on the same file and port.
            var starting = workload.StartAsync(Probes, () => planner);
            await Eventually.TrueAsync(() => Task.FromResult(workload.Acknowledged >= Probes / 2 || starting.IsCompleted), "half the starts", TimeSpan.FromSeconds(120));
            var acknowledgedAtKill = workload.Acknowledged;
            (node, var firstDowntime) = await KillAndRestartAsync(nodes, node, "a-restarted");
            planner = await node.SignInAsync();
            await starting;

            HttpClient[] staff = [await node.SignInAsync("guangdong.staff")];
            var completing = workload.CompleteTasksAsync(Probes, () => staff, TimeSpan.FromSeconds(120));
            await Eventually.TrueAsync(() => Task.FromResult(workload.TasksCompleted >= Probes / 2 || completing.IsCompleted), "half the tasks completed", TimeSpan.FromSeconds(120));
            var completedAtKill = workload.TasksCompleted;
            (node, var secondDowntime) = await KillAndRestartAsync(nodes, node, "a-restarted-again");
            staff = [await node.SignInAsync("guangdong.staff")];
            await completing;

            // Assert
            var audit = await ConsistencyAudit.RunAsync(nodes.Database, workload, Probes);
            output.WriteLine($"SQLite kill -9 and restart: {Probes} probes, 2 kills: at {acknowledgedAtKill} acknowledged starts (down {firstDowntime.TotalSeconds:0.0} s) " +
                $"and at {completedAtKill} completed tasks (down {secondDowntime.TotalSeconds:0.0} s); run {clock.Elapsed.TotalSeconds:0.0} s");
            output.WriteLine(workload.Figures());
            output.WriteLine(audit.Figures());
            Assert.Multiple(workload.AssertCompletionAnswersClean, audit.AssertClean);
        });
    }

    /// <summary>kill -9, then a new process on the same file and port; returns it and how long the node was down.</summary>
    private static async Task<(HostNode Node, TimeSpan Downtime)> KillAndRestartAsync(HostNodes nodes, HostNode node, string name)
    {
        node.Kill();
        var down = Stopwatch.StartNew();
        var restarted = await nodes.StartAsync(name, node.Port);
        return (restarted, down.Elapsed);
    }
}
