namespace AiPlusTasks.Engine.Webhooks;

/// <summary>A subscription as its owners see it; the secret is never part of it.</summary>
public sealed record WebhookSubscriptionView(
    string Id,
    string Agency,
    string Url,
    IReadOnlyList<string> EventTypes,
    string? Description,
    bool Active,
    int ConsecutiveFailures,
    DateTimeOffset? DisabledAt,
    string? DisabledReason,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastDeliveredAt,
    int PendingDeliveries)
{
    /// <summary>
    /// How <see cref="DisabledReason"/> starts when the dispatcher turned the subscription off because
    /// <see cref="WebhookOptions.DisableAfterFailures"/> attempts in a row failed (not a person).
    /// </summary>
    public const string TurnedOffByFailuresPrefix = "turned off after ";

    /// <summary>
    /// Off because its deliveries kept failing (the owners must fix the receiver and turn it on again), as opposed to
    /// turned off by a person.
    /// </summary>
    public bool TurnedOffByFailures => !Active && DisabledReason is not null && DisabledReason.StartsWith(TurnedOffByFailuresPrefix, StringComparison.Ordinal);
}
