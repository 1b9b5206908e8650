namespace AiPlusTasks.Engine.Notifications;

/// <summary>
/// Tells this node's pages that a user's notifications changed (new ones committed, some marked read), so the bell
/// updates without a reload. In-process only: a page also re-reads now and then for changes made on other nodes.
/// </summary>
public sealed class NotificationSignal
{
    /// <summary>Raised with the user's id after their notifications changed; handlers must be quick and must not throw.</summary>
    public event Action<string>? Changed;

    /// <summary>Raises <see cref="Changed"/> once per user.</summary>
    public void Raise(IEnumerable<string> userIds)
    {
        foreach (var userId in userIds.Distinct(StringComparer.Ordinal))
        {
            Changed?.Invoke(userId);
        }
    }
}
