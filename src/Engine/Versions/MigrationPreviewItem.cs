using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Versions;

/// <summary>Whether one instance can move, and every reason when it cannot (in Chinese and English).</summary>
public sealed record MigrationPreviewItem(string InstanceId, int FromVersion, bool CanMove, IReadOnlyList<MigrationRefusal> Reasons);
