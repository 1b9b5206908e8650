using AiPlusTasks.Engine.Persistence;

namespace AiPlusTasks.Engine.Webhooks;

/// <summary>The event types a subscription may ask for (<c>*</c>: all of them, also ones added later).</summary>
public static class WebhookEventTypes
{
    public const string All = "*";

    /// <summary>Every type the engine writes to the outbox: <see cref="OutboxEventTypes.All"/>.</summary>
    public static IReadOnlyList<string> Known => OutboxEventTypes.All;
}
