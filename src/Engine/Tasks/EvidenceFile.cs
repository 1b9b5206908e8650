namespace AiPlusTasks.Engine.Tasks;

/// <summary>A stored evidence file to hand out: its name and type as reported, and its content.</summary>
public sealed record EvidenceFile(string FileName, string ContentType, byte[] Content);
