using AiPlusTasks.Workflows.Execution;
using Kind = AiPlusTasks.Workflows.Tests.Execution.RandomFlowchart.Kind;

namespace AiPlusTasks.Workflows.Tests.Execution;

/// <summary>
/// The flowchart rules of docs/decisions/012 (after Elsa 3's documented join modes), written as directly as they
/// read, for an acyclic <see cref="RandomFlowchart"/>: visit the activities in topological order; each forward inbound
/// connection is live when its source ran and completed on its port; an activity runs by its join rule (WaitAllActive:
/// any live; WaitAll: all live; WaitAny: any live) and is otherwise skipped. Loops are whole blocks whose body runs
/// their iteration count. For the timed shapes (End, WaitAny) it also computes the step in which each activity runs:
/// signals of an activity that ran in step w arrive after step w; a join waiting for all decides when its last signal
/// arrives, a WaitAny join on its first live one; an End that runs in step e ends the flowchart before anything else
/// of step e runs.
/// </summary>
internal static class FlowchartReferenceModel
{
    /// <summary>How often each activity completes, by id; <paramref name="ends"/> the steps in which Ends became runnable.</summary>
    public static Dictionary<string, int> Completions(RandomFlowchart flow, out IReadOnlyList<(string Id, int Step)> ends)
    {
        var count = flow.Nodes.Count;
        var ran = new bool[count];
        var step = new int[count];
        ran[0] = true;
        for (var i = 1; i < count; i++)
        {
            var inbound = flow.Edges.Where(e => e.To == i).Select(e => (Live: ran[e.From] && flow.Outcomes(e.From).Contains(e.Port), Arrives: step[e.From])).ToList();
            var live = inbound.Where(s => s.Live).ToList();
            switch (RuleOf(flow.Nodes[i]))
            {
                case JoinRule.WaitAny:
                    ran[i] = live.Count > 0;
                    step[i] = ran[i] ? live.Min(s => s.Arrives) + 1 : inbound.Max(s => s.Arrives);
                    break;
                case JoinRule.WaitAll:
                    ran[i] = live.Count == inbound.Count;
                    step[i] = inbound.Max(s => s.Arrives) + (ran[i] ? 1 : 0);
                    break;
                default:
                    ran[i] = live.Count > 0;
                    step[i] = inbound.Max(s => s.Arrives) + (ran[i] ? 1 : 0);
                    break;
            }
        }

        ends = [.. Enumerable.Range(0, count).Where(i => ran[i] && flow.Nodes[i].Kind == Kind.End).Select(i => (flow.Nodes[i].Id, step[i]))];
        var endStep = ends.Count == 0 ? int.MaxValue : ends.Min(e => e.Step);
        var completions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var node = flow.Nodes[i];
            if (!ran[i] || step[i] >= endStep || node.Kind == Kind.End)
            {
                continue;
            }

            completions[node.Id] = node.Kind == Kind.Loop ? node.Iterations : 1;
            if (node.Kind == Kind.Loop)
            {
                foreach (var part in new[] { "_body", "_count", "_again" })
                {
                    completions[node.Id + part] = node.Iterations;
                }
            }
        }

        return completions;
    }

    private static JoinRule RuleOf(RandomFlowchart.Node node) => node.Kind == Kind.Join
        ? node.Join switch
        {
            "WaitAll" => JoinRule.WaitAll,
            "WaitAllActive" => JoinRule.WaitAllActive,
            _ => JoinRule.WaitAny,
        }
        : node.Join switch
        {
            "Converge" => JoinRule.WaitAll,
            "Race" => JoinRule.WaitAny,
            _ => JoinRule.WaitAllActive,
        };
}
