using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>
/// A background loop that runs rounds of work: straight on while a round says there may be more, else after its
/// <see cref="WakeSignal"/> or <see cref="PollInterval"/>, whichever comes first. A failed round is logged and retried
/// after the poll interval: the loop must outlive any one failure (a locked database, a bug in one item), because the
/// work it drives would otherwise stop for good. Pacing is wall-clock time, whatever clock the domain uses.
/// </summary>
internal abstract class SignalledLoop(WakeSignal signal, ILogger logger) : BackgroundService
{
    /// <summary>How long to wait for a signal before looking anyway.</summary>
    protected abstract TimeSpan PollInterval { get; }

    /// <summary>Runs one round; returns true when more work may be waiting right now.</summary>
    protected abstract Task<bool> RunRoundAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await RunRoundAsync(stoppingToken))
                {
                    await signal.WaitAsync(PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "{Loop} failed; retrying after {Interval}", GetType().Name, PollInterval);
                await Task.Delay(PollInterval, stoppingToken);
            }
        }
    }
}
