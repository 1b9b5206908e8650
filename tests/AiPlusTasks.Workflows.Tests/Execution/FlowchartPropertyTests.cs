using AiPlusTasks.Workflows.Execution;
using AiPlusTasks.Workflows.Tests.Support;
using CsCheck;

namespace AiPlusTasks.Workflows.Tests.Execution;

/// <summary>
/// Seeded random flowcharts run by the interpreter in memory and checked against <see cref="FlowchartReferenceModel"/>:
/// every activity that should run runs exactly as often as it should, nothing runs after an End, the instance
/// finishes, and shuffling the definition's activities and connections changes nothing.
/// </summary>
public sealed class FlowchartPropertyTests
{
    private const int Iterations = 300;

    [Fact]
    public void ForksJoinsDecisionsLoopsAndWaits_RunAsTheReferenceModelSays_InAnyOrder() =>
        Gen.Int[0, int.MaxValue].Sample(
            seed =>
            {
                var flow = RandomFlowchart.Generate(seed, new RandomFlowchart.Options(Timed: false));
                var expected = FlowchartReferenceModel.Completions(flow, out _);
                foreach (var shuffle in new int?[] { null, seed, seed ^ 0x5bd1e995 })
                {
                    var instance = InMemoryInstance.Start(flow.ToJson(shuffle));
                    var random = new Random(seed + (shuffle ?? 0));
                    instance.ResumeAll(bookmarks => bookmarks[random.Next(bookmarks.Count)]);
                    AssertRan(flow, shuffle, instance, expected);
                }
            },
            iter: Iterations);

    [Fact]
    public void ForksJoinsDecisionsWaitAnyAndEnd_RunAsTheReferenceModelSays_InAnyOrder() =>
        Gen.Int[0, int.MaxValue].Sample(
            seed =>
            {
                var flow = RandomFlowchart.Generate(seed, new RandomFlowchart.Options(Timed: true));
                var expected = FlowchartReferenceModel.Completions(flow, out var ends);
                foreach (var shuffle in new int?[] { null, seed, seed ^ 0x5bd1e995 })
                {
                    var instance = InMemoryInstance.Start(flow.ToJson(shuffle));
                    var endsRun = ends.Where(e => instance.Completions.ContainsKey(e.Id)).ToList();
                    Assert.True(
                        ends.Count == 0 ? endsRun.Count == 0 : endsRun.Count == 1 && endsRun[0].Step == ends.Min(e => e.Step),
                        $"{Describe(flow, shuffle)}: Ends that ran: {string.Join(", ", endsRun)}; expected one of the earliest of {string.Join(", ", ends)}");
                    AssertRan(flow, shuffle, instance, expected);
                }
            },
            iter: Iterations);

    private static void AssertRan(RandomFlowchart flow, int? shuffle, InMemoryInstance instance, Dictionary<string, int> expected)
    {
        var actual = instance.Completions
            .Where(c => c.Key != "root" && flow.Nodes.All(n => n.Id != c.Key || n.Kind != RandomFlowchart.Kind.End))
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => $"{c.Key}×{c.Value}");
        var want = expected.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}×{c.Value}");
        Assert.True(
            want.SequenceEqual(actual) && instance.Status == WorkflowStatus.Finished,
            $"{Describe(flow, shuffle)}\nexpected {string.Join(" ", want)} and Finished\nactual   {string.Join(" ", actual)} and {instance.Status}");
    }

    private static string Describe(RandomFlowchart flow, int? shuffle) => $"{flow} (shuffle {shuffle?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})";
}
