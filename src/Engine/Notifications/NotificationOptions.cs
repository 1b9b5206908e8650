using System.ComponentModel.DataAnnotations;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>Notification settings (section <c>Notifications</c>).</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>
    /// The product's address as people reach it (e.g. <c>https://aiplus.ndrc.gov.cn</c>): links in e-mail and SMS start
    /// with it. Default <c>http://localhost:5080</c>.
    /// </summary>
    [Required]
    [Url]
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>How often the fan-out looks for new events, and the sender for due deliveries. Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a sender holds a delivery it is sending; a delivery still <c>Sending</c> after this (its node died) is
    /// sent again with the same Message-ID. Longer than any one send may take. Default 2 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SendLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts of one delivery before it is marked failed. Default 10 (with the default delays, about 8 hours).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Wait before the first retry; it doubles per attempt. Default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest wait between two attempts. Default 4 hours.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Deliveries sent at once. Default 4.</summary>
    [Range(1, 64)]
    public int MaxConcurrentSends { get; set; } = 4;
}
