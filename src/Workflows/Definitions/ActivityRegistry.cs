using AiPlusTasks.Workflows.Activities;

namespace AiPlusTasks.Workflows.Definitions;

/// <summary>
/// The activity types this engine knows, by type name: every registered <see cref="IActivity"/>, then the workflow
/// definitions usable as activities (<see cref="DefinitionActivityTypes"/>, as of their last refresh). A built-in type
/// wins over a definition of the same name.
/// </summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, IActivity> _activities;
    private readonly DefinitionActivityTypes? _definitionTypes;

    public ActivityRegistry(IEnumerable<IActivity> activities, DefinitionActivityTypes? definitionTypes = null)
    {
        _definitionTypes = definitionTypes;
        _activities = new Dictionary<string, IActivity>(StringComparer.Ordinal);
        foreach (var activity in activities)
        {
            if (!_activities.TryAdd(activity.Descriptor.Type, activity))
            {
                throw new InvalidOperationException($"activity type '{activity.Descriptor.Type}' is registered twice");
            }
        }
    }

    public bool TryGet(string type, out IActivity activity)
    {
        if (_activities.TryGetValue(type, out activity!))
        {
            return true;
        }

        if (_definitionTypes is not null && _definitionTypes.TryGet(type, out var definitionType))
        {
            activity = definitionType.Activity;
            return true;
        }

        return false;
    }

    /// <summary>The ids of the definitions usable as activities that share the type name <paramref name="type"/> (so none of them is used); empty when none do.</summary>
    public IReadOnlyList<string> AmbiguousDefinitions(string type) => _definitionTypes?.Ambiguous(type) ?? [];

    /// <summary>Why a type is unknown, for validation: <c>unknown activity type 'X'</c>, saying when several definitions share the name.</summary>
    public string UnknownTypeMessage(string type) => AmbiguousDefinitions(type) is { Count: > 0 } definitions
        ? $"unknown activity type '{type}': the workflow definitions {string.Join(", ", definitions.Select(d => $"'{d}'"))} are all usable as activities under that name; rename all but one"
        : $"unknown activity type '{type}'";

    /// <exception cref="InvalidOperationException">The type is unknown (validation rejects such definitions first).</exception>
    public IActivity Get(string type) =>
        TryGet(type, out var activity) ? activity : throw new InvalidOperationException($"unknown activity type '{type}'");
}
