namespace AiPlusTasks.Engine.Retention;

/// <summary>
/// Retention settings (section <c>Retention</c>), checked at start-up by <see cref="RetentionOptionsValidator"/>. What is
/// still needed is never pruned whatever the limits say: outbox events not yet dispatched or notified, webhook deliveries
/// still retrying, idempotency keys before their own 24-hour expiry, notifications with a delivery still to send, and any
/// instance a parent still waits on, that has unfinished children, queued work or an open task. The audit trail is never
/// pruned.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Whether the scheduled run happens (the manual run works either way). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A Quartz cron expression in the engine's time zone (China time). Default <c>0 30 2 * * ?</c>: 02:30 every night.</summary>
    public string Schedule { get; set; } = "0 30 2 * * ?";

    /// <summary>Rows deleted (or instances archived) per transaction. Default 500.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// The folder archive files are written to (<c>instances-yyyyMMdd-HHmmss.jsonl.gz</c>, one per run that archives
    /// anything); relative to the content root. Default <c>data/archive</c>.
    /// </summary>
    public string ArchiveFolder { get; set; } = "data/archive";

    /// <summary>Outbox events, kept this long after both the webhook dispatcher and the notification fan-out took them. Default 7 days.</summary>
    public RetentionKind Outbox { get; set; } = new() { KeepFor = TimeSpan.FromDays(7) };

    /// <summary>Webhook deliveries delivered or given up, kept this long after their last attempt. Default 30 days.</summary>
    public RetentionKind WebhookDeliveries { get; set; } = new() { KeepFor = TimeSpan.FromDays(30) };

    /// <summary>Idempotency records, kept this long past their own 24-hour expiry. Default 0 (deleted once expired).</summary>
    public RetentionKind IdempotencyKeys { get; set; } = new() { KeepFor = TimeSpan.Zero };

    /// <summary>Notifications: read ones kept this long after they were read (default 90 days), any one <see cref="NotificationRetention.KeepUnreadFor"/>.</summary>
    public NotificationRetention Notifications { get; set; } = new() { KeepFor = TimeSpan.FromDays(90) };

    /// <summary>
    /// Finished and cancelled instances (a faulted one once it is cancelled), archived and deleted this long after they
    /// ended. Default 730 days (two years: a plan's 台账 covers its whole period).
    /// </summary>
    public RetentionKind Instances { get; set; } = new() { KeepFor = TimeSpan.FromDays(730) };
}
