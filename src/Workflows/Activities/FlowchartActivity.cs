using System.Globalization;
using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Workflows.Activities;

/// <summary>
/// <c>Elsa.Flowchart</c>, by the rules of docs/decisions/012. It runs its start activity; when a child completes,
/// every forward connection leaving it delivers a live signal (its port is one of the outcomes) or a dead one, and
/// the target decides by its <see cref="JoinRule"/> whether to run, wait, or be skipped (a skipped activity passes
/// dead signals on, so a join never waits for a branch that will not come). A live backward connection runs the
/// loop's head again: signals sent from inside the loop are withdrawn, and the dead signals of the completion that
/// loops back are not sent (the next iteration decides them). The flowchart completes when no child is active and
/// no child's completion is still to be delivered.
/// </summary>
internal sealed class FlowchartActivity : IActivity
{
    private const string SignalsKey = "signals";
    private const string RanKey = "ran";
    private const string LegacyFiredKey = "fired";

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
        UpgradeMemory(context);
        var loopsBack = false;
        foreach (var connection in graph.Outbound(child.Id))
        {
            if (graph.BackEdges.Contains(connection) && outcomes.Contains(graph.PortOf(connection)))
            {
                loopsBack = true;
                WithdrawLoopSignals(context, graph, connection);
                context.ScheduleChild(context.Blueprint.Activity(graph.TargetOf(connection)));
            }
        }

        foreach (var connection in graph.ForwardOutbound(child.Id))
        {
            var live = outcomes.Contains(graph.PortOf(connection));
            if (live || !loopsBack)
            {
                Signal(context, graph, connection, live);
            }
        }

        CompleteWhenIdle(context);
    }

    private static void CompleteWhenIdle(ActivityExecutionContext context)
    {
        if (!context.HasChildWork())
        {
            context.Complete();
        }
    }

    private static void Signal(ActivityExecutionContext context, FlowchartGraph graph, int connection, bool live)
    {
        var targetId = graph.TargetOf(connection);
        var signals = SignalsOf(context, targetId);
        var key = connection.ToString(CultureInfo.InvariantCulture);
        if (signals[key] is not JsonArray queue)
        {
            queue = [];
            signals[key] = queue;
        }

        queue.Add(live);
        var rule = graph.JoinRuleOf(targetId);
        if (live && rule is JoinRule.WaitAny or JoinRule.Cascade && Ran(context).Add(targetId, onlyOnce: rule == JoinRule.WaitAny))
        {
            context.ScheduleChild(context.Blueprint.Activity(targetId));
            if (rule == JoinRule.WaitAny)
            {
                CancelStartedUpstream(context, graph, targetId);
            }
        }

        EndRoundWhenComplete(context, graph, targetId, rule);
    }

    /// <summary>When every forward inbound connection has delivered, takes one signal from each and decides.</summary>
    private static void EndRoundWhenComplete(ActivityExecutionContext context, FlowchartGraph graph, string targetId, JoinRule rule)
    {
        if ((context.Memory[SignalsKey] as JsonObject)?[targetId] is not JsonObject signals)
        {
            return;
        }

        var inbound = graph.ForwardInbound(targetId);
        var queues = inbound.Select(i => signals[i.ToString(CultureInfo.InvariantCulture)] as JsonArray).ToList();
        if (queues.Any(q => q is null || q.Count == 0))
        {
            return;
        }

        var round = queues.Select(q => TakeFirst(q!)).ToList();
        if (queues.All(q => q!.Count == 0))
        {
            (context.Memory[SignalsKey] as JsonObject)?.Remove(targetId);
        }

        var run = rule switch
        {
            JoinRule.WaitAll => round.All(live => live),
            JoinRule.WaitAllActive => round.Any(live => live),
            _ => false,
        };
        var ranInRound = rule is JoinRule.WaitAny or JoinRule.Cascade && Ran(context).Remove(targetId);
        if (run)
        {
            context.ScheduleChild(context.Blueprint.Activity(targetId));
        }
        else if (!ranInRound)
        {
            Skip(context, graph, targetId);
        }
    }

    private static bool TakeFirst(JsonArray queue)
    {
        var live = queue[0]!.GetValue<bool>();
        queue.RemoveAt(0);
        return live;
    }

    /// <summary>An activity that will not run passes a dead signal through each forward connection leaving it.</summary>
    private static void Skip(ActivityExecutionContext context, FlowchartGraph graph, string activityId)
    {
        foreach (var connection in graph.ForwardOutbound(activityId))
        {
            Signal(context, graph, connection, live: false);
        }
    }

    /// <summary>
    /// A <see cref="JoinRule.WaitAny"/> join ran: the activities upstream of it that have started (they wait on a
    /// bookmark, or are composites still running) are cancelled and pass dead signals on. What was scheduled but has
    /// not started still runs, as in Elsa 3.
    /// </summary>
    private static void CancelStartedUpstream(ActivityExecutionContext context, FlowchartGraph graph, string joinId)
    {
        var upstream = graph.Upstream(joinId);
        foreach (var child in context.ActiveChildren().Where(c => c.StartedAt is not null && upstream.Contains(c.ActivityId)).ToList())
        {
            if (context.CancelChild(child))
            {
                Skip(context, graph, child.ActivityId);
            }
        }
    }

    /// <summary>A loop runs again: what its body signalled in the last iteration is withdrawn, and its joins start a new round.</summary>
    private static void WithdrawLoopSignals(ActivityExecutionContext context, FlowchartGraph graph, int backEdge)
    {
        var region = graph.LoopRegion(backEdge);
        if (context.Memory[SignalsKey] is JsonObject all)
        {
            foreach (var (targetId, node) in all.ToList())
            {
                var signals = (JsonObject)node!;
                foreach (var (key, _) in signals.ToList())
                {
                    if (region.Contains(graph.SourceOf(int.Parse(key, CultureInfo.InvariantCulture))))
                    {
                        signals.Remove(key);
                    }
                }

                if (signals.Count == 0)
                {
                    all.Remove(targetId);
                }
            }
        }

        var ran = Ran(context);
        foreach (var id in region)
        {
            ran.Remove(id);
        }
    }

    /// <summary>
    /// Instances saved before ADR 012 kept one signal per connection (a boolean) and the WaitAny joins that fired as an
    /// array under "fired"; they continue with the same meaning.
    /// </summary>
    private static void UpgradeMemory(ActivityExecutionContext context)
    {
        if (context.Memory[SignalsKey] is JsonObject all)
        {
            foreach (var signals in all.Select(s => s.Value).OfType<JsonObject>())
            {
                foreach (var (key, value) in signals.ToList())
                {
                    if (value is JsonValue single)
                    {
                        signals[key] = new JsonArray(single.GetValue<bool>());
                    }
                }
            }
        }

        if (context.Memory[LegacyFiredKey] is JsonArray fired)
        {
            var ran = Ran(context);
            foreach (var id in fired.Select(f => f!.GetValue<string>()))
            {
                ran.Add(id, onlyOnce: true);
            }

            context.Memory.Remove(LegacyFiredKey);
        }
    }

    private static JsonObject SignalsOf(ActivityExecutionContext context, string targetId)
    {
        if (context.Memory[SignalsKey] is not JsonObject all)
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

    private static RanSet Ran(ActivityExecutionContext context)
    {
        if (context.Memory[RanKey] is not JsonObject counts)
        {
            counts = [];
            context.Memory[RanKey] = counts;
        }

        return new RanSet(counts);
    }

    /// <summary>How often each WaitAny or Cascade join ran in its current round, kept in the flowchart's memory.</summary>
    private readonly struct RanSet(JsonObject counts)
    {
        /// <summary>Counts a run; false when <paramref name="onlyOnce"/> and the join already ran this round.</summary>
        public bool Add(string id, bool onlyOnce)
        {
            var count = counts[id]?.GetValue<int>() ?? 0;
            if (onlyOnce && count > 0)
            {
                return false;
            }

            counts[id] = count + 1;
            return true;
        }

        /// <summary>Ends the join's round; true when it ran in it.</summary>
        public bool Remove(string id) => counts.Remove(id);
    }
}
