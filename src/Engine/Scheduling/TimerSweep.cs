using AiPlusTasks.Engine.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Scheduling;

/// <summary>
/// Every <see cref="EngineOptions.TimerSweepInterval"/>, schedules again any timer overdue by more than that interval
/// (<see cref="TimerRecovery"/>): a node that died between committing a timer and scheduling it leaves such a bookmark,
/// and on a cluster no restart of that node may come to catch it.
/// </summary>
internal sealed class TimerSweep(TimerRecovery recovery, TimeProvider time, IOptions<EngineOptions> options, ILogger<TimerSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.TimerSweepInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);
                var count = await recovery.ScheduleAsync(time.GetUtcNow() - interval, stoppingToken);
                if (count > 0)
                {
                    logger.LogInformation("{Count} timers were overdue by more than {Interval}; made sure each has its trigger", count, interval);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Sweeping overdue timers failed; trying again in {Interval}", interval);
            }
        }
    }
}
