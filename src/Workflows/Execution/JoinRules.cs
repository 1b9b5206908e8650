using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Definitions;

namespace AiPlusTasks.Workflows.Execution;

/// <summary>Reads an activity's <see cref="JoinRule"/> from its definition, as Elsa 3 does.</summary>
public static class JoinRules
{
    /// <summary>
    /// The <c>FlowJoin</c> modes Elsa 3 has written, in the designer's order; <c>WaitAny</c> is its default.
    /// <c>WaitAllInbound</c> (Elsa 3.6) is read as <c>WaitAll</c> (docs/decisions/012).
    /// </summary>
    public static IReadOnlyList<string> FlowJoinModes { get; } = ["WaitAny", "WaitAll", "WaitAllActive", "WaitAllInbound"];

    /// <summary>The merge modes Elsa 3 reads from an activity's <c>customProperties.mergeMode</c>; <c>None</c> (Elsa Studio 3.6) means the default.</summary>
    public static IReadOnlyList<string> MergeModes { get; } = ["None", "Stream", "Merge", "Converge", "Cascade", "Race"];

    /// <summary>
    /// A <c>FlowJoin</c>'s <c>mode</c> input (default <c>WaitAny</c>); else the activity's
    /// <c>customProperties.mergeMode</c>; else <see cref="JoinRule.WaitAllActive"/>. Unknown names count as absent
    /// (the validator reports them).
    /// </summary>
    public static JoinRule Of(ActivityNode activity)
    {
        if (activity.Type == ActivityTypes.FlowJoin && FromFlowJoinMode(activity.GetInput("mode")?.Text) is { } mode)
        {
            return mode;
        }

        if (FromMergeMode(MergeModeOf(activity)) is { } merge)
        {
            return merge;
        }

        return activity.Type == ActivityTypes.FlowJoin ? JoinRule.WaitAny : JoinRule.WaitAllActive;
    }

    /// <summary>The text of <c>customProperties.mergeMode</c>, or null.</summary>
    public static string? MergeModeOf(ActivityNode activity) =>
        activity.Properties["customProperties"] is JsonObject custom && custom["mergeMode"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Maps a <c>FlowJoin</c> mode name; null when absent or unknown.</summary>
    public static JoinRule? FromFlowJoinMode(string? mode) => mode?.Trim().ToUpperInvariant() switch
    {
        "WAITANY" => JoinRule.WaitAny,
        "WAITALL" or "WAITALLINBOUND" => JoinRule.WaitAll,
        "WAITALLACTIVE" => JoinRule.WaitAllActive,
        _ => null,
    };

    /// <summary>Maps a merge mode name; null when absent, <c>None</c> or unknown.</summary>
    public static JoinRule? FromMergeMode(string? mode) => mode?.Trim().ToUpperInvariant() switch
    {
        "STREAM" or "MERGE" => JoinRule.WaitAllActive,
        "CONVERGE" => JoinRule.WaitAll,
        "RACE" => JoinRule.WaitAny,
        "CASCADE" => JoinRule.Cascade,
        _ => null,
    };
}
