using System.Globalization;
using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Workflows.Execution;

/// <summary>
/// Moves the state of a running instance from one version of its definition to another (docs/decisions/031), changing
/// nothing but activity ids: every active context (an activity that waits on a bookmark or a timer, an open task, a
/// running child, a composite with active children) takes the place the mapping gives it, with its bookmarks; each
/// flowchart's join bookkeeping (signals waiting at an activity that has not run yet, the joins that ran this round) is
/// keyed again by the new version's activities and connections; a sequence's position is taken from where its running
/// child stands in the new version. Nothing runs: what was done stays done, and what the new version added before the
/// places the instance waits in never runs. What cannot be moved safely is refused with the reason, in both languages.
/// </summary>
public static class InstanceMigration
{
    private const string SignalsKey = "signals";
    private const string RanKey = "ran";
    private const string SequenceIndexKey = "index";

    /// <summary>
    /// The place of activity <paramref name="activityId"/> of the source version: the mapping's entry when it has one
    /// (null: dropped), else the same id when the target version has it, else null (removed).
    /// </summary>
    public static string? PlaceOf(string activityId, IReadOnlyDictionary<string, string?> mapping, WorkflowBlueprint target) =>
        mapping.TryGetValue(activityId, out var mapped) ? mapped : target.Contains(activityId) ? activityId : null;

    /// <summary>
    /// The activities of <paramref name="state"/> that need a place in another version: those of its active contexts,
    /// and those where a flowchart holds signals or a join's round (ids of the version the state was made by).
    /// </summary>
    public static IReadOnlyList<string> ActivitiesHoldingState(WorkflowState state)
    {
        var ids = new List<string>();
        foreach (var context in state.Contexts.Values.OrderBy(c => long.Parse(c.Id, CultureInfo.InvariantCulture)))
        {
            Add(context.ActivityId);
            if (context.Memory?[SignalsKey] is JsonObject signals)
            {
                foreach (var (target, _) in signals)
                {
                    Add(target);
                }
            }

            if (context.Memory?[RanKey] is JsonObject ran)
            {
                foreach (var (join, _) in ran)
                {
                    Add(join);
                }
            }
        }

        return ids;

        void Add(string id)
        {
            if (!ids.Contains(id, StringComparer.Ordinal))
            {
                ids.Add(id);
            }
        }
    }

    /// <summary>
    /// Plans the move of <paramref name="state"/> (of <paramref name="source"/>) to <paramref name="target"/>: the new
    /// state, or every reason it cannot move. <paramref name="state"/> itself is left as it is.
    /// </summary>
    public static MigrationPlan Plan(WorkflowState state, WorkflowBlueprint source, WorkflowBlueprint target, IReadOnlyDictionary<string, string?> mapping)
    {
        // The root has one place whatever its id (Elsa Studio gives each version's flowchart an id of its own).
        if (!mapping.ContainsKey(source.Root.Id) && !target.Contains(source.Root.Id))
        {
            mapping = new Dictionary<string, string?>(mapping, StringComparer.Ordinal) { [source.Root.Id] = target.Root.Id };
        }

        var refusals = new List<MigrationRefusal>();
        var targetParents = ParentsOf(target.Definition);
        var places = new Dictionary<string, string>(StringComparer.Ordinal);

        // Each active context needs a place of the same type, inside the place of its parent.
        foreach (var context in state.Contexts.Values.OrderBy(c => long.Parse(c.Id, CultureInfo.InvariantCulture)))
        {
            var node = source.Activity(context.ActivityId);
            var place = Place(node, mapping, target, refusals, waits: true);
            if (place is null)
            {
                continue;
            }

            places[context.ActivityId] = place.Id;
            if (place.Type != node.Type)
            {
                refusals.Add(new MigrationRefusal(
                    node.Id,
                    $"它在“{Label(node)}”等待，而新版本中对应的“{Label(place)}”是另一种活动（{node.Type} → {place.Type}）",
                    $"it waits in '{Label(node)}', and its place '{Label(place)}' in the new version is another kind of activity ({node.Type} → {place.Type})"));
            }
        }

        foreach (var context in state.Contexts.Values)
        {
            if (!places.TryGetValue(context.ActivityId, out var place))
            {
                continue;
            }

            var parentPlace = context.ParentId is { } parentId && state.Contexts.TryGetValue(parentId, out var parent)
                ? places.GetValueOrDefault(parent.ActivityId)
                : null;
            var expected = targetParents.GetValueOrDefault(place);
            var fits = context.ParentId is null ? place == target.Root.Id : parentPlace is null || parentPlace == expected;
            if (!fits)
            {
                var node = source.Activity(context.ActivityId);
                refusals.Add(new MigrationRefusal(
                    node.Id,
                    $"“{Label(node)}”在新版本中被移到了另一个容器中，正在运行的容器不能随之移动",
                    $"'{Label(node)}' sits in another container in the new version, and a running container cannot follow it"));
            }
        }

        var moved = new WorkflowState
        {
            Variables = (JsonObject)state.Variables.DeepClone(),
            Input = (JsonObject)state.Input.DeepClone(),
            Output = (JsonObject)state.Output.DeepClone(),
            Results = MoveResults(state.Results, mapping, target),
            LastResultActivityId = state.LastResultActivityId is { } last ? PlaceOf(last, mapping, target) ?? last : null,
            Incidents = [.. state.Incidents],
            NextId = state.NextId,
            JournalSequence = state.JournalSequence,
        };

        foreach (var context in state.Contexts.Values)
        {
            if (!places.TryGetValue(context.ActivityId, out var place))
            {
                continue;
            }

            var memory = context.Memory?.DeepClone() as JsonObject;
            var node = source.Activity(context.ActivityId);
            if (memory is not null && node.Type == ActivityTypes.Flowchart && target.Contains(place) && target.Activity(place).Type == ActivityTypes.Flowchart)
            {
                MoveFlowchartMemory(memory, source.Graph(node), target.Graph(target.Activity(place)), mapping, target, refusals);
            }
            else if (memory is not null && node.Type == ActivityTypes.Sequence && target.Contains(place))
            {
                var child = state.Contexts.Values.FirstOrDefault(c => c.ParentId == context.Id);
                var index = child is not null && places.TryGetValue(child.ActivityId, out var childPlace)
                    ? target.Activity(place).Activities.FindIndex(a => a.Id == childPlace)
                    : -1;
                if (index >= 0)
                {
                    memory[SequenceIndexKey] = index;
                }
            }

            moved.Contexts[context.Id] = new ActivityContext
            {
                Id = context.Id,
                ActivityId = place,
                ParentId = context.ParentId,
                StartedAt = context.StartedAt,
                Suspended = context.Suspended,
                Scope = context.Scope?.DeepClone() as JsonObject,
                Memory = memory,
                Bookmarks = [.. context.Bookmarks.Select(b => b with { ActivityId = place })],
            };
        }

        return refusals.Count > 0 ? new MigrationPlan(null, refusals) : new MigrationPlan(moved, []);
    }

    /// <summary>The place of a node that holds state, or null with the reason it has none (added to <paramref name="refusals"/>).</summary>
    private static ActivityNode? Place(ActivityNode node, IReadOnlyDictionary<string, string?> mapping, WorkflowBlueprint target, List<MigrationRefusal> refusals, bool waits)
    {
        var what = waits ? ("它在", "等待", "it waits in") : ("有分支正汇合到", "", "branches are joining at");
        if (mapping.TryGetValue(node.Id, out var mapped))
        {
            if (mapped is null)
            {
                refusals.Add(new MigrationRefusal(
                    node.Id,
                    $"{what.Item1}“{Label(node)}”{what.Item2}，而映射舍弃了该活动",
                    $"{what.Item3} '{Label(node)}', which the mapping drops"));
                return null;
            }

            if (!target.Contains(mapped))
            {
                refusals.Add(new MigrationRefusal(
                    node.Id,
                    $"“{Label(node)}”被映射到“{mapped}”，而新版本中没有该活动",
                    $"'{Label(node)}' is mapped to '{mapped}', which the new version does not have"));
                return null;
            }

            return target.Activity(mapped);
        }

        if (target.Contains(node.Id))
        {
            return target.Activity(node.Id);
        }

        refusals.Add(new MigrationRefusal(
            node.Id,
            $"{what.Item1}“{Label(node)}”{what.Item2}，而新版本删除了该活动，映射也没有为它指定去处",
            $"{what.Item3} '{Label(node)}', which the new version removed and the mapping gives no place"));
        return null;
    }

    /// <summary>
    /// Keys a flowchart's signals and join rounds by the new version: each signal's connection must exist there (same
    /// source, port and target after the mapping), and a join still waiting must wait for the same branches.
    /// </summary>
    private static void MoveFlowchartMemory(
        JsonObject memory, FlowchartGraph from, FlowchartGraph to, IReadOnlyDictionary<string, string?> mapping, WorkflowBlueprint target, List<MigrationRefusal> refusals)
    {
        if (memory[SignalsKey] is JsonObject signals)
        {
            var movedSignals = new JsonObject();
            foreach (var (targetId, node) in signals)
            {
                var join = from.Flowchart.Activities.First(a => a.Id == targetId);
                var place = Place(join, mapping, target, refusals, waits: false);
                if (place is null)
                {
                    continue;
                }

                var oldInbound = from.ForwardInbound(targetId).Select(i => Key(from, i, mapping, target)).ToHashSet(StringComparer.Ordinal);
                var newInbound = to.ForwardInbound(place.Id).Select(i => Key(to, i, null, target)).ToHashSet(StringComparer.Ordinal);
                if (!oldInbound.SetEquals(newInbound) || to.JoinRuleOf(place.Id) != from.JoinRuleOf(targetId))
                {
                    refusals.Add(new MigrationRefusal(
                        targetId,
                        $"有分支正汇合到“{Label(join)}”，而新版本中该汇合等待的分支或汇合方式不同",
                        $"branches are joining at '{Label(join)}', and in the new version that join waits for other branches or joins another way"));
                    continue;
                }

                var movedQueues = new JsonObject();
                foreach (var (connection, queue) in (JsonObject)node!)
                {
                    var key = Key(from, int.Parse(connection, CultureInfo.InvariantCulture), mapping, target);
                    var index = to.ForwardInbound(place.Id).First(i => Key(to, i, null, target) == key);
                    movedQueues[index.ToString(CultureInfo.InvariantCulture)] = queue?.DeepClone();
                }

                movedSignals[place.Id] = movedQueues;
            }

            memory[SignalsKey] = movedSignals;
        }

        if (memory[RanKey] is JsonObject ran)
        {
            var movedRan = new JsonObject();
            foreach (var (joinId, count) in ran)
            {
                var place = Place(from.Flowchart.Activities.First(a => a.Id == joinId), mapping, target, refusals, waits: false);
                if (place is not null)
                {
                    movedRan[place.Id] = count?.DeepClone();
                }
            }

            memory[RanKey] = movedRan;
        }
    }

    /// <summary>A connection by what it joins (source after the mapping, port, target after the mapping), not by its position in the file.</summary>
    private static string Key(FlowchartGraph graph, int connection, IReadOnlyDictionary<string, string?>? mapping, WorkflowBlueprint target)
    {
        string Moved(string id) => mapping is null ? id : PlaceOf(id, mapping, target) ?? "\0removed:" + id;
        return $"{Moved(graph.SourceOf(connection))}\n{graph.PortOf(connection)}\n{Moved(graph.TargetOf(connection))}";
    }

    /// <summary>Results of activities the mapping renames follow them; the rest keep their ids (getXFromY of what ran before).</summary>
    private static JsonObject MoveResults(JsonObject results, IReadOnlyDictionary<string, string?> mapping, WorkflowBlueprint target)
    {
        var moved = new JsonObject();
        foreach (var (id, value) in results)
        {
            var place = mapping.TryGetValue(id, out var mapped) && mapped is not null && target.Contains(mapped) ? mapped : id;
            moved[place] = value?.DeepClone();
        }

        return moved;
    }

    private static Dictionary<string, string> ParentsOf(WorkflowDefinition definition)
    {
        var parents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in definition.AllActivities())
        {
            foreach (var child in node.Children)
            {
                parents.TryAdd(child.Id, node.Id);
            }
        }

        return parents;
    }

    /// <summary>How people know an activity: its display name, else its id.</summary>
    public static string Label(ActivityNode node) => string.IsNullOrWhiteSpace(node.Name) ? node.Id : node.Name;
}
