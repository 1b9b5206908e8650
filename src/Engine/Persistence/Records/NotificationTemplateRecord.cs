namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>An NDRC override of a notification template (kind × channel × language); without one, the default applies.</summary>
public sealed class NotificationTemplateRecord
{
    public required string Kind { get; set; }

    public required string Channel { get; set; }

    public required string Language { get; set; }

    /// <summary>The subject (in-app title, e-mail subject); null for SMS.</summary>
    public string? Subject { get; set; }

    public required string Body { get; set; }

    public required string UpdatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
