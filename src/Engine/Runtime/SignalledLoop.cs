using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>
/// A background loop that runs rounds of work: straight on while a round says there may be more, else after its
/// <see cref="WakeSignal"/> or <see cref="PollInterval"/>, whichever comes first, and then <see cref="WakeDelay"/>
/// more, so that signals sent in quick succession cause one round: the signals that arrive before a round starts are
/// all answered by it. A failed round is logged and retried
/// after the poll interval: the loop must outlive any one failure (a locked database, a bug in one item), because the
/// work it drives would otherwise stop for good. Pacing is wall-clock time, whatever clock the domain uses.
/// </summary>
internal abstract class SignalledLoop(WakeSignal signal, ILogger logger) : BackgroundService
{
    /// <summary>How long to wait for a signal before looking anyway.</summary>
    protected abstract TimeSpan PollInterval { get; }

    /// <summary>How long to wait after a signal (or the poll) before the round. Default zero.</summary>
    protected virtual TimeSpan WakeDelay => TimeSpan.Zero;

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
                    if (WakeDelay > TimeSpan.Zero)
                    {
                        await Task.Delay(WakeDelay, stoppingToken);

                        // The round about to run sees everything committed before these signals were sent.
                        signal.Clear();
                    }
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
