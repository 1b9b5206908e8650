using System.Text.Json.Nodes;

namespace AiPlusTasks.Workflows.Execution;

/// <summary>A child instance a burst asked for; created and queued in the same transaction as the burst.</summary>
/// <param name="InstanceId">The child's id, chosen by the parent.</param>
/// <param name="DefinitionId">The child's definition; the version is <see cref="Versions"/>.</param>
/// <param name="Input">The child's input.</param>
/// <param name="CorrelationId">The child's correlation id.</param>
/// <param name="ParentBookmarkId">The parent's bookmark to resume when the child ends; null when the parent does not wait.</param>
/// <param name="Inline">True for <c>ExecuteWorkflow</c>: the child runs right after the parent's commit, in the same call.</param>
public sealed record ChildStart(string InstanceId, string DefinitionId, JsonObject Input, string? CorrelationId, string? ParentBookmarkId, bool Inline)
{
    /// <summary>
    /// Which version the child runs, as <see cref="Definitions.VersionChoice"/> candidates resolved when it starts; null
    /// runs the published version.
    /// </summary>
    public IReadOnlyList<string>? Versions { get; init; }
}
