using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AiPlusTasks.Workflows.Definitions;

/// <summary>
/// The activity types made from workflow definitions marked usable as activities, as of the last
/// <see cref="Replace"/>. The host's definition store replaces the snapshot from the database after every
/// import and publish and before it validates; the runtime does so when a definition it loads names a type it does not
/// know (another node may have published it). Reads are lock-free: a snapshot is never changed, only swapped.
/// </summary>
public sealed partial class DefinitionActivityTypes
{
    private volatile Snapshot _snapshot = new(
        new Dictionary<string, DefinitionActivityType>(StringComparer.Ordinal), new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal));

    /// <summary>Every type, by type name.</summary>
    public IReadOnlyList<DefinitionActivityType> All => [.. _snapshot.Types.Values.OrderBy(t => t.Type, StringComparer.Ordinal)];

    /// <summary>The type of this name; false when no definition usable as an activity has it (or several do).</summary>
    public bool TryGet(string type, out DefinitionActivityType activityType) => _snapshot.Types.TryGetValue(type, out activityType!);

    /// <summary>The definitions that share <paramref name="type"/>'s name, when more than one does (the type is then unusable); else empty.</summary>
    public IReadOnlyList<string> Ambiguous(string type) => _snapshot.Ambiguous.GetValueOrDefault(type) ?? [];

    /// <summary>
    /// Replaces the snapshot with the versions among <paramref name="versions"/> that are usable as activities, grouped
    /// by type name. Their <c>isPublished</c>/<c>isLatest</c> flags must be current (the store keeps them so).
    /// </summary>
    public void Replace(IEnumerable<WorkflowDefinition> versions)
    {
        var types = new Dictionary<string, DefinitionActivityType>(StringComparer.Ordinal);
        var ambiguous = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var group in versions.Where(IsUsableAsActivity).GroupBy(TypeName, StringComparer.Ordinal))
        {
            var definitions = group.Select(v => v.DefinitionId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (definitions.Count > 1)
            {
                ambiguous[group.Key] = definitions;
                continue;
            }

            types[group.Key] = new DefinitionActivityType(group.Key, [.. group]);
        }

        _snapshot = new Snapshot(types, ambiguous);
    }

    /// <summary>The property that marks a definition usable as an activity; JSON text without it never is.</summary>
    public const string Flag = "usableAsActivity";

    /// <summary>
    /// Whether a version is usable as an activity: Elsa 3's <c>options.usableAsActivity</c>, or the top-level
    /// <c>usableAsActivity</c> of Elsa 3.0's files.
    /// </summary>
    public static bool IsUsableAsActivity(WorkflowDefinition definition) =>
        IsTrue((definition.Extensions["options"] as JsonObject)?[Flag]) || IsTrue(definition.Extensions[Flag]);

    /// <summary>
    /// The type name of a definition used as an activity, as Elsa 3 makes it (<c>definition.Name.Pascalize()</c> in
    /// <c>WorkflowDefinitionActivityDescriptorFactory</c>, with Humanizer 3 as elsa-core now references it): an ASCII
    /// letter at the start or after spaces, underscores or hyphens is upper-cased and those separators removed;
    /// <c>child review</c> is <c>ChildReview</c>, <c>my-child</c> is <c>MyChild</c>, Chinese names stay as they are.
    /// A definition without a name uses its definition id.
    /// </summary>
    public static string TypeName(WorkflowDefinition definition) =>
        PascalizePattern().Replace(string.IsNullOrWhiteSpace(definition.Name) ? definition.DefinitionId : definition.Name, m => m.Groups[1].Value.ToUpperInvariant());

    private static bool IsTrue(JsonNode? node) => node is JsonValue value
        && ((value.TryGetValue<bool>(out var flag) && flag) || (value.TryGetValue<string>(out var text) && bool.TryParse(text, out flag) && flag));

    [GeneratedRegex("(?:[ _-]+|^)([a-zA-Z])")]
    private static partial Regex PascalizePattern();

    private sealed record Snapshot(IReadOnlyDictionary<string, DefinitionActivityType> Types, IReadOnlyDictionary<string, IReadOnlyList<string>> Ambiguous);
}
