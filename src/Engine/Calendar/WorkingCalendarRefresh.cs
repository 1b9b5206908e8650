using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Calendar;

/// <summary>
/// Puts the NDRC corrections in force at start (before the scheduler registers its working-day calendar), then every
/// <see cref="CalendarOptions.RefreshInterval"/> picks up corrections other nodes recorded, and once a (local) day logs a
/// warning while a year has no official data (<see cref="CalendarCoverage.MissingYear"/>).
/// </summary>
internal sealed class WorkingCalendarRefresh(
    CalendarRevisionService revisions,
    CalendarCoverage coverage,
    TimeProvider time,
    IOptions<CalendarOptions> options,
    ILogger<WorkingCalendarRefresh> logger) : BackgroundService
{
    private DateOnly? _warnedOn;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await revisions.RefreshAsync(cancellationToken);
        WarnOncePerDay();
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await revisions.RefreshAsync(stoppingToken))
                {
                    logger.LogInformation("Working calendar: corrections recorded on another node are now in force");
                }

                WarnOncePerDay();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Working calendar: looking for corrections failed; the calendar in force stays as it is");
            }
        }
    }

    private void WarnOncePerDay()
    {
        var today = coverage.Today;
        if (_warnedOn == today || coverage.MissingYear() is not { } year)
        {
            return;
        }

        _warnedOn = today;
        logger.LogWarning(
            "Working calendar: {Year} has no official holidays and make-up working days yet; its working days count Monday to Friday. An NDRC supervisor enters them on the calendar page (/calendar) once the State Council publishes them",
            year);
    }
}
