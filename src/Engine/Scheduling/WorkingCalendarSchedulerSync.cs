using AiPlusTasks.Engine.Calendar;
using AiPlusTasks.Engine.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace AiPlusTasks.Engine.Scheduling;

/// <summary>
/// Keeps the scheduler's <see cref="WorkingCalendar.QuartzCalendarName"/> calendar equal to the working calendar in
/// force: each time <see cref="WorkingCalendar.Changed"/> is raised it registers a new <see cref="WorkingDayQuartzCalendar"/>
/// under that name, replacing the old one and recomputing the next fire time of every trigger that uses it. (The first
/// one is registered with the scheduler's content at start.)
/// </summary>
internal sealed class WorkingCalendarSchedulerSync(
    WorkingCalendar calendar,
    ISchedulerFactory schedulers,
    IOptions<EngineOptions> options,
    ILogger<WorkingCalendarSchedulerSync> logger) : IHostedService
{
    private readonly TimeZoneInfo _timeZone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
    private readonly Lock _gate = new();
    private Task _pending = Task.CompletedTask;

    /// <summary>The replacement started by the latest change (completed when there is none).</summary>
    public Task Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending;
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        calendar.Changed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        calendar.Changed -= OnChanged;
        return Pending.WaitAsync(cancellationToken);
    }

    private void OnChanged()
    {
        lock (_gate)
        {
            // One after the other, so an older calendar never lands after a newer one.
            _pending = _pending.ContinueWith(_ => ReplaceAsync(), TaskScheduler.Default).Unwrap();
        }
    }

    private async Task ReplaceAsync()
    {
        try
        {
            var scheduler = await schedulers.GetScheduler();
            await scheduler.AddCalendar(WorkingCalendar.QuartzCalendarName, WorkingDayQuartzCalendar.For(calendar, _timeZone), AddCalendarOptions.ReplacingAndUpdatingTriggers);
            logger.LogInformation("Working calendar: the Quartz calendar {Name} was replaced; triggers using it were rescheduled", WorkingCalendar.QuartzCalendarName);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Working calendar: the Quartz calendar {Name} could not be replaced; triggers keep the previous working days", WorkingCalendar.QuartzCalendarName);
        }
    }
}
