namespace AiPlusTasks.Engine.Webhooks;

/// <summary>The event types a subscription may ask for (<c>*</c>: all of them, also ones added later).</summary>
public static class WebhookEventTypes
{
    public const string All = "*";

    /// <summary>Every type the engine writes to the outbox.</summary>
    public static readonly IReadOnlyList<string> Known =
    [
        "task.created", "task.claimed", "task.reassigned", "task.progress_reported", "task.submitted", "task.returned",
        "task.approved", "task.closed", "task.completed", "task.cancelled", "task.escalated", "task.colour_changed",
        "instance.finished", "instance.faulted", "plan.version.published",
    ];
}
