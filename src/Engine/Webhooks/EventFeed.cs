namespace AiPlusTasks.Engine.Webhooks;

/// <summary>
/// Events as the webhook dispatcher takes them from the outbox, in commit order, for listeners in this process — the
/// web UI refreshes an open inbox when an event names its agency. A listener must return quickly and not throw.
/// </summary>
public sealed class EventFeed
{
    /// <summary>Raised with each batch of newly committed events.</summary>
    public event Action<IReadOnlyList<FeedEvent>>? Published;

    internal void Publish(IReadOnlyList<FeedEvent> events)
    {
        if (events.Count > 0)
        {
            Published?.Invoke(events);
        }
    }
}
