using AiPlusTasks.Engine.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>
/// Quartz's job for the daily digest: runs <see cref="DailyDigest"/> for the day of its scheduled fire (engine time
/// zone). The digest itself checks that the day is a working day, whatever the trigger's calendar said. A fire more
/// than <see cref="MaxLateness"/> late (the Host was down at 09:00, or the clock jumped) is skipped: a to-do list for a
/// day that is over helps nobody, and the next working day's comes at its time.
/// </summary>
internal sealed class DailyDigestJob(DailyDigest digest, TimeProvider time, IOptions<EngineOptions> engineOptions, ILogger<DailyDigestJob> logger) : IJob
{
    public static readonly JobKey Key = new("daily-digest", "notifications");

    /// <summary>How late a digest may still go out: until noon for the 09:00 digest.</summary>
    public static readonly TimeSpan MaxLateness = TimeSpan.FromHours(3);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var scheduled = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(engineOptions.Value.TimeZone);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(scheduled, zone).DateTime);
        var late = time.GetUtcNow() - scheduled;
        if (late > MaxLateness)
        {
            logger.LogInformation("Daily digest of {Day} skipped: its time passed {Late} ago", day, late);
            return;
        }

        await digest.RunAsync(day, cancellationToken);
    }
}
