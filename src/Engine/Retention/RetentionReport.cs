namespace AiPlusTasks.Engine.Retention;

/// <summary>What one retention run pruned and archived.</summary>
/// <param name="OutboxEvents">Outbox events deleted.</param>
/// <param name="WebhookDeliveries">Webhook deliveries (delivered or given up) deleted.</param>
/// <param name="IdempotencyRecords">Expired idempotency records deleted.</param>
/// <param name="Notifications">Notifications deleted, with their finished e-mail and SMS deliveries.</param>
/// <param name="ArchivedInstances">Finished instances written to the archive and deleted.</param>
/// <param name="ArchiveFile">The archive file's name in <c>Retention:ArchiveFolder</c>; null when nothing was archived.</param>
/// <param name="StartedAt">When the run began; the limits count back from here.</param>
/// <param name="FinishedAt">When it ended.</param>
public sealed record RetentionReport(
    int OutboxEvents,
    int WebhookDeliveries,
    int IdempotencyRecords,
    int Notifications,
    int ArchivedInstances,
    string? ArchiveFile,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt);
