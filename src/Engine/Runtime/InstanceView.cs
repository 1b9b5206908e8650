using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>What a caller sees of an instance.</summary>
public sealed record InstanceView(
    string Id,
    string DefinitionId,
    int DefinitionVersion,
    WorkflowStatus Status,
    string? CorrelationId,
    string? ParentInstanceId,
    JsonObject Input,
    JsonObject Variables,
    JsonObject Output,
    IReadOnlyList<Incident> Incidents,
    IReadOnlyList<Bookmark> Bookmarks,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt);
