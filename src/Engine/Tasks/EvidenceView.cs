namespace AiPlusTasks.Engine.Tasks;

/// <summary>An evidence file attached to a report: name, type, size and SHA-256 of the stored content.</summary>
public sealed record EvidenceView(string FileName, string ContentType, long Size, string Sha256);
