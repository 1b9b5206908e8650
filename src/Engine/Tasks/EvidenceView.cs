namespace AiPlusTasks.Engine.Tasks;

/// <summary>An evidence file attached to a report: name, type, size and SHA-256 of the stored content.</summary>
/// <param name="FileName">The file's name as uploaded.</param>
/// <param name="ContentType">Its media type as uploaded.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the content: the key it is stored and downloaded by.</param>
/// <param name="DownloadUrl">Where the caller downloads it (<c>/api/tasks/{taskId}/evidence/{sha256}</c>); set when read through a task.</param>
public sealed record EvidenceView(string FileName, string ContentType, long Size, string Sha256, string? DownloadUrl = null);
