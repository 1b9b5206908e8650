using System.Globalization;
using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Activities;

namespace AiPlusTasks.Workflows.Definitions;

/// <summary>
/// A workflow definition usable as an activity type in other workflows (Elsa 3's workflow-definition activity): the
/// type name, the definition's versions marked usable as an activity, and the behaviour that runs one of them as a child
/// instance. As in Elsa (<c>WorkflowDefinitionActivityDescriptorFactory</c>), the definition's <c>inputs[]</c> are the
/// activity's inputs, its <c>outputs[]</c> its outputs and its <c>outcomes</c> its ports.
/// </summary>
public sealed class DefinitionActivityType
{
    private static readonly HashSet<string> ReservedProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "type", "version", "name", "metadata", "customProperties", "activities", "connections", "body", "root", "variables",
        "workflowDefinitionId", "workflowDefinitionVersionId", "latestAvailablePublishedVersion", "latestAvailablePublishedVersionId",
        VersionChoice.InputName,
    };

    internal DefinitionActivityType(string type, IReadOnlyList<WorkflowDefinition> versions)
    {
        Type = type;
        Versions = [.. versions.OrderBy(v => v.Version)];
        DefinitionId = Versions[0].DefinitionId;
        Activity = new WorkflowDefinitionActivity(this);
    }

    /// <summary>The type name: the definition's name in PascalCase (see <see cref="DefinitionActivityTypes.TypeName"/>).</summary>
    public string Type { get; }

    public string DefinitionId { get; }

    /// <summary>The versions marked usable as an activity, oldest first.</summary>
    public IReadOnlyList<WorkflowDefinition> Versions { get; }

    /// <summary>The published version, when it is usable as an activity.</summary>
    public WorkflowDefinition? Published => Versions.FirstOrDefault(v => v.IsPublished);

    /// <summary>What the palette and property panel show: the published version, else the newest.</summary>
    public WorkflowDefinition Shown => Published ?? Versions.FirstOrDefault(v => v.IsLatest) ?? Versions[^1];

    /// <summary>The behaviour of activities of this type.</summary>
    public IActivity Activity { get; }

    /// <summary>The version an activity of this type would run now, by <see cref="VersionChoice"/> with its literal choice; null when none matches.</summary>
    public WorkflowDefinition? VersionFor(ActivityNode node) =>
        Pick(VersionChoice.Candidates(node, node.GetInput(VersionChoice.InputName) is { Type: Expression.Literal } choice ? choice.Text : null));

    /// <summary>The first version the candidates name; null when none does.</summary>
    public WorkflowDefinition? Pick(IReadOnlyList<string> candidates) =>
        VersionChoice.Pick(candidates, Versions, v => (v.Id, v.Version, v.IsPublished, v.IsLatest));

    /// <summary>
    /// A new activity of this type as Elsa Studio writes one (<c>workflowDefinitionId</c>, <c>workflowDefinitionVersionId</c>,
    /// <c>version</c>, <c>latestAvailablePublishedVersion(Id)</c> of the shown version, so Elsa reads it), with
    /// <c>versionOptions</c> set to <c>Published</c>: it runs whatever version is published when it runs.
    /// </summary>
    public ActivityNode NewActivity(string id)
    {
        var shown = Shown;
        var latestPublished = Published ?? shown;
        var activity = new ActivityNode { Id = id, Type = Type, Version = shown.Version };
        activity.Properties["workflowDefinitionId"] = DefinitionId;
        activity.Properties["workflowDefinitionVersionId"] = shown.Id;
        activity.Properties["latestAvailablePublishedVersion"] = latestPublished.Version;
        activity.Properties["latestAvailablePublishedVersionId"] = latestPublished.Id;
        activity.Properties[VersionChoice.InputName] = new JsonObject
        {
            ["typeName"] = "String",
            ["expression"] = new JsonObject { ["type"] = Expression.Literal, ["value"] = VersionChoice.Published },
        };
        return activity;
    }

    /// <summary>A version's outcomes (Elsa's top-level <c>outcomes</c>), in file order.</summary>
    public static IReadOnlyList<string> Outcomes(WorkflowDefinition version) =>
        version.Extensions["outcomes"] is JsonArray outcomes
            ? [.. outcomes.Select(o => o is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)]
            : [];

    /// <summary>The <c>name</c>s of a version's <c>inputs[]</c> or <c>outputs[]</c>, in file order.</summary>
    public static IReadOnlyList<string> Names(IEnumerable<JsonObject> arguments) =>
        [.. arguments.Select(a => a["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().Where(s => s.Length > 0)];

    /// <summary>
    /// The JSON property that holds the input or output <paramref name="name"/> on an activity: the name in camelCase as
    /// Elsa writes it, with Elsa's <c>_</c> prefix when that would collide with a property of the activity itself.
    /// </summary>
    public static string PropertyName(string name)
    {
        var camel = name.Length == 0 ? name : char.ToLower(name[0], CultureInfo.InvariantCulture) + name[1..];
        return ReservedProperties.Contains(camel) ? "_" + camel : camel;
    }
}
