namespace AiPlusTasks.Host.Tests.Webhooks;

/// <summary>
/// A host that may send webhooks to loopback (where the tests' receivers listen), looks at its outbox every 50 ms,
/// waits 10 s (of the fake clock) before a first retry, and turns a subscription off after 3 failures in a row.
/// </summary>
public sealed class WebhookHostFactory : HostFactory
{
    public const int DisableAfterFailures = 3;

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Webhooks:AllowLoopback"] = "true",
        ["Webhooks:PollInterval"] = "00:00:00.050",
        ["Webhooks:RetryBaseDelay"] = "00:00:10",
        ["Webhooks:AttemptTimeout"] = "00:00:02",
        ["Webhooks:DisableAfterFailures"] = DisableAfterFailures.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
