using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Definitions;
using AiPlusTasks.Engine.Execution;

namespace AiPlusTasks.Engine.Activities;

/// <summary>
/// <c>Elsa.Flowchart</c>. Runs its start activity, then follows connections whose source port is among the outcomes
/// of the activity that completed. Joins use dead-path elimination (docs/decisions/002): every forward connection
/// into an activity carries a live or a dead signal; an activity with several inbound connections waits until each
/// has signalled, runs when at least one is live and passes dead signals on when none is, so a decision's untaken
/// branch never blocks a merge and parallel branches join once. A live signal on a loop-back connection resets the
/// loop's bookkeeping and runs its head again. <c>Elsa.FlowJoin</c> in WaitAny mode runs on the first live signal and
/// cancels what is still active upstream of it. The flowchart completes when no child is active.
/// </summary>
internal sealed class FlowchartActivity : IActivity
{
    private const string SignalsKey = "signals";
    private const string FiredKey = "fired";

    public ActivityDescriptor Descriptor { get; } = new(ActivityTypes.Flowchart, "flow", [], ActivityDescriptor.DoneOnly);

    public void Execute(ActivityExecutionContext context)
    {
        var graph = context.Blueprint.Graph(context.Node);
        if (graph.Start is null)
        {
            context.Complete();
            return;
        }

        context.ScheduleChild(graph.Start);
    }

    public void OnChildCompleted(ActivityExecutionContext context, ActivityNode child, IReadOnlyList<string> outcomes)
    {
        var graph = context.Blueprint.Graph(context.Node);
        SignalOutbound(context, graph, child.Id, outcomes);
        if (context.ActiveChildren().Count == 0)
        {
            context.Complete();
        }
    }

    private static void SignalOutbound(ActivityExecutionContext context, FlowchartGraph graph, string activityId, IReadOnlyList<string>? liveOutcomes)
    {
        foreach (var index in graph.Outbound(activityId))
        {
            var port = graph.Flowchart.Connections[index].Source.Port ?? ActivityDescriptor.Done;
            Signal(context, graph, index, liveOutcomes is not null && liveOutcomes.Contains(port));
        }
    }

    private static void Signal(ActivityExecutionContext context, FlowchartGraph graph, int connectionIndex, bool live)
    {
        var targetId = graph.Flowchart.Connections[connectionIndex].Target.Activity;
        var target = context.Blueprint.Activity(targetId);
        if (graph.BackEdges.Contains(connectionIndex))
        {
            if (live)
            {
                ResetLoop(context, graph, targetId);
                context.ScheduleChild(target);
            }

            return;
        }

        var required = graph.ForwardInbound(targetId).Count;
        var signals = SignalsOf(context, targetId);
        signals[connectionIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)] = live;

        if (IsWaitAnyJoin(context, target))
        {
            var fired = Fired(context);
            if (live && !fired.Contains(targetId))
            {
                fired.Add(targetId);
                CancelUpstream(context, graph, targetId);
                context.ScheduleChild(target);
            }

            if (signals.Count >= required)
            {
                if (!fired.Contains(targetId))
                {
                    SignalOutbound(context, graph, targetId, null);
                }

                ClearSignals(context, targetId);
                fired.Remove(targetId);
            }

            return;
        }

        if (signals.Count < required)
        {
            return;
        }

        var anyLive = signals.Any(s => s.Value?.GetValue<bool>() == true);
        ClearSignals(context, targetId);
        if (anyLive)
        {
            context.ScheduleChild(target);
        }
        else
        {
            SignalOutbound(context, graph, targetId, null);
        }
    }

    private static bool IsWaitAnyJoin(ActivityExecutionContext context, ActivityNode target)
    {
        if (target.Type != ActivityTypes.FlowJoin)
        {
            return false;
        }

        var mode = target.GetInput("mode")?.Text;
        return string.Equals(mode, "WaitAny", StringComparison.OrdinalIgnoreCase);
    }

    private static void CancelUpstream(ActivityExecutionContext context, FlowchartGraph graph, string joinId)
    {
        var upstream = graph.Upstream(joinId);
        foreach (var child in context.ActiveChildren())
        {
            if (upstream.Contains(child.ActivityId))
            {
                context.CancelChild(child);
            }
        }

        foreach (var id in upstream)
        {
            ClearSignals(context, id);
        }
    }

    private static void ResetLoop(ActivityExecutionContext context, FlowchartGraph graph, string headId)
    {
        var fired = Fired(context);
        foreach (var id in graph.Downstream(headId))
        {
            ClearSignals(context, id);
            fired.Remove(id);
        }
    }

    private static JsonObject SignalsOf(ActivityExecutionContext context, string targetId)
    {
        var all = context.Memory[SignalsKey] as JsonObject;
        if (all is null)
        {
            all = [];
            context.Memory[SignalsKey] = all;
        }

        if (all[targetId] is not JsonObject signals)
        {
            signals = [];
            all[targetId] = signals;
        }

        return signals;
    }

    private static void ClearSignals(ActivityExecutionContext context, string targetId) =>
        (context.Memory[SignalsKey] as JsonObject)?.Remove(targetId);

    private static FiredSet Fired(ActivityExecutionContext context)
    {
        if (context.Memory[FiredKey] is not JsonArray array)
        {
            array = [];
            context.Memory[FiredKey] = array;
        }

        return new FiredSet(array);
    }

    /// <summary>The WaitAny joins that already ran in the current round, kept as a JSON array in the flowchart's memory.</summary>
    private readonly struct FiredSet(JsonArray array)
    {
        public bool Contains(string id) => array.Any(n => n?.GetValue<string>() == id);

        public void Add(string id) => array.Add(id);

        public void Remove(string id)
        {
            var node = array.FirstOrDefault(n => n?.GetValue<string>() == id);
            if (node is not null)
            {
                array.Remove(node);
            }
        }
    }
}
