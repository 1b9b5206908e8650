using AiPlusTasks.Engine.Activities;

namespace AiPlusTasks.Engine.Definitions;

/// <summary>The activity types this engine knows, by type name. Built from every registered <see cref="IActivity"/>.</summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, IActivity> _activities;

    public ActivityRegistry(IEnumerable<IActivity> activities)
    {
        _activities = new Dictionary<string, IActivity>(StringComparer.Ordinal);
        foreach (var activity in activities)
        {
            if (!_activities.TryAdd(activity.Descriptor.Type, activity))
            {
                throw new InvalidOperationException($"activity type '{activity.Descriptor.Type}' is registered twice");
            }
        }
    }

    public bool TryGet(string type, out IActivity activity) => _activities.TryGetValue(type, out activity!);

    /// <exception cref="InvalidOperationException">The type is unknown (validation rejects such definitions first).</exception>
    public IActivity Get(string type) =>
        _activities.TryGetValue(type, out var activity) ? activity : throw new InvalidOperationException($"unknown activity type '{type}'");
}
