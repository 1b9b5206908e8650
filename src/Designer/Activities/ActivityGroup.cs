using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Designer.Activities;

/// <summary>One palette group: a kind of activity and its types in registration order.</summary>
/// <param name="Key">The group: <c>flow</c>, <c>time</c>, <c>tasks</c>, <c>agencies</c>, <c>integration</c> or <c>other</c>.</param>
/// <param name="Types">The descriptors of the types in the group.</param>
public sealed record ActivityGroup(string Key, IReadOnlyList<ActivityDescriptor> Types)
{
    /// <summary>The group's name in the current UI culture.</summary>
    public string DisplayName => ActivityTypeNames.GroupName(Key);
}
