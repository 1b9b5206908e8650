using AiPlusTasks.Bench.Engine;
using AiPlusTasks.Bench.Interpreter;

namespace AiPlusTasks.Bench.Tests;

/// <summary>Guards the interpreter row: every instance finishes on the approved branch, or no speed is reported.</summary>
public sealed class InterpreterScenarioTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Interpreter_FinishesEveryInstanceOnTheApprovedBranch(int callers)
    {
        var result = await InterpreterBenchmark.RunAsync(BenchMode.Check, callers);

        Assert.Equal(10 * BenchMode.Check.Instances, result.Units);
        Assert.Equal(2L * result.Units, result.Bursts);
        Assert.True(result.Seconds > 0);
    }

    [Fact]
    public async Task Interpreter_WhereInstancesTakeTheWrongBranch_ReportsNoSpeed()
    {
        var failure = await Assert.ThrowsAsync<BenchmarkFailedException>(() =>
            InterpreterBenchmark.RunAsync(BenchMode.Check, 4, BenchDefinition.Json(approved: false)));

        Assert.Contains("0 of", failure.Message, StringComparison.Ordinal);
    }
}
