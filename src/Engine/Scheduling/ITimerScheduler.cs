using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Scheduling;

/// <summary>
/// Fires timer bookmarks at their time. The bookmark table is the source of truth: scheduling happens after the
/// burst that made the bookmark commits, and firing resumes the bookmark, which runs at most once however often
/// it fires.
/// </summary>
public interface ITimerScheduler
{
    /// <summary>Arranges for <paramref name="bookmark"/> to be resumed at its <see cref="Bookmark.ResumeAt"/>.</summary>
    Task ScheduleAsync(string instanceId, Bookmark bookmark, CancellationToken cancellationToken);

    /// <summary>Forgets a timer whose bookmark was removed; a missed unschedule is harmless.</summary>
    Task UnscheduleAsync(string bookmarkId, CancellationToken cancellationToken);
}
