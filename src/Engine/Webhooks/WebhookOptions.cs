using System.ComponentModel.DataAnnotations;

namespace AiPlusTasks.Engine.Webhooks;

/// <summary>Webhook delivery settings (section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string SectionName = "Webhooks";

    /// <summary>Allow targets on loopback addresses (127.0.0.0/8, ::1). For tests and local development. Default false.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>
    /// Networks (CIDR, e.g. <c>10.20.0.0/16</c>) where targets are allowed although private or link-local — an agency's
    /// systems on the government extranet. Default none: only public addresses.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>How often the dispatcher looks for events and due retries it was not woken for. Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the dispatcher waits after being woken for committed events before it looks, so that the events of many
    /// commits in quick succession go out in one round (two queries) instead of a round per commit. Adds up to this much
    /// to the time from commit to delivery. Default 5 milliseconds; zero looks at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan WakeDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Longest one HTTP attempt may take, connection included. Default 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:02:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Wait before the first retry of a failed delivery; it doubles per attempt, with jitter. Default 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait between two attempts. Default 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a delivery is retried, from its first attempt, before it is marked failed. Default 24 hours.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "30.00:00:00")]
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Failed attempts in a row after which a subscription is disabled and its owners are told. Its pending deliveries
    /// wait, and go out when it is enabled again. Default 40 (with the default delays, about 30 hours of failures).
    /// </summary>
    [Range(1, 10_000)]
    public int DisableAfterFailures { get; set; } = 40;

    /// <summary>How many subscriptions are delivered to at once (one delivery at a time each, in order). Default 8.</summary>
    [Range(1, 256)]
    public int MaxConcurrentSubscriptions { get; set; } = 8;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var network in AllowedNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"'{network}' is not a network in CIDR notation (e.g. 10.20.0.0/16)", [nameof(AllowedNetworks)]);
        }
    }
}
