using System.Diagnostics;

namespace AiPlusTasks.Reliability.Tests;

/// <summary>Issue 9: two Host processes on one PostgreSQL database, Quartz clustered over it.</summary>
public sealed class PostgresTwoNodeTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task TwoNodes_TimedProbes_EveryTimerFiresOnce_RacingResumesOfOneBookmarkHaveOneWinner()
    {
        const int probes = 2000;
        await using var nodes = new HostNodes(await PostgresTestDatabase.CreateAsync(), output);
        await nodes.RunAsync(async () =>
        {
            // Arrange
            var clock = Stopwatch.StartNew();
            HostNode[] pair = [await nodes.StartAsync("a"), await nodes.StartAsync("b")];
            var planners = await Task.WhenAll(pair.Select(n => n.SignInAsync()));
            var staff = await Task.WhenAll(pair.Select(n => n.SignInAsync("guangdong.staff")));
            var workload = new Workload(delay: TimeSpan.FromSeconds(5));
            await workload.ImportAsync(planners[0]);

            // Act: starts alternate between the nodes; each task is then completed through both nodes at once.
            var turn = 0;
            await workload.StartAsync(probes, () => planners[Interlocked.Increment(ref turn) % planners.Length]);
            await workload.CompleteTasksAsync(probes, () => staff, TimeSpan.FromSeconds(180));

            // Assert
            var audit = await ConsistencyAudit.RunAsync(nodes.Database, workload, probes);
            output.WriteLine($"PostgreSQL, two nodes: {probes} probes with a 5 s timer, no kill, run {clock.Elapsed.TotalSeconds:0.0} s");
            output.WriteLine(workload.Figures());
            output.WriteLine(audit.Figures());
            Assert.Multiple(workload.AssertCompletionAnswersClean, audit.AssertClean);
        });
    }

    [PostgresFact]
    public async Task TwoNodes_OneKilledMidRun_TheOtherFinishesEveryProbeOnce()
    {
        const int probes = 5000;
        await using var nodes = new HostNodes(await PostgresTestDatabase.CreateAsync(), output);
        await nodes.RunAsync(async () =>
        {
            // Arrange
            var clock = Stopwatch.StartNew();
            var doomed = await nodes.StartAsync("a");
            var survivor = await nodes.StartAsync("b");
            var survivorPlanner = await survivor.SignInAsync();
            var live = new[] { await doomed.SignInAsync(), survivorPlanner };
            var workload = new Workload(delay: TimeSpan.FromSeconds(3));
            await workload.ImportAsync(survivorPlanner);

            // Act: kill -9 node a once half the starts are acknowledged; from then on every call goes to node b.
            var turn = 0;
            var starting = workload.StartAsync(probes, () => { var clients = Volatile.Read(ref live); return clients[Interlocked.Increment(ref turn) % clients.Length]; });
            await Eventually.TrueAsync(() => Task.FromResult(workload.Acknowledged >= probes / 2 || starting.IsCompleted), "half the starts", TimeSpan.FromSeconds(180));
            var acknowledgedAtKill = workload.Acknowledged;
            doomed.Kill();
            Volatile.Write(ref live, [survivorPlanner]);
            await starting;
            HttpClient[] staff = [await survivor.SignInAsync("guangdong.staff")];
            await workload.CompleteTasksAsync(probes, () => staff, TimeSpan.FromSeconds(180));

            // Assert
            var audit = await ConsistencyAudit.RunAsync(nodes.Database, workload, probes);
            output.WriteLine($"PostgreSQL, two nodes, kill -9 of one: {probes} probes, 1 kill at {acknowledgedAtKill} acknowledged starts, run {clock.Elapsed.TotalSeconds:0.0} s");
            output.WriteLine(workload.Figures());
            output.WriteLine(audit.Figures());
            Assert.Multiple(workload.AssertCompletionAnswersClean, audit.AssertClean);
        });
    }
}
