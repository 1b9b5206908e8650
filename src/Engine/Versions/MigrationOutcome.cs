using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Versions;

/// <summary>How one instance's migration ended (or, in a preview, would end), with the reasons when it did not move.</summary>
internal sealed record MigrationOutcome(MigrationResult Result, IReadOnlyList<MigrationRefusal> Reasons);
