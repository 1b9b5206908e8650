namespace AiPlusTasks.Workflows.Execution;

/// <summary>
/// A point where an instance waits for something outside: an event by name, a time, a child workflow. Consumed
/// exactly once: resuming deletes it in the same transaction as the burst it starts.
/// </summary>
/// <param name="Id">Globally unique id.</param>
/// <param name="Kind">What resumes it: <see cref="BookmarkKinds"/>.</param>
/// <param name="Key">The lookup key: event name, child instance id; null for timers.</param>
/// <param name="CorrelationId">For events: the instance's correlation id when the bookmark was made.</param>
/// <param name="ResumeAt">For timers: when it fires (UTC).</param>
/// <param name="ContextId">The activity context that waits.</param>
/// <param name="ActivityId">The activity that waits.</param>
public sealed record Bookmark(string Id, string Kind, string? Key, string? CorrelationId, DateTimeOffset? ResumeAt, string ContextId, string ActivityId);
