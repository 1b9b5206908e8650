using AiPlusTasks.Designer.Graph;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Designer.Instances;

/// <summary>
/// The path an instance took through its flowchart, read from its journal, bookmarks and incidents. A node is
/// <see cref="NodeRunState.Faulted"/> when it has an incident or a <c>Faulted</c> journal entry, else
/// <see cref="NodeRunState.Waiting"/> when it holds a bookmark, else <see cref="NodeRunState.Executed"/> when it has a
/// <c>Completed</c> journal entry. A link is taken when its source completed on the link's port and its target was
/// reached afterwards (any later journal entry, a bookmark or an incident). Activities that are not nodes of the root
/// flowchart (the root itself, nested children) are ignored.
/// </summary>
public sealed class InstanceTrace
{
    private const string Completed = "Completed", Faulted = "Faulted";

    private InstanceTrace(IReadOnlyDictionary<string, NodeRunState> nodeStates, IReadOnlySet<string> takenLinks)
    {
        NodeStates = nodeStates;
        TakenLinks = takenLinks;
    }

    /// <summary>The state of every node the instance reached, by node id; nodes not reached are absent.</summary>
    public IReadOnlyDictionary<string, NodeRunState> NodeStates { get; }

    /// <summary>The ids (<see cref="DesignerLink.Id"/>) of the links the instance followed.</summary>
    public IReadOnlySet<string> TakenLinks { get; }

    /// <summary>Traces <paramref name="instance"/> over <paramref name="graph"/>, the graph of the definition version it runs.</summary>
    /// <param name="graph">The graph of the instance's definition version.</param>
    /// <param name="instance">The instance, for its bookmarks and incidents.</param>
    /// <param name="journal">Its whole journal, in any order (it is sorted by sequence).</param>
    public static InstanceTrace Build(DesignerGraph graph, InstanceView instance, IEnumerable<JournalEntry> journal) =>
        Build(graph, instance.Bookmarks, instance.Incidents, journal);

    /// <summary>Traces a run known by its bookmarks, incidents and journal (a test run, which has no instance row).</summary>
    /// <param name="graph">The graph of the definition that ran.</param>
    /// <param name="bookmarks">The bookmarks it holds now.</param>
    /// <param name="incidents">Its incidents.</param>
    /// <param name="journal">Its whole journal, in any order (it is sorted by sequence).</param>
    public static InstanceTrace Build(DesignerGraph graph, IReadOnlyList<Bookmark> bookmarks, IReadOnlyList<Incident> incidents, IEnumerable<JournalEntry> journal)
    {
        var entries = journal.OrderBy(e => e.Sequence).ToList();
        var states = new Dictionary<string, NodeRunState>(StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => e.Event == Completed))
        {
            states[entry.ActivityId] = NodeRunState.Executed;
        }

        foreach (var bookmark in bookmarks)
        {
            states[bookmark.ActivityId] = NodeRunState.Waiting;
        }

        foreach (var activityId in incidents.Select(i => i.ActivityId)
                     .Concat(entries.Where(e => e.Event == Faulted).Select(e => e.ActivityId)))
        {
            states[activityId] = NodeRunState.Faulted;
        }

        var nodeStates = states
            .Where(s => graph.FindNode(s.Key) is not null)
            .ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);

        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var link in graph.Links)
        {
            var completions = entries
                .Where(e => e.ActivityId == link.Source && e.Event == Completed && (e.Outcomes ?? []).Contains(link.SourcePort))
                .Select(e => e.Sequence)
                .ToList();
            if (completions.Count == 0)
            {
                continue;
            }

            var first = completions.Min();
            var reachedLater = entries.Any(e => e.ActivityId == link.Target && e.Sequence > first);
            var pending = bookmarks.Any(b => b.ActivityId == link.Target) || incidents.Any(i => i.ActivityId == link.Target);
            if (reachedLater || pending)
            {
                taken.Add(link.Id);
            }
        }

        return new InstanceTrace(nodeStates, taken);
    }
}
