using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Workflows.Execution;

/// <summary>
/// The compiled shape of one flowchart (docs/decisions/012): its start activity, the activities reachable from it,
/// which connections close a loop, the forward inbound connections and the join rule of each activity.
/// Nothing here depends on the order of activities or connections in the JSON: a connection closes a loop when its
/// target dominates its source (every path from the start to the source passes through the target), which is
/// Elsa 3's rule for a valid backward connection; a cycle with two entries (no dominating target) is broken at the
/// connection a depth-first walk in activity-id order meets last.
/// </summary>
public sealed class FlowchartGraph
{
    private readonly Dictionary<string, List<int>> _outbound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _forwardInbound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _forwardOutbound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JoinRule> _joinRules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _downstream = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _upstream = new(StringComparer.Ordinal);
    private readonly Dictionary<int, HashSet<string>> _loopRegions = [];

    public FlowchartGraph(ActivityNode flowchart)
    {
        Flowchart = flowchart;
        Start = FindStart(flowchart);
        for (var i = 0; i < flowchart.Connections.Count; i++)
        {
            Add(_outbound, flowchart.Connections[i].Source.Activity, i);
        }

        Reachable = Start is null ? new HashSet<string>(StringComparer.Ordinal) : Walk(Start.Id, id => Outbound(id).Select(TargetOf));
        BackEdges = FindBackEdges();
        for (var i = 0; i < flowchart.Connections.Count; i++)
        {
            var connection = flowchart.Connections[i];
            if (!BackEdges.Contains(i) && Reachable.Contains(connection.Source.Activity))
            {
                Add(_forwardInbound, connection.Target.Activity, i);
                Add(_forwardOutbound, connection.Source.Activity, i);
            }
        }

        foreach (var activity in flowchart.Activities)
        {
            _joinRules[activity.Id] = JoinRules.Of(activity);
        }
    }

    public ActivityNode Flowchart { get; }

    /// <summary>The activity the flowchart starts with: an <c>Elsa.Start</c>, else the first activity without inbound connections, else the first.</summary>
    public ActivityNode? Start { get; }

    /// <summary>Indexes of connections that close a loop (backward connections).</summary>
    public IReadOnlySet<int> BackEdges { get; }

    /// <summary>Ids of the activities reachable from the start.</summary>
    public IReadOnlySet<string> Reachable { get; }

    /// <summary>Every connection leaving the activity, forward and backward, in file order.</summary>
    public IReadOnlyList<int> Outbound(string activityId) => _outbound.TryGetValue(activityId, out var list) ? list : [];

    /// <summary>The forward connections leaving the activity (no loop-backs).</summary>
    public IReadOnlyList<int> ForwardOutbound(string activityId) => _forwardOutbound.TryGetValue(activityId, out var list) ? list : [];

    /// <summary>The forward connections into the activity from activities reachable from the start: what a join waits for.</summary>
    public IReadOnlyList<int> ForwardInbound(string activityId) => _forwardInbound.TryGetValue(activityId, out var list) ? list : [];

    /// <summary>How the activity joins its forward inbound connections.</summary>
    public JoinRule JoinRuleOf(string activityId) => _joinRules.TryGetValue(activityId, out var rule) ? rule : JoinRule.WaitAllActive;

    public string SourceOf(int connection) => Flowchart.Connections[connection].Source.Activity;

    public string TargetOf(int connection) => Flowchart.Connections[connection].Target.Activity;

    public string PortOf(int connection) => Flowchart.Connections[connection].Source.Port ?? ActivityDescriptor.Done;

    /// <summary>Activities reachable from <paramref name="activityId"/> over forward connections, itself included.</summary>
    public IReadOnlySet<string> Downstream(string activityId) =>
        Cached(_downstream, activityId, id => Walk(id, a => ForwardOutbound(a).Select(TargetOf)));

    /// <summary>Activities from which <paramref name="activityId"/> is reachable over forward connections, itself excluded.</summary>
    public IReadOnlySet<string> Upstream(string activityId) => Cached(_upstream, activityId, id =>
    {
        var set = Walk(id, a => ForwardInbound(a).Select(SourceOf));
        set.Remove(id);
        return set;
    });

    /// <summary>
    /// The body of the loop a backward connection closes: the activities on a forward path from its target (the loop's
    /// head) to its source, both included.
    /// </summary>
    public IReadOnlySet<string> LoopRegion(int backEdge)
    {
        lock (_loopRegions)
        {
            if (!_loopRegions.TryGetValue(backEdge, out var region))
            {
                var source = SourceOf(backEdge);
                region = [.. Downstream(TargetOf(backEdge)).Where(id => id == source || Upstream(source).Contains(id))];
                _loopRegions[backEdge] = region;
            }

            return region;
        }
    }

    private static ActivityNode? FindStart(ActivityNode flowchart)
    {
        var explicitStart = flowchart.Activities.FirstOrDefault(a => a.Type == ActivityTypes.Start);
        if (explicitStart is not null)
        {
            return explicitStart;
        }

        var targets = flowchart.Connections.Select(c => c.Target.Activity).ToHashSet(StringComparer.Ordinal);
        return flowchart.Activities.FirstOrDefault(a => !targets.Contains(a.Id)) ?? flowchart.Activities.FirstOrDefault();
    }

    private HashSet<int> FindBackEdges()
    {
        var backEdges = new HashSet<int>();
        if (Start is null)
        {
            return backEdges;
        }

        var dominators = Dominators();
        for (var i = 0; i < Flowchart.Connections.Count; i++)
        {
            var (source, target) = (SourceOf(i), TargetOf(i));
            if (Reachable.Contains(source) && dominators[source].Contains(target))
            {
                backEdges.Add(i);
            }
        }

        BreakRemainingCycles(backEdges);
        return backEdges;
    }

    /// <summary>For each reachable activity, the activities every path from the start to it passes through (itself included).</summary>
    private Dictionary<string, HashSet<string>> Dominators()
    {
        var inbound = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var connection in Flowchart.Connections.Where(c => Reachable.Contains(c.Source.Activity)))
        {
            if (!inbound.TryGetValue(connection.Target.Activity, out var sources))
            {
                sources = [];
                inbound[connection.Target.Activity] = sources;
            }

            sources.Add(connection.Source.Activity);
        }

        var dominators = Reachable.ToDictionary(id => id, _ => new HashSet<string>(Reachable, StringComparer.Ordinal), StringComparer.Ordinal);
        dominators[Start!.Id] = new HashSet<string>(StringComparer.Ordinal) { Start.Id };
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var id in Reachable.Where(id => id != Start.Id))
            {
                var next = new HashSet<string>(Reachable, StringComparer.Ordinal);
                foreach (var source in inbound.GetValueOrDefault(id) ?? [])
                {
                    next.IntersectWith(dominators[source]);
                }

                next.Add(id);
                if (!next.SetEquals(dominators[id]))
                {
                    dominators[id] = next;
                    changed = true;
                }
            }
        }

        return dominators;
    }

    /// <summary>A cycle entered at two places has no dominating head; a walk in activity-id order picks its backward connection.</summary>
    private void BreakRemainingCycles(HashSet<int> backEdges)
    {
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<(string Activity, int Next)>();
        stack.Push((Start!.Id, 0));
        onStack.Add(Start.Id);
        visited.Add(Start.Id);
        while (stack.Count > 0)
        {
            var (activity, next) = stack.Pop();
            var outbound = Outbound(activity).Where(i => !backEdges.Contains(i)).OrderBy(TargetOf, StringComparer.Ordinal).ThenBy(PortOf, StringComparer.Ordinal).ToList();
            if (next >= outbound.Count)
            {
                onStack.Remove(activity);
                continue;
            }

            stack.Push((activity, next + 1));
            var target = TargetOf(outbound[next]);
            if (onStack.Contains(target))
            {
                backEdges.Add(outbound[next]);
            }
            else if (visited.Add(target))
            {
                onStack.Add(target);
                stack.Push((target, 0));
            }
        }
    }

    private static HashSet<string> Cached(Dictionary<string, HashSet<string>> cache, string key, Func<string, HashSet<string>> compute)
    {
        lock (cache)
        {
            if (!cache.TryGetValue(key, out var set))
            {
                set = compute(key);
                cache[key] = set;
            }

            return set;
        }
    }

    private static HashSet<string> Walk(string from, Func<string, IEnumerable<string>> next)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { from };
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var id))
        {
            foreach (var neighbour in next(id))
            {
                if (seen.Add(neighbour))
                {
                    queue.Enqueue(neighbour);
                }
            }
        }

        return seen;
    }

    private static void Add(Dictionary<string, List<int>> map, string key, int index)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        list.Add(index);
    }
}
