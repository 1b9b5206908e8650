using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using WorkflowCore.Interface;
using WorkflowCore.Models.LifeCycleEvents;

namespace AiPlusTasks.Bench.Peer;

/// <summary>
/// WorkflowCore 3.22.0 with its in-memory store and queue, tuned for throughput: indexes off (nothing searches),
/// a short idle time so consumers pick up work quickly, a long poll interval (the in-memory queue wakes them anyway),
/// two workflow consumers per core. Idle 0/1/10/100 ms and 2/4 consumers all measured 380–440 workflows/s here.
/// </summary>
internal static class PeerBenchmark
{
    public static async Task<ScenarioResult> RunAsync(BenchMode mode)
    {
        var idle = TimeSpan.FromMilliseconds(EnvironmentNumber("BENCH_WFC_IDLE_MS", 1));
        var maxWorkflows = EnvironmentNumber("BENCH_WFC_MAX_WORKFLOWS", 2 * Environment.ProcessorCount);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWorkflow(o =>
        {
            o.UsePollInterval(TimeSpan.FromSeconds(30));
            o.UseIdleTime(idle);
            o.UseMaxConcurrentWorkflows(maxWorkflows);
            o.EnableIndexes = false;
        });
        await using var provider = services.BuildServiceProvider();
        var host = provider.GetRequiredService<IWorkflowHost>();
        var completions = new ConcurrentDictionary<string, TaskCompletionSource>();
        host.OnLifeCycleEvent += e =>
        {
            if (e is WorkflowCompleted completed)
            {
                completions.GetOrAdd(completed.WorkflowInstanceId, NewCompletion).TrySetResult();
            }
        };
        host.RegisterWorkflow<PeerWorkflow, PeerData>();
        await host.StartAsync(CancellationToken.None);
        try
        {
            await RunBatchAsync(host, completions, "warm", mode.WarmUp);
            var stopwatch = RunClock.Start();
            var ids = await RunBatchAsync(host, completions, "run", mode.Instances);
            stopwatch.Stop();

            foreach (var id in ids)
            {
                var instance = await host.PersistenceStore.GetWorkflowInstance(id);
                if (instance.Status != WorkflowCore.Models.WorkflowStatus.Complete || ((PeerData)instance.Data).Branch != "approved")
                {
                    throw new BenchmarkFailedException($"WorkflowCore instance {id} is {instance.Status}, branch {((PeerData)instance.Data).Branch}");
                }
            }

            return new ScenarioResult(
                "workflowcore",
                $"WorkflowCore 3.22.0 in-memory (idle {idle.TotalMilliseconds} ms, max {maxWorkflows} workflows, indexes off)",
                1,
                mode.Instances,
                2L * mode.Instances,
                stopwatch.Elapsed.TotalSeconds,
                PeakWorkingSet.Bytes()) { CpuSeconds = stopwatch.CpuSeconds, MethodsJitted = stopwatch.MethodsJitted };
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<List<string>> RunBatchAsync(IWorkflowHost host, ConcurrentDictionary<string, TaskCompletionSource> completions, string prefix, int count)
    {
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var key = $"{prefix}-{i}";
            var id = await host.StartWorkflow("bench", 1, new PeerData { Key = key }, key);
            completions.GetOrAdd(id, NewCompletion);
            ids.Add(id);
        }

        for (var i = 0; i < count; i++)
        {
            await host.PublishEvent(PeerWorkflow.EventName, $"{prefix}-{i}", "payload");
        }

        var all = Task.WhenAll(ids.Select(id => completions[id].Task));
        if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(10 + (count / 20)))) != all)
        {
            var done = ids.Count(id => completions[id].Task.IsCompleted);
            throw new BenchmarkFailedException($"WorkflowCore finished only {done} of {count} instances before the timeout");
        }

        return ids;
    }

    // Continuations must not run inline on WorkflowCore's consumer threads, or stopping the host deadlocks.
    private static TaskCompletionSource NewCompletion(string id) => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static int EnvironmentNumber(string name, int defaultValue) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : defaultValue;
}
