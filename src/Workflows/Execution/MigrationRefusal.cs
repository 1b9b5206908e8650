namespace AiPlusTasks.Workflows.Execution;

/// <summary>Why an instance cannot move: the activity of the source version concerned, and the reason in Chinese and English.</summary>
public sealed record MigrationRefusal(string ActivityId, string Zh, string En);
