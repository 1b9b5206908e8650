namespace AiPlusTasks.Engine.Runtime;

/// <summary>A version of a definition that instances run: its version id and number.</summary>
internal sealed record PublishedVersion(string Id, int Version);
