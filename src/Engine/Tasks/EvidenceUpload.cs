namespace AiPlusTasks.Engine.Tasks;

/// <summary>An evidence file being uploaded with a report.</summary>
public sealed record EvidenceUpload(string FileName, string ContentType, byte[] Content);
