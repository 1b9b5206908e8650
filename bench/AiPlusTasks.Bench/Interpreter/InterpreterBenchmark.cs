using AiPlusTasks.Bench.Engine;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Bench.Interpreter;

/// <summary>
/// The bench workflow through the interpreter alone (<see cref="InMemoryHost"/>): start every instance, then raise
/// every event by correlation id, on a given number of concurrent callers — the engine rows' driver without the
/// store. Every instance must end Finished having completed the approved branch's End, or no speed is reported.
/// The timed run is <see cref="RunsPerInstanceCount"/> times the mode's instances: at the mode's count it lasts a
/// few tenths of a second, too short to time on a shared machine.
/// </summary>
internal static class InterpreterBenchmark
{
    private const int RunsPerInstanceCount = 10;

    /// <summary>The End activity on the decision's True branch (<see cref="BenchDefinition"/>).</summary>
    private const string ApprovedEnd = "approved";

    public static async Task<ScenarioResult> RunAsync(BenchMode mode, int callers, string? definitionJson = null)
    {
        using var host = new InMemoryHost(definitionJson ?? BenchDefinition.Json());
        await RunBatchAsync(host, "warm", mode.WarmUp, callers);
        var stopwatch = RunClock.Start();
        var instances = RunsPerInstanceCount * mode.Instances;
        await RunBatchAsync(host, "run", instances, callers);
        stopwatch.Stop();

        var total = mode.WarmUp + instances;
        var approved = host.Instances.Values.Count(i => i.Status == WorkflowStatus.Finished && i.Completed.Contains(ApprovedEnd));
        if (host.Instances.Count != total || approved != total)
        {
            throw new BenchmarkFailedException($"interpreter ({callers} callers): {approved} of {host.Instances.Count} instances finished on the approved branch, expected {total}");
        }

        return new ScenarioResult(
            "interpreter",
            "the interpreter alone, in memory: state objects kept between bursts, no store",
            callers,
            instances,
            2L * instances,
            stopwatch.Elapsed.TotalSeconds,
            PeakWorkingSet.Bytes()) { CpuSeconds = stopwatch.CpuSeconds, MethodsJitted = stopwatch.MethodsJitted };
    }

    private static async Task RunBatchAsync(InMemoryHost host, string prefix, int count, int callers)
    {
        await Callers.RunAsync(count, callers, i =>
        {
            var started = host.Start($"{prefix}-{i}");
            return started.Status == WorkflowStatus.Suspended
                ? Task.CompletedTask
                : throw new BenchmarkFailedException($"instance {started.Id} is {started.Status} after start, expected Suspended");
        });
        await Callers.RunAsync(count, callers, i => host.RaiseEvent(BenchDefinition.EventName, $"{prefix}-{i}") is not null
            ? Task.CompletedTask
            : throw new BenchmarkFailedException($"no instance waits for the event of {prefix}-{i}"));
    }
}
