namespace AiPlusTasks.Host.Tests.Notifications;

/// <summary>A <see cref="NotificationHostFactory"/> whose clock starts on Friday 2026-02-13, 08:00 China time, before the Spring Festival.</summary>
public sealed class SpringFestivalHostFactory : NotificationHostFactory
{
    protected override DateTimeOffset StartTime => new(2026, 2, 13, 0, 0, 0, TimeSpan.Zero);
}
