using System.Diagnostics;

namespace AiPlusTasks.Reliability.Tests;

/// <summary>Issue 9: kill -9 the single SQLite node in the middle of a run, restart it on the same file.</summary>
public sealed class SqliteKillRestartTests(ITestOutputHelper output)
{
    private const int Probes = 1500;

    [Fact]
    public async Task SingleNode_KilledMidRun_RestartedOnSameFile_FinishesEveryProbeOnce()
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

            // Act: kill -9 once half the starts are acknowledged, with starts in flight and timers firing.
            var starting = workload.StartAsync(Probes, () => planner);
            await Eventually.TrueAsync(() => Task.FromResult(workload.Acknowledged >= Probes / 2 || starting.IsCompleted), "half the starts", TimeSpan.FromSeconds(120));
            var acknowledgedAtKill = workload.Acknowledged;
            node.Kill();
            var down = Stopwatch.StartNew();
            var restarted = await nodes.StartAsync("a-restarted", node.Port);
            down.Stop();
            planner = await restarted.SignInAsync();
            await starting;
            await workload.CompleteTasksAsync(Probes, [await restarted.SignInAsync("guangdong.staff")], TimeSpan.FromSeconds(120));

            // Assert
            var audit = await ConsistencyAudit.RunAsync(nodes.Database, workload, Probes);
            output.WriteLine($"SQLite kill -9 and restart: {Probes} probes, 1 kill at {acknowledgedAtKill} acknowledged starts, down {down.Elapsed.TotalSeconds:0.0} s, run {clock.Elapsed.TotalSeconds:0.0} s");
            output.WriteLine(workload.Figures());
            output.WriteLine(audit.Figures());
            Assert.False(starting.IsFaulted);
            workload.AssertCompletionAnswersClean();
            audit.AssertClean();
        });
    }
}
