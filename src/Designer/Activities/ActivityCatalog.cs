using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Definitions;

namespace AiPlusTasks.Designer.Activities;

/// <summary>
/// The activity types the designer offers, from the engine's descriptors: lookup by type, the ports of an activity,
/// the inputs a new activity starts with, and the palette groups.
/// </summary>
public sealed class ActivityCatalog
{
    /// <summary>Palette groups in display order; a descriptor's <see cref="ActivityDescriptor.Category"/> names its group.</summary>
    public static readonly IReadOnlyList<string> GroupOrder = ["flow", "time", "tasks", "agencies", "integration", "other"];

    /// <summary>
    /// Composites whose children the canvas cannot edit yet: activities of these types in a file are shown and kept
    /// whole, but the palette does not offer them (a new one would be an empty shell the validator rejects).
    /// </summary>
    public static readonly IReadOnlySet<string> NotInPalette = new HashSet<string>(StringComparer.Ordinal)
    {
        ActivityTypes.Flowchart, ActivityTypes.Sequence, ActivityTypes.ParallelForEach,
    };

    private readonly Dictionary<string, ActivityDescriptor> _byType = new(StringComparer.Ordinal);

    /// <param name="descriptors">The descriptors in registration order (the engine's <c>IActivity.Descriptor</c>s).</param>
    public ActivityCatalog(IEnumerable<ActivityDescriptor> descriptors)
    {
        foreach (var descriptor in descriptors)
        {
            _byType.TryAdd(descriptor.Type, descriptor);
        }

        All = [.. _byType.Values];
        Groups =
        [
            .. All.Where(d => !NotInPalette.Contains(d.Type))
                .GroupBy(d => GroupOrder.Contains(d.Category) ? d.Category : "other")
                .OrderBy(g => GroupOrder.ToList().IndexOf(g.Key))
                .Select(g => new ActivityGroup(g.Key, [.. g])),
        ];
    }

    /// <summary>Every known type, in registration order.</summary>
    public IReadOnlyList<ActivityDescriptor> All { get; }

    /// <summary>The palette: the types a user can add, grouped by kind, groups in <see cref="GroupOrder"/>.</summary>
    public IReadOnlyList<ActivityGroup> Groups { get; }

    /// <summary>The descriptor of a type, or null when the engine does not know it.</summary>
    public ActivityDescriptor? Find(string type) => _byType.GetValueOrDefault(type);

    /// <summary>The outcome ports of an activity; none for an unknown type.</summary>
    public IReadOnlyList<string> Ports(ActivityNode activity) =>
        Find(activity.Type) is { } descriptor ? descriptor.Outcomes(activity) : [];

    /// <summary>
    /// The Elsa <c>typeName</c> an input of this kind is declared with when the designer creates it (files may say
    /// otherwise; an existing input keeps its own).
    /// </summary>
    public static string TypeNameFor(InputKind kind) => kind switch
    {
        InputKind.Number => "Double",
        InputKind.Condition => "Boolean",
        InputKind.Duration => "TimeSpan",
        InputKind.Json or InputKind.Value => "Object",
        _ => "String",
    };

    /// <summary>The expression type a new binding of an input of this kind starts as.</summary>
    public static string DefaultExpressionType(InputKind kind) => kind switch
    {
        InputKind.Condition => Expression.JavaScript,
        InputKind.Json => Expression.Object,
        _ => Expression.Literal,
    };

    /// <summary>A new activity of a type with its default inputs as Literal expressions (Elsa writes scalars as strings).</summary>
    /// <exception cref="ArgumentException">The type is unknown.</exception>
    public ActivityNode Create(string type, string id)
    {
        var descriptor = Find(type) ?? throw new ArgumentException($"unknown activity type '{type}'", nameof(type));
        var activity = new ActivityNode { Id = id, Type = type };
        foreach (var input in descriptor.Inputs.Where(i => i.DefaultValue is not null))
        {
            activity.Properties[input.Name] = new JsonObject
            {
                ["typeName"] = TypeNameFor(input.Kind),
                ["expression"] = new JsonObject { ["type"] = Expression.Literal, ["value"] = input.DefaultValue },
            };
        }

        return activity;
    }
}
