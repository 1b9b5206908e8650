using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Workflows.Execution;

/// <summary>A definition version prepared for execution: activities by id, their parents, and each flowchart's graph.</summary>
public sealed class WorkflowBlueprint
{
    private readonly Dictionary<string, ActivityNode> _activities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FlowchartGraph> _graphs = new(StringComparer.Ordinal);

    public WorkflowBlueprint(WorkflowDefinition definition)
    {
        Definition = definition;
        foreach (var activity in definition.AllActivities())
        {
            _activities.TryAdd(activity.Id, activity);
            if (activity.Type == ActivityTypes.Flowchart)
            {
                _graphs[activity.Id] = new FlowchartGraph(activity);
            }
        }
    }

    public WorkflowDefinition Definition { get; }

    public ActivityNode Root => Definition.Root;

    /// <exception cref="KeyNotFoundException">No activity has this id.</exception>
    public ActivityNode Activity(string id) => _activities[id];

    /// <summary>Whether an activity has this id.</summary>
    public bool Contains(string id) => _activities.ContainsKey(id);

    public FlowchartGraph Graph(ActivityNode flowchart) => _graphs[flowchart.Id];
}
