using AiPlusTasks.Engine.Definitions;

namespace AiPlusTasks.Engine.Execution;

/// <summary>
/// The compiled shape of one flowchart: its start activity, outbound and forward-inbound connections per activity,
/// and which connections are loop-backs (found by a depth-first walk from the start; a connection to an activity
/// still on the walk's stack closes a loop).
/// </summary>
public sealed class FlowchartGraph
{
    private readonly Dictionary<string, List<int>> _outbound = [];
    private readonly Dictionary<string, List<int>> _forwardInbound = [];
    private readonly Dictionary<string, HashSet<string>> _downstream = [];
    private readonly Dictionary<string, HashSet<string>> _upstream = [];

    public FlowchartGraph(ActivityNode flowchart)
    {
        Flowchart = flowchart;
        Start = FindStart(flowchart);
        for (var i = 0; i < flowchart.Connections.Count; i++)
        {
            var connection = flowchart.Connections[i];
            Add(_outbound, connection.Source.Activity, i);
        }

        BackEdges = FindBackEdges();
        for (var i = 0; i < flowchart.Connections.Count; i++)
        {
            if (!BackEdges.Contains(i))
            {
                Add(_forwardInbound, flowchart.Connections[i].Target.Activity, i);
            }
        }

        Reachable = ReachableFrom(Start);
    }

    public ActivityNode Flowchart { get; }

    /// <summary>The activity the flowchart starts with: an <c>Elsa.Start</c>, else the only activity without inbound connections.</summary>
    public ActivityNode? Start { get; }

    /// <summary>Indexes of connections that close a loop.</summary>
    public IReadOnlySet<int> BackEdges { get; }

    /// <summary>Ids of the activities reachable from the start.</summary>
    public IReadOnlySet<string> Reachable { get; }

    public IReadOnlyList<int> Outbound(string activityId) => _outbound.TryGetValue(activityId, out var list) ? list : [];

    public IReadOnlyList<int> ForwardInbound(string activityId) => _forwardInbound.TryGetValue(activityId, out var list) ? list : [];

    /// <summary>Activities reachable from <paramref name="activityId"/> over forward connections, itself included.</summary>
    public IReadOnlySet<string> Downstream(string activityId)
    {
        lock (_downstream)
        {
            if (!_downstream.TryGetValue(activityId, out var set))
            {
                set = Walk(activityId, id => Outbound(id).Where(i => !BackEdges.Contains(i)).Select(i => Flowchart.Connections[i].Target.Activity));
                _downstream[activityId] = set;
            }

            return set;
        }
    }

    /// <summary>Activities from which <paramref name="activityId"/> is reachable over forward connections, itself excluded.</summary>
    public IReadOnlySet<string> Upstream(string activityId)
    {
        lock (_upstream)
        {
            if (!_upstream.TryGetValue(activityId, out var set))
            {
                set = Walk(activityId, id => ForwardInbound(id).Select(i => Flowchart.Connections[i].Source.Activity));
                set.Remove(activityId);
                _upstream[activityId] = set;
            }

            return set;
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
        var roots = flowchart.Activities.Where(a => !targets.Contains(a.Id)).ToList();
        return roots.Count >= 1 ? roots[0] : flowchart.Activities.FirstOrDefault();
    }

    private HashSet<int> FindBackEdges()
    {
        var backEdges = new HashSet<int>();
        if (Start is null)
        {
            return backEdges;
        }

        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<(string Activity, int Next)>();
        stack.Push((Start.Id, 0));
        onStack.Add(Start.Id);
        visited.Add(Start.Id);
        while (stack.Count > 0)
        {
            var (activity, next) = stack.Pop();
            var outbound = Outbound(activity);
            if (next >= outbound.Count)
            {
                onStack.Remove(activity);
                continue;
            }

            stack.Push((activity, next + 1));
            var index = outbound[next];
            var target = Flowchart.Connections[index].Target.Activity;
            if (onStack.Contains(target))
            {
                backEdges.Add(index);
            }
            else if (visited.Add(target))
            {
                onStack.Add(target);
                stack.Push((target, 0));
            }
        }

        return backEdges;
    }

    private HashSet<string> ReachableFrom(ActivityNode? start) =>
        start is null ? [] : Walk(start.Id, id => Outbound(id).Select(i => Flowchart.Connections[i].Target.Activity));

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
