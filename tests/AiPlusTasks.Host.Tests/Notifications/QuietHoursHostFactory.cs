namespace AiPlusTasks.Host.Tests.Notifications;

/// <summary>A <see cref="NotificationHostFactory"/> whose clock starts at 23:00 China time (15:00 UTC), inside the default quiet hours.</summary>
public sealed class QuietHoursHostFactory : NotificationHostFactory
{
    /// <summary>2026-12-15 23:00 China time.</summary>
    public static readonly DateTimeOffset Night = new(2026, 12, 15, 15, 0, 0, TimeSpan.Zero);

    /// <summary>2026-12-16 08:00 China time: the default quiet hours end.</summary>
    public static readonly DateTimeOffset Morning = new(2026, 12, 16, 0, 0, 0, TimeSpan.Zero);

    protected override DateTimeOffset StartTime => Night;
}
