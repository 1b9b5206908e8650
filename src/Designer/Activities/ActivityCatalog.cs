using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Designer.Activities;

/// <summary>
/// The activity types the designer offers, from the engine's descriptors: lookup by type, the ports of an activity,
/// the inputs a new activity starts with, and the palette groups. Besides the built-in types, the workflow definitions
/// usable as activities (the engine's <see cref="DefinitionActivityTypes"/>, as of its last refresh) are offered in
/// the <c>workflows</c> group when they have a published version, as Elsa Studio lists them.
/// </summary>
public sealed class ActivityCatalog
{
    /// <summary>Palette groups in display order; a descriptor's <see cref="ActivityDescriptor.Category"/> names its group.</summary>
    public static readonly IReadOnlyList<string> GroupOrder = ["flow", "time", "tasks", "agencies", "integration", WorkflowsGroup, "other"];

    private const string WorkflowsGroup = "workflows";

    /// <summary>
    /// Composites whose children the canvas cannot edit yet: activities of these types in a file are shown and kept
    /// whole, but the palette does not offer them (a new one would be an empty shell the validator rejects).
    /// </summary>
    public static readonly IReadOnlySet<string> NotInPalette = new HashSet<string>(StringComparer.Ordinal)
    {
        ActivityTypes.Flowchart, ActivityTypes.Sequence, ActivityTypes.ParallelForEach,
    };

    private readonly Dictionary<string, ActivityDescriptor> _byType = new(StringComparer.Ordinal);
    private readonly DefinitionActivityTypes? _definitionTypes;
    private readonly IReadOnlyList<ActivityGroup> _builtInGroups;

    /// <param name="descriptors">The descriptors in registration order (the engine's <c>IActivity.Descriptor</c>s).</param>
    /// <param name="definitionTypes">The definitions usable as activities; null offers built-in types only.</param>
    public ActivityCatalog(IEnumerable<ActivityDescriptor> descriptors, DefinitionActivityTypes? definitionTypes = null)
    {
        _definitionTypes = definitionTypes;
        foreach (var descriptor in descriptors)
        {
            _byType.TryAdd(descriptor.Type, descriptor);
        }

        All = [.. _byType.Values];
        _builtInGroups =
        [
            .. All.Where(d => !NotInPalette.Contains(d.Type))
                .GroupBy(d => GroupOrder.Contains(d.Category) ? d.Category : "other")
                .OrderBy(g => GroupOrder.ToList().IndexOf(g.Key))
                .Select(g => new ActivityGroup(g.Key, [.. g])),
        ];
    }

    /// <summary>Every built-in type, in registration order (definitions usable as activities are in <see cref="Groups"/>).</summary>
    public IReadOnlyList<ActivityDescriptor> All { get; }

    /// <summary>
    /// The palette: the types a user can add, grouped by kind, groups in <see cref="GroupOrder"/>; the <c>workflows</c>
    /// group lists the published definitions usable as activities, by type name.
    /// </summary>
    public IReadOnlyList<ActivityGroup> Groups
    {
        get
        {
            var definitions = _definitionTypes?.All.Where(t => t.Published is not null && !_byType.ContainsKey(t.Type)).Select(t => t.Activity.Descriptor).ToList() ?? [];
            return definitions.Count == 0
                ? _builtInGroups
                : [.. _builtInGroups.Append(new ActivityGroup(WorkflowsGroup, definitions)).OrderBy(g => GroupOrder.ToList().IndexOf(g.Key))];
        }
    }

    /// <summary>The descriptor of a type (built in, or a definition usable as an activity), or null when the engine does not know it.</summary>
    public ActivityDescriptor? Find(string type) => _byType.GetValueOrDefault(type) ?? DefinitionType(type)?.Activity.Descriptor;

    /// <summary>What the palette calls a type: a definition's name for a definition usable as an activity, else <see cref="ActivityTypeNames.DisplayName"/>.</summary>
    public string DisplayName(string type) =>
        DefinitionType(type)?.Shown.Name is { Length: > 0 } name ? name : ActivityTypeNames.DisplayName(type);

    /// <summary>
    /// The label of an input: for a definition usable as an activity, the <c>displayName</c> (else <c>name</c>) its
    /// <c>inputs[]</c> gives it; otherwise <see cref="ActivityTypeNames.InputLabel"/>.
    /// </summary>
    public string InputLabel(string type, string input)
    {
        if (DefinitionType(type) is { } definitionType)
        {
            var declared = definitionType.Shown.Inputs.FirstOrDefault(i => i["name"] is JsonValue name && DefinitionActivityType.PropertyName(name.ToString()) == input);
            var label = declared?["displayName"] as JsonValue ?? declared?["name"] as JsonValue;
            if (label is not null && label.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text))
            {
                return text;
            }
        }

        return ActivityTypeNames.InputLabel(type, input);
    }

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

    /// <summary>
    /// A new activity of a type with its default inputs as Literal expressions (Elsa writes scalars as strings). One of a
    /// definition usable as an activity carries the definition reference Elsa writes and runs the published version.
    /// </summary>
    /// <exception cref="ArgumentException">The type is unknown.</exception>
    public ActivityNode Create(string type, string id)
    {
        var descriptor = Find(type) ?? throw new ArgumentException($"unknown activity type '{type}'", nameof(type));
        var activity = DefinitionType(type)?.NewActivity(id) ?? new ActivityNode { Id = id, Type = type };
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

    /// <summary>The definition usable as an activity that a type names, unless a built-in type has that name.</summary>
    private DefinitionActivityType? DefinitionType(string type) =>
        !_byType.ContainsKey(type) && _definitionTypes is not null && _definitionTypes.TryGet(type, out var definitionType) ? definitionType : null;
}
