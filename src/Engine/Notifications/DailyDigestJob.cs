using Quartz;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>
/// Quartz's job for the daily digest: runs <see cref="DailyDigest"/> for the day of its scheduled fire (engine time
/// zone). The digest itself checks that the day is a working day, whatever the trigger's calendar said.
/// </summary>
internal sealed class DailyDigestJob(DailyDigest digest, Microsoft.Extensions.Options.IOptions<Runtime.EngineOptions> engineOptions) : IJob
{
    public static readonly JobKey Key = new("daily-digest", "notifications");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(engineOptions.Value.TimeZone);
        var local = TimeZoneInfo.ConvertTime(context.ScheduledFireTimeUtc ?? context.FireTimeUtc, zone);
        await digest.RunAsync(DateOnly.FromDateTime(local.DateTime), cancellationToken);
    }
}
